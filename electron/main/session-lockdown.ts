// The citizen UI needs no camera, microphone, location, notifications or devices, and
// talks to nothing but its own app:// origin; the session refuses everything else.
import type { Session } from 'electron';
import type { Logger } from '../services/logger';

type LockableSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'webRequest'>;

/** Schemes the page may load from; uploads go through the main process, not the page. */
const ALLOWED_REQUEST_SCHEMES = new Set(['app:', 'data:', 'blob:', 'devtools:']);

export function isAllowedRequestUrl(url: string): boolean {
  try {
    return ALLOWED_REQUEST_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

export function lockDownSession(session: LockableSession, logger: Logger): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    logger.warn({ permission }, 'permission request denied');
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    if (isAllowedRequestUrl(details.url)) return callback({});
    logger.warn({ url: details.url.slice(0, 200) }, 'blocked request from the page');
    callback({ cancel: true });
  });
}
