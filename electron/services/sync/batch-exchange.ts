// Sends one batch and turns whatever came back into what it means for the queue. Only a
// 200 whose body is a well-formed ack delivers anything; every other answer, including a
// captive portal's 200 HTML page, leaves the ratings pending.
import { batchResponseSchema, errorBodySchema, PROTOCOL_VERSION, type BatchRequest, type SyncErrorCode } from '../../../shared/upload-protocol';
import { parseRetryAfterMs } from './backoff';
import { parseJson, postJson, type HttpDeps } from './upload-client';

export type BatchOutcome =
  /** `dossierRated`: the city already has a rating of that dossier; settled like `delivered`. */
  | { kind: 'ack'; delivered: string[]; dossierRated: string[]; rejected: { id: string; reason: string }[] }
  | { kind: 'auth_failed'; detail: string }
  | { kind: 'too_large'; detail: string }
  | { kind: 'throttled'; retryAfterMs: number | null; detail: string }
  /** A 400 that blames the ratings (or nothing in particular): bisect to find the bad one. */
  | { kind: 'bad_rating'; detail: string }
  | { kind: 'failed'; code: SyncErrorCode; detail: string }
  | { kind: 'aborted' };

export function batchUrl(serverUrl: string): string {
  return new URL('v1/ratings/batch', serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`).toString();
}

function snippet(body: string): string {
  return body.replace(/\s+/g, ' ').slice(0, 200);
}

export function classifyBatchResponse(status: number, body: string, retryAfter: string | null, sentIds: ReadonlySet<string>, nowMs: number): BatchOutcome {
  if (status === 200) {
    const parsed = batchResponseSchema.safeParse(parseJson(body));
    if (!parsed.success) return { kind: 'failed', code: 'bad_response', detail: `200 without a v1 ack: ${snippet(body)}` };
    const delivered = new Set([...parsed.data.accepted, ...parsed.data.duplicates].filter((id) => sentIds.has(id)));
    // An id in two lists of a confused answer settles as the kindest: delivered, then
    // dossier-rated, then rejected; ids the kiosk did not send are ignored.
    const dossierRated = new Set(parsed.data.dossierRated.filter((id) => sentIds.has(id) && !delivered.has(id)));
    const rejected = parsed.data.rejected.filter((r) => sentIds.has(r.id) && !delivered.has(r.id) && !dossierRated.has(r.id));
    return { kind: 'ack', delivered: [...delivered], dossierRated: [...dossierRated], rejected };
  }
  const err = errorBodySchema.safeParse(parseJson(body));
  const detail = err.success
    ? `${status} ${err.data.error.code}${err.data.error.field ? ` (${err.data.error.field})` : ''}${err.data.error.detail ? `: ${err.data.error.detail}` : ''}`
    : `${status} ${snippet(body)}`.trim();
  if (status === 401 || status === 403) return { kind: 'auth_failed', detail };
  if (status === 413) return { kind: 'too_large', detail };
  if (status === 429 || status === 503) return { kind: 'throttled', retryAfterMs: parseRetryAfterMs(retryAfter, nowMs), detail };
  if (status === 400) {
    // Without the protocol's JSON error, or when the envelope is to blame, no single rating
    // is at fault: rejecting ratings then would empty the queue into the rejected pile.
    const field = err.success ? err.data.error.field : undefined;
    if (err.success && (field === undefined || field === 'ratings' || field.startsWith('ratings.'))) {
      return { kind: 'bad_rating', detail };
    }
    return { kind: 'failed', code: 'bad_request', detail };
  }
  return { kind: 'failed', code: status >= 500 ? 'server_error' : 'bad_response', detail };
}

/**
 * Buffers for request bodies, reused from batch to batch of one sync run. A new buffer per
 * batch is freed only when V8 collects the object that holds it; one that lived through a
 * round trip has usually been promoted by then, and waits for a full collection, so a long
 * drain held the bodies of hundreds of batches. A body is given back once its batch is
 * answered, so the pool holds as many buffers as the run has batches in flight.
 */
export interface BodyBuffers {
  /** A buffer of exactly `size` bytes that no batch in flight is using. */
  take(size: number): Buffer;
  /** `body`'s batch was answered: its bytes may be written over. */
  give(body: Buffer): void;
}

/** Large enough for a default batch with long comments, so most runs allocate once per lane. */
const BODY_BUFFER_MIN = 256 * 1024;

export function createBodyBuffers(): BodyBuffers {
  const free: Buffer[] = [];
  return {
    take(size) {
      let whole = free.pop();
      // One too small for this batch is dropped for a bigger one.
      if (!whole || whole.length < size) whole = Buffer.allocUnsafeSlow(Math.max(size, BODY_BUFFER_MIN));
      return whole.subarray(0, size);
    },
    give(body) {
      // Only what take() made: a slice of Node's shared pool must never be handed out whole.
      if (body.byteOffset !== 0 || body.buffer.byteLength < BODY_BUFFER_MIN) return;
      free.push(Buffer.from(body.buffer));
    },
  };
}

/**
 * The request body, byte for byte JSON.stringify({ protocol, ...envelope }), written rating
 * by rating into one buffer (from `buffers` when given). A batch as a single string is a
 * large object (over 100 KB, two bytes a character once a comment has Vietnamese in it) that
 * V8 puts straight into the old generation, so a long drain grew the heap with every batch.
 */
export function encodeBatchBody(envelope: Omit<BatchRequest, 'protocol'>, buffers?: BodyBuffers): Buffer {
  const { ratings, ...rest } = envelope;
  // '{"protocol":1,…,"ratings":[' : the same keys in the same order, the array left open.
  const head = JSON.stringify({ protocol: PROTOCOL_VERSION, ...rest, ratings: [] }).slice(0, -2);
  const items = ratings.map((r) => JSON.stringify(r));
  let size = Buffer.byteLength(head) + Math.max(0, items.length - 1) + 2;
  for (const item of items) size += Buffer.byteLength(item);
  const buf = buffers ? buffers.take(size) : Buffer.allocUnsafe(size);
  let at = buf.write(head, 0);
  items.forEach((item, i) => {
    if (i > 0) at += buf.write(',', at);
    at += buf.write(item, at);
  });
  buf.write(']}', at);
  return buf;
}

/** A batch ready to go: its body, and the ids the answer may acknowledge. */
export interface OutgoingBatch {
  body: Buffer;
  ids: ReadonlySet<string>;
}

/** Encodes a batch now, so that nothing but the bytes and the ids waits for the answer. */
export function prepareBatch(envelope: Omit<BatchRequest, 'protocol'>, buffers?: BodyBuffers): OutgoingBatch {
  return { body: encodeBatchBody(envelope, buffers), ids: new Set(envelope.ratings.map((r) => r.id)) };
}

export async function sendBatch(serverUrl: string, token: string, batch: OutgoingBatch, http: HttpDeps, now: () => number): Promise<BatchOutcome> {
  const res = await postJson(batchUrl(serverUrl), token, batch.body, http);
  if (res.kind === 'aborted') return res;
  if (res.kind === 'failed') return { kind: 'failed', code: res.code, detail: res.detail };
  return classifyBatchResponse(res.status, res.body, res.retryAfter, batch.ids, now());
}
