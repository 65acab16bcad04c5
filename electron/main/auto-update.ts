// The kiosk's side of automatic updates. The kiosk runs under a standard Windows account,
// which cannot install a per-machine program without a UAC prompt nobody at the counter can
// answer. So the installer registers scheduled tasks that run `SatisfactionKiosk.exe
// --system-update` as SYSTEM (system-update.ts checks the feed, downloads, verifies and
// installs) and lets every local user start them but not change them. This module only picks
// the moment to start one (update-policy.ts):
//   - never while someone uses the screen;
//   - at a quiet moment outside office hours, at most once a night, after a random part of
//     half an hour so a fleet does not download at the same minute (task "Update");
//   - after `--update-now` from IT, at the next quiet moment whatever the hours (task
//     "Update now").
// The kiosk does not read the feed itself: the task does, and a night with nothing new costs
// it one small request for latest.yml. That keeps the feed's address, proxy and credentials
// out of this process. A task that cannot be started is logged and tried again a little later.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { isWithinOfficeHours } from '../../shared/office-hours';
import type { Logger } from '../services/logger';
import { firstCheckDelayMs, installDecision, MOMENT_EVERY_MS, NIGHT_SPREAD_MS, nightlyRunDue, type ActivityTracker, type OfficeHours } from './update-policy';
import type { Timers } from './window-recovery';

/** The SYSTEM task for the nightly update (build/installer.nsh registers it). */
export const UPDATE_TASK = '\\SatisfactionKiosk\\Update';
/** The same with `--now`: office hours do not hold it back. */
export const UPDATE_NOW_TASK = '\\SatisfactionKiosk\\Update now';
export type UpdateTaskName = typeof UPDATE_TASK | typeof UPDATE_NOW_TASK;

/** Starts a scheduled task; rejects when it could not be started. */
export type TaskRunner = (task: UpdateTaskName) => Promise<void>;

export interface AutoUpdateDeps {
  /** `updates.url` of the configuration; empty: no automatic updates, no task started. */
  url: string;
  officeHours: OfficeHours;
  timeZone: string;
  quietPeriodMs: number;
  activity: ActivityTracker;
  timers: Timers;
  random?: () => number;
  logger: Logger;
  /** Lets the window close for the installer (true), or keeps it shut again (false). */
  allowQuit(allowed: boolean): void;
  runTask: TaskRunner;
  momentEveryMs?: number;
  retryAfterFailureMs?: number;
}

export type UpdateState = 'off' | 'waiting' | 'starting';

export interface UpdateController {
  /** IT asked (`--update-now`): start "Update now" at the next quiet moment, office hours or not. */
  requestNow(): void;
  stop(): void;
  state(): { state: UpdateState; itRequested: boolean; lastStartedMs: number | null };
}

/** A task that could not be started is tried again after this (a missing task would otherwise fill the log every minute). */
export const RETRY_AFTER_FAILURE_MS = 10 * 60_000;
/**
 * As long as the task may run (its ExecutionTimeLimit in build/installer.nsh): meanwhile the
 * installer may close the window cleanly, so the database is closed rather than the process
 * killed. Then the window is shut again.
 */
export const INSTALL_WINDOW_MS = 3600_000;

type WaitReason = 'in_use' | 'office_hours' | 'done_tonight' | 'spread';

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function startAutoUpdates(deps: AutoUpdateDeps): UpdateController {
  const { logger, timers } = deps;
  const random = deps.random ?? Math.random;
  const every = deps.momentEveryMs ?? MOMENT_EVERY_MS;
  const retryAfterFailureMs = deps.retryAfterFailureMs ?? RETRY_AFTER_FAILURE_MS;

  if (deps.url === '') {
    logger.info({}, 'automatic updates off (updates.url is empty)');
    return {
      requestNow: () => logger.warn({}, 'an update was asked for, but updates.url is empty: nothing to check'),
      stop: () => {},
      state: () => ({ state: 'off', itRequested: false, lastStartedMs: null }),
    };
  }

  let state: UpdateState = 'waiting';
  let itRequested = false;
  let stopped = false;
  let lastStartedMs: number | null = null;
  let officeHoursSince = false;
  let notBefore: number | null = null;
  let lastWait: WaitReason | null = null;
  let momentTimer: unknown = null;
  let quitTimer: unknown = null;

  function schedule(delayMs: number): void {
    if (momentTimer !== null) timers.clearTimeout(momentTimer);
    momentTimer = timers.setTimeout(() => {
      momentTimer = null;
      moment();
    }, delayMs);
  }

  function wait(reason: WaitReason, delayMs: number): void {
    if (reason !== lastWait && reason !== 'done_tonight') logger.info({ reason, itRequested }, 'update task waits for its moment');
    lastWait = reason;
    schedule(delayMs);
  }

  function moment(): void {
    if (stopped || state !== 'waiting') return;
    const now = timers.now();
    if (isWithinOfficeHours(now, deps.officeHours, deps.timeZone)) {
      officeHoursSince = true;
      notBefore = null;
    }
    if (!itRequested && !nightlyRunDue({ nowMs: now, lastStartedMs, officeHoursSince })) return wait('done_tonight', every);
    const decision = installDecision({
      nowMs: now,
      officeHours: deps.officeHours,
      timeZone: deps.timeZone,
      quietForMs: deps.activity.quietForMs(),
      itRequested,
      quietPeriodMs: deps.quietPeriodMs,
    });
    if (!decision.install) {
      return wait(decision.reason, decision.reason === 'in_use' ? Math.min(every, (decision.quietInMs ?? every) + 1000) : every);
    }
    if (!itRequested) {
      notBefore ??= now + Math.round(random() * NIGHT_SPREAD_MS);
      if (now < notBefore) return wait('spread', Math.min(every, notBefore - now));
    }
    startTask(itRequested ? UPDATE_NOW_TASK : UPDATE_TASK, decision.reason);
  }

  function startTask(task: UpdateTaskName, reason: string): void {
    state = 'starting';
    lastWait = null;
    logger.info({ task, reason }, 'starting the update task');
    if (quitTimer !== null) timers.clearTimeout(quitTimer);
    quitTimer = null;
    deps.allowQuit(true);
    deps.runTask(task).then(
      () => {
        state = 'waiting';
        if (stopped) return;
        lastStartedMs = timers.now();
        officeHoursSince = false;
        notBefore = null;
        if (task === UPDATE_NOW_TASK) itRequested = false;
        logger.info({ task }, 'update task started: it installs a newer version if the feed has one, and the kiosk restarts');
        quitTimer = timers.setTimeout(() => {
          quitTimer = null;
          deps.allowQuit(false);
        }, INSTALL_WINDOW_MS);
        schedule(every);
      },
      (error: unknown) => {
        state = 'waiting';
        deps.allowQuit(false);
        if (stopped) return;
        logger.error({ task, error: errorText(error) }, 'could not start the update task; tried again later');
        schedule(retryAfterFailureMs);
      },
    );
  }

  // The first look waits a little after start: the kiosk first gets its window up and its uploads going.
  schedule(firstCheckDelayMs(random));

  return {
    requestNow(): void {
      if (stopped) return;
      itRequested = true;
      lastWait = null;
      logger.info({ state }, 'IT asked for an update now (--update-now)');
      moment();
    },
    stop(): void {
      stopped = true;
      if (momentTimer !== null) timers.clearTimeout(momentTimer);
      if (quitTimer !== null) timers.clearTimeout(quitTimer);
      momentTimer = quitTimer = null;
    },
    state: () => ({ state, itRequested, lastStartedMs }),
  };
}

type ExecFileLike = (
  file: string,
  args: readonly string[],
  options: { windowsHide: boolean; timeout: number },
  callback: (error: Error | null, stdout: string | Buffer, stderr: string | Buffer) => void,
) => unknown;

/** `schtasks /Run /TN <task>`: what a standard account may do with the tasks the installer registered. */
export function schtasksRunner(env: NodeJS.ProcessEnv, run: ExecFileLike = execFile): TaskRunner {
  const exe = path.win32.join(env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows', 'System32', 'schtasks.exe');
  return (task) =>
    new Promise<void>((resolve, reject) => {
      run(exe, ['/Run', '/TN', task], { windowsHide: true, timeout: 30_000 }, (error, _stdout, stderr) => {
        if (!error) return resolve();
        const code = (error as { code?: unknown }).code;
        const said = String(stderr).trim();
        reject(new Error(`schtasks /Run /TN "${task}" failed (${String(code ?? error.message)})${said ? `: ${said}` : ''}`));
      });
    });
}
