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
    // Spoken prompts that are on by default (accessibility.speech.onByDefault) start before
    // anyone has touched the screen; Chromium would otherwise hold audio and speech back.
    autoplayPolicy: 'no-user-gesture-required',
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

/**
 * DevTools only in a development run: an installed kiosk ignores `--debug`, so nobody at the
 * counter (or with a shortcut's command line) can open them on a machine with citizens' data.
 */
export function devToolsPolicy(isPackaged: boolean, argv: readonly string[]): { devTools: boolean; openDevTools: boolean; debugIgnored: boolean } {
  const debug = argv.includes('--debug');
  if (isPackaged) return { devTools: false, openDevTools: false, debugIgnored: debug };
  return { devTools: true, openDevTools: debug, debugIgnored: false };
}

/** Whether the kiosk window may close: only for IT's exit, an update, or Windows ending the session. */
export interface QuitGate {
  allow(): void;
  deny(): void;
  allowed(): boolean;
}

export function createQuitGate(): QuitGate {
  let allowed = false;
  return {
    allow: () => {
      allowed = true;
    },
    deny: () => {
      allowed = false;
    },
    allowed: () => allowed,
  };
}

type ClosableWindow = Pick<BrowserWindow, 'on'>;

/**
 * Swallowing Alt+F4 in the page (keyboard-lockdown.ts) need not stop Windows from turning it
 * into a close request, and the taskbar or Task Manager's "End task" ask the window to close
 * too: all of them are refused here. Windows ending the session (shutdown, restart, log-off)
 * is let through, or it would wait on the kiosk and then kill it.
 */
export function guardWindowClose(win: ClosableWindow, gate: QuitGate, logger: Logger): void {
  win.on('close', (event) => {
    if (gate.allowed()) return;
    event.preventDefault();
    logger.warn({}, 'window close refused: only the admin exit or an update closes the kiosk');
  });
  const sessionEnds = () => {
    if (!gate.allowed()) logger.info({}, 'Windows is ending the session; the kiosk closes');
    gate.allow();
  };
  win.on('query-session-end', sessionEnds);
  win.on('session-end', sessionEnds);
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
  /** When set, the window refuses to close unless the gate allows it (an installed kiosk). */
  quitGate?: QuitGate;
  /** Told of every touch, click or key on the page (someone is using the kiosk). */
  onInput?: () => void;
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
  if (deps.quitGate) guardWindowClose(win, deps.quitGate, logger);
  const onInput = deps.onInput;
  if (onInput) contents.on('input-event', () => onInput());
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
