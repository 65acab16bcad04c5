// How long the screen waits on each contract call. Kept free of the DOM so Node tests can run
// it; kiosk-client.ts picks the transport and applies it.
import type { Result } from '../../../shared/errors';
import type { KioskApi } from '../../../shared/kiosk-api';
import { KIOSK_METHODS, type KioskMethod } from '../../../shared/kiosk-methods';

/** A citizen should never wait on a frozen screen: a new method gets this without a line here. */
export const DEFAULT_CALL_TIMEOUT_MS = 15_000;

/**
 * Only the calls that legitimately take longer: a long range's tally, a month's export, a
 * database check (up to a minute in its worker), the check and the zip together, and a
 * connection test that waits out the configured upload timeout.
 */
export const SLOW_CALL_TIMEOUT_MS: Partial<Record<KioskMethod, number>> = {
  getTally: 60_000,
  exportReport: 300_000,
  getDiagnostics: 90_000,
  exportDiagnostics: 150_000,
  testConnection: 120_000,
};

export function callTimeoutMs(method: KioskMethod): number {
  return SLOW_CALL_TIMEOUT_MS[method] ?? DEFAULT_CALL_TIMEOUT_MS;
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
export function wrapKioskApi(inner: KioskApi, timeoutMs: (method: KioskMethod) => number = callTimeoutMs): KioskApi {
  const api = Object.fromEntries(
    KIOSK_METHODS.map((m) => {
      const call = (input: unknown) => (inner[m] as (i: unknown) => Promise<Result<unknown>>)(input);
      return [m, guarded(m, call, timeoutMs(m))];
    }),
  );
  return api as unknown as KioskApi;
}
