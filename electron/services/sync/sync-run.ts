// One sync: a heartbeat, then the settled queue in batches, oldest first, until nothing is
// due or something stops us. Each server answer is recorded in its own transaction before
// the next batch is read, so a crash at any moment loses at most the knowledge of one
// acknowledgement, and the server's idempotency turns the re-send into a duplicate.
import type { ReasonDefinition } from '../../../shared/rating-scale';
import type { ReconciliationDay, SyncErrorCode, WireRating, WireReason } from '../../../shared/upload-protocol';
import type { UploadQueries, UploadRow } from '../db/upload-queries';
import { createBodyBuffers, prepareBatch, sendBatch, type BatchOutcome, type BodyBuffers } from './batch-exchange';
import type { ContactRunResult } from './contact-upload';
import { kioskDayCounts, type DayCountWindow } from './day-counts';
import { sendHeartbeat, type HeartbeatBody } from './heartbeat';
import { isTransportFailure, type HttpDeps, type ServerEndpoint } from './upload-client';
import { toWireRating } from './wire-rating';

export interface SyncRunDeps extends ServerEndpoint {
  queries: UploadQueries;
  /** Current batch size; a 413 halves it for the rest of the process's life. */
  batch: { size: number };
  appVersion: string;
  /** The kiosk's identity for the heartbeat (batches carry their ratings' own). */
  kioskId: string;
  unitCode: string;
  /** Off for callers that only drain (the benchmark measures uploads alone). */
  heartbeat?: boolean;
  /** Where set, the heartbeat carries the kiosk's per-day counts for reconciliation. */
  dayCountWindow?: DayCountWindow;
  /** Where set, the heartbeat carries the configured reasons, so the city can name their keys. */
  reasons?: readonly ReasonDefinition[];
  /**
   * Batches in flight at once (default 4): the next are built and the last acks recorded
   * while the server stores the others, and a receiver that commits what arrived together
   * in one transaction (the reference one does) syncs its disk once for several.
   */
  pipeline?: number;
}

export type RunStop =
  | { kind: 'done' }
  | { kind: 'auth_failed'; detail: string }
  | { kind: 'throttled'; retryAfterMs: number | null; detail: string }
  | { kind: 'failed'; code: SyncErrorCode; detail: string }
  | { kind: 'aborted' };

export interface RunResult {
  stop: RunStop;
  /** Settled ratings, including the `dossierRated` ones. */
  delivered: number;
  rejected: number;
  /** Delivered ratings the city keeps apart: their dossier was already rated. */
  dossierRated: number;
  requests: number;
  /** Set when a heartbeat answered during this run. */
  clockOffsetMs: number | null;
  /** The days the server found different, when its heartbeat answer compared (`[]`: none). */
  reconciliation?: ReconciliationDay[];
  /** What the scheduler's survey contact upload after the ratings did, when it ran. */
  contacts?: ContactRunResult;
}

/** `retry`: some ratings were left pending for a reason worth another pass in this run. */
type Settle = { kind: 'ok' } | { kind: 'retry' } | Exclude<RunStop, { kind: 'done' }>;

type Stopped = Exclude<RunStop, { kind: 'done' }>;

/** What every step of one run shares: its dependencies, its running totals, its HTTP limits. */
interface RunContext {
  deps: SyncRunDeps;
  result: RunResult;
  http: HttpDeps;
  bodies: BodyBuffers;
  aborted: () => boolean;
}

/** Ratings go in batches of one kiosk and unit, as the envelope names them. */
function homogeneousPrefix(rows: UploadRow[]): UploadRow[] {
  const first = rows[0]!;
  const end = rows.findIndex((r) => r.kiosk_id !== first.kiosk_id || r.unit_code !== first.unit_code);
  return end === -1 ? rows : rows.slice(0, end);
}

const internalFailure = (error: unknown): Settle => ({ kind: 'failed', code: 'internal', detail: String(error).slice(0, 500) });

// --- Step 1: the heartbeat ------------------------------------------------------------

/** A configured reason as the heartbeat carries it: only the labels that are set. */
function wireReason(r: ReasonDefinition): WireReason {
  const labels: WireReason['labels'] = { vi: r.labels.vi };
  for (const [language, label] of Object.entries(r.labels)) if (label !== undefined) labels[language] = label;
  return { key: r.key, factor: r.factor, labels };
}

/** What a heartbeat tells the server: who this is, how far behind its queue is, and what it holds per day (read only). */
export function heartbeatBody(
  deps: Pick<SyncRunDeps, 'queries' | 'kioskId' | 'unitCode' | 'appVersion' | 'isoTime' | 'now' | 'dayCountWindow' | 'reasons'>,
): HeartbeatBody {
  const counts = deps.queries.counts();
  const last = deps.queries.lastDeliveryMs();
  const w = deps.dayCountWindow;
  return {
    kioskId: deps.kioskId,
    unitCode: deps.unitCode,
    queueDepth: counts.pending,
    oldestPendingAt: counts.oldestPendingMs === null ? null : deps.isoTime(counts.oldestPendingMs),
    lastDeliveryAt: last === null ? null : deps.isoTime(last),
    appVersion: deps.appVersion,
    ...(w ? { dayCounts: kioskDayCounts(deps.queries, w, deps.now(), deps.kioskId, deps.unitCode) } : {}),
    ...(deps.reasons ? { reasons: deps.reasons.map(wireReason) } : {}),
  };
}

/** Reports the queue to the server; a stop when the run should end here, else null. */
async function heartbeatStep(ctx: RunContext): Promise<Stopped | null> {
  const { deps, result } = ctx;
  result.requests++;
  const hb = await sendHeartbeat(deps.serverUrl, deps.token, heartbeatBody(deps), deps.isoTime, ctx.http, deps.now);
  if (hb.kind === 'aborted' || ctx.aborted()) return { kind: 'aborted' };
  if (hb.kind === 'ok') {
    result.clockOffsetMs = hb.clockOffsetMs;
    if (hb.reconciliation) result.reconciliation = hb.reconciliation;
    if (hb.reconciliationInvalid !== undefined) {
      // What was kept from the last readable answer stays; the sync goes on.
      deps.logger.warn({ detail: hb.reconciliationInvalid }, 'heartbeat reconciliation not understood; ignored');
    }
    return null;
  }
  if (hb.kind !== 'failed' || isTransportFailure(hb.code) || hb.code === 'server_error') return hb;
  // A server without (or with a broken) heartbeat can still take ratings.
  deps.logger.warn({ detail: hb.detail }, 'heartbeat not understood; uploading anyway');
  return null;
}

// --- Step 2: one batch, sent and settled --------------------------------------------------

/** A batch on its way: only what its answer needs stays reachable while it travels. */
interface Sent {
  seqs: number[];
  ids: ReadonlySet<string>;
  /** Given back to the run's buffers when the answer is in. */
  body: Buffer;
  reply: Promise<BatchOutcome>;
}

// Synchronous on purpose: the rows and their wire form are garbage as soon as the body
// exists. Held across the wait, with several batches in flight, they would outlive
// young-generation collections and be promoted, so memory would grow with the drain.
function send(ctx: RunContext, due: UploadRow[]): Sent {
  const { deps } = ctx;
  const now = deps.now();
  // A rating whose follow-up the kiosk would still accept (made "in the future": the wall
  // clock was set back after it, so it is due at once) is settled before it goes, and sent as
  // stored at that moment: a follow-up from then on is refused, and the city and the kiosk
  // keep the same rating. Rare, so a normal drain still never writes to the ratings file.
  const rows = due.some((r) => r.settle_after_ms > now)
    ? deps.queries.settleForSending(
        due.map((r) => r.seq),
        now,
      )
    : due;
  const first = rows[0]!;
  const ratings: WireRating[] = rows.map(toWireRating);
  const batch = prepareBatch({ kioskId: first.kiosk_id, unitCode: first.unit_code, sentAt: deps.isoTime(now), ratings }, ctx.bodies);
  ctx.result.requests++;
  return {
    seqs: rows.map((r) => r.seq),
    ids: batch.ids,
    body: batch.body,
    reply: sendBatch(deps.serverUrl, deps.token, batch, ctx.http, deps.now),
  };
}

function sendAndSettle(ctx: RunContext, rows: UploadRow[]): Promise<Settle> {
  let sent: Sent;
  try {
    sent = send(ctx, rows);
  } catch (error) {
    return Promise.resolve(internalFailure(error));
  }
  return settle(ctx, sent);
}

/** Records the answer to one batch in its own transaction. */
async function settle(ctx: RunContext, sent: Sent): Promise<Settle> {
  const { deps, result } = ctx;
  // The answer is read in full, so the server has had every byte: the body may be reused.
  // A server that answers early (401, 413) does so whatever the rest of the bytes say.
  const out = await sent.reply.finally(() => ctx.bodies.give(sent.body));
  if (out.kind === 'aborted' || ctx.aborted()) return { kind: 'aborted' };
  const count = sent.seqs.length;
  switch (out.kind) {
    case 'ack': {
      const n = deps.queries.recordAck(out.delivered, out.rejected, deps.now(), out.dossierRated);
      result.delivered += n.delivered;
      result.rejected += n.rejected;
      if (n.dossierRated > 0) {
        result.dossierRated += n.dossierRated;
        // The count only: a rating's content (its comment above all) never goes to a log.
        deps.logger.info({ count: n.dossierRated }, 'city already had a rating for these dossiers; marked delivered (dossier_rated)');
      }
      if (n.delivered + n.rejected === 0) {
        return { kind: 'failed', code: 'no_progress', detail: `server acknowledged none of ${count} ratings` };
      }
      return n.delivered + n.rejected < count ? { kind: 'retry' } : { kind: 'ok' };
    }
    case 'too_large':
      if (count === 1) return { kind: 'failed', code: 'too_large', detail: out.detail };
      // The main loop reads these again at the smaller size.
      deps.batch.size = Math.max(1, Math.min(deps.batch.size, Math.floor(count / 2)));
      return { kind: 'retry' };
    case 'bad_rating':
      return count === 1 ? rejectOne(ctx, sent, out.detail) : splitBadBatch(ctx, sent);
    default:
      return out;
  }
}

/** The one rating of a batch the server refused is marked rejected, so the queue moves on. */
function rejectOne(ctx: RunContext, sent: Sent, detail: string): Settle {
  const [id] = sent.ids;
  const n = ctx.deps.queries.recordAck([], [{ id: id!, reason: `invalid: ${detail}` }], ctx.deps.now());
  ctx.result.rejected += n.rejected;
  ctx.deps.logger.warn({ id, detail }, 'server refused a rating; marked rejected');
  return { kind: 'ok' };
}

// On a 400 the batch is split in halves until each part is settled, so one bad record is
// isolated and marked rejected while the rest go through.
async function splitBadBatch(ctx: RunContext, sent: Sent): Promise<Settle> {
  // The rare path reads the rows again rather than keeping every batch's rows alive.
  const rows = ctx.deps.queries.pendingBySeq(sent.seqs);
  const mid = Math.ceil(rows.length / 2);
  let retry = false;
  for (const half of [rows.slice(0, mid), rows.slice(mid)]) {
    if (half.length === 0) continue;
    const s = await sendAndSettle(ctx, half);
    if (s.kind === 'retry') retry = true;
    else if (s.kind !== 'ok') return s;
  }
  return { kind: retry ? 'retry' : 'ok' };
}

// --- Step 3: the queue, drained through a window of batches in flight ---------------------

/** One pass over the due ratings from the oldest; whether ratings were left for another pass. */
async function drainPass(ctx: RunContext): Promise<{ stop: Stopped | null; rescan: boolean }> {
  const { deps } = ctx;
  const window = Math.max(1, deps.pipeline ?? 4);
  const inFlight: Promise<Settle>[] = [];
  let cursor = 0;
  let rescan = false;
  let stop: Stopped | null = null;
  for (;;) {
    while (stop === null && inFlight.length < window && !ctx.aborted()) {
      const page = deps.queries.due(deps.now(), deps.batch.size, cursor);
      if (page.length === 0) break;
      const rows = homogeneousPrefix(page);
      cursor = rows.at(-1)!.seq;
      inFlight.push(sendAndSettle(ctx, rows).catch(internalFailure));
    }
    const next = inFlight.shift();
    if (!next) return { stop, rescan };
    // After a stop, the batches already sent are still awaited so their acks are kept.
    const s = await next;
    if (s.kind === 'retry') rescan = true;
    else if (s.kind !== 'ok' && stop === null) stop = s;
  }
}

/** Passes until nothing is due, something stops the run, or a pass makes no progress. */
async function drainQueue(ctx: RunContext): Promise<RunStop> {
  let progressAtRescan = -1;
  let sizeAtRescan = ctx.deps.batch.size;
  for (;;) {
    const pass = await drainPass(ctx);
    if (pass.stop !== null) return pass.stop;
    if (ctx.aborted()) return { kind: 'aborted' };
    if (!pass.rescan) return { kind: 'done' };
    // Ratings were left behind the cursor (partial ack, smaller batch size): another pass,
    // as long as passes keep making progress.
    const progress = ctx.result.delivered + ctx.result.rejected;
    if (progress === progressAtRescan && ctx.deps.batch.size === sizeAtRescan) {
      return { kind: 'failed', code: 'no_progress', detail: 'the server keeps leaving ratings unacknowledged' };
    }
    progressAtRescan = progress;
    sizeAtRescan = ctx.deps.batch.size;
  }
}

export async function runSync(deps: SyncRunDeps): Promise<RunResult> {
  const result: RunResult = { stop: { kind: 'done' }, delivered: 0, rejected: 0, dossierRated: 0, requests: 0, clockOffsetMs: null };
  const ctx: RunContext = {
    deps,
    result,
    http: { dispatcher: deps.dispatcher, timeoutMs: deps.timeoutMs, signal: deps.signal, proxy: deps.proxy },
    bodies: createBodyBuffers(),
    aborted: () => deps.signal?.aborted === true,
  };
  if (deps.heartbeat !== false) {
    const stop = await heartbeatStep(ctx);
    if (stop !== null) return { ...result, stop };
  }
  // Awaited before the totals are copied: the drain is what fills them.
  const stop = await drainQueue(ctx);
  return { ...result, stop };
}
