// A kiosk nobody watches must heal itself: a crashed renderer is reloaded, a hung one is
// killed after a grace period (which then counts as a crash), a failed load is retried with
// back-off. If the renderer keeps crashing, give up so the supervisor restarts the app.
import type { WebContents } from 'electron';
import type { Logger } from '../services/logger';
import { APP_START_URL } from './app-protocol';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export interface RecoveryOptions {
  timers: Timers;
  logger: Logger;
  /** Called when crashes repeat too often; main exits non-zero. */
  onGiveUp: (reason: string) => void;
  unresponsiveGraceMs?: number;
  retryDelaysMs?: readonly number[];
  maxCrashes?: number;
  crashWindowMs?: number;
}

type RecoverableContents = Pick<WebContents, 'on' | 'loadURL' | 'forcefullyCrashRenderer' | 'isDestroyed'>;

/** Chromium's net::ERR_ABORTED: a load replaced by another one, not a failure. */
const ERR_ABORTED = -3;

export function attachWindowRecovery(contents: RecoverableContents, options: RecoveryOptions): void {
  const { timers, logger, onGiveUp } = options;
  const graceMs = options.unresponsiveGraceMs ?? 15_000;
  const retryDelays = options.retryDelaysMs ?? [1_000, 2_000, 5_000, 10_000, 30_000];
  const maxCrashes = options.maxCrashes ?? 5;
  const crashWindowMs = options.crashWindowMs ?? 5 * 60_000;

  let failedLoads = 0;
  let hangTimer: unknown = null;
  let crashes: number[] = [];

  const restart = () => {
    if (contents.isDestroyed()) return;
    // Back to the start screen: a half-finished rating flow is not resumed.
    contents.loadURL(APP_START_URL).catch(() => {
      // did-fail-load reports and retries this.
    });
  };

  contents.on('render-process-gone', (_event, details) => {
    logger.error({ reason: details.reason, exitCode: details.exitCode }, 'renderer process gone');
    if (hangTimer !== null) timers.clearTimeout(hangTimer);
    hangTimer = null;
    if (details.reason === 'clean-exit') return;
    const t = timers.now();
    crashes = [...crashes.filter((c) => t - c < crashWindowMs), t];
    if (crashes.length >= maxCrashes) {
      onGiveUp(`renderer gone ${crashes.length} times within ${crashWindowMs} ms`);
      return;
    }
    restart();
  });

  contents.on('unresponsive', () => {
    logger.warn({ graceMs }, 'renderer unresponsive');
    if (hangTimer !== null) return;
    hangTimer = timers.setTimeout(() => {
      hangTimer = null;
      if (contents.isDestroyed()) return;
      logger.error({}, 'renderer still unresponsive; killing it to reload');
      // Emits render-process-gone, which reloads (and counts towards giving up).
      contents.forcefullyCrashRenderer();
    }, graceMs);
  });

  contents.on('responsive', () => {
    if (hangTimer === null) return;
    timers.clearTimeout(hangTimer);
    hangTimer = null;
    logger.info({}, 'renderer responsive again');
  });

  contents.on('did-fail-load', (_event, errorCode, errorDescription, validatedURL, isMainFrame) => {
    if (!isMainFrame || errorCode === ERR_ABORTED) return;
    const delay = retryDelays[Math.min(failedLoads, retryDelays.length - 1)] ?? 30_000;
    failedLoads += 1;
    logger.error({ errorCode, errorDescription, url: validatedURL, retryInMs: delay }, 'page failed to load');
    timers.setTimeout(restart, delay);
  });

  contents.on('did-finish-load', () => {
    failedLoads = 0;
  });
}
