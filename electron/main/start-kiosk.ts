// Start-up order of the Electron kiosk. Everything Electron-specific is wired here; the
// logic it wires lives in small modules tested on their own. main.ts only supplies paths.
import fs from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, powerSaveBlocker, protocol, session } from 'electron';
import { createKioskBackend, type KioskBackend } from '../services/backend';
import type { Logger } from '../services/logger';
import { APP_DIR_NAME, logsDirFor, resolveElectronPaths } from './app-paths';
import { installAppProtocol, registerAppScheme } from './app-protocol';
import { saveExport, suggestExportDir } from './export-save';
import { registerIpcHandlers } from './ipc-handlers';
import { guardNavigation } from './navigation-guard';
import { lockDownSession } from './session-lockdown';
import { createKioskWindow } from './window';
import { realTimers, type Timers } from './window-recovery';

export interface StartKioskOptions {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** Where process-level failures are reported; `process` in production. */
  proc: { on(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown };
  createLogger(logsDir: string): Logger;
  rendererDir: string;
  preloadPath: string;
  timers?: Timers;
}

export interface StartedKiosk {
  /** Resolves once the window is up (or start-up was abandoned). */
  ready: Promise<void>;
  backend(): KioskBackend | null;
  window(): BrowserWindow | null;
}

export function startKiosk(options: StartKioskOptions): StartedKiosk {
  // Privileged schemes and the userData folder must be settled before `ready`.
  registerAppScheme(protocol);
  app.setPath('userData', path.join(app.getPath('appData'), APP_DIR_NAME));
  const userData = app.getPath('userData');
  const logger = options.createLogger(logsDirFor(userData));
  const timers = options.timers ?? realTimers;

  const die = (reason: string, error?: unknown) => {
    logger.error({ error: error instanceof Error ? (error.stack ?? error.message) : String(error ?? '') }, reason);
    // Non-zero exit: the supervisor (Task Scheduler / Shell Launcher) starts a fresh copy.
    app.exit(1);
  };
  options.proc.on('uncaughtException', (error) => die('uncaught exception', error));
  options.proc.on('unhandledRejection', (reason) => logger.error({ reason: String(reason) }, 'unhandled promise rejection'));

  let backend: KioskBackend | null = null;
  let win: BrowserWindow | null = null;
  const started: StartedKiosk = { ready: Promise.resolve(), backend: () => backend, window: () => win };

  if (!app.requestSingleInstanceLock()) {
    logger.info({}, 'another kiosk instance is running; quitting');
    app.quit();
    return started;
  }
  app.commandLine.appendSwitch('disable-pinch');
  app.commandLine.appendSwitch('overscroll-history-navigation', '0');

  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  // Any web contents, including ones created later, gets the same navigation rules.
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents, logger));
  app.on('child-process-gone', (_event, details) => logger.warn({ type: details.type, reason: details.reason }, 'child process gone'));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    backend?.close();
    backend = null;
  });

  started.ready = app
    .whenReady()
    .then(() => {
      lockDownSession(session.defaultSession, logger);
      installAppProtocol(protocol, options.rendererDir);
      const paths = resolveElectronPaths({ argv: options.argv, env: options.env, platform: options.platform, userData });
      backend = createKioskBackend({ paths, appVersion: app.getVersion(), logger });
      logger.info({ dataDir: paths.dataDir, configPath: paths.configPath, version: app.getVersion() }, 'kiosk starting');
      const handlers = backend.handlers;
      registerIpcHandlers(ipcMain, {
        handlers,
        logger,
        afterCall: {
          // The backend answers with the id of a finished file; the save dialog hands it over.
          exportReport: (event, output) => {
            const owner = event.sender ? BrowserWindow.fromWebContents(event.sender) : null;
            const exports = backend?.exports ?? null;
            return saveExport(output, {
              showSaveDialog: (opts) => (owner ? dialog.showSaveDialog(owner, opts) : dialog.showSaveDialog(opts)),
              takeFile: (fileId) => exports?.take(fileId) ?? null,
              copyFile: (from, to) => fs.copyFile(from, to),
              defaultDir: () => suggestExportDir({ platform: options.platform, user: options.env.USER, fallback: app.getPath('documents') }),
              logger,
            });
          },
        },
      });
      powerSaveBlocker.start('prevent-display-sleep');
      win = createKioskWindow({
        BrowserWindow,
        preloadPath: options.preloadPath,
        devTools: !app.isPackaged || options.argv.includes('--debug'),
        openDevTools: options.argv.includes('--debug'),
        logger,
        timers,
        onGiveUp: (reason) => die(reason),
      });
    })
    .catch((error: unknown) => die('start-up failed', error));

  return started;
}
