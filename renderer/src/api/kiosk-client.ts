// Picks the transport for the contract: Electron's `window.kiosk`, else the web host's HTTP
// routes. Neither can throw into the UI or hang it forever.
import type { Result } from '../../../shared/errors';
import type { KioskApi } from '../../../shared/kiosk-api';
import { KIOSK_METHODS, type KioskMethod } from '../../../shared/kiosk-methods';
import { createHttpKioskApi } from './http-client';

/** A citizen should never wait on a frozen screen; exports legitimately take longer. */
export const CALL_TIMEOUT_MS: Record<KioskMethod, number> = {
  getBootstrap: 15_000,
  submitRating: 15_000,
  amendRating: 15_000,
  getSyncStatus: 15_000,
  adminUnlock: 15_000,
  adminLock: 15_000,
  getTally: 60_000,
  exportReport: 300_000,
  openDossier: 15_000,
  getDuty: 15_000,
  setDuty: 15_000,
  holdForComment: 15_000,
  submitContact: 15_000,
};

export function readKioskToken(doc: Document = document): string {
  return doc.querySelector('meta[name="kiosk-token"]')?.getAttribute('content') ?? '';
}

function guarded(method: KioskMethod, call: (input: unknown) => Promise<Result<unknown>>, timeoutMs: number) {
  return async (input: unknown): Promise<Result<unknown>> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<Result<unknown>>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, error: { code: 'INTERNAL', detail: `${method} timed out after ${timeoutMs} ms` } }), timeoutMs);
    });
    try {
      return await Promise.race([call(input), timeout]);
    } catch (error) {
      return { ok: false, error: { code: 'INTERNAL', detail: `${method}: ${error instanceof Error ? error.message : String(error)}` } };
    } finally {
      clearTimeout(timer);
    }
  };
}

/** For transports that cannot be cancelled (IPC): the screen moves on, the call may still land. */
export function wrapKioskApi(inner: KioskApi, timeouts: Record<KioskMethod, number> = CALL_TIMEOUT_MS): KioskApi {
  const api = Object.fromEntries(
    KIOSK_METHODS.map((m) => {
      const call = (input: unknown) => (inner[m] as (i: unknown) => Promise<Result<unknown>>)(input);
      return [m, guarded(m, call, timeouts[m])];
    }),
  );
  return api as unknown as KioskApi;
}

export function createKioskClient(win: Window = window): KioskApi {
  if (win.kiosk) return wrapKioskApi(win.kiosk);
  return createHttpKioskApi({ token: readKioskToken(win.document), timeoutMs: (m) => CALL_TIMEOUT_MS[m] });
}
