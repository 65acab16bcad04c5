// The IPC adapter against the real backend (SQLite in a temp dir): a foreign sender or bad
// input changes nothing on disk; a valid rating from the app origin is stored.
import path from 'node:path';
import Database from 'better-sqlite3';
import type { IpcMain } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../../shared/errors';
import type { KioskHandlers } from '../../../shared/kiosk-api';
import { ipcChannel, KIOSK_METHODS } from '../../../shared/kiosk-methods';
import {
  handleKioskInvoke,
  isAllowedSender,
  registerIpcHandlers,
  type AfterCallHooks,
  type IpcDeps,
  type IpcEventLike,
} from '../../../electron/main/ipc-handlers';
import { createKioskBackend, type KioskBackend } from '../../../electron/services/backend';
import { DATABASE_FILE_NAME } from '../../../electron/services/db/database';
import { silentLogger } from '../../../electron/services/logger';
import { tempDir } from '../../support/temp-db';

let dir: string;
let cleanup: () => void;
let backend: KioskBackend;
let spies: Record<string, ReturnType<typeof vi.fn>>;
let deps: IpcDeps;

const fromApp: IpcEventLike = { senderFrame: { url: 'app://kiosk/index.html' } } as IpcEventLike;
const foreignSenders: [string, IpcEventLike][] = [
  ['https://evil.example', { senderFrame: { url: 'https://evil.example/' } } as IpcEventLike],
  ['file://', { senderFrame: { url: 'file:///C:/kiosk/index.html' } } as IpcEventLike],
  ['a look-alike host', { senderFrame: { url: 'app://kiosk.evil.example/' } } as IpcEventLike],
  ['missing senderFrame', { senderFrame: null } as IpcEventLike],
  ['no senderFrame at all', {} as IpcEventLike],
  [
    'a senderFrame that throws',
    {
      get senderFrame(): never {
        throw new Error('Render frame was disposed');
      },
    } as IpcEventLike,
  ],
];

const validInputs: Record<(typeof KIOSK_METHODS)[number], unknown> = {
  getBootstrap: {},
  submitRating: { level: 5, language: 'vi' },
  amendRating: { id: '0190b3a4-7c5e-7000-8000-000000000000', reasons: [] },
  getSyncStatus: {},
  adminUnlock: { pin: '123456' },
  adminLock: { session: 'abcdefghijklmnop' },
  getTally: { session: 'abcdefghijklmnop', from: '2026-01-01', to: '2026-01-31' },
  exportReport: { session: 'abcdefghijklmnop', from: '2026-01-01', to: '2026-01-31', format: 'csv' },
  openDossier: { source: 'scanner', raw: '000.00.31.H21-261201-0042' },
  getDuty: {},
  setDuty: { session: 'abcdefghijklmnop', officerId: null },
  holdForComment: { id: '0190b3a4-7c5e-7000-8000-000000000000' },
  submitContact: { phone: '0912345678', consent: true },
  getDiagnostics: { session: 'abcdefghijklmnop' },
  testConnection: { session: 'abcdefghijklmnop' },
  exportDiagnostics: { session: 'abcdefghijklmnop' },
  adminExit: { session: 'abcdefghijklmnop' },
};

function storedRatings(): number {
  const db = new Database(path.join(dir, DATABASE_FILE_NAME), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM ratings').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

beforeEach(() => {
  ({ dir, cleanup } = tempDir('kiosk-ipc-'));
  backend = createKioskBackend({ paths: { dataDir: dir, configPath: path.join(dir, 'config.json') }, appVersion: '0.1.0-test', logger: silentLogger });
  expect(backend.startupError).toBeNull();
  spies = Object.fromEntries(KIOSK_METHODS.map((m) => [m, vi.fn(backend.handlers[m] as (input: never) => unknown)]));
  deps = { handlers: spies as unknown as KioskHandlers, logger: silentLogger, afterCall: { exportReport: vi.fn() } };
});

afterEach(() => {
  backend.close();
  cleanup();
});

describe('isAllowedSender', () => {
  it('accepts only app://kiosk/ URLs', () => {
    expect(isAllowedSender('app://kiosk/index.html')).toBe(true);
    expect(isAllowedSender('app://kiosk/admin/index.html#x')).toBe(true);
    for (const url of ['app://kiosk', 'app://kioskx/', 'https://evil.example/', 'file:///index.html', 'devtools://devtools/', '', null, undefined]) {
      expect(isAllowedSender(url), String(url)).toBe(false);
    }
  });
});

describe('handleKioskInvoke', () => {
  describe.each(foreignSenders)('from %s', (_name, event) => {
    it.each(KIOSK_METHODS)('%s is FORBIDDEN and reaches no service', async (method) => {
      const result = await handleKioskInvoke(deps, method, event, validInputs[method]);
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(spies[method]).not.toHaveBeenCalled();
      expect(deps.afterCall!.exportReport).not.toHaveBeenCalled();
      expect(storedRatings()).toBe(0);
    });
  });

  it.each([
    ['a level off the schema', { level: 9, language: 'vi' }, 'level'],
    ['a string level', { level: '5', language: 'vi' }, 'level'],
    ['a language that is not a language code', { level: 5, language: 'French' }, 'language'],
    ['an extra field', { level: 5, language: 'vi', stored: true }, null],
    ['no input', undefined, 'level'],
    ['a non-object', 'level=5', null],
  ])('submitRating with %s is INVALID_INPUT and stores nothing', async (_name, input, field) => {
    const result = await handleKioskInvoke(deps, 'submitRating', fromApp, input);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', ...(field === null ? {} : { field }) } });
    expect(spies.submitRating).not.toHaveBeenCalled();
    expect(storedRatings()).toBe(0);
  });

  it('a valid submitRating from app://kiosk/ stores one row', async () => {
    const result = await handleKioskInvoke(deps, 'submitRating', fromApp, { level: 5, language: 'vi' });
    expect(result).toMatchObject({ ok: true, value: { stored: true } });
    expect(storedRatings()).toBe(1);
  });

  it('getBootstrap from the app returns the public config', async () => {
    const result = await handleKioskInvoke(deps, 'getBootstrap', fromApp, {});
    expect(result).toMatchObject({ ok: true, value: { appVersion: '0.1.0-test' } });
  });

  it('turns a throwing handler into INTERNAL', async () => {
    const throwing = {
      ...deps,
      handlers: {
        ...deps.handlers,
        getBootstrap: () => {
          throw new Error('boom');
        },
      },
    };
    expect(await handleKioskInvoke(throwing, 'getBootstrap', fromApp, {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('a per-method afterCall hook (Electron saves exports with it)', () => {
  const input = validInputs.exportReport;
  const built = { fileName: 'bao-cao.csv', mime: 'text/csv', bytes: 4, fileId: 'x'.repeat(32) };
  const withHook = (exportReport: NonNullable<AfterCallHooks['exportReport']>, handler: KioskHandlers['exportReport']): IpcDeps => ({
    ...deps,
    afterCall: { exportReport },
    handlers: { ...deps.handlers, exportReport: handler },
  });

  it("passes the successful answer to its own method's hook and returns the hook's result", async () => {
    const saved = { ...built, handover: { kind: 'saved' as const, location: '/media/usb/bao-cao.csv' } };
    const hook = vi.fn(async () => ok(saved));
    expect(
      await handleKioskInvoke(
        withHook(hook, () => ok(built)),
        'exportReport',
        fromApp,
        input,
      ),
    ).toEqual({ ok: true, value: saved });
    expect(hook).toHaveBeenCalledWith(fromApp, built);
  });

  it('is not called when the backend refuses', async () => {
    const hook = vi.fn();
    const d = withHook(hook, () => fail('UNAUTHORIZED'));
    expect(await handleKioskInvoke(d, 'exportReport', fromApp, input)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(hook).not.toHaveBeenCalled();
  });

  it('a throwing hook is logged and answered INTERNAL, not thrown across IPC', async () => {
    const hook = vi.fn(async () => {
      throw new Error('dialog gone');
    });
    const logger = { ...silentLogger, error: vi.fn() };
    const d = { ...withHook(hook, () => ok(built)), logger };
    expect(await handleKioskInvoke(d, 'exportReport', fromApp, input)).toMatchObject({ ok: false, error: { code: 'INTERNAL', detail: 'dialog gone' } });
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ method: 'exportReport' }), 'handler threw');
  });

  it('a method without a hook answers as the backend did', async () => {
    const d = withHook(vi.fn(), () => ok(built));
    expect(await handleKioskInvoke(d, 'getBootstrap', fromApp, {})).toMatchObject({ ok: true, value: { appVersion: '0.1.0-test' } });
    expect(d.afterCall!.exportReport).not.toHaveBeenCalled();
  });
});

describe('registerIpcHandlers', () => {
  it('registers exactly one channel per contract method and removes them again', async () => {
    const registered = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
    const ipcMain = {
      handle: vi.fn((channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => registered.set(channel, fn)),
      removeHandler: vi.fn((channel: string) => registered.delete(channel)),
    };
    const unregister = registerIpcHandlers(ipcMain as unknown as IpcMain, deps);
    expect([...registered.keys()].sort()).toEqual(KIOSK_METHODS.map(ipcChannel).sort());
    const submit = registered.get(ipcChannel('submitRating'))!;
    expect(await submit({ senderFrame: { url: 'https://evil.example/' } }, { level: 5, language: 'vi' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await submit(fromApp, { level: 5, language: 'vi' })).toMatchObject({ ok: true });
    expect(storedRatings()).toBe(1);
    unregister();
    expect(registered.size).toBe(0);
  });
});
