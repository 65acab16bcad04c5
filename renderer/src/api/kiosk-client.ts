// Picks the transport for the contract: Electron's `window.kiosk`, else the web host's HTTP
// routes. Neither can throw into the UI or hang it forever.
import type { KioskApi } from '../../../shared/kiosk-api';
import { callTimeoutMs, wrapKioskApi } from './call-timeouts';
import { createHttpKioskApi } from './http-client';
import { takePageToken } from './page-token';

export function createKioskClient(win: Window = window): KioskApi {
  if (win.kiosk) return wrapKioskApi(win.kiosk);
  return createHttpKioskApi({ token: takePageToken(win), timeoutMs: callTimeoutMs });
}
