// One HTTP exchange with the city server: POST a JSON body with the bearer token, under a
// timeout, and read at most a bounded response. Never throws; every failure is a value.
import type { Logger } from '../logger';

export type HttpOutcome =
  | { kind: 'response'; status: number; retryAfter: string | null; body: string }
  | { kind: 'network'; detail: string }
  | { kind: 'timeout'; detail: string }
  | { kind: 'aborted' };

export interface HttpDeps {
  fetch: typeof fetch;
  timeoutMs: number;
  /** Aborted when the scheduler stops. */
  signal?: AbortSignal;
}

/** Where and how a kiosk talks to the city server: shared by ratings and survey contacts. */
export interface ServerEndpoint {
  fetch: typeof fetch;
  now: () => number;
  logger: Logger;
  serverUrl: string;
  token: string;
  timeoutMs: number;
  /** The kiosk's clock as ISO 8601 with its configured zone's offset. */
  isoTime: (ms: number) => string;
  signal?: AbortSignal;
}

/** A captive portal or a broken proxy may send megabytes; an ack never needs this much. */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

async function readCapped(res: Response, max: number): Promise<string | null> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const causeText = cause instanceof Error ? `${(cause as { code?: string }).code ?? cause.name}: ${cause.message}` : '';
  return causeText ? `${error.message} (${causeText})` : error.message;
}

export async function postJson(url: string, token: string, body: string | Buffer, deps: HttpDeps): Promise<HttpOutcome> {
  // A plain controller and timer, both released as soon as the answer is read:
  // AbortSignal.timeout() and AbortSignal.any() keep the request (and its body) reachable
  // until the timeout would have fired, which made memory grow with the queue.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, deps.timeoutMs);
  const onStop = () => controller.abort();
  deps.signal?.addEventListener('abort', onStop, { once: true });
  try {
    if (deps.signal?.aborted) return { kind: 'aborted' };
    const res = await deps.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, accept: 'application/json' },
      // Bytes, not a string: undici would otherwise re-encode it through a web stream, and
      // that garbage made V8 grow its young generation during a long drain.
      body: typeof body === 'string' ? Buffer.from(body) : body,
      signal: controller.signal,
      redirect: 'manual',
    });
    const text = await readCapped(res, MAX_RESPONSE_BYTES);
    return { kind: 'response', status: res.status, retryAfter: res.headers.get('retry-after'), body: text ?? '' };
  } catch (error) {
    if (deps.signal?.aborted) return { kind: 'aborted' };
    if (timedOut) return { kind: 'timeout', detail: `no answer within ${deps.timeoutMs} ms` };
    return { kind: 'network', detail: describe(error).slice(0, 500) };
  } finally {
    clearTimeout(timer);
    deps.signal?.removeEventListener('abort', onStop);
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
