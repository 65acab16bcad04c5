// KioskApi over the web host's HTTP routes: POST /api/<method> with the per-start token.
// Every failure (network, HTTP status, bad JSON) becomes a Result error, never an exception,
// so a screen can always show a message and let the citizen tap again.
import type { KioskError, Result } from '../../../shared/errors';
import type { KioskApi } from '../../../shared/kiosk-api';
import { KIOSK_METHODS, type KioskMethod } from '../../../shared/kiosk-methods';

export interface HttpClientOptions {
  token: string;
  /** Base URL of the web host; relative to the page by default. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Per-method limit; the request is aborted, so a save that timed out is never stored later. */
  timeoutMs?: (method: KioskMethod) => number;
}

function internal(detail: string): { ok: false; error: KioskError } {
  return { ok: false, error: { code: 'INTERNAL', detail } };
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: { code?: unknown } };
  return v.ok === true || (v.ok === false && typeof v.error?.code === 'string');
}

export async function callOverHttp(options: HttpClientOptions, method: KioskMethod, input: unknown): Promise<Result<unknown>> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const timeoutMs = options.timeoutMs?.(method) ?? 15_000;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  let response: Response;
  let body: unknown;
  try {
    response = await doFetch(`${options.baseUrl ?? ''}api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Kiosk-Token': options.token },
      body: JSON.stringify(input ?? {}),
      cache: 'no-store',
      signal: abort.signal,
    });
    try {
      body = await response.json();
    } catch {
      if (abort.signal.aborted) return internal(`${method} timed out after ${timeoutMs} ms`);
      return internal(`${method}: HTTP ${response.status} without a JSON body`);
    }
  } catch (error) {
    if (abort.signal.aborted) return internal(`${method} timed out after ${timeoutMs} ms`);
    return internal(`network error calling ${method}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
  // The host answers contract errors as Results too (e.g. 401 UNAUTHORIZED): keep their code.
  if (isResult(body)) return body;
  return internal(`${method}: HTTP ${response.status} with an unexpected body`);
}

export function createHttpKioskApi(options: HttpClientOptions): KioskApi {
  const api = Object.fromEntries(KIOSK_METHODS.map((m) => [m, (input: unknown) => callOverHttp(options, m, input)]));
  return api as unknown as KioskApi;
}
