// `SatisfactionKiosk.exe --system-update [--now]`, the SYSTEM task's update run, with
// electron-updater replaced by a stand-in that behaves like it (events, a download promise
// that rejects after an 'error' event, quitAndInstall then a quit request) and `electron`
// mocked: what it decides from the configuration and the clock, what it asks the updater,
// the exit code of each outcome, and that it never opens a window or the database. The
// install-loop guard's record is a real file in a temporary folder, read again by each run.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import * as electron from 'electron';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { UPDATE_ATTEMPTS_FILE, type UpdateAttempts } from '../../../electron/main/update-attempts';
import { ok, type Result } from '../../../shared/errors';
import { parseConfig, type LoadedConfig } from '../../../electron/services/config-loader';
import {
  isSystemUpdateRun,
  runSystemUpdate,
  startSystemUpdate,
  SYSTEM_UPDATE_EXIT,
  SYSTEM_UPDATE_LOGS_DIR,
  systemUpdateFiles,
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
const RUNNING = '0.1.0';
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const stateDirs = tempDir('kiosk-update-attempts-');
afterAll(() => stateDirs.cleanup());
let stateCount = 0;
/** A fresh folder standing for logs\system-update, and the record's path in it. */
function freshAttemptsFile(): string {
  const dir = path.join(stateDirs.dir, `run-${++stateCount}`);
  fs.mkdirSync(dir);
  return path.join(dir, UPDATE_ATTEMPTS_FILE);
}
const readRecord = (file: string): UpdateAttempts => JSON.parse(fs.readFileSync(file, 'utf8')) as UpdateAttempts;

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
      runningVersion: RUNNING,
      attemptsFile: over.attemptsFile ?? freshAttemptsFile(),
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
    // Downloaded only once the install-loop guard let it through.
    expect(r.updater).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: false, allowDowngrade: false });
    expect(r.updater.downloadUpdate).toHaveBeenCalledTimes(1);
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
    // No installer started, so no attempt counted.
    expect(fs.existsSync(r.deps.attemptsFile)).toBe(false);
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

describe('the install-loop guard (an installer that leaves the running version unchanged)', () => {
  /** One run of the task on the same record at `at`, the feed offering `feedVersion`; `seen` is the record as the installer starts. */
  async function runAt(file: string, at: number, feedVersion: string | null, over: Partial<SystemUpdateDeps> = {}) {
    const r = setUp({ attemptsFile: file, clock: () => at, ...over });
    r.updater.feed = feedVersion === null ? { kind: 'none' } : { kind: 'update', version: feedVersion };
    let seen: UpdateAttempts | null = null;
    const install = r.updater.quitAndInstall.getMockImplementation()!;
    r.updater.quitAndInstall.mockImplementation((...args) => {
      seen = fs.statSync(file, { throwIfNoEntry: false })?.isFile() ? readRecord(file) : null;
      install(...args);
    });
    const result = await runSystemUpdate(r.deps);
    return { result, r, seen: seen as UpdateAttempts | null };
  }
  function seed(file: string, record: Partial<UpdateAttempts> = {}): UpdateAttempts {
    const full: UpdateAttempts = {
      targetVersion: '0.2.0',
      runningVersion: RUNNING,
      attempts: 3,
      firstAttemptAt: new Date(MONDAY_EVENING - 3 * DAY).toISOString(),
      lastAttemptAt: new Date(MONDAY_EVENING - DAY).toISOString(),
      ...record,
    };
    fs.writeFileSync(file, JSON.stringify(full));
    return full;
  }

  it('counts the installs of the same version across runs, recorded before each starts, then gives up with exit code 5 naming both versions', async () => {
    const file = freshAttemptsFile();
    for (let night = 1; night <= 3; night++) {
      const at = MONDAY_EVENING + (night - 1) * DAY;
      const { result, seen } = await runAt(file, at, '0.2.0');
      expect(result).toMatchObject({ outcome: 'installing', exitCode: 2 });
      expect(seen).toEqual({
        targetVersion: '0.2.0',
        runningVersion: RUNNING,
        attempts: night,
        firstAttemptAt: new Date(MONDAY_EVENING).toISOString(),
        lastAttemptAt: new Date(at).toISOString(),
      });
    }
    expect(logged('system update: the installer of 0.2.0 ran before and 0.1.0 still runs; trying again')).toBe(true);

    lines = [];
    for (const night of [4, 5]) {
      const { result, r } = await runAt(file, MONDAY_EVENING + (night - 1) * DAY, '0.2.0');
      expect(result).toEqual({ outcome: 'sameUpdateFailed', exitCode: 5, version: '0.2.0' });
      // Neither downloaded nor started: the kiosk is not restarted for nothing.
      expect(r.updater.downloadUpdate).not.toHaveBeenCalled();
      expect(r.updater.quitAndInstall).not.toHaveBeenCalled();
    }
    expect(SYSTEM_UPDATE_EXIT.sameUpdateFailed).toBe(5);
    expect(logged('error system update: the installer of 0.2.0 already ran 3 times and 0.1.0 still runs; not trying 0.2.0 again')).toBe(true);
    expect(readRecord(file).attempts).toBe(3);
  });

  it('starts the same installer at most once a night: the 02:30 run after a failed evening install exits 6, the next evening tries again', async () => {
    const file = freshAttemptsFile();
    expect((await runAt(file, MONDAY_EVENING, '0.2.0')).result.exitCode).toBe(2);

    const fallback = vn('2026-12-08T02:30:00');
    const { result, r } = await runAt(file, fallback, '0.2.0');
    expect(result).toEqual({ outcome: 'sameUpdateTooSoon', exitCode: 6, version: '0.2.0' });
    expect(r.updater.downloadUpdate).not.toHaveBeenCalled();
    expect(r.updater.quitAndInstall).not.toHaveBeenCalled();
    expect(readRecord(file).attempts).toBe(1);
    expect(logged(`trying again no earlier than ${new Date(MONDAY_EVENING + 20 * HOUR).toISOString()}`)).toBe(true);

    // Closing time is 17:30: the kiosk's evening run, a few minutes later, is over 20 hours on.
    const nextEvening = vn('2026-12-08T17:35:00');
    const next = await runAt(file, nextEvening, '0.2.0');
    expect(next.result.exitCode).toBe(2);
    expect(next.seen).toMatchObject({ attempts: 2, lastAttemptAt: new Date(nextEvening).toISOString() });
  });

  it('does not hold an update back when the clock was set back before the last attempt', async () => {
    const file = freshAttemptsFile();
    seed(file, { attempts: 1, lastAttemptAt: new Date(MONDAY_EVENING + 300 * DAY).toISOString() });
    const { result, seen } = await runAt(file, MONDAY_EVENING, '0.2.0');
    expect(result.exitCode).toBe(2);
    expect(seen).toMatchObject({ attempts: 2 });
  });

  it('after giving up, a newer version on the feed is installed, counted afresh', async () => {
    const file = freshAttemptsFile();
    seed(file);
    const { result, seen } = await runAt(file, MONDAY_EVENING, '0.2.1');
    expect(result).toMatchObject({ outcome: 'installing', exitCode: 2, version: '0.2.1' });
    expect(seen).toEqual({
      targetVersion: '0.2.1',
      runningVersion: RUNNING,
      attempts: 1,
      firstAttemptAt: new Date(MONDAY_EVENING).toISOString(),
      lastAttemptAt: new Date(MONDAY_EVENING).toISOString(),
    });
  });

  it('after giving up, --now (IT asking) tries the same version again, even within the night; the nightly run still does not', async () => {
    const file = freshAttemptsFile();
    const before = seed(file, { lastAttemptAt: new Date(MONDAY_EVENING - HOUR).toISOString() });
    const { result, seen } = await runAt(file, MONDAY_EVENING, '0.2.0', { now: true });
    expect(result).toMatchObject({ outcome: 'installing', exitCode: 2, version: '0.2.0' });
    expect(seen).toEqual({ ...before, attempts: 4, lastAttemptAt: new Date(MONDAY_EVENING).toISOString() });
    expect(logged('"now":true')).toBe(true);

    expect((await runAt(file, MONDAY_EVENING + DAY, '0.2.0')).result.exitCode).toBe(5);
  });

  it('a successful update (the recorded version now running) clears the record, whatever the feed says', async () => {
    const file = freshAttemptsFile();
    seed(file, { attempts: 2 });
    const { result } = await runAt(file, MONDAY_MORNING, null, { runningVersion: '0.2.0' });
    // Inside office hours, so nothing else happens; the record goes all the same.
    expect(result.outcome).toBe('officeHours');
    expect(fs.existsSync(file)).toBe(false);
    expect(logged('the version last installed is running; the record of install attempts is cleared')).toBe(true);
    // The next failing installer of a later version is counted from one.
    expect((await runAt(file, MONDAY_EVENING, '0.3.0', { runningVersion: '0.2.0' })).seen).toMatchObject({ targetVersion: '0.3.0', attempts: 1 });
  });

  it('a running version changed by other means (installed by hand) clears the record and installs again', async () => {
    const file = freshAttemptsFile();
    seed(file);
    const { result, seen } = await runAt(file, MONDAY_EVENING, '0.2.0', { runningVersion: '0.1.5' });
    expect(result.exitCode).toBe(2);
    expect(seen).toMatchObject({ targetVersion: '0.2.0', runningVersion: '0.1.5', attempts: 1 });
    expect(logged('the running version changed since the last install attempt; the record is cleared')).toBe(true);
  });

  it('a damaged record is logged, treated as absent and replaced; it never blocks the update', async () => {
    for (const damaged of ['{"targetVersion":"0.2.0","attem', JSON.stringify({ targetVersion: '0.2.0', runningVersion: RUNNING, attempts: 'many' }), 'null']) {
      lines = [];
      const file = freshAttemptsFile();
      fs.writeFileSync(file, damaged);
      const { result, seen } = await runAt(file, MONDAY_EVENING, '0.2.0');
      expect(result.exitCode).toBe(2);
      expect(seen).toMatchObject({ targetVersion: '0.2.0', runningVersion: RUNNING, attempts: 1 });
      expect(logged('warn system update: the record of install attempts is damaged')).toBe(true);
      expect(logged('treated as absent')).toBe(true);
    }
  });

  it('a record that can be neither read nor written (a folder in its place) is logged and does not stop the install', async () => {
    const file = freshAttemptsFile();
    fs.mkdirSync(file);
    const { result } = await runAt(file, MONDAY_EVENING, '0.2.0');
    expect(result).toMatchObject({ outcome: 'installing', exitCode: 2 });
    expect(logged('warn system update: the record of install attempts cannot be read; treated as absent')).toBe(true);
    expect(logged('error system update: the record of install attempts cannot be written')).toBe(true);
    expect(fs.readdirSync(path.dirname(file))).toEqual([UPDATE_ATTEMPTS_FILE]);
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

describe('systemUpdateFiles', () => {
  it('keeps the install-loop record beside the update log, in the folder only administrators and SYSTEM may write', () => {
    expect(
      systemUpdateFiles({ env: { ProgramData: 'C:\\ProgramData' }, platform: 'win32', userData: 'C:\\Users\\kiosk\\AppData\\Roaming\\SatisfactionKiosk' }),
    ).toEqual({
      logsDir: 'C:\\ProgramData\\SatisfactionKiosk\\logs\\system-update',
      attemptsFile: 'C:\\ProgramData\\SatisfactionKiosk\\logs\\system-update\\update-attempts.json',
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
    // The default (beside the log, a Windows path) would be a relative file name here.
    const attemptsFile = path.join(dir, UPDATE_ATTEMPTS_FILE);
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
      attemptsFile,
    });
    return { code, dataDir, logDirs, attemptsFile };
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
    const { code, dataDir, logDirs, attemptsFile } = await startIn(path.join(t.dir, 'now'), { argv: ['--now'] });
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
    // The attempt is counted against the version the app says it is.
    expect(readRecord(attemptsFile)).toMatchObject({ targetVersion: '0.2.0', runningVersion: '0.1.0-test', attempts: 1 });
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
