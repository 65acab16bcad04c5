import type { Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { isAllowedRequestUrl, lockDownSession } from '../../../electron/main/session-lockdown';
import { silentLogger } from '../../../electron/services/logger';

function lockedSession() {
  const s = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
  };
  lockDownSession(s as unknown as Session, silentLogger);
  return s;
}

describe('lockDownSession', () => {
  it('denies every permission request', () => {
    const s = lockedSession();
    const handler = s.setPermissionRequestHandler.mock.calls[0]![0] as (wc: unknown, p: string, cb: (granted: boolean) => void) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'fullscreen', 'clipboard-read', 'openExternal', 'unknown']) {
      const callback = vi.fn();
      handler({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
  });

  it('answers every permission and device check with false', () => {
    const s = lockedSession();
    const check = s.setPermissionCheckHandler.mock.calls[0]![0] as (...args: unknown[]) => boolean;
    expect(check({}, 'media', 'app://kiosk', {})).toBe(false);
    expect(check({}, 'clipboard-sanitized-write', 'app://kiosk', {})).toBe(false);
    const device = s.setDevicePermissionHandler.mock.calls[0]![0] as (...args: unknown[]) => boolean;
    expect(device({ deviceType: 'usb', origin: 'app://kiosk' })).toBe(false);
  });

  it('cancels page requests to the network and lets app:// through', () => {
    const s = lockedSession();
    const onBefore = s.webRequest.onBeforeRequest.mock.calls[0]![0] as (d: { url: string }, cb: (r: object) => void) => void;
    const verdict = (url: string) => {
      const cb = vi.fn();
      onBefore({ url }, cb);
      return cb.mock.calls[0]![0];
    };
    expect(verdict('app://kiosk/assets/app.js')).toEqual({});
    expect(verdict('https://evil.example/beacon')).toEqual({ cancel: true });
    expect(verdict('http://127.0.0.1:9000/')).toEqual({ cancel: true });
    expect(verdict('ws://evil.example/')).toEqual({ cancel: true });
    expect(verdict('file:///etc/passwd')).toEqual({ cancel: true });
  });

  it('isAllowedRequestUrl rejects garbage', () => {
    expect(isAllowedRequestUrl('not a url')).toBe(false);
    expect(isAllowedRequestUrl('data:image/png;base64,AAAA')).toBe(true);
  });
});
