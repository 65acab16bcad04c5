import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { guardNavigation } from '../../../electron/main/navigation-guard';
import { silentLogger } from '../../../electron/services/logger';
import { FakeWebContents, preventable } from './fake-electron';

function guarded() {
  const contents = new FakeWebContents();
  guardNavigation(contents as unknown as WebContents, silentLogger);
  return contents;
}

describe('guardNavigation', () => {
  it.each(['will-navigate', 'will-redirect'])('%s: prevents other origins, allows the app', (eventName) => {
    const contents = guarded();
    for (const url of [
      'https://evil.example/',
      'file:///C:/Windows/System32/cmd.exe',
      'app://other/index.html',
      'http://127.0.0.1:8080/',
      'javascript:alert(1)',
    ]) {
      const e = preventable();
      contents.emit(eventName, e, url);
      expect(e.prevented, url).toBe(true);
    }
    const ok = preventable();
    contents.emit(eventName, ok, 'app://kiosk/index.html');
    expect(ok.prevented).toBe(false);
  });

  it('will-frame-navigate: prevents a sub-frame leaving the app origin', () => {
    const contents = guarded();
    const bad = preventable({ url: 'https://evil.example/frame' });
    contents.emit('will-frame-navigate', bad);
    expect(bad.prevented).toBe(true);
    const good = preventable({ url: 'app://kiosk/index.html' });
    contents.emit('will-frame-navigate', good);
    expect(good.prevented).toBe(false);
  });

  it('denies every window.open, even to the app itself', () => {
    const contents = guarded();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'app://kiosk/index.html' })).toEqual({ action: 'deny' });
  });

  it('refuses <webview> tags', () => {
    const contents = guarded();
    const e = preventable();
    contents.emit('will-attach-webview', e, {}, {});
    expect(e.prevented).toBe(true);
  });
});
