// Every admin command that reads a kiosk finds it as the README says: --data-dir DIR or
// KIOSK_DATA_DIR, --config FILE or KIOSK_CONFIG, flags winning over the variables. And a
// misspelt flag on any command is refused with exit 2 before anything is opened.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openDatabase } from '../../../electron/services/db/database';
import { insertRatings } from '../../support/rating-fixtures';
import { runAdmin } from '../../support/admin-cli';
import { tempDir } from '../../support/temp-db';
import { TEST_KIOSK_ID, testKioskConfig, writeTestConfig } from '../../support/test-config';

const admin = (args: string[], env: NodeJS.ProcessEnv = {}) => runAdmin(args, { env: { KIOSK_LOG_LEVEL: 'silent', ...env } });

let t: { dir: string; cleanup: () => void };
/** Holds ratings.db and a config naming "Phường Kho"; `empty` holds neither. */
let kiosk: string;
let empty: string;
/** A config file outside the data folder, naming another unit. */
let otherConfig: string;

beforeAll(() => {
  t = tempDir('admin-location-');
  kiosk = path.join(t.dir, 'kiosk');
  empty = path.join(t.dir, 'empty');
  fs.mkdirSync(empty);
  const db = openDatabase(path.join(kiosk, DATABASE_FILE_NAME));
  insertRatings(db, [{ at: '2026-12-01T10:00:00+07:00', level: 5 }]);
  db.close();
  writeTestConfig(kiosk, { unit: { name: 'Phường Kho' } });
  otherConfig = path.join(t.dir, 'other.json');
  fs.writeFileSync(otherConfig, JSON.stringify(testKioskConfig({ unit: { name: 'Phường Khác' } })));
});
afterAll(() => t.cleanup());

const DAY = ['--from', '2026-12-01', '--to', '2026-12-01'];

describe('the data folder and the config', () => {
  it('come from KIOSK_DATA_DIR and KIOSK_CONFIG when no flag is given, for every command', async () => {
    const env = { KIOSK_DATA_DIR: kiosk };
    const out = path.join(t.dir, 'env.csv');
    const runs = await Promise.all([
      admin(['status'], env),
      admin(['tally', ...DAY, '--json'], env),
      admin(['export', ...DAY, '--format', 'csv', '--out', out], env),
      admin(['contacts', 'count'], env),
      admin(['tally', ...DAY], { ...env, KIOSK_CONFIG: otherConfig }),
    ]);
    for (const r of runs) expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(runs[0]!.stdout)).toMatchObject({ kioskId: TEST_KIOSK_ID, pending: 1 });
    expect(JSON.parse(runs[1]!.stdout)).toMatchObject({ total: 1 });
    expect(fs.existsSync(out)).toBe(true);
    expect(JSON.parse(runs[3]!.stdout)).toEqual({ count: 0 });
    expect(runs[4]!.stdout).toContain('Phường Khác');
  });

  it('come from the flags when both are given (flags win)', async () => {
    const env = { KIOSK_DATA_DIR: empty, KIOSK_CONFIG: path.join(empty, 'absent.json') };
    const [tally, status] = await Promise.all([
      admin(['tally', '--data-dir', kiosk, '--config', otherConfig, ...DAY], env),
      admin(['status', '--data-dir', kiosk, '--config', path.join(kiosk, 'config.json')], env),
    ]);
    expect({ code: tally.code, stderr: tally.stderr }).toEqual({ code: 0, stderr: '' });
    expect(tally.stdout).toContain('Phường Khác');
    expect({ code: status.code, stderr: status.stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('a KIOSK_DATA_DIR without a kiosk, or a KIOSK_CONFIG that does not exist, is exit 2 naming it', async () => {
    const [noDb, noConfig] = await Promise.all([
      admin(['sync'], { KIOSK_DATA_DIR: empty }),
      admin(['tally', '--data-dir', kiosk], { KIOSK_CONFIG: path.join(empty, 'absent.json') }),
    ]);
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toContain(`no kiosk database at ${path.join(empty, DATABASE_FILE_NAME)}`);
    expect(noConfig.code).toBe(2);
    expect(noConfig.stderr).toContain(`config file not found: ${path.join(empty, 'absent.json')}`);
  });
});

describe('a misspelt flag', () => {
  const cases: Array<[string[], string]> = [
    [['status', '--data-dri', 'DATA'], '--data-dri'],
    [['sync', '--data-dir', 'DATA', '--confg', 'x.json'], '--confg'],
    [['tally', '--data-dir', 'DATA', '--form', '2026-12-01', '--to', '2026-12-01'], '--form'],
    [['export', '--data-dir', 'DATA', '--fromat', 'csv', '--out', 'OUT'], '--fromat'],
    [['contacts', 'purge', '--datadir', 'DATA'], '--datadir'],
    [['hash-pin', '--pni', '1234'], '--pni'],
  ];
  it('exits 2 on every command, naming the flag, and changes nothing', async () => {
    const out = path.join(t.dir, 'never.csv');
    const runs = await Promise.all(cases.map(([args]) => admin(args.map((a) => a.replace('DATA', kiosk).replace('OUT', out)))));
    runs.forEach((r, i) => {
      const [args, flag] = cases[i]!;
      expect({ command: args[0], code: r.code, stdout: r.stdout }).toEqual({ command: args[0], code: 2, stdout: '' });
      expect(r.stderr).toContain(`unknown flag ${flag}\nUsage: npm run admin -- ${args[0]}`);
    });
    expect(fs.existsSync(out)).toBe(false);
  });
});
