// Automatic updates with electron-updater from a "generic" feed (a folder on a web server with
// latest.yml and the installer; electron-updater checks the installer's sha512 from
// latest.yml before it is run). Checks a few times a day at moments of its own, downloads in
// the background, and installs silently only when update-policy.ts allows it. Any failure
// (no network, a bad download, a refused install) is logged and leaves the running version
// in place; the next check tries again.
import type { Logger } from '../services/logger';
import { firstCheckDelayMs, installDecision, nextCheckDelayMs, type ActivityTracker, type InstallDecision, type OfficeHours } from './update-policy';
import type { Timers } from './window-recovery';

type UpdaterEvent = 'checking-for-update' | 'update-available' | 'update-not-available' | 'update-downloaded' | 'error' | 'login';

/** What this module uses of electron-updater's `autoUpdater`. */
export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  logger: { info(message?: unknown): void; warn(message?: unknown): void; error(message?: unknown): void } | null;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  // electron-updater's listeners each have their own arguments.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: UpdaterEvent, listener: (...args: any[]) => void): unknown;
}

export interface AutoUpdateDeps {
  /** electron-updater's `autoUpdater`, asked for only when updates are on (it builds the platform's updater on first use). */
  updater: () => UpdaterPort;
  /** `updates.url` of the configuration; empty: no automatic updates. */
  url: string;
  officeHours: OfficeHours;
  timeZone: string;
  quietPeriodMs: number;
  activity: ActivityTracker;
  timers: Timers;
  random?: () => number;
  logger: Logger;
  /** Lets the window close for the installer (true), or keeps it shut again after a failed attempt (false). */
  allowQuit(allowed: boolean): void;
  /** The user name and password an explicit `server.proxy` carries, for the updater's requests through it. */
  proxyCredentials?: { username: string; password: string } | null;
  /** How often a downloaded update looks again for its moment. */
  retryEveryMs?: number;
}

export type UpdateState = 'off' | 'idle' | 'checking' | 'downloading' | 'ready' | 'installing';

export interface UpdateController {
  /** IT asked (`--update-now`): check at once and install at the next quiet moment, office hours or not. */
  requestNow(): void;
  stop(): void;
  state(): { state: UpdateState; version: string | null; itRequested: boolean };
}

const RETRY_EVERY_MS = 60_000;
/** Answers to a proxy asking for credentials, per check: wrong ones must not loop. */
const MAX_PROXY_LOGINS = 2;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function startAutoUpdates(deps: AutoUpdateDeps): UpdateController {
  const { logger, timers } = deps;
  const random = deps.random ?? Math.random;
  const retryEveryMs = deps.retryEveryMs ?? RETRY_EVERY_MS;

  if (deps.url === '') {
    logger.info({}, 'automatic updates off (updates.url is empty)');
    return {
      requestNow: () => logger.warn({}, 'an update was asked for, but updates.url is empty: nothing to check'),
      stop: () => {},
      state: () => ({ state: 'off', version: null, itRequested: false }),
    };
  }

  const updater = deps.updater();
  let state: UpdateState = 'idle';
  let readyVersion: string | null = null;
  let itRequested = false;
  let stopped = false;
  let checkTimer: unknown = null;
  let installTimer: unknown = null;
  let lastWait: InstallDecision['reason'] | null = null;
  let proxyLogins = 0;

  updater.setFeedURL({ provider: 'generic', url: deps.url });
  updater.autoDownload = true;
  // The moment of installing is this module's decision alone, never a quit for another reason.
  updater.autoInstallOnAppQuit = false;
  updater.allowDowngrade = false;
  updater.logger = {
    info: (m) => logger.info({ from: 'electron-updater' }, String(m)),
    warn: (m) => logger.warn({ from: 'electron-updater' }, String(m)),
    error: (m) => logger.error({ from: 'electron-updater' }, String(m)),
  };

  updater.on('update-available', (info: { version?: string }) => {
    state = 'downloading';
    logger.info({ version: info?.version ?? null }, 'update available; downloading in the background');
  });
  updater.on('update-not-available', (info: { version?: string }) => {
    state = 'idle';
    if (itRequested) {
      logger.info({ latest: info?.version ?? null }, 'IT asked for an update, but the feed has nothing newer');
      itRequested = false;
    }
  });
  updater.on('update-downloaded', (info: { version?: string }) => {
    state = 'ready';
    readyVersion = info?.version ?? null;
    lastWait = null;
    logger.info({ version: readyVersion }, 'update downloaded and verified; waiting for a quiet moment to install');
    tryInstall();
  });
  updater.on('error', (error: unknown) => {
    if (state === 'installing') {
      // Still running, so the install did not start: back to the feed at the next check.
      deps.allowQuit(false);
      readyVersion = null;
      logger.error({ error: errorText(error) }, 'update could not be installed; the running version stays');
    } else {
      logger.error({ error: errorText(error), during: state }, 'update check or download failed; the running version stays');
    }
    state = 'idle';
  });
  updater.on('login', (authInfo: { isProxy?: boolean }, callback: (username?: string, password?: string) => void) => {
    const creds = deps.proxyCredentials;
    if (authInfo?.isProxy && creds && proxyLogins < MAX_PROXY_LOGINS) {
      proxyLogins++;
      callback(creds.username, creds.password);
    } else {
      callback();
    }
  });

  function scheduleCheck(delayMs: number): void {
    if (checkTimer !== null) timers.clearTimeout(checkTimer);
    checkTimer = timers.setTimeout(() => {
      checkTimer = null;
      check();
    }, delayMs);
  }

  function check(): void {
    if (stopped) return;
    scheduleCheck(nextCheckDelayMs(random));
    if (state === 'ready') {
      tryInstall();
      return;
    }
    if (state !== 'idle') return;
    state = 'checking';
    proxyLogins = 0;
    updater
      .checkForUpdates()
      .then((result) => {
        // A failed download is reported through 'error'; the promise must not go unhandled.
        result?.downloadPromise?.catch(() => {});
        if (result === null && state === 'checking') state = 'idle';
      })
      .catch(() => {
        // Reported through 'error'.
        if (state === 'checking') state = 'idle';
      });
  }

  function tryInstall(): void {
    if (installTimer !== null) timers.clearTimeout(installTimer);
    installTimer = null;
    if (stopped || state !== 'ready') return;
    const decision = installDecision({
      nowMs: timers.now(),
      officeHours: deps.officeHours,
      timeZone: deps.timeZone,
      quietForMs: deps.activity.quietForMs(),
      itRequested,
      quietPeriodMs: deps.quietPeriodMs,
    });
    if (!decision.install) {
      if (decision.reason !== lastWait) logger.info({ version: readyVersion, reason: decision.reason }, 'update waits before installing');
      lastWait = decision.reason;
      const wait = decision.reason === 'in_use' ? Math.min(retryEveryMs, (decision.quietInMs ?? retryEveryMs) + 1000) : retryEveryMs;
      installTimer = timers.setTimeout(tryInstall, wait);
      return;
    }
    state = 'installing';
    logger.info({ version: readyVersion, reason: decision.reason }, 'installing the update now; the kiosk restarts');
    deps.allowQuit(true);
    try {
      // Silent, and the installer starts the new version when it is done.
      updater.quitAndInstall(true, true);
    } catch (error) {
      deps.allowQuit(false);
      state = 'idle';
      readyVersion = null;
      logger.error({ error: errorText(error) }, 'update could not be installed; the running version stays');
    }
  }

  scheduleCheck(firstCheckDelayMs(random));

  return {
    requestNow(): void {
      if (stopped) return;
      itRequested = true;
      logger.info({ state }, 'IT asked for an update now (--update-now)');
      if (state === 'ready') tryInstall();
      else check();
    },
    stop(): void {
      stopped = true;
      if (checkTimer !== null) timers.clearTimeout(checkTimer);
      if (installTimer !== null) timers.clearTimeout(installTimer);
      checkTimer = installTimer = null;
    },
    state: () => ({ state, version: readyVersion, itRequested }),
  };
}

/**
 * An explicit `server.proxy` for the updater's requests: Chromium's proxy rules (which take
 * no credentials) and the credentials to answer the proxy's challenge with. Null when the
 * updater follows the system's proxy settings (no `server.proxy`).
 */
export function updaterProxy(proxy: string): { proxyRules: string; credentials: { username: string; password: string } | null } | null {
  if (proxy === '') return null;
  const url = new URL(proxy);
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  const credentials = url.username || url.password ? { username: decode(url.username), password: decode(url.password) } : null;
  return { proxyRules: `${url.protocol}//${url.host}`, credentials };
}
