// An installed kiosk (app.isPackaged) started with `--debug`, `electron` mocked and the real
// backend on a temp dir: no application menu, no DevTools, a window that refuses to close,
// and IT's exit from the admin area as the one way out. Also what the shell hands the
// backend: the log folder, the exit and the system proxy resolver.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import * as electron from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannel } from '../../../shared/kiosk-methods';
import { startKiosk, type StartedKiosk } from '../../../electron/main/start-kiosk';
import { createKioskBackend } from '../../../electron/services/backend';
import type * as BackendModule from '../../../electron/services/backend';
import type { Logger } from '../../../electron/services/logger';
import { tempDir } from '../../support/temp-db';
import { FakeBrowserWindow, preventable, type ElectronMock } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createElectronMock());
vi.mock('../../../electron/services/backend', async (importOriginal) => {
  const actual = await importOriginal<typeof BackendModule>();
  return { ...actual, createKioskBackend: vi.fn(actual.createKioskBackend) };
});

const e = electron as unknown as ElectronMock;
const lines: string[] = [];
const logger: Logger = {
  info: (o, m) => lines.push(`info ${m ?? o}`),
  warn: (o, m) => lines.push(`warn ${m ?? o}`),
  error: (o, m) => lines.push(`error ${m ?? o} ${JSON.stringify(o)}`),
};
const fromApp = { senderFrame: { url: 'app://kiosk/index.html' } };
let tmp: string;
let cleanup: () => void;
let logsDir = '';
let started: StartedKiosk;
/** How many windows existed at each call that set the menu (vitest clears call logs between tests). */
let windowsWhenMenuRemoved: number[] = [];
let menuCalls: unknown[][] = [];
let backendDeps: Parameters<typeof createKioskBackend>[0];

beforeAll(async () => {
  ({ dir: tmp, cleanup } = tempDir('kiosk-lockdown-'));
  fs.mkdirSync(path.join(tmp, 'renderer'));
  fs.writeFileSync(path.join(tmp, 'renderer', 'index.html'), '<!doctype html><title>kiosk</title>');
  e.app.setPath('appData', tmp);
  e.app.isPackaged = true;
  e.Menu.setApplicationMenu.mockImplementation(() => windowsWhenMenuRemoved.push(FakeBrowserWindow.instances.length));
  FakeBrowserWindow.instances = [];
  windowsWhenMenuRemoved = [];
  started = startKiosk({
    argv: ['SatisfactionKiosk.exe', '--debug'],
    env: {},
    platform: 'linux',
    proc: new EventEmitter(),
    createLogger: (dir) => {
      logsDir = dir;
      return logger;
    },
    rendererDir: path.join(tmp, 'renderer'),
    preloadPath: '/app/dist/electron/preload.cjs',
  });
  await started.ready;
  menuCalls = [...e.Menu.setApplicationMenu.mock.calls];
  backendDeps = vi.mocked(createKioskBackend).mock.calls[0]![0];
});

afterAll(() => cleanup());

const win = () => started.window() as unknown as FakeBrowserWindow;

describe('an installed kiosk', () => {
  it('removes the default application menu before its window exists', () => {
    expect(menuCalls).toEqual([[null]]);
    expect(windowsWhenMenuRemoved).toEqual([0]);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('ignores --debug: DevTools are disabled and never opened, and the log says so', () => {
    expect(win().options).toMatchObject({ webPreferences: { devTools: false } });
    expect(win().webContents.openDevTools).not.toHaveBeenCalled();
    expect(lines).toContain('warn --debug ignored: DevTools stay closed in an installed kiosk');
  });

  it('gives the backend the log folder, the exit and the system proxy resolver', async () => {
    const deps = backendDeps;
    expect(deps.logsDir).toBe(logsDir);
    expect(logsDir).toBe(path.join(tmp, 'SatisfactionKiosk', 'logs'));
    e.session.defaultSession.resolveProxy.mockResolvedValueOnce('PROXY proxy.example:3128; DIRECT');
    await expect(deps.resolveSystemProxy!('https://city.example/api')).resolves.toBe('PROXY proxy.example:3128; DIRECT');
    expect(e.session.defaultSession.resolveProxy).toHaveBeenCalledWith('https://city.example/api');
    expect(typeof deps.requestExit).toBe('function');
  });

  it('refuses to close its window (Alt+F4, the taskbar, "End task") and does not quit', () => {
    const close = preventable();
    win().emit('close', close);
    expect(close.prevented).toBe(true);
    expect(e.app.exit).not.toHaveBeenCalled();
    expect(e.app.quit).not.toHaveBeenCalled();
  });

  it('quits with exit code 0 when IT asks from the admin area with the PIN, closing the database first', async () => {
    const unlock = e.ipcMain.handlers.get(ipcChannel('adminUnlock'))!;
    const exit = e.ipcMain.handlers.get(ipcChannel('adminExit'))!;
    // A wrong PIN or no session: nothing happens.
    expect(await exit(fromApp, { session: 'not-a-session-at-all' })).toMatchObject({ ok: false });
    expect((await unlock(fromApp, { pin: '000000' })) as { ok: boolean }).toMatchObject({ ok: false });
    expect(e.app.exit).not.toHaveBeenCalled();
    const opened = (await unlock(fromApp, { pin: '123456' })) as { ok: true; value: { session: string } };
    expect(opened.ok).toBe(true);
    const db = started.backend()!.db!;
    expect(await exit(fromApp, { session: opened.value.session })).toEqual({ ok: true, value: { exiting: true } });
    await vi.waitFor(() => expect(e.app.exit).toHaveBeenCalledWith(0), { timeout: 2000 });
    expect(e.app.exit).toHaveBeenCalledTimes(1);
    expect(db.open).toBe(false);
    expect(started.backend()).toBeNull();
    // The window may now close with the app.
    const close = preventable();
    win().emit('close', close);
    expect(close.prevented).toBe(false);
  });
});
