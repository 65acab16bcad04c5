// The admin methods as a shell calls them: createKioskBackend + dispatchKioskCall, a real
// database in a temp dir, a config file with a (cheap) PIN hash and an injected clock.
import fs from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hashPin } from '../../../electron/services/admin/pin-hash';
import { createKioskBackend, type KioskBackend } from '../../../electron/services/backend';
import { silentLogger } from '../../../electron/services/logger';
import { dispatchKioskCall } from '../../../shared/dispatch';
import type { Result } from '../../../shared/errors';
import type { AdminSessionInfo, ExportOutput } from '../../../shared/kiosk-api';
import { tempDir } from '../../support/temp-db';
import { writeTestConfig, type TestConfigOverrides } from '../../support/test-config';

const PIN = '246810';
let pinHash = '';
let dir: { dir: string; cleanup: () => void };
let clock = Date.parse('2026-12-01T09:00:00+07:00');
const backends: KioskBackend[] = [];

beforeAll(async () => {
  pinHash = await hashPin(PIN, { N: 1024, r: 8, p: 1 });
});
beforeEach(() => {
  dir = tempDir('admin-');
  clock = Date.parse('2026-12-01T09:00:00+07:00');
});
afterEach(() => {
  for (const b of backends.splice(0)) b.close();
  dir.cleanup();
});

function start(admin: NonNullable<TestConfigOverrides['admin']> = {}): KioskBackend {
  const configPath = writeTestConfig(dir.dir, { admin: { pinHash, maxPinAttempts: 3, lockoutBaseSeconds: 60, idleSeconds: 120, ...admin } });
  const b = createKioskBackend({ paths: { dataDir: dir.dir, configPath }, appVersion: '0.0.0-test', logger: silentLogger, now: () => clock });
  if (b.startupError) throw new Error(JSON.stringify(b.startupError));
  backends.push(b);
  return b;
}

const call = (b: KioskBackend, method: string, input: unknown) => dispatchKioskCall(b.handlers, method, input);
const unlock = (b: KioskBackend, pin: string) => call(b, 'adminUnlock', { pin }) as Promise<Result<AdminSessionInfo>>;
const day = { from: '2026-12-01', to: '2026-12-01' };

async function session(b: KioskBackend): Promise<string> {
  const r = await unlock(b, PIN);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.session;
}

describe('adminUnlock', () => {
  it('opens a session with the right PIN, expiring idleSeconds from now', async () => {
    const r = await unlock(start(), PIN);
    expect(r).toMatchObject({ ok: true, value: { expiresAt: new Date(clock + 120_000).toISOString() } });
  });

  it('counts wrong PINs down, then locks with a doubling delay, refusing even the right PIN meanwhile', async () => {
    const b = start();
    expect(await unlock(b, '1111')).toEqual({ ok: false, error: { code: 'PIN_WRONG', params: { n: 2 } } });
    expect(await unlock(b, '2222')).toEqual({ ok: false, error: { code: 'PIN_WRONG', params: { n: 1 } } });
    expect(await unlock(b, '3333')).toEqual({ ok: false, error: { code: 'PIN_LOCKED', params: { m: 1, seconds: 60 } } });
    clock += 30_000;
    expect(await unlock(b, PIN)).toEqual({ ok: false, error: { code: 'PIN_LOCKED', params: { m: 1, seconds: 30 } } });
    clock += 30_000;
    await unlock(b, '1111');
    await unlock(b, '1111');
    expect(await unlock(b, '1111')).toEqual({ ok: false, error: { code: 'PIN_LOCKED', params: { m: 2, seconds: 120 } } });
    clock += 120_000;
    for (let i = 0; i < 3; i++) await unlock(b, '1111');
    expect((await unlock(b, PIN)) as unknown).toEqual({ ok: false, error: { code: 'PIN_LOCKED', params: { m: 4, seconds: 240 } } });
  });

  it('keeps the lock across a restart (closing and reopening the database)', async () => {
    const first = start();
    for (let i = 0; i < 3; i++) await unlock(first, '9999');
    first.close();
    backends.splice(0);
    clock += 10_000;
    const second = start();
    expect(await unlock(second, PIN)).toEqual({ ok: false, error: { code: 'PIN_LOCKED', params: { m: 1, seconds: 50 } } });
    clock += 50_000;
    expect((await unlock(second, PIN)).ok).toBe(true);
  });

  it('resets the count and the doubling after a correct PIN', async () => {
    const b = start();
    for (let i = 0; i < 3; i++) await unlock(b, '9999');
    clock += 60_000;
    expect((await unlock(b, PIN)).ok).toBe(true);
    expect(await unlock(b, '9999')).toMatchObject({ error: { code: 'PIN_WRONG', params: { n: 2 } } });
    await unlock(b, '9999');
    expect(await unlock(b, '9999')).toMatchObject({ error: { code: 'PIN_LOCKED', params: { seconds: 60 } } });
  });

  it('takes parallel guesses one at a time, so a burst cannot exceed the attempt limit', async () => {
    const b = start();
    const results = await Promise.all(Array.from({ length: 8 }, () => unlock(b, '5555')));
    const codes = results.map((r) => (r.ok ? 'ok' : r.error.code));
    expect(codes).toEqual(['PIN_WRONG', 'PIN_WRONG', ...Array(6).fill('PIN_LOCKED')]);
  });

  it('says PIN_NOT_SET when no hash is configured and CONFIG_INVALID for a mangled one', async () => {
    expect(await unlock(start({ pinHash: '' }), PIN)).toEqual({ ok: false, error: { code: 'PIN_NOT_SET' } });
    backends.splice(0).forEach((b) => b.close());
    expect(await unlock(start({ pinHash: 'scrypt$oops' }), PIN)).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID', field: 'admin.pinHash' } });
  });

  it('refuses a PIN that is not 4-12 digits before counting it', async () => {
    const b = start();
    expect(await call(b, 'adminUnlock', { pin: '12ab' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'pin' } });
    expect(await unlock(b, '1111')).toMatchObject({ error: { code: 'PIN_WRONG', params: { n: 2 } } });
  });
});

describe('session-guarded calls', () => {
  it('answers getTally and exportReport with a live session', async () => {
    const b = start();
    const s = await session(b);
    expect(await call(b, 'getTally', { session: s, ...day })).toMatchObject({ ok: true, value: { total: 0, from: day.from } });
    const ex = (await call(b, 'exportReport', { session: s, ...day, format: 'csv' })) as Result<ExportOutput>;
    expect(ex).toMatchObject({ ok: true, value: { fileName: 'danh-sach-danh-gia_2026-12-01_2026-12-01.csv', mime: 'text/csv; charset=utf-8' } });
    if (!ex.ok) throw new Error('export failed');
    // No shell has handed it over: the backend keeps the file for one collection by id.
    expect(ex.value.handover).toBeUndefined();
    const taken = b.exports!.take(ex.value.fileId)!;
    const csv = fs.readFileSync(taken.file, 'utf8');
    expect(csv.startsWith('\uFEFF"STT lượt",')).toBe(true);
    expect(ex.value.bytes).toBe(Buffer.byteLength(csv));
    await taken.dispose();
  });

  it('expires after idleSeconds without a call, each call sliding the expiry', async () => {
    const b = start();
    const s = await session(b);
    clock += 119_000;
    expect((await call(b, 'getTally', { session: s, ...day })).ok).toBe(true);
    clock += 119_000;
    expect((await call(b, 'getTally', { session: s, ...day })).ok).toBe(true);
    clock += 120_000;
    expect(await call(b, 'getTally', { session: s, ...day })).toEqual({ ok: false, error: { code: 'ADMIN_SESSION_EXPIRED' } });
    expect(await call(b, 'exportReport', { session: s, ...day, format: 'pdf' })).toEqual({ ok: false, error: { code: 'ADMIN_SESSION_EXPIRED' } });
  });

  it('refuses an unknown token, a locked session and a session from before a restart', async () => {
    const b = start();
    const unknown = 'x'.repeat(32);
    expect(await call(b, 'getTally', { session: unknown, ...day })).toEqual({ ok: false, error: { code: 'ADMIN_SESSION_EXPIRED' } });
    const s = await session(b);
    expect(await call(b, 'adminLock', { session: s })).toEqual({ ok: true, value: { locked: true } });
    expect(await call(b, 'exportReport', { session: s, ...day, format: 'xlsx' })).toEqual({ ok: false, error: { code: 'ADMIN_SESSION_EXPIRED' } });
    const s2 = await session(b);
    b.close();
    backends.splice(0);
    expect(await call(start(), 'getTally', { session: s2, ...day })).toEqual({ ok: false, error: { code: 'ADMIN_SESSION_EXPIRED' } });
  });

  it('validates the range before the session (malformed input never reaches the service)', async () => {
    const b = start();
    const s = await session(b);
    expect(await call(b, 'getTally', { session: s, from: '2026-12-02', to: '2026-12-01' })).toMatchObject({ error: { code: 'INVALID_INPUT', field: 'to' } });
    expect(await call(b, 'getTally', { session: s, from: '2026-02-30', to: '2026-03-01' })).toMatchObject({ error: { code: 'INVALID_INPUT', field: 'from' } });
    expect(await call(b, 'exportReport', { session: s, ...day, format: 'docx' })).toMatchObject({ error: { code: 'INVALID_INPUT', field: 'format' } });
    expect(await call(b, 'getTally', { session: 'short', ...day })).toMatchObject({ error: { code: 'INVALID_INPUT', field: 'session' } });
  });
});
