// "Thoát ứng dụng" as both shells call it: the real backend on a real SQLite file, through the
// shared dispatcher and through Electron's IPC handler (only `electron` itself is absent). The
// shell's quit (requestExit) runs only for the admin PIN's live session, from the app's own
// page, once, and only after the answer is on its way.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { handleKioskInvoke, type IpcEventLike } from '../../../electron/main/ipc-handlers';
import { hashPin } from '../../../electron/services/admin/pin-hash';
import { IT_ONLY } from '../../../electron/services/admin/session-guard';
import { createKioskBackend, type KioskBackend } from '../../../electron/services/backend';
import { silentLogger } from '../../../electron/services/logger';
import { dispatchKioskCall } from '../../../shared/dispatch';
import type { AdminSessionInfo } from '../../../shared/kiosk-api';
import type { Result } from '../../../shared/errors';
import { tempDir } from '../../support/temp-db';
import { writeTestConfig } from '../../support/test-config';

const PIN = '246810';
const OFFICER_PIN = '135790';
let pinHash = '';
let officerHash = '';
let dir: ReturnType<typeof tempDir>;
let clock = Date.parse('2026-12-01T09:00:00+07:00');
const backends: KioskBackend[] = [];

beforeAll(async () => {
  [pinHash, officerHash] = await Promise.all([hashPin(PIN, { N: 1024, r: 8, p: 1 }), hashPin(OFFICER_PIN, { N: 1024, r: 8, p: 1 })]);
});
beforeEach(() => {
  dir = tempDir('admin-exit-');
});
afterEach(() => {
  for (const b of backends.splice(0)) b.close();
  dir.cleanup();
});

function start(requestExit?: () => void): KioskBackend {
  const configPath = writeTestConfig(dir.dir, {
    admin: { pinHash, idleSeconds: 120 },
    counters: [{ id: 'Q1', name: 'Quầy 1' }],
    officers: [{ id: 'lan.nt', name: 'Nguyễn Thị Lan', counterId: 'Q1', pinHash: officerHash }],
  });
  const b = createKioskBackend({ paths: { dataDir: dir.dir, configPath }, appVersion: '0.0.0-test', logger: silentLogger, requestExit, now: () => clock });
  if (b.startupError) throw new Error(JSON.stringify(b.startupError));
  backends.push(b);
  return b;
}

const call = (b: KioskBackend, method: string, input: unknown) => dispatchKioskCall(b.handlers, method, input);

async function unlock(b: KioskBackend, input: { pin: string; officerId?: string }): Promise<string> {
  const r = (await call(b, 'adminUnlock', input)) as Result<AdminSessionInfo>;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.session;
}

/** Lets the event loop run past its check phase, where the backend asks the shell to quit. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('adminExit', () => {
  it("answers first, then asks the shell to quit, once, for the admin PIN's session", async () => {
    const requestExit = vi.fn();
    const b = start(requestExit);
    const session = await unlock(b, { pin: PIN });
    expect(await call(b, 'adminExit', { session })).toEqual({ ok: true, value: { exiting: true } });
    expect(requestExit).not.toHaveBeenCalled();
    await nextTurn();
    expect(requestExit).toHaveBeenCalledTimes(1);
    // A second tap while the shell stops gets the same answer and asks nothing more.
    expect(await call(b, 'adminExit', { session })).toEqual({ ok: true, value: { exiting: true } });
    await nextTurn();
    expect(requestExit).toHaveBeenCalledTimes(1);
  });

  it('is refused without a live session: unknown, locked or idle; the shell is never asked', async () => {
    const requestExit = vi.fn();
    const b = start(requestExit);
    expect(await call(b, 'adminExit', { session: 'x'.repeat(32) })).toEqual({ ok: false, error: { code: 'ADMIN_SESSION_EXPIRED' } });
    const locked = await unlock(b, { pin: PIN });
    await call(b, 'adminLock', { session: locked });
    expect(await call(b, 'adminExit', { session: locked })).toEqual({ ok: false, error: { code: 'ADMIN_SESSION_EXPIRED' } });
    const idle = await unlock(b, { pin: PIN });
    clock += 120_000;
    expect(await call(b, 'adminExit', { session: idle })).toEqual({ ok: false, error: { code: 'ADMIN_SESSION_EXPIRED' } });
    await nextTurn();
    expect(requestExit).not.toHaveBeenCalled();
  });

  it("is refused for an officer's own PIN", async () => {
    const requestExit = vi.fn();
    const b = start(requestExit);
    const session = await unlock(b, { pin: OFFICER_PIN, officerId: 'lan.nt' });
    expect(await call(b, 'adminExit', { session })).toEqual({ ok: false, error: { code: 'FORBIDDEN', detail: IT_ONLY.refusal } });
    await nextTurn();
    expect(requestExit).not.toHaveBeenCalled();
  });

  it('refuses input that is not exactly a session', async () => {
    const requestExit = vi.fn();
    const b = start(requestExit);
    const session = await unlock(b, { pin: PIN });
    for (const input of [{}, { session: 42 }, { session, force: true }, { session: 'short' }]) {
      expect(await call(b, 'adminExit', input)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    await nextTurn();
    expect(requestExit).not.toHaveBeenCalled();
  });

  it('answers NOT_SUPPORTED where the shell gave no way to quit', async () => {
    const b = start();
    const session = await unlock(b, { pin: PIN });
    expect(await call(b, 'adminExit', { session })).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } });
  });
});

describe('adminExit over Electron IPC', () => {
  const fromApp = { senderFrame: { url: 'app://kiosk/index.html' } } as IpcEventLike;
  const foreign = { senderFrame: { url: 'https://evil.example/' } } as IpcEventLike;
  const gone = { senderFrame: null } as unknown as IpcEventLike;

  it("quits for the app's own page with the admin session, and never for a foreign or vanished sender with that same session", async () => {
    const requestExit = vi.fn();
    const b = start(requestExit);
    const session = await unlock(b, { pin: PIN });
    const deps = { handlers: b.handlers, logger: silentLogger };
    for (const event of [foreign, gone]) {
      expect(await handleKioskInvoke(deps, 'adminExit', event, { session })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    await nextTurn();
    expect(requestExit).not.toHaveBeenCalled();
    expect(await handleKioskInvoke(deps, 'adminExit', fromApp, { session })).toEqual({ ok: true, value: { exiting: true } });
    await nextTurn();
    expect(requestExit).toHaveBeenCalledTimes(1);
  });
});
