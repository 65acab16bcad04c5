// Electron's preload exposes the contract as `window.kiosk` (contextBridge). In a browser
// pointed at the web host it is absent and the HTTP client is used instead.
import type { KioskApi } from '../../../shared/kiosk-api';

declare global {
  interface Window {
    kiosk?: KioskApi;
  }
}

export {};
