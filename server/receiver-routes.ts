// The receiver's protocol v1 endpoints. Every request is authenticated and fully validated
// before anything is stored; an invalid batch stores nothing and says which field is wrong.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { describeZodError } from '../shared/dispatch';
import { percent } from '../shared/tally';
import { batchRequestSchema, contactBatchRequestSchema, heartbeatRequestSchema, isValidBatchFast, reconcileDayCounts } from '../shared/upload-protocol';
import { writeCsvExport } from './csv-export';
import type { Dashboard } from './dashboard/dashboard';
import { HttpError, readJsonBody, sendJson } from './http-io';
import type { RateLimiter } from './rate-limits';
import type { BatchAck, ReceiverStorage } from './receiver-storage';
import { authenticate, type Principal } from './tokens';

/** How far a rating's own time may lie from the time it is received. */
export interface AcceptWindow {
  maxAgeDays: number;
  maxAheadDays: number;
}

export const DEFAULT_ACCEPT_WINDOW: AcceptWindow = { maxAgeDays: 400, maxAheadDays: 1 };

export interface RouteDeps {
  store: ReceiverStorage;
  tokens: Map<string, Principal>;
  maxBodyBytes: number;
  now: () => number;
  acceptWindow: AcceptWindow;
  limits: RateLimiter;
  /** The receiver's own zone offset, for tallies by the day a rating was received. */
  utcOffsetMinutes: number;
  /** The city staff's web pages under /dashboard (server/dashboard/). */
  dashboard?: Dashboard;
  logger: { warn(obj: object, msg: string): void };
  /** Whether the storage answers (storageProbe): null when it does, else why not. */
  probeStorage: () => Promise<Error | null>;
}

/** How long GET /v1/health waits for the storage before answering 503. */
export const HEALTH_TIMEOUT_MS = 2_000;

/**
 * GET /v1/health's look at the storage, so that a load balancer stops sending kiosks to a
 * receiver whose database is gone instead of letting each kiosk find out with a failed batch.
 * One ping at a time however often the balancer asks: pings against a database that does not
 * answer must not pile up in the pool; a later check waits on the same ping, each for at most
 * `timeoutMs`.
 */
export function storageProbe(store: ReceiverStorage, timeoutMs: number): () => Promise<Error | null> {
  let pending: Promise<void> | null = null;
  return async () => {
    pending ??= store.ping(timeoutMs).finally(() => (pending = null));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the storage did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([pending, late]);
      return null;
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    } finally {
      clearTimeout(timer);
    }
  };
}

async function health(deps: RouteDeps, res: ServerResponse): Promise<void> {
  const failure = await deps.probeStorage();
  if (!failure) return sendJson(res, 200, { ok: true, protocol: 1 });
  // The reason goes to the log only: the answer is public, and a driver's message may name the database's host.
  deps.logger.warn({ error: failure.message }, 'health check: storage unavailable');
  sendJson(res, 503, { ok: false, protocol: 1, error: { code: 'storage_unavailable' } });
}

type KioskPrincipal = Extract<Principal, { kind: 'kiosk' }>;
const DAY_MS = 86_400_000;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A kiosk's token, counted against its request limit before its body is read. */
async function kioskCaller(deps: RouteDeps, req: IncomingMessage): Promise<KioskPrincipal> {
  const who = authenticate(deps.tokens, req.headers.authorization);
  if (!who) throw new HttpError(401, 'unauthorized', 'missing or unknown bearer token');
  if (who.kind !== 'kiosk') throw new HttpError(403, 'forbidden', 'a kiosk token is required');
  await deps.limits.request(who.kioskId, deps.now());
  return who;
}

/** The body speaks for the kiosk and unit its token is bound to, or for nobody. */
function requireSameKiosk(who: KioskPrincipal, body: { kioskId: string; unitCode: string }): void {
  if (body.kioskId !== who.kioskId) throw new HttpError(403, 'forbidden', 'this token may not upload as this kiosk', 'kioskId');
  if (body.unitCode !== who.unitCode) throw new HttpError(403, 'forbidden', 'this kiosk is not registered for this unit', 'unitCode');
}

/** Why a rating's time is refused, or null: a kiosk clock years off must not skew a tally. */
function outsideWindow(createdAt: string, receivedAtMs: number, w: AcceptWindow): string | null {
  const t = Date.parse(createdAt);
  if (t < receivedAtMs - w.maxAgeDays * DAY_MS) return 'created_at_too_old';
  if (t > receivedAtMs + w.maxAheadDays * DAY_MS) return 'created_at_in_future';
  return null;
}

function requireReader(deps: RouteDeps, req: IncomingMessage): void {
  const who = authenticate(deps.tokens, req.headers.authorization);
  if (!who) throw new HttpError(401, 'unauthorized', 'missing or unknown bearer token');
  if (who.kind !== 'reader') throw new HttpError(403, 'forbidden', 'a reader token is required');
}

function validate<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const { field, detail } = describeZodError(parsed.error);
    throw new HttpError(400, 'invalid_request', detail, field);
  }
  return parsed.data;
}

async function batch(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const who = await kioskCaller(deps, req);
  const raw = await readJsonBody(req, deps.maxBodyBytes);
  // The common, well-formed batch skips the schema; anything else gets its full verdict.
  const body = isValidBatchFast(raw) ? raw : validate(batchRequestSchema, raw);
  requireSameKiosk(who, body);
  const t = deps.now();
  await deps.limits.ratings(who.kioskId, body.ratings.length, t);
  const rejected: BatchAck['rejected'] = [];
  const inWindow = body.ratings.filter((r) => {
    const reason = outsideWindow(r.createdAt, t, deps.acceptWindow);
    if (reason) rejected.push({ id: r.id, reason });
    return reason === null;
  });
  const ack: BatchAck =
    inWindow.length === 0
      ? { accepted: [], duplicates: [], dossierRated: [], rejected: [] }
      : await deps.store.storeBatch(inWindow.length === body.ratings.length ? body : { ...body, ratings: inWindow }, t);
  sendJson(res, 200, rejected.length === 0 ? ack : { ...ack, rejected: [...ack.rejected, ...rejected] });
}

/** Survey contacts: personal data, stored apart from ratings and read by no tally or export. */
async function contacts(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const who = await kioskCaller(deps, req);
  const body = validate(contactBatchRequestSchema, await readJsonBody(req, deps.maxBodyBytes));
  requireSameKiosk(who, body);
  sendJson(res, 200, await deps.store.storeContacts(body, deps.now()));
}

async function heartbeat(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const who = await kioskCaller(deps, req);
  const body = validate(heartbeatRequestSchema, await readJsonBody(req, deps.maxBodyBytes));
  requireSameKiosk(who, body);
  const t = deps.now();
  // Compared before the heartbeat is recorded, so that the city dashboard keeps the very
  // comparison the kiosk was answered (an older kiosk reports no days, and gets none).
  let reconciliation: ReturnType<typeof reconcileDayCounts> | null = null;
  if (body.dayCounts) {
    const held = await deps.store.heldPerDay(
      body.kioskId,
      body.unitCode,
      body.dayCounts.map((d) => d.day),
    );
    reconciliation = reconcileDayCounts(body.dayCounts, (day) => held.get(day) ?? 0);
  }
  await deps.store.recordHeartbeat({
    kioskId: body.kioskId,
    unitCode: body.unitCode,
    atMs: t,
    skewMs: Math.round(t - Date.parse(body.kioskTime)),
    heartbeat: JSON.stringify(body),
    reconciliation: reconciliation && JSON.stringify(reconciliation),
    reasons: body.reasons ?? null,
  });
  const serverTime = new Date(t).toISOString();
  sendJson(res, 200, reconciliation ? { serverTime, reconciliation } : { serverTime });
}

function dayRange(url: URL): { from: string; to: string } {
  const from = url.searchParams.get('from') ?? '';
  const to = url.searchParams.get('to') ?? '';
  for (const [field, v] of [
    ['from', from],
    ['to', to],
  ] as const) {
    const d = new Date(`${v}T00:00:00Z`);
    if (!isoDay.safeParse(v).success || Number.isNaN(d.getTime()) || !d.toISOString().startsWith(v)) {
      throw new HttpError(400, 'invalid_request', 'a date as YYYY-MM-DD', field);
    }
  }
  if (from > to) throw new HttpError(400, 'invalid_request', '"from" must not be after "to"', 'to');
  return { from, to };
}

/** `by=created` (default): the kiosk's own day. `by=received`: the receiver's day, for a kiosk whose clock is in doubt. */
function tallyBasis(url: URL): 'created' | 'received' {
  const by = url.searchParams.get('by') ?? 'created';
  if (by !== 'created' && by !== 'received') throw new HttpError(400, 'invalid_request', 'by must be created or received', 'by');
  return by;
}

async function tally(deps: RouteDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  requireReader(deps, req);
  const { from, to } = dayRange(url);
  const by = tallyBasis(url);
  const rows = by === 'created' ? await deps.store.tally(from, to) : await deps.store.tallyByReceived(from, to, deps.utcOffsetMinutes);
  const units = new Map<string, { unitCode: string; total: number; flagged: number; levels: Record<string, number> }>();
  for (const row of rows) {
    let u = units.get(row.unit_code);
    if (!u) units.set(row.unit_code, (u = { unitCode: row.unit_code, total: 0, flagged: 0, levels: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } }));
    // Ratings flagged as misuse are counted apart and left out of every other figure.
    if (row.misuse_flag) u.flagged += row.n;
    else {
      u.total += row.n;
      u.levels[row.level] = (u.levels[row.level] ?? 0) + row.n;
    }
  }
  const list = [...units.values()].map((u) => ({
    ...u,
    satisfiedRate: percent((u.levels[4] ?? 0) + (u.levels[5] ?? 0), u.total),
  }));
  sendJson(res, 200, {
    from,
    to,
    by,
    total: list.reduce((s, u) => s + u.total, 0),
    flagged: list.reduce((s, u) => s + u.flagged, 0),
    units: list,
  });
}

/** A request target that is not a path (`//[`, `http://x`, `*`) is the client's fault, never a crash. */
function requestUrl(req: IncomingMessage): URL {
  const target = req.url ?? '';
  if (!target.startsWith('/') || target.startsWith('//')) throw new HttpError(400, 'bad_request', 'the request target must be a path');
  try {
    return new URL(target, 'http://receiver.invalid');
  } catch {
    throw new HttpError(400, 'bad_request', 'the request target is not a valid path');
  }
}

export async function route(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = requestUrl(req);
  // The dashboard answers HTML pages of its own, errors included; the /v1 protocol is untouched.
  if (deps.dashboard && (url.pathname === '/dashboard' || url.pathname.startsWith('/dashboard/'))) return deps.dashboard.handle(req, res, url);
  const routes: Record<string, { method: string; run: () => Promise<void> | void }> = {
    '/v1/ratings/batch': { method: 'POST', run: () => batch(deps, req, res) },
    '/v1/kiosks/heartbeat': { method: 'POST', run: () => heartbeat(deps, req, res) },
    '/v1/contacts': { method: 'POST', run: () => contacts(deps, req, res) },
    '/v1/tally': { method: 'GET', run: () => tally(deps, req, res, url) },
    '/v1/export.csv': {
      method: 'GET',
      run: () => {
        requireReader(deps, req);
        const { from, to } = dayRange(url);
        return writeCsvExport(res, deps.store, from, to);
      },
    },
    '/v1/health': { method: 'GET', run: () => health(deps, res) },
  };
  const r = Object.hasOwn(routes, url.pathname) ? routes[url.pathname] : undefined;
  if (!r) throw new HttpError(404, 'not_found', `no route ${url.pathname.slice(0, 100)}`);
  if (req.method !== r.method) throw new HttpError(405, 'method_not_allowed', `use ${r.method}`);
  await r.run();
}
