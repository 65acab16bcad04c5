// All of the receiver's SQL on PostgreSQL (receiver-store.ts is the SQLite twin). Several
// receiver processes may share the database: exactly once rests on the database's unique
// keys (the id, and a unit's kept dossier code) with INSERT … ON CONFLICT DO NOTHING, never on
// a check made before an insert, so two processes storing the same batch at once store it
// once. Each batch is one transaction of one statement (more only where a rating was refused),
// whatever its size.
import type pg from 'pg';
import { canonicalRatingContent, type BatchRequest, type WireRating } from '../shared/upload-protocol';
import { openPgPool, type PgOptions } from './pg-db';
import {
  RATE_WINDOWS,
  RATINGS_DETAIL,
  RateLimitError,
  REQUESTS_DETAIL,
  SIGN_IN_DETAIL,
  signInWindowMs,
  windowOf,
  type RateLimiter,
  type RateLimits,
  type SignInLimit,
  type SignInLimiter,
} from './rate-limits';
import {
  midnightMs,
  type BatchAck,
  type DayUnitRow,
  type ExportRow,
  type KioskHealthRow,
  type ReasonLabelRow,
  type ReasonTallyRow,
  type ReceiverStorage,
  type StaffRow,
  type TallyRow,
} from './receiver-storage';
import { KIOSK_HEALTH } from './rollup';

const COLUMNS = 'id, kiosk_id, unit_code, seq, created_at, local_day, scale, level, misuse_flag, content, received_at_ms, dossier_code';

/** A batch's ratings as rows, one array parameter per column: one statement for any batch size. */
const INPUT = `
  SELECT * FROM unnest($1::text[], $5::bigint[], $6::text[], $7::smallint[], $8::smallint[], $9::smallint[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
    WITH ORDINALITY AS t(id, seq, created_at, scale, level, misuse_flag, content, dossier_code, counter_id, officer_id, reasons, n)`;

/** The ratings in the batch's order (ORDER BY n: of two ratings of one dossier, the first is kept, as with SQLite). */
const insertFrom = (source: string, repeat: boolean) => `
  INSERT INTO received_ratings (${COLUMNS}, dossier_repeat)
  SELECT id, $2, $3, seq, created_at, left(created_at, 10), scale, level, misuse_flag, content, $4, dossier_code, ${repeat}
  FROM ${source}
  ORDER BY n
  ON CONFLICT ${repeat ? '(id) ' : ''}DO NOTHING
  RETURNING id, local_day, level, misuse_flag`;

/**
 * A batch in one statement, the common case whole: its ratings kept where no id or dossier
 * is taken, and, from exactly those, the daily roll-ups and the kiosk's last batch time, so
 * a batch holds its connection for one round trip between BEGIN and COMMIT. The roll-up rows
 * are added to in key order in every process, so transactions on shared keys wait for each
 * other instead of deadlocking; `n = t.n + excluded.n` waits for a row another process adds
 * first and adds to it, never losing a count. The kiosk's time moves forward only: processes
 * may commit one kiosk's batches out of order. Returns the ids kept.
 */
const STORE_KEPT = `
  WITH input AS (${INPUT}),
  kept AS (${insertFrom('input', false)}),
  fresh AS (SELECT kept.local_day, kept.level, kept.misuse_flag, coalesce(input.counter_id, '') AS counter_id, coalesce(input.officer_id, '') AS officer_id,
              input.reasons
            FROM kept JOIN input USING (id)),
  units AS (
    INSERT INTO daily_unit_tally AS t (local_day, unit_code, level, misuse_flag, n)
    SELECT local_day, $3, level, misuse_flag, count(*) FROM fresh
    GROUP BY local_day, level, misuse_flag ORDER BY local_day, level, misuse_flag
    ON CONFLICT (local_day, unit_code, level, misuse_flag) DO UPDATE SET n = t.n + excluded.n),
  staff AS (
    INSERT INTO daily_staff_tally AS t (local_day, unit_code, counter_id, officer_id, level, misuse_flag, n)
    SELECT local_day, $3, counter_id, officer_id, level, misuse_flag, count(*) FROM fresh
    GROUP BY local_day, counter_id, officer_id, level, misuse_flag ORDER BY local_day, counter_id, officer_id, level, misuse_flag
    ON CONFLICT (unit_code, local_day, counter_id, officer_id, level, misuse_flag) DO UPDATE SET n = t.n + excluded.n),
  reasons AS (
    INSERT INTO daily_reason_tally AS t (local_day, unit_code, reason_key, n)
    SELECT local_day, $3, reason_key, count(*) FROM fresh CROSS JOIN LATERAL unnest(string_to_array(fresh.reasons, ',')) AS k(reason_key)
    WHERE misuse_flag = 0
    GROUP BY local_day, reason_key ORDER BY local_day, reason_key
    ON CONFLICT (local_day, unit_code, reason_key) DO UPDATE SET n = t.n + excluded.n),
  mark AS (
    INSERT INTO kiosk_uploads AS u (kiosk_id, unit_code, last_batch_ms) VALUES ($2, $3, $4)
    ON CONFLICT (kiosk_id) DO UPDATE SET unit_code = excluded.unit_code, last_batch_ms = excluded.last_batch_ms
      WHERE excluded.last_batch_ms >= u.last_batch_ms)
  SELECT id FROM kept`;
/** A dossier's later rating, kept apart where its id is free: never in a roll-up. */
const INSERT_APART = insertFrom(`(${INPUT}) AS input`, true);

/** Deadlock and serialization failures: the whole transaction is safe to run again. */
const RETRYABLE = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 5;

interface Prepared {
  r: WireRating;
  content: string;
}

function params(b: BatchRequest, rows: readonly Prepared[], receivedAtMs: number): unknown[] {
  return [
    rows.map((p) => p.r.id),
    b.kioskId,
    b.unitCode,
    receivedAtMs,
    rows.map((p) => p.r.seq),
    rows.map((p) => p.r.createdAt),
    rows.map((p) => p.r.scale),
    rows.map((p) => p.r.level),
    rows.map((p) => (p.r.misuseFlag ? 1 : 0)),
    rows.map((p) => p.content),
    rows.map((p) => p.r.dossierCode),
    rows.map((p) => p.r.counterId),
    rows.map((p) => p.r.officerId),
    // Keys joined with ",", which REASON_KEY_PATTERN never allows in one: cheaper for the
    // statement to split than to parse each rating's content as JSON.
    rows.map((p) => p.r.reasons.join(',')),
  ];
}

async function inTransaction<T>(pool: pg.Pool, work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => (broken = e));
      const code = (error as { code?: string }).code;
      if (!(code && RETRYABLE.has(code) && attempt < MAX_ATTEMPTS)) throw error;
    } finally {
      client.release(broken);
    }
  }
}

async function storeBatch(pool: pg.Pool, b: BatchRequest, receivedAtMs: number): Promise<BatchAck> {
  const rows: Prepared[] = b.ratings.map((r) => ({ r, content: canonicalRatingContent(b.kioskId, b.unitCode, r) }));
  const verdict = await inTransaction(pool, async (c) => {
    const v = new Map<string, 'accepted' | 'duplicate' | 'dossierRated' | 'conflict'>();
    const kept = await c.query<{ id: string }>(STORE_KEPT, params(b, rows, receivedAtMs));
    for (const { id } of kept.rows) v.set(id, 'accepted');
    // Refused by an id already stored (kept or apart), or by the dossier another id holds.
    // Whoever stored it has committed: ON CONFLICT waits for a concurrent insert's outcome.
    let refused = rows.filter((p) => !v.has(p.r.id));
    for (let round = 0; refused.length > 0; round++) {
      const stored = await c.query<{ id: string; content: string; dossier_repeat: boolean }>(
        'SELECT id, content, dossier_repeat FROM received_ratings WHERE id = ANY($1::text[])',
        [refused.map((p) => p.r.id)],
      );
      const byId = new Map(stored.rows.map((s) => [s.id, s]));
      const apart: Prepared[] = [];
      for (const p of refused) {
        const s = byId.get(p.r.id);
        if (!s) apart.push(p);
        else if (s.content !== p.content) v.set(p.r.id, 'conflict');
        else v.set(p.r.id, s.dossier_repeat ? 'dossierRated' : 'duplicate');
      }
      if (apart.length === 0) break;
      // A second round only if another process stored one of these ids in between; a third
      // would mean an id vanished, which nothing here ever does.
      if (round === 2) throw new Error('a refused rating is stored under neither key');
      const put = await c.query<{ id: string }>(INSERT_APART, params(b, apart, receivedAtMs));
      for (const { id } of put.rows) v.set(id, 'dossierRated');
      refused = apart.filter((p) => !v.has(p.r.id));
    }
    return v;
  });
  const ack: BatchAck = { accepted: [], duplicates: [], dossierRated: [], rejected: [] };
  for (const { r } of rows) {
    const what = verdict.get(r.id);
    if (what === 'accepted') ack.accepted.push(r.id);
    else if (what === 'duplicate') ack.duplicates.push(r.id);
    else if (what === 'dossierRated') ack.dossierRated.push(r.id);
    else ack.rejected.push({ id: r.id, reason: 'conflict' });
  }
  return ack;
}

/**
 * Rate windows in a shared table, so that a kiosk's limit holds however the load balancer
 * spreads its requests over the processes. One statement, atomic: the count goes up only
 * while it stays within the limit; no row back means refused, counting nothing.
 */
async function takeShared(
  pool: pg.Pool,
  key: string,
  kind: string,
  now: number,
  spanMs: number,
  amount: number,
  limit: number,
  detail: string,
): Promise<number> {
  const { start, retryAfterSeconds } = windowOf(now, spanMs);
  if (amount > limit) throw new RateLimitError(detail, retryAfterSeconds);
  const res = await pool.query(
    `INSERT INTO rate_windows AS w (kiosk_id, kind, window_start, used) VALUES ($1, $2, $3, $4)
     ON CONFLICT (kiosk_id, kind) DO UPDATE
       SET window_start = GREATEST(w.window_start, excluded.window_start),
           used = CASE WHEN w.window_start >= excluded.window_start THEN w.used + excluded.used ELSE excluded.used END
       WHERE (CASE WHEN w.window_start >= excluded.window_start THEN w.used ELSE 0 END) + excluded.used <= $5
     RETURNING used`,
    [key, kind, start, amount, limit],
  );
  if (res.rowCount === 0) throw new RateLimitError(detail, retryAfterSeconds);
  return start;
}

function pgRateLimiter(pool: pg.Pool, limits: RateLimits): RateLimiter {
  const take = async (kioskId: string, kind: 'minute' | 'day', now: number, amount: number, limit: number, detail: string) => {
    await takeShared(pool, kioskId, kind, now, RATE_WINDOWS[kind], amount, limit, detail);
  };
  return {
    request: (kioskId, now) => take(kioskId, 'minute', now, 1, limits.requestsPerMinute, REQUESTS_DETAIL(limits.requestsPerMinute)),
    ratings: (kioskId, n, now) => take(kioskId, 'day', now, n, limits.ratingsPerDay, RATINGS_DETAIL(limits.ratingsPerDay)),
  };
}

const SIGN_IN_KIND = 'sign-in';

/**
 * Failed dashboard sign-ins per client in the same shared table, under the kind `sign-in`
 * (its kiosk_id column then holds the client's address): every process behind the load
 * balancer sees one count, so adding processes does not multiply the guesses allowed.
 */
function pgSignInLimiter(pool: pg.Pool, limit: SignInLimit): SignInLimiter {
  const spanMs = signInWindowMs(limit);
  const detail = SIGN_IN_DETAIL(limit);
  return {
    attempt: async (client, now) => {
      const start = await takeShared(pool, client, SIGN_IN_KIND, now, spanMs, 1, limit.failures, detail);
      return async () => {
        // Only within the same window: a later one never held this attempt.
        await pool.query(`UPDATE rate_windows SET used = used - 1 WHERE kiosk_id = $1 AND kind = $2 AND window_start = $3 AND used > 0`, [
          client,
          SIGN_IN_KIND,
          start,
        ]);
      };
    },
  };
}

export async function openPostgresStorage(url: string, opts: PgOptions = {}): Promise<ReceiverStorage & { readonly pool: pg.Pool }> {
  const pool = await openPgPool(url, opts);
  const TALLY = 'SELECT unit_code, level, misuse_flag, COUNT(*)::int AS n FROM ratings';
  const TALLY_END = 'GROUP BY unit_code, level, misuse_flag ORDER BY unit_code, level';
  return {
    kind: 'postgres',
    pool,
    storeBatch: (b, receivedAtMs) => storeBatch(pool, b, receivedAtMs),
    storeContacts: async (b, receivedAtMs) => {
      const res = await pool.query<{ id: string }>(
        `INSERT INTO contacts (id, kiosk_id, unit_code, phone, created_at, consent_version, received_at_ms)
         SELECT id, $2, $3, phone, created_at, consent_version, $4
         FROM unnest($1::text[], $5::text[], $6::text[], $7::text[]) WITH ORDINALITY AS t(id, phone, created_at, consent_version, n)
         ORDER BY n
         ON CONFLICT (id) DO NOTHING
         RETURNING id`,
        [
          b.contacts.map((c) => c.id),
          b.kioskId,
          b.unitCode,
          receivedAtMs,
          b.contacts.map((c) => c.phone),
          b.contacts.map((c) => c.createdAt),
          b.contacts.map((c) => c.consentVersion),
        ],
      );
      const fresh = new Set(res.rows.map((r) => r.id));
      const ids = b.contacts.map((c) => c.id);
      return { accepted: ids.filter((id) => fresh.has(id)), duplicates: ids.filter((id) => !fresh.has(id)) };
    },
    // One statement, so the kiosk row and its unit's labels change together or not at all. The
    // labels take a later heartbeat only: two processes may record a unit's heartbeats out of order.
    recordHeartbeat: async (h) => {
      const reasons = h.reasons ?? [];
      await pool.query(
        `WITH labels AS (
           INSERT INTO unit_reasons AS u (unit_code, reason_key, factor, labels, updated_at_ms)
           SELECT $2, key, factor, labels, $3 FROM unnest($7::text[], $8::text[], $9::text[]) AS t(key, factor, labels)
           ORDER BY key
           ON CONFLICT (unit_code, reason_key) DO UPDATE SET factor = excluded.factor, labels = excluded.labels, updated_at_ms = excluded.updated_at_ms
             WHERE excluded.updated_at_ms >= u.updated_at_ms)
         INSERT INTO kiosks (kiosk_id, unit_code, last_heartbeat_ms, clock_skew_ms, heartbeat, reconciliation) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (kiosk_id) DO UPDATE SET unit_code = excluded.unit_code, last_heartbeat_ms = excluded.last_heartbeat_ms,
           clock_skew_ms = excluded.clock_skew_ms, heartbeat = excluded.heartbeat, reconciliation = excluded.reconciliation`,
        [
          h.kioskId,
          h.unitCode,
          h.atMs,
          h.skewMs,
          h.heartbeat,
          h.reconciliation,
          reasons.map((r) => r.key),
          reasons.map((r) => r.factor),
          reasons.map((r) => JSON.stringify(r.labels)),
        ],
      );
    },
    heldPerDay: async (kioskId, unitCode, days) => {
      const res = await pool.query<{ day: string; n: string }>(
        `SELECT local_day AS day, count(*) AS n FROM received_ratings
         WHERE kiosk_id = $1 AND unit_code = $2 AND local_day = ANY($3::text[]) GROUP BY local_day`,
        [kioskId, unitCode, days],
      );
      return new Map(res.rows.map((r) => [r.day, Number(r.n)]));
    },
    tally: async (from, to) => (await pool.query<TallyRow>(`${TALLY} WHERE local_day BETWEEN $1 AND $2 ${TALLY_END}`, [from, to])).rows,
    tallyByReceived: async (from, to, offset) =>
      (
        await pool.query<TallyRow>(`${TALLY} WHERE received_at_ms >= $1 AND received_at_ms < $2 ${TALLY_END}`, [
          midnightMs(from, offset),
          midnightMs(to, offset) + 86_400_000,
        ])
      ).rows,
    exportPage: async (to, after, limit) =>
      (
        await pool.query<ExportRow>(
          `SELECT id, local_day, unit_code, level, misuse_flag, content, received_at_ms FROM ratings
           WHERE (local_day, unit_code, level, misuse_flag, id) > ($1, $2, $3, $4, $5) AND local_day <= $6
           ORDER BY local_day, unit_code, level, misuse_flag, id LIMIT $7`,
          [after.day, after.unit, after.level, after.flag, after.id, to, limit],
        )
      ).rows,
    unitDayTally: async (from, to) =>
      (
        await pool.query<DayUnitRow>(
          `SELECT local_day, unit_code, level, misuse_flag, n FROM daily_unit_tally
           WHERE local_day BETWEEN $1 AND $2 ORDER BY local_day, unit_code, level, misuse_flag`,
          [from, to],
        )
      ).rows,
    // sum() of bigint is numeric, which pg hands over as a string: cast back to int8 (a number here).
    staffTally: async (unitCode, from, to) =>
      (
        await pool.query<StaffRow>(
          `SELECT counter_id, officer_id, level, misuse_flag, sum(n)::bigint AS n FROM daily_staff_tally
           WHERE unit_code = $1 AND local_day BETWEEN $2 AND $3
           GROUP BY counter_id, officer_id, level, misuse_flag ORDER BY counter_id, officer_id, level, misuse_flag`,
          [unitCode, from, to],
        )
      ).rows,
    kioskHealth: async () => (await pool.query<KioskHealthRow>(KIOSK_HEALTH)).rows,
    reasonTally: async (from, to, unitCode) =>
      (
        await pool.query<ReasonTallyRow>(
          `SELECT unit_code, reason_key, sum(n)::bigint AS n FROM daily_reason_tally
           WHERE local_day BETWEEN $1 AND $2 AND ($3::text IS NULL OR unit_code = $3)
           GROUP BY unit_code, reason_key ORDER BY unit_code, reason_key`,
          [from, to, unitCode],
        )
      ).rows,
    reasonLabels: async () =>
      (await pool.query<ReasonLabelRow>('SELECT unit_code, reason_key, factor, labels, updated_at_ms FROM unit_reasons ORDER BY unit_code, reason_key')).rows,
    rateLimiter: (limits) => pgRateLimiter(pool, limits),
    signInLimiter: (limit) => pgSignInLimiter(pool, limit),
    // query_timeout drops a connection that stops answering mid-query (a network cut), which
    // would otherwise hold the ping, and every health check waiting on it, until TCP gives up.
    ping: async (timeoutMs) => {
      // pg reads query_timeout per query; its typings know it only as a connection setting.
      await pool.query({ text: 'SELECT 1', query_timeout: timeoutMs } as pg.QueryConfig);
    },
    close: () => pool.end(),
  };
}
