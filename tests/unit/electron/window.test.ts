import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_START_URL } from '../../../electron/main/app-protocol';
import { createKioskWindow, createQuitGate, devToolsPolicy, type KioskWindowDeps } from '../../../electron/main/window';
import { realTimers } from '../../../electron/main/window-recovery';
import { silentLogger } from '../../../electron/services/logger';
import { FakeBrowserWindow, preventable } from './fake-electron';

function makeWindow(devTools = false, openDevTools = false, extra: Partial<KioskWindowDeps> = {}) {
  const win = createKioskWindow({
    openDevTools,
    BrowserWindow: FakeBrowserWindow as unknown as new (o: BrowserWindowConstructorOptions) => BrowserWindow,
    preloadPath: '/app/dist/electron/preload.cjs',
    devTools,
    logger: silentLogger,
    timers: realTimers,
    onGiveUp: vi.fn(),
    ...extra,
  });
  return win as unknown as FakeBrowserWindow;
}

beforeEach(() => {
  FakeBrowserWindow.instances = [];
});

describe('createKioskWindow', () => {
  it('creates a full-screen kiosk window with the secure webPreferences', () => {
    const win = makeWindow();
    expect(win.options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true });
    expect(typeof win.options.backgroundColor).toBe('string');
    expect(win.options.webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      autoplayPolicy: 'no-user-gesture-required',
      devTools: false,
    });
  });

  it('passes the devTools switch through and opens them only when asked and allowed', () => {
    const plain = makeWindow(true);
    expect((plain.options.webPreferences as { devTools: boolean }).devTools).toBe(true);
    expect(plain.webContents.openDevTools).not.toHaveBeenCalled();
    expect(makeWindow(true, true).webContents.openDevTools).toHaveBeenCalledWith({ mode: 'detach' });
    expect(makeWindow(false, true).webContents.openDevTools).not.toHaveBeenCalled();
  });

  it('loads the app start page', () => {
    const win = makeWindow();
    expect(win.loadURL).toHaveBeenCalledWith(APP_START_URL);
    expect(APP_START_URL).toBe('app://kiosk/index.html');
  });

  it('prevents navigation to another origin and allows the app origin', () => {
    const contents = makeWindow().webContents;
    const away = preventable();
    contents.emit('will-navigate', away, 'https://evil.example/');
    expect(away.prevented).toBe(true);
    const redirect = preventable();
    contents.emit('will-redirect', redirect, 'file:///etc/passwd');
    expect(redirect.prevented).toBe(true);
    const home = preventable();
    contents.emit('will-navigate', home, 'app://kiosk/index.html');
    expect(home.prevented).toBe(false);
  });

  it('denies window.open', () => {
    expect(makeWindow().webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('swallows blocked shortcuts and lets typing through', () => {
    const contents = makeWindow().webContents;
    const base = { type: 'keyDown', control: false, meta: false, alt: false, shift: false };
    const f5 = preventable();
    contents.emit('before-input-event', f5, { ...base, key: 'F5' });
    expect(f5.prevented).toBe(true);
    const altF4 = preventable();
    contents.emit('before-input-event', altF4, { ...base, key: 'F4', alt: true });
    expect(altF4.prevented).toBe(true);
    const devtools = preventable();
    contents.emit('before-input-event', devtools, { ...base, key: 'I', control: true, shift: true });
    expect(devtools.prevented).toBe(true);
    const letter = preventable();
    contents.emit('before-input-event', letter, { ...base, key: 'a' });
    expect(letter.prevented).toBe(false);
  });

  it('locks pinch zoom once the page has loaded', () => {
    const contents = makeWindow().webContents;
    contents.emit('did-finish-load');
    expect(contents.setVisualZoomLevelLimits).toHaveBeenCalledWith(1, 1);
  });

  it('reloads the start page after a renderer crash', () => {
    const win = makeWindow();
    win.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(win.webContents.loadURL).toHaveBeenCalledWith(APP_START_URL);
  });
});

describe('devToolsPolicy', () => {
  it('in an installed kiosk keeps DevTools off and ignores --debug, saying so', () => {
    expect(devToolsPolicy(true, ['SatisfactionKiosk.exe'])).toEqual({ devTools: false, openDevTools: false, debugIgnored: false });
    expect(devToolsPolicy(true, ['SatisfactionKiosk.exe', '--debug'])).toEqual({ devTools: false, openDevTools: false, debugIgnored: true });
  });

  it('in a development run allows DevTools and opens them with --debug', () => {
    expect(devToolsPolicy(false, ['electron', '.'])).toEqual({ devTools: true, openDevTools: false, debugIgnored: false });
    expect(devToolsPolicy(false, ['electron', '.', '--debug'])).toEqual({ devTools: true, openDevTools: true, debugIgnored: false });
  });
});

describe('closing the kiosk window', () => {
  it('is refused (Alt+F4, the taskbar, "End task") until the gate allows it', () => {
    const gate = createQuitGate();
    const warnings: string[] = [];
    const win = makeWindow(false, false, { quitGate: gate, logger: { ...silentLogger, warn: (_o, m) => warnings.push(m ?? '') } });
    const first = preventable();
    win.emit('close', first);
    expect(first.prevented).toBe(true);
    expect(warnings).toEqual(['window close refused: only the admin exit or an update closes the kiosk']);
    gate.allow();
    const second = preventable();
    win.emit('close', second);
    expect(second.prevented).toBe(false);
    gate.deny();
    const third = preventable();
    win.emit('close', third);
    expect(third.prevented).toBe(true);
  });

  it('is let through when Windows ends the session (shutdown, restart, log-off)', () => {
    for (const event of ['query-session-end', 'session-end']) {
      const gate = createQuitGate();
      const win = makeWindow(false, false, { quitGate: gate });
      win.emit(event, preventable());
      const close = preventable();
      win.emit('close', close);
      expect({ event, prevented: close.prevented }).toEqual({ event, prevented: false });
    }
  });

  it('is allowed as for any window without a gate (a development run)', () => {
    const close = preventable();
    makeWindow().emit('close', close);
    expect(close.prevented).toBe(false);
  });
});

describe('input on the page', () => {
  it('is reported, so the updater knows someone is using the kiosk', () => {
    const onInput = vi.fn();
    const contents = makeWindow(false, false, { onInput }).webContents;
    contents.emit('input-event', {}, { type: 'touchStart' });
    contents.emit('input-event', {}, { type: 'keyDown' });
    expect(onInput).toHaveBeenCalledTimes(2);
  });
});
