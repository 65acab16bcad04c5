// The heartbeat tells the city the kiosk is alive and how far behind it is, and gives the
// kiosk the server's clock. The offset assumes the answer was stamped half-way through the
// round trip, which is accurate to half the round trip. A receiver that reconciles answers
// with the days where it holds another count of this kiosk's ratings than it delivered.
import {
  heartbeatResponseSchema,
  PROTOCOL_VERSION,
  reconciliationSchema,
  type HeartbeatRequest,
  type ReconciliationDay,
} from '../../../shared/upload-protocol';
import type { BatchOutcome } from './batch-exchange';
import { classifyBatchResponse } from './batch-exchange';
import { parseJson, postJson, type HttpDeps } from './upload-client';

/**
 * `reconciliation`: absent when the answer had none (a receiver that does not compare, or a
 * request without day counts), so what the kiosk kept from an earlier answer stays.
 * `reconciliationInvalid`: the answer had one the kiosk could not read; it is ignored.
 */
export type HeartbeatOutcome =
  | { kind: 'ok'; clockOffsetMs: number; reconciliation?: ReconciliationDay[]; reconciliationInvalid?: string }
  | Extract<BatchOutcome, { kind: 'auth_failed' | 'throttled' | 'failed' | 'aborted' }>;

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
  const exchange = async (sent: HeartbeatBody): Promise<{ outcome: HeartbeatOutcome; httpStatus: number | null }> => {
    const t0 = now();
    const res = await postJson(heartbeatUrl(serverUrl), token, JSON.stringify({ protocol: PROTOCOL_VERSION, ...sent, kioskTime: kioskTime(t0) }), http);
    const t1 = now();
    if (res.kind === 'aborted') return { outcome: res, httpStatus: null };
    if (res.kind === 'failed') return { outcome: { kind: 'failed', code: res.code, detail: res.detail }, httpStatus: res.status ?? null };
    return { outcome: heartbeatOutcome(res.status, res.body, res.retryAfter, t0, t1), httpStatus: res.status };
  };
  // A receiver from before a field validates the heartbeat strictly and refuses the unknown
  // field with a 400: asked again without the newest fields first (the reasons catalogue,
  // then the day counts), it still learns the kiosk is alive and the kiosk still learns the
  // clock, and a receiver that knows day counts but not reasons still reconciles.
  let sent = body;
  let answer = await exchange(sent);
  for (const field of ['reasons', 'dayCounts'] as const) {
    if (answer.httpStatus !== 400) break;
    if (sent[field] === undefined) continue;
    sent = { ...sent, [field]: undefined };
    answer = await exchange(sent);
  }
  return answer;
}

const serverTimeSchema = heartbeatResponseSchema.pick({ serverTime: true });

function heartbeatOutcome(status: number, body: string, retryAfter: string | null, t0: number, t1: number): HeartbeatOutcome {
  if (status === 200) {
    const json = parseJson(body);
    const parsed = serverTimeSchema.safeParse(json);
    const serverMs = parsed.success ? Date.parse(parsed.data.serverTime) : Number.NaN;
    if (Number.isNaN(serverMs)) return { kind: 'failed', code: 'bad_response', detail: 'heartbeat: 200 without serverTime' };
    return { kind: 'ok', clockOffsetMs: Math.round(serverMs - (t0 + t1) / 2), ...readReconciliation(json) };
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

/** Read apart from serverTime: a malformed comparison must cost the comparison only. */
function readReconciliation(json: unknown): Pick<Extract<HeartbeatOutcome, { kind: 'ok' }>, 'reconciliation' | 'reconciliationInvalid'> {
  const raw = (json as { reconciliation?: unknown }).reconciliation;
  if (raw === undefined) return {};
  const parsed = reconciliationSchema.safeParse(raw);
  if (parsed.success) return { reconciliation: parsed.data };
  // Where and what, never the answer's own text: it is the server's, and may be anything.
  const where = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(the field)'}: ${i.message}`);
  return { reconciliationInvalid: where.join('; ').slice(0, 300) };
}
