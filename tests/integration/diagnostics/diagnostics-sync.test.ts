// The diagnostics screen against a real receiver: a kiosk backend on a real SQLite file uploads
// to the reference city server on 127.0.0.1, and what getDiagnostics reports (the queue by
// state, the last sync and its error, the clock offset) matches what the receiver stored;
// "test connection" sends one real heartbeat and reports a server that went away. A damaged
// database is reported as damaged by the check in its worker thread.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPin } from '../../../electron/services/admin/pin-hash';
import { createKioskBackend, type KioskBackend } from '../../../electron/services/backend';
import { DATABASE_FILE_NAME, openDatabase } from '../../../electron/services/db/database';
import { createDiagnosticsRunner } from '../../../electron/services/diagnostics/diagnostics-runner';
import { silentLogger } from '../../../electron/services/logger';
import { dispatchKioskCall } from '../../../shared/dispatch';
import type { Result } from '../../../shared/errors';
import type { AdminSessionInfo, ConnectionCheck, Diagnostics } from '../../../shared/kiosk-api';
import { startCityServer, TEST_KIOSK_TOKEN, type TestCityServer } from '../../support/city-server';
import { buildKioskDb, leafPages, overwritePage } from '../../support/damaged-db';
import { insertRatings } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';
import { writeTestConfig } from '../../support/test-config';

const PIN = '246810';
const DEADLINE_MS = 30_000;

let t: ReturnType<typeof tempDir>;
let city: TestCityServer;
let backend: KioskBackend;
let session: string;

const call = <T>(method: string, input: unknown) => dispatchKioskCall(backend.handlers, method, input) as Promise<Result<T>>;

async function diagnostics(): Promise<Diagnostics> {
  const r = await call<Diagnostics>('getDiagnostics', { session });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** Polls the diagnostics until `done` holds, or fails with the last figures at the deadline. */
async function diagnosticsUntil(done: (d: Diagnostics) => boolean): Promise<Diagnostics> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    const d = await diagnostics();
    if (done(d)) return d;
    if (Date.now() > deadline) throw new Error(`diagnostics never got there: ${JSON.stringify(d.uploads)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  t = tempDir('diagnostics-sync-');
  // Ratings more than 30 days old are refused by this receiver: one of the five will be.
  city = await startCityServer({ acceptWindow: { maxAgeDays: 30, maxAheadDays: 1 } });
  const dataDir = path.join(t.dir, 'data');
  const db = openDatabase(path.join(dataDir, DATABASE_FILE_NAME));
  const hourAgo = Date.now() - 3600_000;
  insertRatings(db, [
    { at: hourAgo, level: 5 },
    { at: hourAgo + 1000, level: 4 },
    { at: hourAgo + 2000, level: 2, reasons: ['late'] },
    { at: hourAgo + 3000, level: 5 },
    { at: '2020-01-06T09:00:00+07:00', level: 4 },
  ]);
  db.close();
  const configPath = writeTestConfig(t.dir, {
    admin: { pinHash: await hashPin(PIN, { N: 1024, r: 8, p: 1 }) },
    server: { url: city.url, token: TEST_KIOSK_TOKEN, intervalSeconds: 1, backoff: { baseSeconds: 1, maxSeconds: 1 } },
  });
  backend = createKioskBackend({ paths: { dataDir, configPath }, appVersion: '1.0.0-test', logger: silentLogger });
  if (backend.startupError) throw new Error(JSON.stringify(backend.startupError));
  const unlocked = await call<AdminSessionInfo>('adminUnlock', { pin: PIN });
  if (!unlocked.ok) throw new Error(JSON.stringify(unlocked.error));
  session = unlocked.value.session;
}, 60_000);

afterAll(async () => {
  backend?.close();
  await city?.close();
  t?.cleanup();
});

describe('diagnostics against a real receiver', () => {
  it('counts what the receiver took and refused, with the last sync and the clock offset from its heartbeat', async () => {
    const d = await diagnosticsUntil((x) => x.uploads.pending === 0 && x.uploads.lastSuccessAt !== null);
    expect(d.uploads).toMatchObject({ pending: 0, delivered: 4, rejected: 1, lastError: null, oldestPendingAt: null });
    expect(city.count()).toBe(4);
    expect(Date.parse(d.uploads.lastSuccessAt!)).toBeGreaterThan(Date.now() - DEADLINE_MS - 60_000);
    // The receiver runs on this machine's clock: the offset is the round trip's error at most.
    expect(typeof d.clockOffsetMs).toBe('number');
    expect(Math.abs(d.clockOffsetMs!)).toBeLessThan(5_000);
    expect(d.config).toMatchObject({ serverHost: new URL(city.url).host, tokenSet: true, proxy: { mode: 'direct', host: null } });
    expect(JSON.stringify(d)).not.toContain(TEST_KIOSK_TOKEN);
  });

  it('tests the connection with one heartbeat, uploading nothing', async () => {
    const before = city.count();
    const r = await call<ConnectionCheck>('testConnection', { session });
    expect(r).toMatchObject({
      ok: true,
      value: { ok: true, kind: 'ok', serverHost: new URL(city.url).host, httpStatus: 200, via: 'direct', proxy: null, routeSource: 'none', detail: null },
    });
    const check = (r as { value: ConnectionCheck }).value;
    expect(check.ms).toBeGreaterThanOrEqual(0);
    expect(Math.abs(check.clockOffsetMs!)).toBeLessThan(5_000);
    expect(city.count()).toBe(before);
  });

  it('reports a server that went away: the test fails as a network error, and the next sync leaves its error', async () => {
    await city.close();
    const r = await call<ConnectionCheck>('testConnection', { session });
    expect(r).toMatchObject({ ok: true, value: { ok: false, kind: 'network', via: 'direct', httpStatus: null } });
    expect((r as { value: ConnectionCheck }).value.detail).toContain('ECONNREFUSED');
    const d = await diagnosticsUntil((x) => x.uploads.lastError !== null);
    expect(d.uploads.lastError).toMatchObject({ code: 'network' });
    expect(d.uploads).toMatchObject({ pending: 0, delivered: 4, rejected: 1 });
  });
});

describe('the database check', () => {
  it('finds a damaged file damaged, on its own read-only connection in a worker thread, and changes nothing', async () => {
    const file = path.join(t.dir, 'damaged', DATABASE_FILE_NAME);
    fs.mkdirSync(path.dirname(file));
    buildKioskDb(file, 2000);
    const page = leafPages(file, 'ratings')[3]!;
    overwritePage(file, page.pageno);
    const bytes = fs.readFileSync(file);
    const runner = createDiagnosticsRunner({ logger: silentLogger });
    const r = await runner.inspect(file);
    expect(r.ok).toBe(true);
    const inspection = (r as { value: { integrity: string; integrityDetail: string | null } }).value;
    expect(inspection.integrity).toBe('damaged');
    expect(inspection.integrityDetail).toBeTruthy();
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('says why it could not check a file that is not there', async () => {
    const runner = createDiagnosticsRunner({ logger: silentLogger });
    const r = await runner.inspect(path.join(t.dir, 'absent', DATABASE_FILE_NAME));
    expect(r).toMatchObject({ ok: true, value: { integrity: 'unchecked', schemaVersion: null, counts: { pending: 0, delivered: 0, rejected: 0 } } });
  });
});
