// `SatisfactionKiosk.exe --system-update [--now]`, the SYSTEM task's update run, with
// electron-updater replaced by a stand-in that behaves like it (events, a download promise
// that rejects after an 'error' event, quitAndInstall then a quit request) and `electron`
// mocked: what it decides from the configuration and the clock, what it asks the updater,
// the exit code of each outcome, and that it never opens a window or the database.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import * as electron from 'electron';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ok, type Result } from '../../../shared/errors';
import { parseConfig, type LoadedConfig } from '../../../electron/services/config-loader';
import {
  isSystemUpdateRun,
  runSystemUpdate,
  startSystemUpdate,
  SYSTEM_UPDATE_EXIT,
  SYSTEM_UPDATE_LOGS_DIR,
  updaterProxy,
  type SystemUpdateDeps,
} from '../../../electron/main/system-update';
import type { Logger } from '../../../electron/services/logger';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig, writeTestConfig, type TestConfigOverrides } from '../../support/test-config';
import { FakeBrowserWindow, preventable, type ElectronMock } from './fake-electron';
import { FakeUpdater } from './fake-updater';

vi.mock('electron', async () => (await import('./fake-electron')).createElectronMock());
vi.mock('electron-updater', async () => {
  const { FakeUpdater } = await import('./fake-updater');
  class NsisUpdater extends FakeUpdater {
    static instances: NsisUpdater[] = [];
    /** Sets up each new instance (its feed, its quitAndInstall) before the code under test uses it. */
    static prepare: ((updater: NsisUpdater) => void) | null = null;
    constructor() {
      super();
      NsisUpdater.instances.push(this);
      NsisUpdater.prepare?.(this);
    }
  }
  return { default: { NsisUpdater } };
});

const e = electron as unknown as ElectronMock;
const MockNsisUpdater = (
  (await import('electron-updater')).default as unknown as {
    NsisUpdater: { instances: FakeUpdater[]; prepare: ((updater: FakeUpdater) => void) | null };
  }
).NsisUpdater;
const vn = (local: string) => Date.parse(`${local}+07:00`);
const MONDAY_EVENING = vn('2026-12-07T21:00:00');
const MONDAY_MORNING = vn('2026-12-07T09:00:00');

let lines: string[];
const logger: Logger = {
  info: (o, m) => lines.push(`info ${m ?? o} ${typeof o === 'object' ? JSON.stringify(o) : ''}`),
  warn: (o, m) => lines.push(`warn ${m ?? o} ${typeof o === 'object' ? JSON.stringify(o) : ''}`),
  error: (o, m) => lines.push(`error ${m ?? o} ${typeof o === 'object' ? JSON.stringify(o) : ''}`),
};
const logged = (text: string) => lines.some((l) => l.includes(text));

const FEED = 'https://updates.city.example/kiosk/';

function configResult(...layers: TestConfigOverrides[]): Result<LoadedConfig> {
  return ok({ config: parsedTestConfig({ updates: { url: FEED } }, ...layers), source: 'file', path: 'C:\\ProgramData\\SatisfactionKiosk\\config.json' });
}

interface Run {
  updater: FakeUpdater;
  made: number;
  proxies: string[];
  deps: SystemUpdateDeps;
}

/** The deps of one run; the updater quits the app right after quitAndInstall, as electron-updater does. */
function setUp(over: Partial<SystemUpdateDeps> = {}): Run {
  const updater = new FakeUpdater();
  let quit: (() => void) | null = null;
  updater.quitAndInstall.mockImplementation(() => {
    setImmediate(() => quit?.());
  });
  const run: Run = {
    updater,
    made: 0,
    proxies: [],
    deps: {
      now: false,
      loadConfig: () => configResult(),
      clock: () => MONDAY_EVENING,
      logger,
      updater: () => {
        run.made++;
        return updater;
      },
      setProxy: async (rules) => {
        run.proxies.push(rules);
      },
      onQuitRequested: (listener) => {
        quit = listener;
      },
      ...over,
    },
  };
  return run;
}

beforeEach(() => {
  lines = [];
});

describe('runSystemUpdate', () => {
  it('installs a newer version outside office hours: generic feed, download verified, silent, never started as SYSTEM', async () => {
    const r = setUp();
    r.updater.feed = { kind: 'update', version: '0.2.0' };
    const result = await runSystemUpdate(r.deps);
    expect(result).toEqual({ outcome: 'installing', exitCode: SYSTEM_UPDATE_EXIT.installing, version: '0.2.0' });
    expect(SYSTEM_UPDATE_EXIT.installing).toBe(2);
    expect(r.updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: FEED });
    expect(r.updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: false, allowDowngrade: false });
    // Silent, and no force-run: the installer must not start the kiosk as SYSTEM.
    expect(r.updater.quitAndInstall.mock.calls).toEqual([[true, false]]);
    expect(r.proxies).toEqual([]);
    expect(logged('system update: downloaded and verified')).toBe(true);
    r.updater.logger!.info('Checking for update');
    expect(logged('Checking for update {"from":"electron-updater"}')).toBe(true);
  });

  it('with nothing newer on the feed exits 0 and installs nothing', async () => {
    const r = setUp();
    const result = await runSystemUpdate(r.deps);
    expect(result).toMatchObject({ outcome: 'upToDate', exitCode: 0 });
    expect(r.updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(r.updater.quitAndInstall).not.toHaveBeenCalled();
    expect(logged('the feed has nothing newer')).toBe(true);
  });

  it('inside office hours does nothing at all, not even a check, and exits 3', async () => {
    const r = setUp({ clock: () => MONDAY_MORNING });
    r.updater.feed = { kind: 'update', version: '0.2.0' };
    const result = await runSystemUpdate(r.deps);
    expect(result).toEqual({ outcome: 'officeHours', exitCode: 3, version: null });
    expect(r.made).toBe(0);
    expect(logged('inside office hours; nothing done')).toBe(true);
  });

  it("reads office hours on the unit's clock from the configuration", async () => {
    // 09:00 in Vietnam is 03:00 in Berlin: closed there.
    const r = setUp({ clock: () => MONDAY_MORNING, loadConfig: () => configResult({ timezone: 'Europe/Berlin' }) });
    expect((await runSystemUpdate(r.deps)).outcome).toBe('upToDate');
    expect(r.made).toBe(1);
  });

  it('with --now (the "Update now" task) installs inside office hours too', async () => {
    const r = setUp({ clock: () => MONDAY_MORNING, now: true });
    r.updater.feed = { kind: 'update', version: '0.3.0' };
    const result = await runSystemUpdate(r.deps);
    expect(result).toMatchObject({ outcome: 'installing', exitCode: 2, version: '0.3.0' });
    expect(r.updater.quitAndInstall.mock.calls).toEqual([[true, false]]);
  });

  it('does not install when office hours began during the download (the next run will)', async () => {
    let t = vn('2026-12-07T06:59:00');
    const r = setUp({ clock: () => t });
    r.updater.feed = { kind: 'update', version: '0.2.0' };
    r.updater.on('update-available', () => {
      t = vn('2026-12-07T07:03:00');
    });
    const result = await runSystemUpdate(r.deps);
    expect(result).toMatchObject({ outcome: 'officeHours', exitCode: 3, version: '0.2.0' });
    expect(r.updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('with updates.url empty exits 4 without making an updater', async () => {
    const r = setUp({ loadConfig: () => configResult({ updates: { url: '' } }) });
    expect(await runSystemUpdate(r.deps)).toMatchObject({ outcome: 'off', exitCode: 4 });
    expect(r.made).toBe(0);
  });

  it('with a configuration it cannot use exits 1, naming the fields, and checks nothing', async () => {
    const bad = parseConfig({ unit: { code: 'X' } });
    const r = setUp({ loadConfig: () => bad as unknown as Result<LoadedConfig> });
    expect(bad.ok).toBe(false);
    const result = await runSystemUpdate(r.deps);
    expect(result).toMatchObject({ outcome: 'failed', exitCode: 1 });
    expect(r.made).toBe(0);
    expect(logged('error system update: the configuration cannot be used; nothing done')).toBe(true);
    expect(logged('unit.name — required')).toBe(true);
  });

  it('a failed check (no network) is logged and exits 1', async () => {
    const r = setUp();
    r.updater.feed = { kind: 'offline' };
    const result = await runSystemUpdate(r.deps);
    expect(result).toMatchObject({ outcome: 'failed', exitCode: 1 });
    expect(logged('check or download failed; the installed version stays')).toBe(true);
    expect(logged('ERR_INTERNET_DISCONNECTED')).toBe(true);
  });

  it('a download that fails verification installs nothing and exits 1', async () => {
    const r = setUp();
    r.updater.feed = { kind: 'update', version: '0.2.0', downloadFails: true };
    const result = await runSystemUpdate(r.deps);
    expect(result).toMatchObject({ outcome: 'failed', exitCode: 1, version: '0.2.0' });
    expect(r.updater.quitAndInstall).not.toHaveBeenCalled();
    expect(logged('sha512 checksum mismatch')).toBe(true);
  });

  it('an installer that cannot be started (an updater error, no quit) exits 1', async () => {
    const r = setUp();
    r.updater.feed = { kind: 'update', version: '0.2.0' };
    r.updater.quitAndInstall.mockImplementation(() => {
      r.updater.emit('error', new Error("No update filepath provided, can't quit and install"));
    });
    const result = await runSystemUpdate(r.deps);
    expect(result).toMatchObject({ outcome: 'failed', exitCode: 1 });
    expect(logged('the installer could not be started; the installed version stays')).toBe(true);
    expect(logged('No update filepath provided')).toBe(true);
  });

  it('a quitAndInstall that throws exits 1', async () => {
    const r = setUp();
    r.updater.feed = { kind: 'update', version: '0.2.0' };
    r.updater.quitAndInstall.mockImplementation(() => {
      throw new Error('spawn elevate.exe ENOENT');
    });
    expect(await runSystemUpdate(r.deps)).toMatchObject({ outcome: 'failed', exitCode: 1 });
    expect(logged('spawn elevate.exe ENOENT')).toBe(true);
  });

  it('when electron-updater never asks to quit, gives up after a while and exits 1', async () => {
    vi.useFakeTimers();
    try {
      const r = setUp({ installStartMs: 30_000 });
      r.updater.feed = { kind: 'update', version: '0.2.0' };
      r.updater.quitAndInstall.mockImplementation(() => {});
      const pending = runSystemUpdate(r.deps);
      let settled = false;
      void pending.then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(29_999);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await pending).toMatchObject({ outcome: 'failed', exitCode: 1 });
      expect(logged('the installer did not start')).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it("goes through an explicit proxy, answering its challenge with the configuration's credentials, a bounded number of times", async () => {
    const r = setUp({ loadConfig: () => configResult({ server: { proxy: 'http://kiosk:pr0xy%40pass@proxy.city.example:3128' } }) });
    const answers: unknown[][] = [];
    r.updater.checkForUpdates.mockImplementationOnce(async () => {
      for (let i = 0; i < 3; i++) r.updater.emit('login', { isProxy: true }, (...a: unknown[]) => answers.push(a));
      r.updater.emit('login', { isProxy: false }, (...a: unknown[]) => answers.push(a));
      return { isUpdateAvailable: false, downloadPromise: null };
    });
    expect((await runSystemUpdate(r.deps)).outcome).toBe('upToDate');
    expect(r.proxies).toEqual(['http://proxy.city.example:3128']);
    expect(answers).toEqual([['kiosk', 'pr0xy@pass'], ['kiosk', 'pr0xy@pass'], [], []]);
  });
});

describe('updaterProxy', () => {
  it('gives Chromium the proxy without its credentials, and the credentials decoded apart', () => {
    expect(updaterProxy('')).toBeNull();
    expect(updaterProxy('http://proxy.example:3128')).toEqual({ proxyRules: 'http://proxy.example:3128', credentials: null });
    expect(updaterProxy('https://kiosk:p%40ss@proxy.example:8443/')).toEqual({
      proxyRules: 'https://proxy.example:8443',
      credentials: { username: 'kiosk', password: 'p@ss' },
    });
  });
});

describe('isSystemUpdateRun', () => {
  it('is the SYSTEM task’s run only with --system-update', () => {
    expect(isSystemUpdateRun(['SatisfactionKiosk.exe', '--system-update'])).toBe(true);
    expect(isSystemUpdateRun(['SatisfactionKiosk.exe', '--system-update', '--now'])).toBe(true);
    expect(isSystemUpdateRun(['SatisfactionKiosk.exe'])).toBe(false);
    expect(isSystemUpdateRun(['SatisfactionKiosk.exe', '--update-now'])).toBe(false);
    expect(isSystemUpdateRun(['SatisfactionKiosk.exe', '--now'])).toBe(false);
  });
});

describe('startSystemUpdate in Electron’s main process', () => {
  const t = tempDir('kiosk-system-update-');
  afterAll(() => t.cleanup());

  async function startIn(dir: string, over: { packaged?: boolean; argv?: string[]; config?: TestConfigOverrides } = {}) {
    fs.mkdirSync(dir);
    const configFile = writeTestConfig(dir, { updates: { url: FEED } }, over.config ?? {});
    const dataDir = path.join(dir, 'data');
    e.app.isPackaged = over.packaged ?? true;
    e.app.setPath('appData', dir);
    const logDirs: string[] = [];
    const proc = new EventEmitter();
    const code = await startSystemUpdate({
      argv: [
        'C:\\Program Files\\SatisfactionKiosk\\SatisfactionKiosk.exe',
        '--system-update',
        ...(over.argv ?? []),
        '--config',
        configFile,
        '--data-dir',
        dataDir,
      ],
      env: { ProgramData: 'C:\\ProgramData' },
      platform: 'win32',
      proc,
      createLogger: (logsDir) => {
        logDirs.push(logsDir);
        return logger;
      },
      clock: () => MONDAY_MORNING,
    });
    return { code, dataDir, logDirs };
  }

  beforeEach(() => {
    MockNsisUpdater.instances.length = 0;
    MockNsisUpdater.prepare = null;
    FakeBrowserWindow.instances = [];
    e.app.removeAllListeners();
  });

  it('with --now installs through electron-updater’s NsisUpdater and exits 2, with no window, no database, no single-instance lock', async () => {
    let quitEvent: ReturnType<typeof preventable> | null = null;
    e.app.quit.mockImplementation(() => {
      quitEvent = preventable();
      e.app.emit('before-quit', quitEvent);
    });
    // As electron-updater does: the installer is started, then the app is asked to quit.
    const quitAndInstall = vi.fn(() => setImmediate(() => e.app.quit()));
    MockNsisUpdater.prepare = (u) => {
      u.feed = { kind: 'update', version: '0.2.0' };
      u.quitAndInstall.mockImplementation(quitAndInstall);
    };
    const { code, dataDir, logDirs } = await startIn(path.join(t.dir, 'now'), { argv: ['--now'] });
    expect(code).toBe(2);
    expect(e.app.exit).toHaveBeenLastCalledWith(2);
    expect(quitAndInstall).toHaveBeenCalledWith(true, false);
    // electron-updater's quit is turned into this process's own exit code.
    expect(quitEvent!.prevented).toBe(true);
    expect(MockNsisUpdater.instances).toHaveLength(1);
    expect(e.app.disableHardwareAcceleration).toHaveBeenCalled();
    expect(e.app.requestSingleInstanceLock).not.toHaveBeenCalled();
    expect(FakeBrowserWindow.instances).toEqual([]);
    expect(e.ipcMain.handle).not.toHaveBeenCalled();
    expect(e.protocol.handle).not.toHaveBeenCalled();
    expect(fs.existsSync(dataDir)).toBe(false);
    expect(logDirs).toEqual([path.win32.join('C:\\ProgramData', 'SatisfactionKiosk', 'logs', SYSTEM_UPDATE_LOGS_DIR)]);
  });

  it('without --now, inside office hours, exits 3 before making an updater', async () => {
    const { code, dataDir } = await startIn(path.join(t.dir, 'office'));
    expect(code).toBe(3);
    expect(e.app.exit).toHaveBeenLastCalledWith(3);
    expect(MockNsisUpdater.instances).toEqual([]);
    expect(FakeBrowserWindow.instances).toEqual([]);
    expect(fs.existsSync(dataDir)).toBe(false);
  });

  it('in a development run (not packaged) refuses with exit code 1', async () => {
    const { code } = await startIn(path.join(t.dir, 'dev'), { packaged: false, argv: ['--now'] });
    expect(code).toBe(1);
    expect(e.app.exit).toHaveBeenLastCalledWith(1);
    expect(MockNsisUpdater.instances).toEqual([]);
    expect(logged('system update runs only in the installed Windows kiosk')).toBe(true);
  });
});
