// One HTTP exchange with the city server: POST a JSON body with the bearer token, under a
// timeout, and read at most a bounded response. Never throws; every failure is a value,
// classified the same way whichever route the request took (direct or through a proxy).
//
// undici's request API, not fetch: a machine talking to its own server needs none of the
// web's request and response objects, and fetch copies every body it is given. Each copy
// is an ArrayBuffer freed only when V8 collects it, late for an object that lived through a
// round trip, so a long drain held hundreds of spent bodies (measured by bench/drain.ts).
import { request, type Dispatcher } from 'undici';
import type { SyncErrorCode } from '../../../shared/upload-protocol';
import type { Logger } from '../logger';

/** Failures before any answer from the city server: the network, TLS, or the proxy between. */
export const TRANSPORT_ERROR_CODES = [
  'network',
  'timeout',
  'tls',
  'proxy_unreachable',
  'proxy_auth',
  'proxy_refused',
  'proxy_timeout',
  'proxy_unsupported',
] as const satisfies readonly SyncErrorCode[];
export type TransportErrorCode = (typeof TRANSPORT_ERROR_CODES)[number];

/** The server was never reached: worth neither a second request in this run nor a longer wait than back-off. */
export function isTransportFailure(code: string): code is TransportErrorCode {
  return (TRANSPORT_ERROR_CODES as readonly string[]).includes(code);
}

export type HttpOutcome =
  | { kind: 'response'; status: number; retryAfter: string | null; body: string }
  /** `status`: what the proxy answered to CONNECT, when it answered. */
  | { kind: 'failed'; code: TransportErrorCode; detail: string; status?: number }
  | { kind: 'aborted' };

export interface HttpDeps {
  /** The route's connection pool: the direct agent, or the proxy's (upload-transport.ts). */
  dispatcher: Dispatcher;
  timeoutMs: number;
  /** Aborted when the scheduler stops. */
  signal?: AbortSignal;
  /** The proxy `dispatcher` goes through (redacted: scheme, host, port), or null/absent when direct. */
  proxy?: string | null;
}

/** Where and how a kiosk talks to the city server: shared by ratings and survey contacts. */
export interface ServerEndpoint {
  dispatcher: Dispatcher;
  /** As in HttpDeps: the redacted proxy address when `dispatcher` goes through one. */
  proxy?: string | null;
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

async function readCapped(body: Dispatcher.ResponseData['body'], max: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const bytes = chunk as Buffer;
    size += bytes.byteLength;
    // Leaving the loop early destroys the stream, and with it the connection.
    if (size > max) return null;
    chunks.push(bytes);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const firstHeader = (value: string | string[] | undefined): string | null => (Array.isArray(value) ? (value[0] ?? null) : (value ?? null));

/** The error and its causes, outermost first (undici wraps a proxy's or a socket's failure, sometimes twice). */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e: unknown = error; e !== undefined && e !== null && chain.length < 6; e = (e as { cause?: unknown }).cause) {
    chain.push(e);
    if (typeof e !== 'object') break;
  }
  return chain;
}

const codeOf = (e: unknown): string => (e && typeof e === 'object' && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : '');

/** Removes credentials from any URL quoted in a message: `http://user:pass@host` → `http://host`. */
export function scrubCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@]*@/gi, '$1');
}

function describe(chain: unknown[]): string {
  const parts = chain.map((e) => (e instanceof Error ? (codeOf(e) ? `${codeOf(e)}: ${e.message}` : e.message) : String(e)));
  return scrubCredentials(parts.join(' <- ').replace(/\s+/g, ' ')).slice(0, 500);
}

// OpenSSL's certificate verdicts (CERT_HAS_EXPIRED, UNABLE_TO_VERIFY_LEAF_SIGNATURE, …),
// Node's TLS and OpenSSL errors, and undici's "TLS to the proxy failed".
const TLS_CODE =
  /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|HOSTNAME_MISMATCH$|INVALID_CA$|EPROTO$|UND_ERR_PRX_TLS$)/;
// Connecting failed. Through a CONNECT proxy the kiosk connects to the proxy alone, so these
// are the proxy's; the city server's own refusal comes back as the proxy's answer to CONNECT.
const CONNECT_CODE = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EHOSTDOWN|ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|UND_ERR_PRX_CONN)$/;

/**
 * What a failed request means, the same rule for every route: undici reports a proxy's refusal
 * of CONNECT as "Proxy response (407) !== 200 when HTTP Tunneling" (and an untunnelled 407 as
 * "Proxy Authentication Required (407)").
 */
export function classifyRequestError(error: unknown, proxy: string | null | undefined): { code: TransportErrorCode; detail: string; status?: number } {
  const chain = causeChain(error);
  const text = describe(chain);
  const via = proxy ? ` (through proxy ${proxy})` : '';
  const m = /Proxy response \((\d{3})\)|Proxy Authentication Required \((407)\)/.exec(text);
  if (proxy && m) {
    const status = Number(m[1] ?? m[2]);
    if (status === 407)
      return { code: 'proxy_auth', status, detail: `proxy ${proxy} asks for credentials (407 to CONNECT); check the user name and password in server.proxy` };
    return { code: 'proxy_refused', status, detail: `proxy ${proxy} answered ${status} to CONNECT: it could not or would not open the way to the server` };
  }
  const codes = chain.map(codeOf);
  if (codes.some((c) => TLS_CODE.test(c))) return { code: 'tls', detail: `TLS failed${via}: ${text}` };
  if (proxy && codes.some((c) => CONNECT_CODE.test(c))) return { code: 'proxy_unreachable', detail: `cannot connect to proxy ${proxy}: ${text}` };
  return { code: 'network', detail: `${text}${via}` };
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
    // Redirects are not followed (request() has no such option set): a 3xx is an answer.
    const res = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, accept: 'application/json' },
      body,
      signal: controller.signal,
      dispatcher: deps.dispatcher,
    });
    const text = await readCapped(res.body, MAX_RESPONSE_BYTES);
    // The city server never asks for proxy credentials: a 407 is a proxy's, even one the
    // kiosk was not told about (an intercepting proxy on a direct route).
    if (res.statusCode === 407) {
      const who = deps.proxy ? `proxy ${deps.proxy}` : 'a proxy on the way (none is configured)';
      return { kind: 'failed', code: 'proxy_auth', status: 407, detail: `${who} asks for credentials (407)` };
    }
    return { kind: 'response', status: res.statusCode, retryAfter: firstHeader(res.headers['retry-after']), body: text ?? '' };
  } catch (error) {
    if (deps.signal?.aborted) return { kind: 'aborted' };
    if (timedOut) {
      // Whether the proxy or the server behind it was slow cannot be told apart from here.
      if (deps.proxy) return { kind: 'failed', code: 'proxy_timeout', detail: `no answer within ${deps.timeoutMs} ms through proxy ${deps.proxy}` };
      return { kind: 'failed', code: 'timeout', detail: `no answer within ${deps.timeoutMs} ms` };
    }
    return { kind: 'failed', ...classifyRequestError(error, deps.proxy) };
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
