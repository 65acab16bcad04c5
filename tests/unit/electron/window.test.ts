import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { APP_START_URL } from '../../../electron/main/app-protocol';
import { createKioskWindow } from '../../../electron/main/window';
import { realTimers } from '../../../electron/main/window-recovery';
import { silentLogger } from '../../../electron/services/logger';
import { FakeBrowserWindow, preventable } from './fake-electron';

function makeWindow(devTools = false, openDevTools = false) {
  const win = createKioskWindow({
    openDevTools,
    BrowserWindow: FakeBrowserWindow as unknown as new (o: BrowserWindowConstructorOptions) => BrowserWindow,
    preloadPath: '/app/dist/electron/preload.cjs',
    devTools,
    logger: silentLogger,
    timers: realTimers,
    onGiveUp: vi.fn(),
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
