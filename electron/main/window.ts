// The single full-screen kiosk window: sandboxed renderer, only the preload's `window.kiosk`,
// no way to navigate away, open windows, zoom, reload or open DevTools from the keyboard.
import type { BrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import type { Logger } from '../services/logger';
import { APP_START_URL } from './app-protocol';
import { blockedShortcut } from './keyboard-lockdown';
import { guardNavigation } from './navigation-guard';
import { attachWindowRecovery, type Timers } from './window-recovery';

export const KIOSK_BACKGROUND = '#ffffff';

export function secureWebPreferences(preloadPath: string, devTools: boolean): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools,
  };
}

export function kioskWindowOptions(preloadPath: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    kiosk: true,
    fullscreen: true,
    autoHideMenuBar: true,
    backgroundColor: KIOSK_BACKGROUND,
    show: true,
    webPreferences: secureWebPreferences(preloadPath, devTools),
  };
}

export interface KioskWindowDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  preloadPath: string;
  devTools: boolean;
  /** Open DevTools (detached) at start: the keyboard shortcuts for them are blocked. */
  openDevTools?: boolean;
  logger: Logger;
  timers: Timers;
  onGiveUp: (reason: string) => void;
}

export function createKioskWindow(deps: KioskWindowDeps): BrowserWindow {
  const { logger } = deps;
  const win = new deps.BrowserWindow(kioskWindowOptions(deps.preloadPath, deps.devTools));
  const contents = win.webContents;
  guardNavigation(contents, logger);
  contents.on('before-input-event', (event, input) => {
    const reason = blockedShortcut(input);
    if (reason === null) return;
    event.preventDefault();
    logger.info({ key: input.key, reason }, 'blocked shortcut');
  });
  attachWindowRecovery(contents, { timers: deps.timers, logger, onGiveUp: deps.onGiveUp });
  contents.on('did-finish-load', () => {
    // Pinch-zoom on the touchscreen would strand the citizen in a magnified corner.
    contents.setVisualZoomLevelLimits(1, 1).catch(() => {});
  });
  if (deps.devTools && deps.openDevTools) contents.openDevTools({ mode: 'detach' });
  win.loadURL(APP_START_URL).catch((error: unknown) => {
    logger.error({ error: String(error) }, 'first load failed; retrying');
  });
  return win;
}
