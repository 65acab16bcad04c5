// Start-up order of the Electron kiosk. Everything Electron-specific is wired here; the
// logic it wires lives in small modules tested on their own. main.ts only supplies paths.
import fs from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerSaveBlocker, protocol, session } from 'electron';
import type { KioskConfig } from '../../shared/config-schema';
import type { ExportOutput } from '../../shared/kiosk-api';
import { createKioskBackend, type KioskBackend } from '../services/backend';
import type { Logger } from '../services/logger';
import { APP_DIR_NAME, legacyDataMove, logsDirFor, resolveElectronPaths } from './app-paths';
import { installAppProtocol, registerAppScheme } from './app-protocol';
import { schtasksRunner, startAutoUpdates, type TaskRunner, type UpdateController } from './auto-update';
import { saveExport, suggestExportDir } from './export-save';
import { registerIpcHandlers, type IpcEventLike } from './ipc-handlers';
import { moveLegacyDatabase } from './legacy-data';
import { guardNavigation } from './navigation-guard';
import { lockDownSession } from './session-lockdown';
import { createActivityTracker, quietPeriodFor } from './update-policy';
import { createKioskWindow, createQuitGate, devToolsPolicy } from './window';
import { realTimers, type Timers } from './window-recovery';

/** `SatisfactionKiosk.exe --update-now`, run again on a kiosk: start the "Update now" task at the next quiet moment, office hours or not. */
export const UPDATE_NOW_FLAG = '--update-now';

export interface StartKioskOptions {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Where process-level failures are reported; `process` in production. */
  proc: { on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown };
  /** The log; `useConfig` (the file logger's) is told the configuration once it is loaded, to blank its secrets out. */
  createLogger(logsDir: string): Logger & { useConfig?(config: KioskConfig): void };
  rendererDir: string;
  preloadPath: string;
  timers?: Timers;
  /** Starts the SYSTEM update task; `schtasks /Run` by default. */
  runTask?: TaskRunner;
  /** A clock that never goes back, for "nobody has touched the kiosk for a while". */
  monotonicNow?: () => number;
}

export interface StartedKiosk {
  /** Resolves once the window is up (or start-up was abandoned). */
  ready: Promise<void>;
  backend(): KioskBackend | null;
  window(): BrowserWindow | null;
  updates(): UpdateController | null;
}

export function startKiosk(options: StartKioskOptions): StartedKiosk {
  // Privileged schemes and the userData folder must be settled before `ready`.
  registerAppScheme(protocol);
  app.setPath('userData', path.join(app.getPath('appData'), APP_DIR_NAME));
  const userData = app.getPath('userData');
  const pathInput = { argv: options.argv, env: options.env, platform: options.platform, userData };
  const logsDir = logsDirFor(pathInput);
  const logger = options.createLogger(logsDir);
  const timers = options.timers ?? realTimers;
  const quitGate = createQuitGate();
  const activity = createActivityTracker(options.monotonicNow ?? (() => performance.now()));

  const die = (reason: string, error?: unknown) => {
    logger.error({ error: error instanceof Error ? (error.stack ?? error.message) : String(error ?? '') }, reason);
    // Non-zero exit: the supervisor (Task Scheduler / Shell Launcher) starts a fresh copy.
    app.exit(1);
  };
  options.proc.on('uncaughtException', (error) => die('uncaught exception', error));
  options.proc.on('unhandledRejection', (reason) => logger.error({ reason: String(reason) }, 'unhandled promise rejection'));

  let backend: KioskBackend | null = null;
  let win: BrowserWindow | null = null;
  let updates: UpdateController | null = null;
  /** An --update-now that arrived before the updater was started. */
  let updateAsked = options.argv.includes(UPDATE_NOW_FLAG);
  const started: StartedKiosk = { ready: Promise.resolve(), backend: () => backend, window: () => win, updates: () => updates };

  if (!app.requestSingleInstanceLock()) {
    logger.info({ updateNow: updateAsked }, 'another kiosk instance is running; quitting (it is told of --update-now)');
    app.quit();
    return started;
  }
  app.commandLine.appendSwitch('disable-pinch');
  app.commandLine.appendSwitch('overscroll-history-navigation', '0');

  let updatesSettled = false;
  const askForUpdate = () => {
    if (updates) updates.requestNow();
    else if (updatesSettled) logger.warn({}, `${UPDATE_NOW_FLAG} ignored: automatic updates are not running`);
    else updateAsked = true;
  };
  app.on('second-instance', (_event, argv) => {
    if (Array.isArray(argv) && argv.includes(UPDATE_NOW_FLAG)) askForUpdate();
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  // Any web contents, including ones created later, gets the same navigation rules.
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, logger));
  app.on('child-process-gone', (_event, details) => logger.warn({ type: details.type, reason: details.reason }, 'child process gone'));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    updates?.stop();
    backend?.close();
    backend = null;
  });

  /** IT's exit from the admin area (adminExit, behind the PIN): the one way this app quits on purpose. */
  const requestExit = () => {
    quitGate.allow();
    updates?.stop();
    // app.exit skips will-quit: the database is closed here.
    backend?.close();
    backend = null;
    app.exit(0);
  };

  const startUpdates = (config: KioskConfig): UpdateController | null => {
    if (config.updates.url !== '' && (!app.isPackaged || options.platform !== 'win32')) {
      logger.info(
        { platform: options.platform, packaged: app.isPackaged },
        'updates.url is set, but automatic updates run only in the installed Windows kiosk',
      );
      return null;
    }
    // The kiosk only starts the SYSTEM task at the right moment; the task downloads and installs (system-update.ts).
    return startAutoUpdates({
      runTask: options.runTask ?? schtasksRunner(options.env),
      url: config.updates.url,
      officeHours: config.officeHours,
      timeZone: config.timezone,
      quietPeriodMs: quietPeriodFor(config),
      activity,
      timers,
      logger,
      allowQuit: (allowed) => (allowed ? quitGate.allow() : quitGate.deny()),
    });
  };

  started.ready = app
    .whenReady()
    .then(() => {
      lockDownSession(session.defaultSession, logger);
      installAppProtocol(protocol, options.rendererDir, () => backend?.speechAudio ?? null);
      let paths = resolveElectronPaths(pathInput);
      const legacy = legacyDataMove(pathInput);
      if (legacy && moveLegacyDatabase(legacy, logger) === 'failed') paths = { ...paths, dataDir: legacy.from };
      backend = createKioskBackend({
        paths,
        appVersion: app.getVersion(),
        logger,
        logsDir,
        requestExit,
        resolveSystemProxy: (url) => session.defaultSession.resolveProxy(url),
      });
      const config = backend.config;
      if (config) logger.useConfig?.(config);
      const devTools = devToolsPolicy(app.isPackaged, options.argv);
      logger.info({ dataDir: paths.dataDir, configPath: paths.configPath, logsDir, version: app.getVersion() }, 'kiosk starting');
      if (devTools.debugIgnored) logger.warn({}, '--debug ignored: DevTools stay closed in an installed kiosk');
      const handlers = backend.handlers;
      // The backend answers with the id of a finished file; the save dialog hands it over.
      const saveThroughDialog = (event: IpcEventLike, output: ExportOutput) => {
        const owner = event.sender ? BrowserWindow.fromWebContents(event.sender) : null;
        const exports = backend?.exports ?? null;
        return saveExport(output, {
          showSaveDialog: (opts) => (owner ? dialog.showSaveDialog(owner, opts) : dialog.showSaveDialog(opts)),
          takeFile: (fileId) => exports?.take(fileId) ?? null,
          copyFile: (from, to) => fs.copyFile(from, to),
          defaultDir: () => suggestExportDir({ platform: options.platform, user: options.env.USER, fallback: app.getPath('documents') }),
          logger,
        });
      };
      registerIpcHandlers(ipcMain, {
        handlers,
        logger,
        afterCall: { exportReport: saveThroughDialog, exportDiagnostics: saveThroughDialog },
        onCall: (method) => activity.noteCall(method),
      });
      powerSaveBlocker.start('prevent-display-sleep');
      // No menu bar, and none of the default menu's accelerators (reload, DevTools, quit).
      Menu.setApplicationMenu(null);
      win = createKioskWindow({
        BrowserWindow,
        preloadPath: options.preloadPath,
        devTools: devTools.devTools,
        openDevTools: devTools.openDevTools,
        logger,
        timers,
        onGiveUp: (reason) => die(reason),
        // A development run may be closed as any window; an installed kiosk only by IT or an update.
        quitGate: app.isPackaged ? quitGate : undefined,
        onInput: () => activity.noteInput(),
      });
      if (config) updates = startUpdates(config);
      updatesSettled = true;
      if (updateAsked) askForUpdate();
    })
    .catch((error: unknown) => die('start-up failed', error));

  return started;
}
