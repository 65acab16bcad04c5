// The diagnostics screen's methods as the shells call them: the real backend on a real SQLite
// file, its worker threads, a real log folder. Each needs the admin PIN's live session. What
// they answer names the token only as set or not, a proxy only by its host, and the zip for IT
// is unpacked here and searched for every secret and every piece of a citizen's data that was
// planted in the database and the logs.
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../../electron/services/admin/pin-hash';
import { IT_ONLY } from '../../../electron/services/admin/session-guard';
import { createKioskBackend, type KioskBackend } from '../../../electron/services/backend';
import { DATABASE_FILE_NAME, openDatabase } from '../../../electron/services/db/database';
import { UPDATE_ATTEMPTS_FILE, writeUpdateAttempts } from '../../../electron/main/update-attempts';
import { CUT_MARK, readRecentLogs } from '../../../electron/services/diagnostics/diagnostics-bundle';
import { createDiagnosticsRunner } from '../../../electron/services/diagnostics/diagnostics-runner';
import { createDiagnosticsService } from '../../../electron/services/diagnostics/diagnostics-service';
import { REDACTED } from '../../../electron/services/diagnostics/redaction';
import { silentLogger } from '../../../electron/services/logger';
import { createExportFiles } from '../../../electron/services/reports/export-files';
import { dispatchKioskCall } from '../../../shared/dispatch';
import type { Result } from '../../../shared/errors';
import type { AdminSessionInfo, Diagnostics, ExportOutput, SyncStatus } from '../../../shared/kiosk-api';
import { insertRatings } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig, writeTestConfig } from '../../support/test-config';

const PIN = '246810';
const OFFICER_PIN = '135790';
const TOKEN = 'tok-8d2e6f0a4c9b1357-kiosk';
const PROXY_USER = 'svc-kiosk';
const PROXY_PASSWORD = 'Pr0xy-S3cret';
const COMMENT = 'Cán bộ hướng dẫn rất tận tình';
const PHONE = '0912345678';
const DOSSIER = '000.00.31.H21-261201-0042';

let t: ReturnType<typeof tempDir>;
let backend: KioskBackend;
/** The update task's install-loop record, as written. */
let attempts: string;
let configPath: string;
let logsDir: string;
let headSession: string;
let officerSession: string;
let pinHash: string;
let officerHash: string;

const call = (method: string, input: unknown) => dispatchKioskCall(backend.handlers, method, input);

/** Every secret and every piece of citizen data that must not leave through diagnostics. */
const forbidden = () => [TOKEN, pinHash, officerHash, PROXY_USER, PROXY_PASSWORD, COMMENT, PHONE, '091 234 5678', DOSSIER, 'Nguyễn Thị Lan'];

function expectNoneOf(text: string, what: string): void {
  for (const secret of forbidden()) expect(text, `${what} holds "${secret}"`).not.toContain(secret);
}

async function unlock(input: { pin: string; officerId?: string }): Promise<string> {
  const r = (await call('adminUnlock', input)) as Result<AdminSessionInfo>;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.session;
}

beforeAll(async () => {
  [pinHash, officerHash] = await Promise.all([hashPin(PIN, { N: 1024, r: 8, p: 1 }), hashPin(OFFICER_PIN, { N: 1024, r: 8, p: 1 })]);
  t = tempDir('diagnostics-handlers-');
  const dataDir = path.join(t.dir, 'data');
  fs.mkdirSync(dataDir);
  configPath = writeTestConfig(t.dir, {
    // An address that resolves nowhere: the uploader's attempts fail at once and change no count.
    server: { url: 'https://city.invalid:8443/kiosk', token: TOKEN, proxy: `http://${PROXY_USER}:${PROXY_PASSWORD}@proxy.invalid:3128`, intervalSeconds: 3600 },
    admin: { pinHash },
    counters: [{ id: 'Q1', name: 'Quầy 1' }],
    kiosk: { counterId: 'Q1' },
    officers: [{ id: 'lan.nt', name: 'Nguyễn Thị Lan', counterId: 'Q1', pinHash: officerHash }],
    officeHours: { days: [1, 2, 3, 4, 5, 6], start: '07:30', end: '17:00' },
    contact: { enabled: true },
  });
  // Six ratings: three waiting, two delivered, one refused by the server; comments and dossier codes on them.
  const db = openDatabase(path.join(dataDir, DATABASE_FILE_NAME));
  insertRatings(
    db,
    Array.from({ length: 6 }, (_, i) => ({
      at: `2026-12-01T${String(8 + i).padStart(2, '0')}:00:00+07:00`,
      level: 2 as const,
      comment: COMMENT,
      dossierCode: i === 0 ? DOSSIER : `000.00.31.H21-261201-010${i}`,
    })),
  );
  db.exec(`UPDATE ratings SET upload_state = 'delivered', delivered_at_ms = created_at_ms WHERE seq IN (1, 2)`);
  db.exec(`UPDATE ratings SET upload_state = 'rejected', reject_reason = 'created_at_too_old' WHERE seq = 3`);
  db.close();
  // The shell's log folder with a slip in it: secrets and citizen data written by mistake.
  logsDir = path.join(t.dir, 'logs');
  fs.mkdirSync(logsDir);
  fs.writeFileSync(
    path.join(logsDir, 'main.log'),
    [
      '[2026-12-01 08:00:00.123] [info]  kiosk starting { version: "0.1.0" }',
      `[2026-12-01 08:00:01.000] [warn]  upload failed { url: 'https://${PROXY_USER}:${PROXY_PASSWORD}@proxy.invalid:3128', token: '${TOKEN}' }`,
      `{"level":40,"time":1764554401000,"msg":"amend","comment":"${COMMENT}","dossierCode":"${DOSSIER}"}`,
      `[2026-12-01 08:00:02.000] [info]  contact left by 091 234 5678 / ${PHONE}; hash ${pinHash}; officer ${officerHash}`,
      `Authorization: Bearer ${TOKEN}`,
      '[2026-12-01 08:00:03.000] [info]  upload worker started { pending: 3 }',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(logsDir, 'main.old.log'), '[2026-11-30 17:00:00.000] [info]  kiosk stopping\n');
  fs.writeFileSync(path.join(logsDir, 'crash.dmp'), 'not a log');
  // The SYSTEM update task's own log, in a folder of its own under the logs folder.
  fs.mkdirSync(path.join(logsDir, 'system-update'));
  fs.writeFileSync(path.join(logsDir, 'system-update', 'main.log'), '[2026-12-01 02:31:00.000] [info]  system update: nothing newer\n');
  // The install-loop guard's record, as the update task writes it after one install that did not take.
  const attemptsFile = path.join(logsDir, 'system-update', UPDATE_ATTEMPTS_FILE);
  const record = {
    targetVersion: '1.3.0',
    runningVersion: '1.2.3-test',
    attempts: 1,
    firstAttemptAt: '2026-12-01T19:40:00.000Z',
    lastAttemptAt: '2026-12-01T19:40:00.000Z',
  };
  expect(writeUpdateAttempts(attemptsFile, record, silentLogger)).toBe(true);
  attempts = fs.readFileSync(attemptsFile, 'utf8');
  const old = new Date('2026-11-30T10:00:00Z');
  fs.utimesSync(path.join(logsDir, 'main.old.log'), old, old);

  backend = createKioskBackend({ paths: { dataDir, configPath }, appVersion: '1.2.3-test', logger: silentLogger, logsDir });
  if (backend.startupError) throw new Error(JSON.stringify(backend.startupError));
  // A survey phone number left through the contract, as a citizen would.
  expect(await call('submitContact', { phone: PHONE, consent: true })).toMatchObject({ ok: true });
  headSession = await unlock({ pin: PIN });
  officerSession = await unlock({ pin: OFFICER_PIN, officerId: 'lan.nt' });
}, 60_000);

afterAll(() => {
  backend?.close();
  t?.cleanup();
});

describe('the admin session', () => {
  it.each(['getDiagnostics', 'testConnection', 'exportDiagnostics'])('%s needs a live session and the admin PIN, not an officer’s', async (method) => {
    expect(await call(method, { session: 'x'.repeat(32) })).toEqual({ ok: false, error: { code: 'ADMIN_SESSION_EXPIRED' } });
    expect(await call(method, { session: officerSession })).toEqual({ ok: false, error: { code: 'FORBIDDEN', detail: IT_ONLY.refusal } });
    expect(await call(method, {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'session' } });
  });
});

describe('getDiagnostics', () => {
  let d: Diagnostics;
  beforeAll(async () => {
    const r = (await call('getDiagnostics', { session: headSession })) as Result<Diagnostics>;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    d = r.value;
  });

  it('summarises the configuration: the token as set, the proxy by its host, the file it came from', () => {
    expect(d.appVersion).toBe('1.2.3-test');
    expect(d.config).toEqual({
      source: 'file',
      path: configPath,
      unitCode: 'TEST-UNIT',
      unitName: 'Phường Thử nghiệm',
      kioskId: 'kiosk-01',
      counterId: 'Q1',
      counterName: 'Quầy 1',
      scale: '3',
      timezone: 'Asia/Ho_Chi_Minh',
      serverHost: 'city.invalid:8443',
      tokenSet: true,
      proxy: { mode: 'configured', host: 'proxy.invalid:3128', credentials: true },
      officeHours: { days: [1, 2, 3, 4, 5, 6], start: '07:30', end: '17:00' },
      updatesHost: null,
      csvSeparator: ',',
      officers: 1,
      counters: 1,
    });
  });

  it('gives the database figures from its own read-only check, and the queue by state', () => {
    const file = path.join(path.dirname(d.database.file), DATABASE_FILE_NAME);
    expect(d.database).toMatchObject({ file, integrity: 'ok', integrityDetail: null });
    expect(d.database.schemaVersion).toBeGreaterThan(0);
    const onDisk = fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
    expect(d.database.bytes).toBeGreaterThan(0);
    expect(Math.abs(d.database.bytes - onDisk)).toBeLessThan(1024 * 1024);
    expect(d.uploads).toMatchObject({ pending: 3, delivered: 2, rejected: 1, lastSuccessAt: null });
    expect(d.uploads.oldestPendingAt).toBe('2026-12-01T11:00:00.000+07:00');
  });

  it('gives the free space of the data folder, the log folder and the storage state', () => {
    expect(d.disk.dataDir).toBe(path.dirname(d.database.file));
    expect(d.disk.freeBytes).toBeGreaterThan(0);
    expect(d.disk.freeBytes!).toBeLessThanOrEqual(d.disk.totalBytes!);
    expect(d.logsDir).toBe(logsDir);
    expect(d.storage).toEqual({ recovery: null, fullAt: null });
  });

  it('carries no secret and none of the citizens’ data', () => {
    expectNoneOf(JSON.stringify(d), 'getDiagnostics');
  });
});

describe('exportDiagnostics', () => {
  let output: ExportOutput;
  let files: Record<string, string>;
  beforeAll(async () => {
    const r = (await call('exportDiagnostics', { session: headSession })) as Result<ExportOutput>;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    output = r.value;
    const taken = backend.exports!.take(output.fileId)!;
    const bytes = fs.readFileSync(taken.file);
    expect(bytes.length).toBe(output.bytes);
    await taken.dispose();
    files = Object.fromEntries(
      Object.entries(unzipSync(new Uint8Array(bytes)))
        .filter(([name]) => !name.endsWith('/'))
        .map(([name, data]) => [name, strFromU8(data)]),
    );
  });

  it('is a zip handed over by id like a report, named for the kiosk and the time', () => {
    expect(output).toMatchObject({ mime: 'application/zip', fileName: expect.stringMatching(/^chan-doan-kiosk-01-\d{8}-\d{4}\.zip$/) });
    expect(Object.keys(files).sort()).toEqual([
      'README.txt',
      'config.json',
      'diagnostics.json',
      'logs/main.log',
      'logs/main.old.log',
      'logs/system-update/main.log',
      'logs/system-update/update-attempts.json',
    ]);
  });

  it('holds no secret and none of the citizens’ data, in any file', () => {
    for (const [name, text] of Object.entries(files)) expectNoneOf(text, name);
  });

  it('keeps what IT needs: the diagnostics, the configuration with its secrets marked, the logs’ other lines', () => {
    const diagnostics = JSON.parse(files['diagnostics.json']!) as Diagnostics;
    expect(diagnostics.uploads).toMatchObject({ pending: 3, delivered: 2, rejected: 1 });
    expect(diagnostics.config.tokenSet).toBe(true);
    const config = JSON.parse(files['config.json']!) as ReturnType<typeof parsedTestConfig>;
    expect(config.server).toMatchObject({ url: 'https://city.invalid:8443/kiosk', token: REDACTED, proxy: `http://${REDACTED}@proxy.invalid:3128/` });
    expect(config.admin.pinHash).toBe(REDACTED);
    expect(config.officers).toEqual([{ id: 'lan.nt', name: REDACTED, counterId: 'Q1', pinHash: REDACTED }]);
    expect(config.unit.code).toBe('TEST-UNIT');
    const log = files['logs/main.log']!;
    expect(log).toContain('[2026-12-01 08:00:00.123] [info]  kiosk starting { version: "0.1.0" }');
    expect(log).toContain('[2026-12-01 08:00:03.000] [info]  upload worker started { pending: 3 }');
    expect(log).toContain(`"comment":"${REDACTED}"`);
    expect(files['logs/main.old.log']).toBe('[2026-11-30 17:00:00.000] [info]  kiosk stopping\n');
    expect(files['logs/system-update/main.log']).toBe('[2026-12-01 02:31:00.000] [info]  system update: nothing newer\n');
    expect(files['logs/system-update/update-attempts.json']).toBe(attempts);
  });

  it('leaves nothing behind once collected', () => {
    expect(fs.readdirSync(path.join(path.dirname(configPath), 'data', 'temp', 'exports'))).toEqual([]);
  });
});

describe('readRecentLogs', () => {
  it('takes the newest log files first, at most so many, and only the end of a long one, from a whole line', () => {
    const dir = path.join(t.dir, 'many-logs');
    fs.mkdirSync(dir);
    for (let i = 0; i < 5; i++) {
      const file = path.join(dir, `kiosk.${i}.log`);
      fs.writeFileSync(file, Array.from({ length: 100 }, (_, n) => `file ${i} line ${n}`).join('\n') + '\n');
      const when = new Date(Date.UTC(2026, 11, 1, 10, i));
      fs.utimesSync(file, when, when);
    }
    fs.writeFileSync(path.join(dir, 'readme.md'), 'not a log');
    const logs = readRecentLogs(dir, { maxFiles: 3, maxBytesPerFile: 200, maxTotalBytes: 10_000 });
    expect(logs.map((l) => l.name)).toEqual(['kiosk.4.log', 'kiosk.3.log', 'kiosk.2.log']);
    const first = logs[0]!.text;
    expect(first.startsWith(CUT_MARK)).toBe(true);
    expect(first.endsWith('file 4 line 99\n')).toBe(true);
    expect(first.slice(CUT_MARK.length).split('\n')[0]).toMatch(/^file 4 line \d+$/);
    expect(Buffer.byteLength(first.slice(CUT_MARK.length))).toBeLessThanOrEqual(200);
  });

  it('stops at the total budget, and finds nothing where there is no folder', () => {
    const dir = path.join(t.dir, 'many-logs');
    expect(readRecentLogs(dir, { maxFiles: 10, maxBytesPerFile: 10_000, maxTotalBytes: 1 }).length).toBe(1);
    expect(readRecentLogs(path.join(t.dir, 'absent'))).toEqual([]);
    expect(readRecentLogs(null)).toEqual([]);
  });
});

describe('when parts cannot be read', () => {
  const idleStatus: SyncStatus = {
    state: 'disabled',
    pending: 7,
    rejected: 2,
    oldestPendingAt: null,
    lastAttemptAt: null,
    lastSuccessAt: null,
    lastError: null,
    nextAttemptAt: null,
    clockOffsetMs: null,
  };

  it('still answers: a check that did not finish in time, a data folder that is gone, a zip that could not be written', async () => {
    const dir = path.join(t.dir, 'broken');
    const files = createExportFiles({ dir: path.join(dir, 'exports') });
    const runner = createDiagnosticsRunner({ logger: silentLogger, timeoutMs: 1 });
    const service = createDiagnosticsService({
      config: parsedTestConfig(),
      configSource: 'demo',
      configPath: null,
      dataDir: path.join(dir, 'no-such-folder'),
      dbFile: path.join(dir, 'no-such-folder', DATABASE_FILE_NAME),
      appVersion: '1.2.3-test',
      logsDir: null,
      languagePacks: { dir: path.join(dir, 'languages'), packs: [] },
      systemProxy: true,
      syncStatus: () => idleStatus,
      storage: () => ({ recovery: null, fullAt: null }),
      checkConnection: () => Promise.reject(new Error('not called')),
      files,
      runner,
      now: () => Date.parse('2026-12-01T09:00:00+07:00'),
      logger: silentLogger,
    });
    const r = await service.collect();
    expect(r.ok).toBe(true);
    const d = (r as { value: Diagnostics }).value;
    expect(d.database).toMatchObject({ integrity: 'unchecked', schemaVersion: null, bytes: 0 });
    expect(d.database.integrityDetail).toContain('did not finish');
    expect(d.uploads).toMatchObject({ pending: 7, delivered: null, rejected: 2, state: 'disabled' });
    expect(d.disk).toEqual({ dataDir: path.join(dir, 'no-such-folder'), freeBytes: null, totalBytes: null });
    expect(d.config).toMatchObject({
      source: 'demo',
      path: null,
      proxy: { mode: 'system', host: null, credentials: false },
      serverHost: null,
      tokenSet: false,
    });
    expect(d.logsDir).toBeNull();
    expect(await service.exportZip()).toMatchObject({ ok: false, error: { code: 'EXPORT_FAILED' } });
    expect(files.pending()).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'exports'))).toEqual([]);
    files.close();
  });
});
