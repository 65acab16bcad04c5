// The client gives every contract method a timeout without a line per method: the default,
// or a longer one for the few slow calls. A transport that never answers must not freeze
// the screen, and a slow export must not be cut off at the default.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskApi } from '../../../shared/kiosk-api';
import { KIOSK_METHODS } from '../../../shared/kiosk-methods';
import { DEFAULT_CALL_TIMEOUT_MS, SLOW_CALL_TIMEOUT_MS, callTimeoutMs, wrapKioskApi } from '../../../renderer/src/api/call-timeouts';

const silentTransport = Object.fromEntries(KIOSK_METHODS.map((m) => [m, () => new Promise(() => {})])) as unknown as KioskApi;

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('call timeouts', () => {
  it('gives every method the default unless it is listed as slow', () => {
    for (const m of KIOSK_METHODS) expect(callTimeoutMs(m), m).toBe(SLOW_CALL_TIMEOUT_MS[m] ?? DEFAULT_CALL_TIMEOUT_MS);
    expect(callTimeoutMs('exportReport')).toBeGreaterThan(DEFAULT_CALL_TIMEOUT_MS);
  });

  it('answers INTERNAL when a call outlives its timeout, and waits longer for a slow method', async () => {
    const api = wrapKioskApi(silentTransport);
    let quick: unknown;
    let slow: unknown;
    void api.getBootstrap({}).then((r) => (quick = r));
    void api.exportReport({ format: 'csv', from: '2026-12-01', to: '2026-12-01' } as never).then((r) => (slow = r));
    await vi.advanceTimersByTimeAsync(DEFAULT_CALL_TIMEOUT_MS);
    expect(quick).toMatchObject({ ok: false, error: { code: 'INTERNAL', detail: `getBootstrap timed out after ${DEFAULT_CALL_TIMEOUT_MS} ms` } });
    expect(slow).toBeUndefined();
    await vi.advanceTimersByTimeAsync(callTimeoutMs('exportReport') - DEFAULT_CALL_TIMEOUT_MS);
    expect(slow).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
