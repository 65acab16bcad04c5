// A development run (`npm start`, app.isPackaged false) with `--debug`: DevTools open, the
// window closes like any other, and no update is ever looked for. `electron` is mocked.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import * as electron from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startKiosk, type StartedKiosk } from '../../../electron/main/start-kiosk';
import type { Logger } from '../../../electron/services/logger';
import { tempDir } from '../../support/temp-db';
import { writeTestConfig } from '../../support/test-config';
import { FakeBrowserWindow, preventable, type ElectronMock } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createElectronMock());

const e = electron as unknown as ElectronMock;
const lines: string[] = [];
const logger: Logger = { info: (o, m) => lines.push(`${m ?? o}`), warn: (o, m) => lines.push(`${m ?? o}`), error: (o, m) => lines.push(`${m ?? o}`) };
let tmp: string;
let cleanup: () => void;
let started: StartedKiosk;
const runTask = vi.fn(async () => {});
/** Kept in beforeAll: vitest clears call logs between tests. */
let devToolsOpened: unknown[][] = [];
let runTaskCalls = 0;

beforeAll(async () => {
  ({ dir: tmp, cleanup } = tempDir('kiosk-dev-'));
  fs.mkdirSync(path.join(tmp, 'renderer'));
  fs.writeFileSync(path.join(tmp, 'renderer', 'index.html'), '<!doctype html><title>kiosk</title>');
  const config = writeTestConfig(tmp, { updates: { url: 'https://updates.example/kiosk/' } });
  e.app.setPath('appData', tmp);
  e.app.isPackaged = false;
  FakeBrowserWindow.instances = [];
  started = startKiosk({
    argv: ['electron', '.', '--debug', '--config', config, '--data-dir', path.join(tmp, 'data')],
    env: {},
    platform: 'win32',
    proc: new EventEmitter(),
    createLogger: () => logger,
    rendererDir: path.join(tmp, 'renderer'),
    preloadPath: '/app/dist/electron/preload.cjs',
    runTask,
  });
  await started.ready;
  devToolsOpened = [...(started.window() as unknown as FakeBrowserWindow).webContents.openDevTools.mock.calls];
  runTaskCalls = runTask.mock.calls.length;
});

afterAll(() => {
  started.backend()?.close();
  cleanup();
});

describe('a development run', () => {
  it('opens DevTools with --debug', () => {
    const win = started.window() as unknown as FakeBrowserWindow;
    expect(win.options).toMatchObject({ webPreferences: { devTools: true } });
    expect(devToolsOpened).toEqual([[{ mode: 'detach' }]]);
  });

  it('lets its window close like any other', () => {
    const close = preventable();
    (started.window() as unknown as FakeBrowserWindow).emit('close', close);
    expect(close.prevented).toBe(false);
  });

  it('never starts the updater, even with updates.url set, and says why', () => {
    expect(runTaskCalls).toBe(0);
    expect(started.updates()).toBeNull();
    expect(lines).toContain('updates.url is set, but automatic updates run only in the installed Windows kiosk');
  });
});
