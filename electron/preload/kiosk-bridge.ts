// Builds `window.kiosk` from the contract's method list: one function per method, each a
// plain invoke on that method's channel. The page gets nothing else (no ipcRenderer).
import type { KioskApi } from '../../shared/kiosk-api';
import { ipcChannel, KIOSK_METHODS } from '../../shared/kiosk-methods';

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

export function buildKioskBridge(invoke: Invoke): KioskApi {
  const api: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const method of KIOSK_METHODS) {
    const channel = ipcChannel(method);
    api[method] = (input: unknown) => invoke(channel, input);
  }
  return Object.freeze(api) as unknown as KioskApi;
}
