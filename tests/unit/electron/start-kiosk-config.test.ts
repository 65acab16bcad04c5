// The Electron kiosk started with `--config` naming a file that does not exist: before, it
// silently ran the demo unit (public PINs) on the real ratings folder. Now it shows the
// configuration error with the path and stores nothing, not even an empty database.
// `electron` is mocked; the backend and the file system are real.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import * as electron from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannel } from '../../../shared/kiosk-methods';
import { startKiosk, type StartedKiosk } from '../../../electron/main/start-kiosk';
import type { Logger } from '../../../electron/services/logger';
import { tempDir } from '../../support/temp-db';
import { FakeBrowserWindow, type ElectronMock } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createElectronMock());

const e = electron as unknown as ElectronMock;
const logged: string[] = [];
const logger: Logger = {
  info: (obj, msg) => logged.push(`${msg ?? ''} ${JSON.stringify(obj)}`),
  warn: (obj, msg) => logged.push(`${msg ?? ''} ${JSON.stringify(obj)}`),
  error: (obj, msg) => logged.push(`${msg ?? ''} ${JSON.stringify(obj)}`),
};
let tmp: string;
let cleanup: () => void;
let missing: string;
let started: StartedKiosk;
const userData = () => path.join(tmp, 'SatisfactionKiosk');

beforeAll(async () => {
  ({ dir: tmp, cleanup } = tempDir('kiosk-start-config-'));
  missing = path.join(tmp, 'it', 'config.json');
  fs.mkdirSync(path.join(tmp, 'renderer'));
  fs.writeFileSync(path.join(tmp, 'renderer', 'index.html'), '<!doctype html><title>kiosk</title>');
  e.app.setPath('appData', tmp);
  FakeBrowserWindow.instances = [];
  started = startKiosk({
    argv: ['electron', '.', '--config', missing],
    env: {},
    platform: 'win32',
    proc: new EventEmitter(),
    createLogger: () => logger,
    rendererDir: path.join(tmp, 'renderer'),
    preloadPath: '/app/dist/electron/preload.cjs',
  });
  await started.ready;
});

afterAll(() => cleanup());

describe('startKiosk with --config naming a missing file', () => {
  it('starts with the configuration error naming the path, not the demo unit', () => {
    expect(started.backend()?.startupError).toEqual({
      code: 'CONFIG_INVALID',
      field: '(file)',
      detail: `config file not found: ${missing}`,
      params: { problem: 'missing_file', path: missing },
      issues: [{ problem: 'missing_file', code: 'file', field: '(file)', path: [], detail: `config file not found: ${missing}`, params: { path: missing } }],
    });
    expect(started.backend()?.config).toBeNull();
    expect(logged.some((line) => line.includes('configuration invalid') && line.includes(missing))).toBe(true);
  });

  it('answers every call with that error and creates no database', async () => {
    const submit = e.ipcMain.handlers.get(ipcChannel('submitRating'))!;
    const boot = e.ipcMain.handlers.get(ipcChannel('getBootstrap'))!;
    const fromApp = { senderFrame: { url: 'app://kiosk/index.html' } };
    expect(await submit(fromApp, { level: 5, language: 'vi' })).toMatchObject({
      ok: false,
      error: { code: 'CONFIG_INVALID', params: { problem: 'missing_file' } },
    });
    expect(await boot(fromApp, {})).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });
    expect(fs.existsSync(path.join(userData(), 'ratings.db'))).toBe(false);
    expect(fs.existsSync(missing)).toBe(false);
  });

  it('still opens the window, which shows the error screen', () => {
    expect(started.window()).toBe(FakeBrowserWindow.instances[0]);
  });
});
