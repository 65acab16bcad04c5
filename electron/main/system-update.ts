// `SatisfactionKiosk.exe --system-update [--now]`: the update itself, run as SYSTEM by the
// scheduled tasks the installer registers ("\SatisfactionKiosk\Update", "…\Update now";
// build/installer.nsh). The kiosk's standard account may start those tasks (auto-update.ts)
// but not change them. As SYSTEM, electron-updater starts the per-machine installer through
// elevate.exe without any UAC prompt, which is the point: under the kiosk's own account that
// prompt would sit on the public screen with nobody to answer it.
//
// Headless and short: no window, no database, no single-instance lock (the kiosk itself keeps
// running beside it until the installer closes it). It reads the configuration IT manages in
// ProgramData (writable by administrators only), does nothing inside office hours unless
// `--now`, then checks the generic feed, downloads (electron-updater checks the sha512 of
// latest.yml) and starts the installer silently, without starting the new version itself: it
// would run as SYSTEM. The installer brings the kiosk back in its own session (the
// "\SatisfactionKiosk\Start" task). The exit code says what happened (SYSTEM_UPDATE_EXIT), so
// Task Scheduler's "Last Run Result" tells IT too; the log is logs\system-update\main.log.
// An installer that leaves the running version unchanged is not started again and again:
// update-attempts.ts keeps count beside the log, and this run gives up on that version after
// a few nights (exit code 5) until the feed offers another one or IT runs `--now`.
import path from 'node:path';
import { app, session } from 'electron';
import electronUpdater from 'electron-updater';
import type { KioskConfig } from '../../shared/config-schema';
import { isWithinOfficeHours } from '../../shared/office-hours';
import type { Result } from '../../shared/errors';
import { configProblemLines, loadConfig, type LoadedConfig } from '../services/config-loader';
import type { Logger } from '../services/logger';
import { APP_DIR_NAME, logsDirFor, resolveElectronPaths, type ElectronPathInput } from './app-paths';
import { realTimers, type Timers } from './window-recovery';
import {
  decideInstall,
  MAX_SAME_UPDATE_ATTEMPTS,
  readUpdateAttempts,
  settleUpdateAttempts,
  UPDATE_ATTEMPTS_FILE,
  writeUpdateAttempts,
} from './update-attempts';

export const SYSTEM_UPDATE_FLAG = '--system-update';
/** With --system-update: office hours do not hold the update back (the "Update now" task). */
export const SYSTEM_UPDATE_NOW_FLAG = '--now';
/** Inside the logs folder; the installer makes it writable by administrators and SYSTEM only, as this process runs as SYSTEM. */
export const SYSTEM_UPDATE_LOGS_DIR = 'system-update';

/** The process's exit code: Task Scheduler shows it as the task's "Last Run Result". */
export const SYSTEM_UPDATE_EXIT = {
  upToDate: 0,
  failed: 1,
  installing: 2,
  officeHours: 3,
  off: 4,
  /** The feed still offers the version whose installer already ran MAX_SAME_UPDATE_ATTEMPTS times without changing the running one. */
  sameUpdateFailed: 5,
  /** That installer already ran in the last SAME_UPDATE_MIN_INTERVAL_MS without changing the running version; a later night tries again. */
  sameUpdateTooSoon: 6,
} as const;
export type SystemUpdateOutcome = keyof typeof SYSTEM_UPDATE_EXIT;

/** The partition electron-updater makes its requests in (its NET_SESSION_NAME). */
const UPDATER_PARTITION = 'electron-updater';
/** Answers to a proxy asking for credentials: wrong ones must not loop. */
const MAX_PROXY_LOGINS = 2;
/** electron-updater asks the app to quit right after it has started the installer; without that, the install did not start. */
const INSTALL_START_MS = 30_000;

type UpdaterEvent = 'checking-for-update' | 'update-available' | 'update-not-available' | 'update-downloaded' | 'error' | 'login';

/** What this module uses of electron-updater's NsisUpdater. */
export interface UpdaterPort {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  logger: { info(message?: unknown): void; warn(message?: unknown): void; error(message?: unknown): void } | null;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<{ isUpdateAvailable?: boolean; updateInfo?: { version?: string }; downloadPromise?: Promise<unknown> | null } | null>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  // electron-updater's listeners each have their own arguments.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  on(event: UpdaterEvent, listener: (...args: any[]) => void): unknown;
}

/** Whether this start is the SYSTEM task's update run rather than the kiosk. */
export function isSystemUpdateRun(argv: readonly string[]): boolean {
  return argv.includes(SYSTEM_UPDATE_FLAG);
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

export interface SystemUpdateDeps {
  /** `--now`: office hours do not hold the update back. */
  now: boolean;
  loadConfig(): Result<LoadedConfig>;
  /** Told the configuration once read, so the log blanks its secrets out. */
  useConfig?(config: KioskConfig): void;
  clock(): number;
  logger: Logger;
  /** The version this process is (app.getVersion()): the installed one. */
  runningVersion: string;
  /** The install-loop guard's record (update-attempts.ts), in the admin-only logs\system-update. */
  attemptsFile: string;
  /** electron-updater's NsisUpdater, made only once there is something to check. */
  updater(): UpdaterPort;
  /** Applies an explicit proxy to the updater's requests. */
  setProxy(proxyRules: string): Promise<void>;
  /** Calls the listener when electron-updater asks the app to quit (it has just started the installer). */
  onQuitRequested(listener: () => void): void;
  timers?: Timers;
  installStartMs?: number;
}

export interface SystemUpdateResult {
  outcome: SystemUpdateOutcome;
  exitCode: number;
  /** The feed's version, when it was read. */
  version: string | null;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function runSystemUpdate(deps: SystemUpdateDeps): Promise<SystemUpdateResult> {
  const { logger } = deps;
  const timers = deps.timers ?? realTimers;
  let version: string | null = null;
  const finish = (outcome: SystemUpdateOutcome): SystemUpdateResult => {
    const result = { outcome, exitCode: SYSTEM_UPDATE_EXIT[outcome], version };
    logger.info(result, 'system update finished');
    return result;
  };

  logger.info({ now: deps.now, running: deps.runningVersion }, 'system update started');
  // Settled first, whatever else this run does: a successful update clears the record at once.
  const attempts = settleUpdateAttempts(deps.attemptsFile, readUpdateAttempts(deps.attemptsFile, logger), deps.runningVersion, logger);
  const loaded = deps.loadConfig();
  if (!loaded.ok) {
    logger.error({ problems: configProblemLines(loaded.error) }, 'system update: the configuration cannot be used; nothing done');
    return finish('failed');
  }
  const config = loaded.value.config;
  deps.useConfig?.(config);
  if (config.updates.url === '') {
    logger.info({ source: loaded.value.source }, 'system update: updates.url is empty; nothing to do');
    return finish('off');
  }
  const insideOfficeHours = () => !deps.now && isWithinOfficeHours(deps.clock(), config.officeHours, config.timezone);
  if (insideOfficeHours()) {
    logger.info({}, 'system update: inside office hours; nothing done (the "Update now" task ignores them)');
    return finish('officeHours');
  }

  let lastError: string | null = null;
  let updater: UpdaterPort;
  let decision: ReturnType<typeof decideInstall>;
  try {
    const proxy = updaterProxy(config.server.proxy);
    if (proxy) await deps.setProxy(proxy.proxyRules);
    updater = deps.updater();
    updater.setFeedURL({ provider: 'generic', url: config.updates.url });
    // The guard below decides whether this version is worth downloading at all.
    updater.autoDownload = false;
    // Only this run installs, and only through quitAndInstall below.
    updater.autoInstallOnAppQuit = false;
    updater.allowDowngrade = false;
    updater.logger = {
      info: (m) => logger.info({ from: 'electron-updater' }, String(m)),
      warn: (m) => logger.warn({ from: 'electron-updater' }, String(m)),
      error: (m) => logger.error({ from: 'electron-updater' }, String(m)),
    };
    // electron-updater emits 'error' as well as rejecting; an EventEmitter with no listener would throw.
    updater.on('error', (error: unknown) => {
      lastError = errorText(error);
    });
    updater.on('update-available', (info: { version?: string }) => {
      version = info?.version ?? version;
      logger.info({ version }, 'system update: a newer version is on the feed');
    });
    let proxyLogins = 0;
    updater.on('login', (authInfo: { isProxy?: boolean }, callback: (username?: string, password?: string) => void) => {
      if (authInfo?.isProxy && proxy?.credentials && proxyLogins < MAX_PROXY_LOGINS) {
        proxyLogins++;
        callback(proxy.credentials.username, proxy.credentials.password);
      } else {
        callback();
      }
    });

    const check = await updater.checkForUpdates();
    if (check === null) throw new Error('the updater is not active (not an installed build)');
    version = check.updateInfo?.version ?? version;
    if (!check.isUpdateAvailable) {
      logger.info({ version }, 'system update: the feed has nothing newer');
      return finish('upToDate');
    }
    if (version === null) throw new Error('the feed names no version');
    decision = decideInstall(attempts, { runningVersion: deps.runningVersion, targetVersion: version, now: deps.now, at: deps.clock() });
    if (decision.kind === 'gaveUp') {
      const { record } = decision;
      logger.error(
        { version, running: deps.runningVersion, attempts: record.attempts, firstAttemptAt: record.firstAttemptAt, lastAttemptAt: record.lastAttemptAt },
        `system update: the installer of ${version} already ran ${record.attempts} times and ${deps.runningVersion} still runs; ` +
          `not trying ${version} again (a newer version on the feed, or --system-update --now, tries again)`,
      );
      return finish('sameUpdateFailed');
    }
    if (decision.kind === 'tooSoon') {
      logger.warn(
        {
          version,
          running: deps.runningVersion,
          attempts: decision.record.attempts,
          lastAttemptAt: decision.record.lastAttemptAt,
          nextAfter: decision.nextAfter,
        },
        `system update: the installer of ${version} already ran at ${decision.record.lastAttemptAt} and ${deps.runningVersion} still runs; ` +
          `trying again no earlier than ${decision.nextAfter}`,
      );
      return finish('sameUpdateTooSoon');
    }
    if (decision.retry) {
      logger.warn(
        { version, running: deps.runningVersion, attempt: decision.record.attempts, max: MAX_SAME_UPDATE_ATTEMPTS, now: deps.now },
        `system update: the installer of ${version} ran before and ${deps.runningVersion} still runs; trying again`,
      );
    }
    logger.info({ version }, 'system update: downloading');
    await updater.downloadUpdate();
    logger.info({ version }, 'system update: downloaded and verified');
  } catch (error) {
    logger.error({ error: lastError ?? errorText(error) }, 'system update: check or download failed; the installed version stays');
    return finish('failed');
  }

  // A long download may end after the centre opened: the file stays in the updater's cache for the next run.
  if (insideOfficeHours()) {
    logger.info({ version }, 'system update: office hours began during the download; the next run installs it');
    return finish('officeHours');
  }

  // Written before the installer starts: once it runs, this process may not live to write anything.
  writeUpdateAttempts(deps.attemptsFile, decision.record, logger);
  lastError = null;
  const started = await new Promise<boolean>((resolve) => {
    let settled = false;
    const settle = (value: boolean) => {
      if (settled) return;
      settled = true;
      timers.clearTimeout(timeout);
      resolve(value);
    };
    const timeout = timers.setTimeout(() => settle(false), deps.installStartMs ?? INSTALL_START_MS);
    deps.onQuitRequested(() => settle(true));
    updater.on('error', () => settle(false));
    logger.info({ version }, 'system update: starting the installer (silent; it starts the kiosk again in its session)');
    try {
      // Silent, and no --force-run: the installer would start the new kiosk as SYSTEM.
      updater.quitAndInstall(true, false);
    } catch (error) {
      lastError = errorText(error);
      settle(false);
    }
  });
  if (!started) {
    logger.error(
      { version, error: lastError ?? 'the installer did not start' },
      'system update: the installer could not be started; the installed version stays',
    );
    return finish('failed');
  }
  return finish('installing');
}

export interface StartSystemUpdateOptions {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  proc: { on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown };
  createLogger(logsDir: string): Logger & { useConfig?(config: KioskConfig): void };
  /** electron-updater's NsisUpdater by default. */
  updater?: () => UpdaterPort;
  clock?: () => number;
  timers?: Timers;
  /** The install-loop guard's record; update-attempts.json beside the update log by default. */
  attemptsFile?: string;
}

/** The update run's log folder and, beside its log, the install-loop guard's record. */
export function systemUpdateFiles(input: Omit<ElectronPathInput, 'argv'>): { logsDir: string; attemptsFile: string } {
  const platformPath = input.platform === 'win32' ? path.win32 : path;
  const logsDir = platformPath.join(logsDirFor(input), SYSTEM_UPDATE_LOGS_DIR);
  return { logsDir, attemptsFile: platformPath.join(logsDir, UPDATE_ATTEMPTS_FILE) };
}

/** Runs the update in Electron's main process and exits with its code; resolves with that code. */
export function startSystemUpdate(options: StartSystemUpdateOptions): Promise<number> {
  // The same userData as the kiosk's, so that off Windows the logs land where the kiosk's do.
  app.setPath('userData', path.join(app.getPath('appData'), APP_DIR_NAME));
  const pathInput = { argv: options.argv, env: options.env, platform: options.platform, userData: app.getPath('userData') };
  const files = systemUpdateFiles(pathInput);
  const logger = options.createLogger(files.logsDir);
  options.proc.on('uncaughtException', (error) => {
    logger.error({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, 'system update: uncaught exception');
    app.exit(SYSTEM_UPDATE_EXIT.failed);
  });
  options.proc.on('unhandledRejection', (reason) => logger.error({ reason: String(reason) }, 'unhandled promise rejection'));
  // Session 0 has no display: no GPU process to start.
  app.disableHardwareAcceleration();
  let quitListener: (() => void) | null = null;
  // electron-updater quits the app once the installer runs; this process exits with its own code instead.
  app.on('before-quit', (event) => {
    event.preventDefault();
    quitListener?.();
  });

  return app
    .whenReady()
    .then(async () => {
      if (options.platform !== 'win32' || !app.isPackaged) {
        logger.error({ platform: options.platform, packaged: app.isPackaged }, 'system update runs only in the installed Windows kiosk');
        return SYSTEM_UPDATE_EXIT.failed;
      }
      const paths = resolveElectronPaths(pathInput);
      const result = await runSystemUpdate({
        now: options.argv.includes(SYSTEM_UPDATE_NOW_FLAG),
        loadConfig: () => loadConfig(paths.configPath, { named: paths.configNamed ?? false }),
        useConfig: (config) => logger.useConfig?.(config),
        clock: options.clock ?? Date.now,
        logger,
        runningVersion: app.getVersion(),
        attemptsFile: options.attemptsFile ?? files.attemptsFile,
        updater: options.updater ?? (() => new electronUpdater.NsisUpdater()),
        setProxy: (proxyRules) => session.fromPartition(UPDATER_PARTITION, { cache: false }).setProxy({ proxyRules }),
        onQuitRequested: (listener) => {
          quitListener = listener;
        },
        timers: options.timers,
      });
      return result.exitCode;
    })
    .catch((error: unknown) => {
      logger.error({ error: errorText(error) }, 'system update failed');
      return SYSTEM_UPDATE_EXIT.failed;
    })
    .then((code) => {
      app.exit(code);
      return code;
    });
}
