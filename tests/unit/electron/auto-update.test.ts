// The kiosk's side of updates with the task runner faked and the clock faked: when the SYSTEM
// update task is started ("Update" at night, "Update now" after --update-now), never while
// someone uses the kiosk, at most once a night, and what happens when it cannot be started.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  INSTALL_WINDOW_MS,
  RETRY_AFTER_FAILURE_MS,
  schtasksRunner,
  startAutoUpdates,
  UPDATE_NOW_TASK,
  UPDATE_TASK,
  type AutoUpdateDeps,
  type UpdateTaskName,
} from '../../../electron/main/auto-update';
import { createActivityTracker, FIRST_CHECK_MIN_MS, NIGHT_SPREAD_MS, type ActivityTracker } from '../../../electron/main/update-policy';
import { realTimers } from '../../../electron/main/window-recovery';
import type { Logger } from '../../../electron/services/logger';

const MIN = 60_000;
const HOUR = 60 * MIN;
const QUIET = 2 * MIN;
const vn = (local: string) => Date.parse(`${local}+07:00`);

let activity: ActivityTracker;
let lines: string[];
let quitAllowed: boolean[];
/** Each start of a task: its name and the wall clock then. */
let runs: Array<{ task: UpdateTaskName; at: number }>;
let failNext: Error[];
const logger: Logger = {
  info: (o, m) => lines.push(`info ${m ?? o} ${typeof o === 'object' ? JSON.stringify(o) : ''}`),
  warn: (o, m) => lines.push(`warn ${m ?? o} ${typeof o === 'object' ? JSON.stringify(o) : ''}`),
  error: (o, m) => lines.push(`error ${m ?? o} ${typeof o === 'object' ? JSON.stringify(o) : ''}`),
};

const runTask = vi.fn(async (task: UpdateTaskName) => {
  // The window must already be allowed to close when the task (and its installer) starts.
  expect(quitAllowed.at(-1)).toBe(true);
  const failure = failNext.shift();
  if (failure) throw failure;
  runs.push({ task, at: Date.now() });
});

function start(over: Partial<AutoUpdateDeps> = {}) {
  return startAutoUpdates({
    url: 'https://updates.city.example/kiosk/',
    officeHours: { days: [1, 2, 3, 4, 5], start: '07:00', end: '17:30' },
    timeZone: 'Asia/Ho_Chi_Minh',
    quietPeriodMs: QUIET,
    activity,
    timers: realTimers,
    // The first look at exactly FIRST_CHECK_MIN_MS, and no spread: each test moves it on purpose.
    random: () => 0,
    logger,
    allowQuit: (allowed) => quitAllowed.push(allowed),
    runTask,
    ...over,
  });
}

const tasks = () => runs.map((r) => r.task);
const logged = (text: string) => lines.some((l) => l.includes(text));

beforeEach(() => {
  vi.useFakeTimers({ now: vn('2026-12-07T21:00:00') }); // a Monday evening: the centre is closed
  activity = createActivityTracker(() => Date.now());
  lines = [];
  quitAllowed = [];
  runs = [];
  failNext = [];
  runTask.mockClear();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('startAutoUpdates', () => {
  it('with no updates.url starts no task at all, and says so when IT asks', async () => {
    const c = start({ url: '' });
    await vi.advanceTimersByTimeAsync(48 * HOUR);
    c.requestNow();
    expect(runTask).not.toHaveBeenCalled();
    expect(c.state().state).toBe('off');
    expect(logged('automatic updates off (updates.url is empty)')).toBe(true);
    expect(logged('an update was asked for, but updates.url is empty')).toBe(true);
  });

  it('starts the "Update" task a few minutes after start on a quiet evening, letting the window close first', async () => {
    const c = start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_MIN_MS - 1);
    expect(runTask).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(tasks()).toEqual([UPDATE_TASK]);
    expect(UPDATE_TASK).toBe('\\SatisfactionKiosk\\Update');
    expect(quitAllowed).toEqual([true]);
    expect(c.state()).toMatchObject({ state: 'waiting', itRequested: false, lastStartedMs: vn('2026-12-07T21:00:00') + FIRST_CHECK_MIN_MS });
    expect(logged('update task started')).toBe(true);
  });

  it('shuts the window again once the task has had its hour, if the installer never closed it', async () => {
    start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_MIN_MS);
    expect(quitAllowed).toEqual([true]);
    await vi.advanceTimersByTimeAsync(INSTALL_WINDOW_MS - 1);
    expect(quitAllowed).toEqual([true]);
    await vi.advanceTimersByTimeAsync(1);
    expect(quitAllowed).toEqual([true, false]);
  });

  it('starts it at most once a night: again only after the centre has been open, at the next closing', async () => {
    start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_MIN_MS);
    expect(runs).toHaveLength(1);
    // The rest of Monday night and all of Tuesday's office hours: nothing.
    await vi.advanceTimersByTimeAsync(vn('2026-12-08T17:29:00') - Date.now());
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect(tasks()).toEqual([UPDATE_TASK, UPDATE_TASK]);
    expect(runs[1]!.at).toBeGreaterThanOrEqual(vn('2026-12-08T17:30:00'));
    expect(runs[1]!.at).toBeLessThanOrEqual(vn('2026-12-08T17:31:00'));
  });

  it('on a weekend (no office hours in between) starts it again a day later, not every minute', async () => {
    vi.setSystemTime(vn('2026-12-12T10:00:00')); // Saturday
    start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_MIN_MS);
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(24 * HOUR - MIN);
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect(runs).toHaveLength(2);
    expect(runs[1]!.at - runs[0]!.at).toBeGreaterThanOrEqual(24 * HOUR);
  });

  it('waits through office hours and starts the task after closing, spread by a random part of half an hour', async () => {
    vi.setSystemTime(vn('2026-12-07T09:00:00'));
    // 0.5: the first look at 7 minutes, and 15 minutes of spread once the moment has come.
    start({ random: () => 0.5 });
    await vi.advanceTimersByTimeAsync(vn('2026-12-07T17:30:00') - Date.now());
    expect(runs).toEqual([]);
    expect(logged('update task waits for its moment {"reason":"office_hours","itRequested":false}')).toBe(true);
    await vi.advanceTimersByTimeAsync(NIGHT_SPREAD_MS / 2 - 1);
    expect(runs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1 * MIN);
    expect(tasks()).toEqual([UPDATE_TASK]);
    expect(runs[0]!.at).toBeGreaterThanOrEqual(vn('2026-12-07T17:45:00'));
    expect(runs[0]!.at).toBeLessThanOrEqual(vn('2026-12-07T17:46:00'));
    // Waiting was said once per reason, not every minute.
    expect(lines.filter((l) => l.includes('"reason":"office_hours"')).length).toBe(1);
  });

  it('never starts it while someone uses the kiosk, even at night: only once it has been quiet long enough', async () => {
    start();
    // Someone rates and types a comment for ten minutes, touching every 30 s.
    const tapping = setInterval(() => activity.noteInput(), 30_000);
    activity.noteCall('submitRating');
    await vi.advanceTimersByTimeAsync(10 * MIN);
    expect(runTask).not.toHaveBeenCalled();
    expect(logged('"reason":"in_use"')).toBe(true);
    clearInterval(tapping);
    const lastTouch = Date.now() - ((Date.now() - vn('2026-12-07T21:00:00')) % 30_000);
    await vi.advanceTimersByTimeAsync(QUIET - 1_000 - (Date.now() - lastTouch));
    expect(runTask).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(tasks()).toEqual([UPDATE_TASK]);
    expect(Date.now() - lastTouch).toBeGreaterThanOrEqual(QUIET);
  });

  it('on an IT request starts "Update now" in office hours, at the next quiet moment, and only once', async () => {
    vi.setSystemTime(vn('2026-12-08T10:00:00'));
    const c = start();
    activity.noteCall('amendRating');
    c.requestNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(runTask).not.toHaveBeenCalled();
    expect(c.state()).toMatchObject({ state: 'waiting', itRequested: true });
    await vi.advanceTimersByTimeAsync(QUIET + 1_000);
    expect(tasks()).toEqual([UPDATE_NOW_TASK]);
    expect(UPDATE_NOW_TASK).toBe('\\SatisfactionKiosk\\Update now');
    expect(c.state().itRequested).toBe(false);
    expect(logged('"reason":"it_request"')).toBe(true);
    // The request is spent: nothing more during office hours.
    await vi.advanceTimersByTimeAsync(vn('2026-12-08T17:29:00') - Date.now());
    expect(tasks()).toEqual([UPDATE_NOW_TASK]);
  });

  it('on an IT request on a quiet kiosk starts "Update now" at once', async () => {
    vi.setSystemTime(vn('2026-12-08T10:00:00'));
    const c = start();
    c.requestNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(tasks()).toEqual([UPDATE_NOW_TASK]);
  });

  it('a task that cannot be started is logged, the window shut again, and tried again later', async () => {
    failNext.push(new Error('schtasks /Run /TN "\\SatisfactionKiosk\\Update" failed (1): ERROR: The system cannot find the file specified.'));
    const c = start();
    await vi.advanceTimersByTimeAsync(FIRST_CHECK_MIN_MS);
    expect(runTask).toHaveBeenCalledTimes(1);
    expect(runs).toEqual([]);
    expect(quitAllowed).toEqual([true, false]);
    expect(logged('error could not start the update task; tried again later')).toBe(true);
    expect(logged('The system cannot find the file specified')).toBe(true);
    expect(c.state()).toMatchObject({ state: 'waiting', lastStartedMs: null });
    await vi.advanceTimersByTimeAsync(RETRY_AFTER_FAILURE_MS - 1);
    expect(runTask).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(tasks()).toEqual([UPDATE_TASK]);
    expect(quitAllowed).toEqual([true, false, true]);
  });

  it('an IT request whose task cannot be started stays asked for, and is tried again', async () => {
    vi.setSystemTime(vn('2026-12-08T10:00:00'));
    failNext.push(new Error('Access is denied.'));
    const c = start();
    c.requestNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([]);
    expect(c.state().itRequested).toBe(true);
    await vi.advanceTimersByTimeAsync(RETRY_AFTER_FAILURE_MS);
    expect(tasks()).toEqual([UPDATE_NOW_TASK]);
  });

  it('stop() ends every timer', async () => {
    const c = start();
    c.stop();
    await vi.advanceTimersByTimeAsync(48 * HOUR);
    expect(runTask).not.toHaveBeenCalled();
  });
});

describe('schtasksRunner', () => {
  it('runs schtasks /Run /TN with the task name as one argument, hidden', async () => {
    const calls: unknown[][] = [];
    const run = schtasksRunner({ SystemRoot: 'D:\\Win' }, (file, args, options, callback) => {
      calls.push([file, args, options]);
      callback(null, 'SUCCESS: Attempted to run the scheduled task "\\SatisfactionKiosk\\Update now".', '');
    });
    await run(UPDATE_NOW_TASK);
    expect(calls).toEqual([['D:\\Win\\System32\\schtasks.exe', ['/Run', '/TN', '\\SatisfactionKiosk\\Update now'], { windowsHide: true, timeout: 30_000 }]]);
  });

  it('rejects with the exit code and what schtasks said', async () => {
    const run = schtasksRunner({}, (_file, _args, _options, callback) => {
      callback(Object.assign(new Error('Command failed'), { code: 1 }), '', 'ERROR: Access is denied.\r\n');
    });
    await expect(run(UPDATE_TASK)).rejects.toThrow('schtasks /Run /TN "\\SatisfactionKiosk\\Update" failed (1): ERROR: Access is denied.');
  });
});
