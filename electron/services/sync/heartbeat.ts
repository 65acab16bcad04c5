// The heartbeat tells the city the kiosk is alive and how far behind it is, and gives the
// kiosk the server's clock. The offset assumes the answer was stamped half-way through the
// round trip, which is accurate to half the round trip.
import { heartbeatResponseSchema, PROTOCOL_VERSION, type HeartbeatRequest } from '../../../shared/upload-protocol';
import type { BatchOutcome } from './batch-exchange';
import { classifyBatchResponse } from './batch-exchange';
import { parseJson, postJson, type HttpDeps } from './upload-client';

export type HeartbeatOutcome = { kind: 'ok'; clockOffsetMs: number } | Extract<BatchOutcome, { kind: 'auth_failed' | 'throttled' | 'failed' | 'aborted' }>;

export function heartbeatUrl(serverUrl: string): string {
  return new URL('v1/kiosks/heartbeat', serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`).toString();
}

export type HeartbeatBody = Omit<HeartbeatRequest, 'protocol' | 'kioskTime'>;

/** The heartbeat and the HTTP status that decided it (the server's, or the proxy's answer to CONNECT). */
export async function heartbeatExchange(
  serverUrl: string,
  token: string,
  body: HeartbeatBody,
  kioskTime: (ms: number) => string,
  http: HttpDeps,
  now: () => number,
): Promise<{ outcome: HeartbeatOutcome; httpStatus: number | null }> {
  const t0 = now();
  const res = await postJson(heartbeatUrl(serverUrl), token, JSON.stringify({ protocol: PROTOCOL_VERSION, ...body, kioskTime: kioskTime(t0) }), http);
  const t1 = now();
  if (res.kind === 'aborted') return { outcome: res, httpStatus: null };
  if (res.kind === 'failed') return { outcome: { kind: 'failed', code: res.code, detail: res.detail }, httpStatus: res.status ?? null };
  return { outcome: heartbeatOutcome(res.status, res.body, res.retryAfter, t0, t1), httpStatus: res.status };
}

function heartbeatOutcome(status: number, body: string, retryAfter: string | null, t0: number, t1: number): HeartbeatOutcome {
  if (status === 200) {
    const parsed = heartbeatResponseSchema.safeParse(parseJson(body));
    const serverMs = parsed.success ? Date.parse(parsed.data.serverTime) : Number.NaN;
    if (Number.isNaN(serverMs)) return { kind: 'failed', code: 'bad_response', detail: 'heartbeat: 200 without serverTime' };
    return { kind: 'ok', clockOffsetMs: Math.round(serverMs - (t0 + t1) / 2) };
  }
  const c = classifyBatchResponse(status, body, retryAfter, new Set(), t1);
  if (c.kind === 'auth_failed' || c.kind === 'throttled' || c.kind === 'failed' || c.kind === 'aborted') return c;
  return { kind: 'failed', code: 'bad_response', detail: `heartbeat: ${'detail' in c ? c.detail : status}` };
}

export async function sendHeartbeat(
  serverUrl: string,
  token: string,
  body: HeartbeatBody,
  kioskTime: (ms: number) => string,
  http: HttpDeps,
  now: () => number,
): Promise<HeartbeatOutcome> {
  return (await heartbeatExchange(serverUrl, token, body, kioskTime, http, now)).outcome;
}
