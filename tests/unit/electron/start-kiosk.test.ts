// The whole Electron start-up with `electron` mocked and the real backend on a temp dir.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as electron from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannel, KIOSK_METHODS } from '../../../shared/kiosk-methods';
import { startKiosk, type StartedKiosk } from '../../../electron/main/start-kiosk';
import type { Logger } from '../../../electron/services/logger';
import { tempDir } from '../../support/temp-db';
import { FakeBrowserWindow, FakeWebContents, preventable, type ElectronMock } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createElectronMock());

const e = electron as unknown as ElectronMock;
const errors: string[] = [];
const logger: Logger = { info() {}, warn() {}, error: (obj, msg) => errors.push(`${msg ?? ''} ${JSON.stringify(obj)}`) };
const proc = new EventEmitter();
let tmp: string;
let cleanup: () => void;
let logsDir = '';
let started: StartedKiosk;
/** What had happened when startKiosk returned, before `ready`. */
let beforeReady: { schemes: number; protocolHandlers: number; windows: number; ipcChannels: number };
/** Calls made once ready (vitest clears call logs between tests, so they are kept here). */
let afterReady: {
  protocolHandle: unknown[][];
  permissionHandlers: number;
  checkHandlers: number;
  requestFilters: number;
  powerSave: unknown[][];
};

const userData = () => path.join(tmp, 'SatisfactionKiosk');
const fromApp = { senderFrame: { url: 'app://kiosk/index.html' } };

function storedRatings(): number {
  const db = new Database(path.join(userData(), 'ratings.db'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM ratings').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  ({ dir: tmp, cleanup } = tempDir('kiosk-start-'));
  fs.mkdirSync(path.join(tmp, 'renderer'));
  fs.writeFileSync(path.join(tmp, 'renderer', 'index.html'), '<!doctype html><title>kiosk</title>');
  e.app.setPath('appData', tmp);
  FakeBrowserWindow.instances = [];
  started = startKiosk({
    argv: ['electron', '.'],
    env: {},
    platform: 'linux',
    proc,
    createLogger: (dir) => {
      logsDir = dir;
      return logger;
    },
    rendererDir: path.join(tmp, 'renderer'),
    preloadPath: '/app/dist/electron/preload.cjs',
  });
  beforeReady = {
    schemes: e.protocol.registerSchemesAsPrivileged.mock.calls.length,
    protocolHandlers: e.protocol.handle.mock.calls.length,
    windows: FakeBrowserWindow.instances.length,
    ipcChannels: e.ipcMain.handlers.size,
  };
  await started.ready;
  afterReady = {
    protocolHandle: [...e.protocol.handle.mock.calls],
    permissionHandlers: e.session.defaultSession.setPermissionRequestHandler.mock.calls.length,
    checkHandlers: e.session.defaultSession.setPermissionCheckHandler.mock.calls.length,
    requestFilters: e.session.defaultSession.webRequest.onBeforeRequest.mock.calls.length,
    powerSave: [...e.powerSaveBlocker.start.mock.calls],
  };
});

afterAll(() => cleanup());

describe('startKiosk', () => {
  it('registers the app scheme before ready and does the rest after', () => {
    expect(beforeReady).toEqual({ schemes: 1, protocolHandlers: 0, windows: 0, ipcChannels: 0 });
    expect(errors).toEqual([]);
  });

  it('keeps userData, data and logs under <appData>/SatisfactionKiosk', () => {
    expect(e.app.getPath('userData')).toBe(userData());
    expect(logsDir).toBe(path.join(userData(), 'logs'));
    expect(fs.existsSync(path.join(userData(), 'ratings.db'))).toBe(true);
  });

  it('serves the built renderer over app:// with the CSP header', async () => {
    expect(afterReady.protocolHandle).toHaveLength(1);
    const [scheme, handler] = afterReady.protocolHandle[0] as [string, (r: Request) => Promise<Response>];
    expect(scheme).toBe('app');
    const res = await handler(new Request('app://kiosk/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await handler(new Request('app://kiosk/..%2f..%2fSatisfactionKiosk/ratings.db'))).status).toBe(403);
  });

  it('locks down the session, keeps the display awake and starts the backend', () => {
    expect(afterReady).toMatchObject({ permissionHandlers: 1, checkHandlers: 1, requestFilters: 1, powerSave: [['prevent-display-sleep']] });
    expect(started.backend()?.startupError).toBeNull();
  });

  it('registers one IPC channel per contract method', () => {
    expect([...e.ipcMain.handlers.keys()].sort()).toEqual(KIOSK_METHODS.map(ipcChannel).sort());
  });

  it('opens one secure kiosk window on the start page with the built preload', () => {
    const win = started.window() as unknown as FakeBrowserWindow;
    expect(win).toBe(FakeBrowserWindow.instances[0]);
    expect(win.options).toMatchObject({
      kiosk: true,
      webPreferences: { preload: '/app/dist/electron/preload.cjs', sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false },
    });
  });

  it('refuses a foreign sender over IPC and stores nothing, then stores a rating from the app', async () => {
    const submit = e.ipcMain.handlers.get(ipcChannel('submitRating'))!;
    expect(await submit({ senderFrame: { url: 'https://evil.example/' } }, { level: 5, language: 'vi' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await submit(fromApp, { level: 7, language: 'vi' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(storedRatings()).toBe(0);
    expect(await submit(fromApp, { level: 5, language: 'vi' })).toMatchObject({ ok: true, value: { stored: true } });
    expect(storedRatings()).toBe(1);
  });

  it('hands an export over through the save dialog: the worker-made file is copied there and the temp copy removed', async () => {
    const unlock = e.ipcMain.handlers.get(ipcChannel('adminUnlock'))!;
    const opened = (await unlock(fromApp, { pin: '123456' })) as { ok: true; value: { session: string } };
    expect(opened.ok).toBe(true);
    const target = path.join(tmp, 'usb', 'bao-cao.csv');
    fs.mkdirSync(path.dirname(target));
    e.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target } as never);
    const exportReport = e.ipcMain.handlers.get(ipcChannel('exportReport'))!;
    const day = new Date().toISOString().slice(0, 10);
    const result = await exportReport(fromApp, { session: opened.value.session, from: day, to: day, format: 'csv' });
    expect(result).toMatchObject({ ok: true, value: { mime: 'text/csv; charset=utf-8', handover: { kind: 'saved', location: target } } });
    const saved = fs.readFileSync(target, 'utf8');
    expect(saved.startsWith('\uFEFF"STT lượt","Ngày",')).toBe(true);
    expect((result as { value: { bytes: number } }).value.bytes).toBe(Buffer.byteLength(saved));
    expect(fs.readdirSync(path.join(userData(), 'temp', 'exports'))).toEqual([]);
  });

  it('guards every web contents created later', () => {
    const contents = new FakeWebContents();
    e.app.emit('web-contents-created', {}, contents);
    const nav = preventable();
    contents.emit('will-navigate', nav, 'https://evil.example/');
    expect(nav.prevented).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('focuses the running window when a second instance starts', () => {
    e.app.emit('second-instance');
    expect((started.window() as unknown as FakeBrowserWindow).focus).toHaveBeenCalled();
  });

  it('logs an uncaught exception and exits non-zero for the supervisor', () => {
    proc.emit('uncaughtException', new Error('kaboom'));
    expect(e.app.exit).toHaveBeenCalledWith(1);
    expect(errors.some((line) => line.includes('kaboom'))).toBe(true);
  });

  it('closes the backend on will-quit', () => {
    const db = started.backend()!.db!;
    e.app.emit('will-quit');
    expect(db.open).toBe(false);
    expect(started.backend()).toBeNull();
  });

  it('a second copy without the single-instance lock quits before touching anything', async () => {
    e.app.singleInstanceLock = false;
    const second = startKiosk({
      argv: [],
      env: {},
      platform: 'linux',
      proc: new EventEmitter(),
      createLogger: () => logger,
      rendererDir: '/r',
      preloadPath: '/p',
    });
    await second.ready;
    expect(e.app.quit).toHaveBeenCalled();
    expect(e.app.whenReady).not.toHaveBeenCalled();
    expect(second.window()).toBeNull();
    expect(second.backend()).toBeNull();
  });
});
