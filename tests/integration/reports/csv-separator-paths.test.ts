// `exports.csvSeparator` reaches every way a CSV is made: the admin screen's export (the kiosk
// backend's export worker, the same in Electron and the web host; fetched here the way the
// page fetches it) and `npm run admin -- export`, a real process. Real SQLite, real HTTP.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../../electron/services/admin/pin-hash';
import { createKioskBackend, type KioskBackend } from '../../../electron/services/backend';
import { silentLogger } from '../../../electron/services/logger';
import { startWebHost, type WebHost } from '../../../electron/web-host/web-host';
import type { Result } from '../../../shared/errors';
import type { AdminSessionInfo, ExportOutput } from '../../../shared/kiosk-api';
import { runAdmin } from '../../support/admin-cli';
import { insertRatings } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';
import { writeTestConfig } from '../../support/test-config';
import { readDelimited } from '../../support/csv';

const PIN = '246810';
const DAY = '2026-12-01';
const COMMENT = 'Chờ "rất" lâu; quầy đông\r\nđề nghị bố trí thêm ghế';
/** What the one rating's comment and counter cells must read back as, each one field. */
const EXPECTED = { comment: COMMENT, counter: 'Quầy Đất đai; Xây dựng' };

let t: { dir: string; cleanup: () => void };
let dataDir: string;
let backend: KioskBackend;
let host: WebHost;

function expectSemicolonFile(bytes: Buffer) {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const rows = readDelimited(bytes.toString('utf8').slice(1), ';');
  expect(rows).toHaveLength(2);
  expect(rows.map((r) => r.length)).toEqual([18, 18]);
  expect(rows[0]![0]).toBe('STT lượt');
  expect({ comment: rows[1]![6], counter: rows[1]![7] }).toEqual(EXPECTED);
}

async function api<T>(method: string, input: unknown): Promise<Result<T>> {
  const res = await fetch(new URL(`api/${method}`, host.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Kiosk-Token': host.token },
    body: JSON.stringify(input),
  });
  return (await res.json()) as Result<T>;
}

beforeAll(async () => {
  t = tempDir('csv-separator-paths-');
  dataDir = path.join(t.dir, 'data');
  const rendererDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<p>kiosk</p>');
  const pinHash = await hashPin(PIN, { N: 1024, r: 8, p: 1 });
  const configPath = writeTestConfig(t.dir, {
    kiosk: { counterId: 'Q7' },
    counters: [{ id: 'Q7', name: 'Quầy Đất đai; Xây dựng' }],
    admin: { pinHash },
    exports: { csvSeparator: ';' },
  });
  backend = createKioskBackend({ paths: { dataDir, configPath }, appVersion: '1.0.0', logger: silentLogger });
  if (backend.startupError) throw new Error(JSON.stringify(backend.startupError));
  insertRatings(backend.db!, [{ at: `${DAY}T09:00:00+07:00`, level: 2, reasons: ['other'], comment: COMMENT, counterId: 'Q7' }]);
  host = await startWebHost({ handlers: backend.handlers, exportFiles: backend.exports, rendererDir, logger: silentLogger });
});
afterAll(async () => {
  await host.close();
  backend.close();
  t.cleanup();
});

describe('the configured CSV separator', () => {
  it("is used by the admin screen's export", async () => {
    const unlocked = await api<AdminSessionInfo>('adminUnlock', { pin: PIN });
    if (!unlocked.ok) throw new Error(JSON.stringify(unlocked.error));
    const out = await api<ExportOutput>('exportReport', { session: unlocked.value.session, from: DAY, to: DAY, format: 'csv' });
    if (!out.ok) throw new Error(JSON.stringify(out.error));
    const res = await fetch(new URL(`exports/${out.value.fileId}`, host.url), { headers: { 'X-Kiosk-Token': host.token } });
    expect(res.status).toBe(200);
    expectSemicolonFile(Buffer.from(await res.arrayBuffer()));
  });

  it('is used by `npm run admin -- export --format csv`', async () => {
    const file = path.join(t.dir, 'cli.csv');
    const r = await runAdmin([
      'export',
      '--data-dir',
      dataDir,
      '--from',
      DAY,
      '--to',
      DAY,
      '--format',
      'csv',
      '--out',
      file,
      '--config',
      path.join(t.dir, 'config.json'),
    ]);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expectSemicolonFile(fs.readFileSync(file));
  });
});
