// `npm run admin -- contacts …` as a real process against a temp data dir, the way IT runs
// it for a citizen's deletion request or a scheduled job runs the retention purge.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openDatabase } from '../../../electron/services/db/database';
import { createContactService } from '../../../electron/services/contact-service';
import { runAdmin } from '../../support/admin-cli';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig, writeTestConfig } from '../../support/test-config';

const DAY_MS = 86_400_000;

const admin = (args: string[], env: NodeJS.ProcessEnv = {}) => runAdmin(args, { env });

const CONFIG = {
  unit: { name: 'UBND phường Hội Phú' },
  contact: { enabled: true, retentionDays: 30 },
};

let dir: { dir: string; cleanup: () => void };
let dataDir: string;
const countIn = (d: string) => {
  const db = openDatabase(path.join(d, DATABASE_FILE_NAME));
  try {
    return db.prepare<[], string>('SELECT phone FROM contacts ORDER BY phone').pluck().all();
  } finally {
    db.close();
  }
};

/** A data dir holding numbers left `daysAgo` days before now. */
function seed(d: string, rows: Array<[phone: string, daysAgo: number]>): void {
  fs.mkdirSync(d, { recursive: true });
  writeTestConfig(d, CONFIG);
  const db = openDatabase(path.join(d, DATABASE_FILE_NAME));
  const config = parsedTestConfig(CONFIG);
  for (const [phone, daysAgo] of rows) {
    const r = createContactService({ db, config, now: () => Date.now() - daysAgo * DAY_MS }).submit({ phone, consent: true });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
  }
  db.close();
}

beforeAll(() => {
  dir = tempDir('admin-cli-contacts-');
  dataDir = path.join(dir.dir, 'data');
  seed(dataDir, [
    ['0912345678', 40],
    ['0912345678', 2],
    ['0987654321', 45],
    ['0987654321', 1],
    ['02838221234', 3],
  ]);
});
afterAll(() => dir.cleanup());

describe('admin contacts', () => {
  // Sequential on purpose: each step depends on what the previous one deleted.
  it('counts, deletes one number (however written), then purges past retention', async () => {
    const count = await admin(['contacts', 'count', '--data-dir', dataDir]);
    expect({ code: count.code, stderr: count.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(count.stdout)).toEqual({ count: 5 });

    const del = await admin(['contacts', 'delete', '--phone', '+84 912 345 678', '--data-dir', dataDir, '--config', path.join(dataDir, 'config.json')]);
    expect({ code: del.code, stderr: del.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(del.stdout)).toEqual({ deleted: 2, remaining: 3 });
    expect(del.stdout).not.toMatch(/912/);
    expect(countIn(dataDir)).toEqual(['02838221234', '0987654321', '0987654321']);

    const again = await admin(['contacts', 'delete', '--phone', '0912345678', '--data-dir', dataDir]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toEqual({ deleted: 0, remaining: 3 });

    const purge = await admin(['contacts', 'purge', '--data-dir', dataDir]);
    expect({ code: purge.code, stderr: purge.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(purge.stdout)).toEqual({ purged: 1, retentionDays: 30, remaining: 2 });
    expect(countIn(dataDir)).toEqual(['02838221234', '0987654321']);
  });

  it('finds the data folder through KIOSK_DATA_DIR when --data-dir is not given', async () => {
    const other = path.join(dir.dir, 'from-env');
    seed(other, [['0356789012', 0]]);
    const r = await admin(['contacts', 'count'], { KIOSK_DATA_DIR: other });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ count: 1 });
  });
});

describe('contacts: bad arguments exit 2 with a clear message and change nothing', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['no action', ['contacts'], /give an action: delete, purge or count/],
    ['unknown action', ['contacts', 'list', '--data-dir', 'DATA'], /unknown action "list"/],
    ['delete without --phone', ['contacts', 'delete', '--data-dir', 'DATA'], /--phone NUMBER is required/],
    ['invalid number', ['contacts', 'delete', '--phone', '0212345678', '--data-dir', 'DATA'], /--phone must be a Vietnamese number/],
    ['--phone on count', ['contacts', 'count', '--phone', '0987654321', '--data-dir', 'DATA'], /unknown flag --phone/],
    ['missing database', ['contacts', 'count', '--data-dir', 'MISSING'], /no kiosk database/],
    ['missing config file', ['contacts', 'purge', '--data-dir', 'DATA', '--config', 'MISSING/config.json'], /config file not found/],
  ];
  it('for every case', async () => {
    const before = countIn(dataDir);
    const runs = await Promise.all(
      cases.map(([, args]) => admin(args.map((a) => a.replace('DATA', dataDir).replace('MISSING', path.join(dir.dir, 'missing'))))),
    );
    runs.forEach((r, i) => {
      const [name, , message] = cases[i]!;
      expect({ name, code: r.code, stdout: r.stdout }).toEqual({ name, code: 2, stdout: '' });
      expect(r.stderr, name).toMatch(message);
      expect(r.stderr, name).toContain('Usage: npm run admin -- contacts');
    });
    // The refused number is not echoed (stderr may land in a job's log).
    expect(runs[3]!.stderr).not.toContain('0212345678');
    expect(countIn(dataDir)).toEqual(before);
  });
});
