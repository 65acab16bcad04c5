// The updater's wiring with electron-updater replaced by a stand-in that behaves like it
// (events, a download promise, quitAndInstall) and the clock faked: what is checked when,
// and when an install happens or waits.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startAutoUpdates, updaterProxy, type AutoUpdateDeps } from '../../../electron/main/auto-update';
import { createActivityTracker, FIRST_CHECK_MIN_MS, type ActivityTracker } from '../../../electron/main/update-policy';
import { realTimers } from '../../../electron/main/window-recovery';
import type { Logger } from '../../../electron/services/logger';
import { FakeUpdater } from './fake-updater';

const MIN = 60_000;
const HOUR = 60 * MIN;
const QUIET = 2 * MIN;
const vn = (local: string) => Date.parse(`${local}+07:00`);

let updater: FakeUpdater;
let activity: ActivityTracker;
let lines: string[];
let quitAllowed: boolean[];
const logger: Logger = {
  info: (o, m) => lines.push(`info ${m ?? o} ${typeof o === 'object' ? JSON.stringify(o) : ''}`),
  warn: (o, m) => lines.push(`warn ${m ?? o} ${typeof o === 'object' ? JSON.stringify(o) : ''}`),
  error: (o, m) => lines.push(`error ${m ?? o} ${typeof o === 'object' ? JSON.stringify(o) : ''}`),
};

function start(over: Partial<AutoUpdateDeps> = {}) {
  return startAutoUpdates({
    updater: () => updater,
    url: 'https://updates.city.example/kiosk/',
    officeHours: { days: [1, 2, 3, 4, 5], start: '07:00', end: '17:30' },
    timeZone: 'Asia/Ho_Chi_Minh',
    quietPeriodMs: QUIET,
    activity,
    timers: realTimers,
    // The first check at exactly FIRST_CHECK_MIN_MS, later ones at exactly six hours.
    random: () => (updater.checkForUpdates.mock.calls.length === 0 ? 0 : 0.5),
    logger,
    allowQuit: (allowed) => quitAllowed.push(allowed),
    ...over,
  });
}

const installs = () => updater.quitAndInstall.mock.calls;
const logged = (text: string) => lines.some((l) => l.includes(text));

beforeEach(() => {
  vi.useFakeTimers({ now: vn('2026-12-07T21:00:00') }); // a Monday evening: the centre is closed
  updater = new FakeUpdater();
  activity = createActivityTracker(() => Date.now());
  lines = [];
  quitAllowed = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('startAutoUpdates', () => {
  it('with no updates.url does nothing at all, and says so when IT asks', async () => {
    const c = start({ url: '' });
    await vi.advanceTimersByTimeAsync(48 * HOUR);
    c.requestNow();
    expect(updater.setFeedURL).not.toHaveBeenCalled();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    expect(c.state().state).toBe('off');
    expect(logged('automatic updates off')).toBe(true);
    expect(logged('updates.url is empty')).toBe(true);
  });

  it('sets a generic feed, downloads by itself and never installs on an ordinary quit', () => {
    start();
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://updates.city.example/kiosk/' });
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: false, allowDowngrade: false });
    updater.logger!.info('Checking for update');
    expect(logged('Checking for update {"from":"electron-updater"}')).toBe(true);
  });

  it('checks a few minutes after start, then about every six hours', async () => {
    const c = start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_MIN_MS - 1);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(6 * HOUR);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(18 * HOUR);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(5);
    c.stop();
    await vi.advanceTimersByTimeAsync(48 * HOUR);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(5);
  });

  it('installs silently at once when downloaded outside office hours on a quiet kiosk, letting the window close first', async () => {
    updater.feed = { kind: 'update', version: '0.2.0' };
    updater.quitAndInstall.mockImplementation(() => expect(quitAllowed).toEqual([true]));
    const c = start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_MIN_MS);
    expect(installs()).toEqual([[true, true]]);
    expect(c.state()).toEqual({ state: 'installing', version: '0.2.0', itRequested: false });
    expect(logged('installing the update now')).toBe(true);
  });

  it('waits through office hours and installs at their end', async () => {
    vi.setSystemTime(vn('2026-12-07T09:00:00'));
    updater.feed = { kind: 'update', version: '0.2.0' };
    start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_MIN_MS);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(logged('update waits before installing {"version":"0.2.0","reason":"office_hours"}')).toBe(true);
    await vi.advanceTimersByTimeAsync(vn('2026-12-07T17:29:59') - Date.now());
    expect(installs()).toEqual([]);
    await vi.advanceTimersByTimeAsync(MIN);
    expect(installs()).toEqual([[true, true]]);
    expect(Date.now()).toBeLessThanOrEqual(vn('2026-12-07T17:31:00'));
    // Waiting was said once, not every minute.
    expect(lines.filter((l) => l.includes('update waits')).length).toBe(1);
  });

  it('never installs while someone uses the kiosk, even at night: only once it has been quiet long enough', async () => {
    updater.feed = { kind: 'update', version: '0.2.0' };
    start();
    // Someone rates and types a comment for ten minutes, touching every 30 s.
    const tapping = setInterval(() => activity.noteInput(), 30_000);
    activity.noteCall('submitRating');
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(installs()).toEqual([]);
    expect(logged('"reason":"in_use"')).toBe(true);
    clearInterval(tapping);
    const lastTouch = Date.now() - ((Date.now() - vn('2026-12-07T21:00:00')) % 30_000);
    await vi.advanceTimersByTimeAsync(QUIET - 1_000 - (Date.now() - lastTouch));
    expect(installs()).toEqual([]);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(installs()).toEqual([[true, true]]);
  });

  it('on an IT request checks at once and installs in office hours, at the next quiet moment', async () => {
    vi.setSystemTime(vn('2026-12-08T10:00:00'));
    updater.feed = { kind: 'update', version: '0.3.0' };
    const c = start();
    activity.noteCall('amendRating');
    c.requestNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(installs()).toEqual([]);
    expect(c.state()).toMatchObject({ state: 'ready', itRequested: true });
    await vi.advanceTimersByTimeAsync(QUIET + 1_000);
    expect(installs()).toEqual([[true, true]]);
    expect(logged('"reason":"it_request"')).toBe(true);
  });

  it('an IT request for an update already downloaded installs it at the next quiet moment', async () => {
    vi.setSystemTime(vn('2026-12-08T10:00:00'));
    updater.feed = { kind: 'update', version: '0.3.0' };
    const c = start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_MIN_MS);
    expect(c.state().state).toBe('ready');
    c.requestNow();
    expect(installs()).toEqual([[true, true]]);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
  });

  it('an IT request with nothing newer on the feed is dropped: a later update still waits for the evening', async () => {
    vi.setSystemTime(vn('2026-12-08T10:00:00'));
    const c = start();
    c.requestNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(logged('the feed has nothing newer')).toBe(true);
    expect(c.state()).toMatchObject({ state: 'idle', itRequested: false });
    updater.feed = { kind: 'update', version: '0.3.0' };
    await vi.advanceTimersByTimeAsync(6 * HOUR);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
    expect(installs()).toEqual([]);
    await vi.advanceTimersByTimeAsync(vn('2026-12-08T17:31:00') - Date.now());
    expect(installs()).toEqual([[true, true]]);
  });

  it('a failed check is logged and tried again at the next check', async () => {
    updater.feed = { kind: 'offline' };
    const c = start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_MIN_MS);
    expect(logged('update check or download failed; the running version stays')).toBe(true);
    expect(logged('ERR_INTERNET_DISCONNECTED')).toBe(true);
    expect(c.state().state).toBe('idle');
    updater.feed = { kind: 'update', version: '0.2.0' };
    await vi.advanceTimersByTimeAsync(6 * HOUR);
    expect(installs()).toEqual([[true, true]]);
  });

  it('a download that fails verification installs nothing and leaves no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      updater.feed = { kind: 'update', version: '0.2.0', downloadFails: true };
      const c = start();
      await vi.advanceTimersByTimeAsync(FIRST_CHECK_MIN_MS + 10 * MIN);
      expect(installs()).toEqual([]);
      expect(quitAllowed).toEqual([]);
      expect(logged('sha512 checksum mismatch')).toBe(true);
      expect(c.state()).toEqual({ state: 'idle', version: null, itRequested: false });
      // Node reports an unhandled rejection once the current turn is over: let a real one pass.
      vi.useRealTimers();
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('an install that does not start keeps the window shut again and the running version; the next check retries', async () => {
    updater.feed = { kind: 'update', version: '0.2.0' };
    // As electron-updater does when the installer file is gone: an 'error' event, no quit.
    updater.quitAndInstall.mockImplementationOnce(() => updater.emit('error', new Error("No update filepath provided, can't quit and install")));
    const c = start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_MIN_MS);
    expect(quitAllowed).toEqual([true, false]);
    expect(logged('update could not be installed; the running version stays')).toBe(true);
    expect(c.state().state).toBe('idle');
    await vi.advanceTimersByTimeAsync(6 * HOUR);
    expect(installs()).toHaveLength(2);
    expect(quitAllowed).toEqual([true, false, true]);
  });

  it('an install that throws is handled the same way', async () => {
    updater.feed = { kind: 'update', version: '0.2.0' };
    updater.quitAndInstall.mockImplementationOnce(() => {
      throw new Error('spawn EACCES');
    });
    const c = start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_MIN_MS);
    expect(quitAllowed).toEqual([true, false]);
    expect(c.state().state).toBe('idle');
    expect(logged('spawn EACCES')).toBe(true);
  });

  it("answers an explicit proxy's credential challenge, a bounded number of times per check, and nothing else", async () => {
    start({ proxyCredentials: { username: 'kiosk', password: 'p@ss' } });
    const answers: unknown[][] = [];
    const answer = (...a: unknown[]) => answers.push(a);
    updater.emit('login', { isProxy: false, host: 'updates.city.example' }, answer);
    for (let i = 0; i < 3; i++) updater.emit('login', { isProxy: true, host: 'proxy.example' }, answer);
    expect(answers).toEqual([[], ['kiosk', 'p@ss'], ['kiosk', 'p@ss'], []]);
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_MIN_MS);
    updater.emit('login', { isProxy: true, host: 'proxy.example' }, answer);
    expect(answers.at(-1)).toEqual(['kiosk', 'p@ss']);
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
