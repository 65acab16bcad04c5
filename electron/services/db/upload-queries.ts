// SQL for the upload queue: which ratings are due, recording what the server said (in the
// acknowledgement ledger, ack-ledger.ts) and folding those answers into the ratings.
// Every state change is conditional on upload_state = 'pending', so a late or repeated
// acknowledgement can never move a rating backwards or overwrite a reason.
import { ANSWERED_SQL, ANSWERED_STATE_SQL, hasAckLedger } from './ack-ledger';
import type { Db } from './database';
import type { RatingRow } from './rating-store';

/**
 * How far ahead of the uploader's clock a rating must have been made to count as made "in
 * the future" (the wall clock was set back since), and so be due at once. A tap committed
 * while a sync was between reading its clock and reading the queue is a little ahead, and
 * so is every rating after a small time correction; due at once, it would be settled and
 * sent, and the citizen's answer to the follow-up question refused. A set-back of less than
 * this only keeps a rating waiting as much longer.
 */
export const FUTURE_MARGIN_MS = 60_000;

/** The columns an upload reads: what the wire rating needs, and nothing the queue only keeps. */
export const UPLOAD_COLUMNS = [
  'id',
  'seq',
  'created_at_ms',
  'utc_offset_min',
  'scale',
  'level',
  'reasons',
  'comment',
  'language',
  'unit_code',
  'kiosk_id',
  'counter_id',
  'officer_id',
  'dossier_code',
  'dossier_capture',
  'app_version',
  'misuse_flag',
  'clock_offset_ms',
  // Not sent: the uploader reads it to know whether the rating is still amendable (sync-run.ts).
  'settle_after_ms',
] as const satisfies readonly (keyof RatingRow)[];
export type UploadRow = Pick<RatingRow, (typeof UPLOAD_COLUMNS)[number]>;

export interface QueueCounts {
  pending: number;
  rejected: number;
  oldestPendingMs: number | null;
  oldestPendingOffsetMin: number | null;
}

/** One local day's ratings of one kiosk and unit by upload state (days without any are absent). */
export interface DayCountRow {
  day: string;
  stored: number;
  delivered: number;
  pending: number;
  rejected: number;
}

/**
 * Exported so a test can EXPLAIN it: the local_day range walks ratings_by_day, and only that
 * range's rows are read from the table (for their state, kiosk and unit), never the whole
 * retention window. An index carrying upload_state too would cost every tap a write, for a
 * query the heartbeat runs once a sync on the upload worker. With the acknowledgement ledger
 * attached, a pending rating the server has already answered for counts as answered.
 */
export function dayCountsSql(ledger: boolean): string {
  const state = ledger ? ANSWERED_STATE_SQL : 'upload_state';
  return `SELECT day, COUNT(*) AS stored, SUM(s = 'delivered') AS delivered, SUM(s = 'pending') AS pending, SUM(s = 'rejected') AS rejected
  FROM (SELECT local_day AS day, ${state} AS s FROM ratings WHERE local_day BETWEEN ? AND ? AND kiosk_id = ? AND unit_code = ?)
  GROUP BY day ORDER BY day`;
}

export interface Rejection {
  id: string;
  reason: string;
}

/** Ratings moved out of pending by one answer; `delivered` includes the `dossierRated` ones. */
export interface AckCounts {
  delivered: number;
  rejected: number;
  dossierRated: number;
}

/** One answer waiting in the ledger to be folded into ratings.upload_state. */
interface LedgerRow {
  seq: number;
  id: string;
  state: 'delivered' | 'rejected';
  at_ms: number;
  note: string | null;
  reason: string | null;
}

const NO_LEDGER = 'the acknowledgement ledger is not attached to this connection (attachAckLedger)';

/**
 * The upload queue's queries on `db`. On a connection with the acknowledgement ledger
 * attached (the uploader's) everything is available, and a rating the ledger has answered
 * for is no longer pending. On one without it (the main thread's, for status) only the
 * counts are: they see answers once folded, which happens within seconds of a quiet counter.
 */
export function createUploadQueries(db: Db) {
  const ledger = hasAckLedger(db);
  const answered = ledger ? ANSWERED_SQL : '0';
  const needLedger = <T>(make: () => T): T | null => (ledger ? make() : null);

  // Walks the ratings_pending index (upload_state, seq): oldest first, and it never reads
  // delivered rows however many the retention window keeps. A rating made "in the future"
  // is settled at once: the wall clock was set back after it, and its settling time, on the
  // old clock, would otherwise hold it back for as long as the clock jumped.
  const duePage = needLedger(() =>
    db.prepare<[number, number, number, number], UploadRow>(`
      SELECT ${UPLOAD_COLUMNS.join(', ')} FROM ratings INDEXED BY ratings_pending
      WHERE upload_state = 'pending' AND seq > ? AND (settle_after_ms <= ? OR created_at_ms > ?) AND NOT ${answered}
      ORDER BY seq LIMIT ?`),
  );
  // The still-amendable ratings of a batch about to go are settled in the ratings file, and
  // read back as they are now: an amend before this statement is in what is sent, and one
  // after it is refused (amend needs settle_after_ms in the future).
  const settleForSending = db.prepare<[number, string], UploadRow>(`
    UPDATE ratings SET settle_after_ms = min(settle_after_ms, ?)
    WHERE seq IN (SELECT value FROM json_each(?)) AND upload_state = 'pending'
    RETURNING ${UPLOAD_COLUMNS.join(', ')}`);
  const settleForSendingTx = db.transaction((nowMs: number, seqs: string) => settleForSending.all(nowMs, seqs));
  const pendingBySeq = needLedger(() =>
    db.prepare<[string], UploadRow>(`
      SELECT ${UPLOAD_COLUMNS.join(', ')} FROM ratings
      WHERE seq IN (SELECT value FROM json_each(?)) AND upload_state = 'pending' AND NOT ${answered} ORDER BY seq`),
  );
  // One statement for a whole answer (ids as a JSON array). CROSS JOIN keeps SQLite walking
  // the answer's ids and finding each through the id index, never scanning the queue.
  // Only pending ratings are written, and never twice, so a late or repeated answer can
  // never move a rating backwards or overwrite a reason.
  const answerMany = needLedger(() =>
    db.prepare<[number, string | null, string]>(`
      INSERT OR IGNORE INTO acks.acks (seq, id, state, at_ms, note)
      SELECT r.seq, r.id, 'delivered', ?, ? FROM json_each(?) AS j CROSS JOIN ratings AS r ON r.id = j.value
      WHERE r.upload_state = 'pending'`),
  );
  const answerRejected = needLedger(() =>
    db.prepare<[number, string, string]>(`
      INSERT OR IGNORE INTO acks.acks (seq, id, state, at_ms, reason)
      SELECT seq, id, 'rejected', ?, ? FROM ratings WHERE id = ? AND upload_state = 'pending'`),
  );
  const ledgerChunk = needLedger(() => db.prepare<[number], LedgerRow>(`SELECT seq, id, state, at_ms, note, reason FROM acks.acks ORDER BY seq LIMIT ?`));
  const ledgerSize = needLedger(() => db.prepare<[], number>(`SELECT COUNT(*) FROM acks.acks`).pluck());
  const foldOne = needLedger(() =>
    db.prepare<[string, number | null, string | null, string | null, number, string]>(`
      UPDATE ratings SET upload_state = ?, delivered_at_ms = ?, delivery_note = ?, reject_reason = ?
      WHERE seq = ? AND id = ? AND upload_state = 'pending'`),
  );
  const forgetUpTo = needLedger(() => db.prepare<[number]>(`DELETE FROM acks.acks WHERE seq <= ?`));

  const countPending = db
    .prepare<[], number>(`SELECT COUNT(*) FROM ratings INDEXED BY ratings_pending WHERE upload_state = 'pending' AND NOT ${answered}`)
    .pluck();
  const countRejected = db
    .prepare<[], number>(
      ledger
        ? `SELECT (SELECT COUNT(*) FROM ratings INDEXED BY ratings_pending WHERE upload_state = 'rejected')
            + (SELECT COUNT(*) FROM acks.acks AS a JOIN ratings AS r ON r.seq = a.seq AND r.id = a.id WHERE a.state = 'rejected' AND r.upload_state = 'pending')`
        : `SELECT COUNT(*) FROM ratings INDEXED BY ratings_pending WHERE upload_state = 'rejected'`,
    )
    .pluck();
  const oldestPending = db.prepare<[], { created_at_ms: number; utc_offset_min: number }>(`
    SELECT created_at_ms, utc_offset_min FROM ratings INDEXED BY ratings_pending
    WHERE upload_state = 'pending' AND NOT ${answered} ORDER BY seq LIMIT 1`);
  const dayCounts = db.prepare<[string, string, string, string], DayCountRow>(dayCountsSql(ledger));
  const latestDelivery = db
    .prepare<[], number | null>(
      ledger
        ? `SELECT max(coalesce((SELECT MAX(delivered_at_ms) FROM ratings INDEXED BY ratings_pending WHERE upload_state = 'delivered'), 0),
            coalesce((SELECT MAX(at_ms) FROM acks.acks WHERE state = 'delivered'), 0)) AS t`
        : `SELECT MAX(delivered_at_ms) AS t FROM ratings INDEXED BY ratings_pending WHERE upload_state = 'delivered'`,
    )
    .pluck();
  // Bounded chunks keep each purge transaction short, so a tap never waits long for the lock.
  const purgeChunk = db.prepare<[number, number]>(`
    DELETE FROM ratings WHERE rowid IN (
      SELECT rowid FROM ratings INDEXED BY ratings_pending
      WHERE upload_state = 'delivered' AND created_at_ms < ? LIMIT ?)`);

  // Writes only the ledger's file: ratings.db is read, never locked for writing.
  const recordAck = db.transaction((delivered: readonly string[], rejected: readonly Rejection[], atMs: number, dossierRated: readonly string[]): AckCounts => {
    const d = delivered.length === 0 ? 0 : answerMany!.run(atMs, null, JSON.stringify(delivered)).changes;
    // The receiver already has a rating for that dossier (from this or another kiosk): as
    // delivered as it will ever be, with the note saying why it is not in the city's tally.
    const dr = dossierRated.length === 0 ? 0 : answerMany!.run(atMs, 'dossier_rated', JSON.stringify(dossierRated)).changes;
    let r = 0;
    for (const x of rejected) r += answerRejected!.run(atMs, x.reason.slice(0, 500), x.id).changes;
    return { delivered: d + dr, rejected: r, dossierRated: dr };
  });
  const foldRows = db.transaction((rows: readonly LedgerRow[]) => {
    for (const a of rows) foldOne!.run(a.state, a.state === 'delivered' ? a.at_ms : null, a.note, a.reason, a.seq, a.id);
  });

  const requireLedger = <T>(x: T | null): T => {
    if (x === null) throw new Error(NO_LEDGER);
    return x;
  };

  return {
    /**
     * Settled ratings still pending and not yet answered for, after `afterSeq`, oldest first;
     * also those made more than FUTURE_MARGIN_MS ahead of `nowMs` (the clock was set back).
     */
    due: (nowMs: number, limit: number, afterSeq = 0): UploadRow[] => requireLedger(duePage).all(afterSeq, nowMs, nowMs + FUTURE_MARGIN_MS, limit),
    /**
     * Settles these pending ratings now and returns them as stored, for a batch that holds a
     * rating the citizen could still amend (one made "in the future", due at once). A write to
     * the ratings file, so BEGIN IMMEDIATE: it waits for a tap's commit instead of failing.
     * Ratings no longer pending are left out.
     */
    settleForSending: (seqs: readonly number[], nowMs: number): UploadRow[] =>
      settleForSendingTx.immediate(nowMs, JSON.stringify(seqs)).sort((a, b) => a.seq - b.seq),
    /** The given ratings that are still pending, oldest first (to split a refused batch). */
    pendingBySeq: (seqs: readonly number[]): UploadRow[] => requireLedger(pendingBySeq).all(JSON.stringify(seqs)),
    /**
     * One transaction per server response, in the ledger only. A deferred transaction: its
     * one write is to the ledger, so the ratings file is only read (BEGIN IMMEDIATE would
     * take the write lock of every attached file, the ratings file's too).
     */
    recordAck: (delivered: readonly string[], rejected: readonly Rejection[], atMs: number, dossierRated: readonly string[] = []): AckCounts => {
      requireLedger(answerMany);
      return recordAck.deferred(delivered, rejected, atMs, dossierRated);
    },
    /** Answers waiting in the ledger to be folded. */
    ledgerSize: (): number => requireLedger(ledgerSize).get() ?? 0,
    /**
     * Folds up to `chunk` answers into ratings.upload_state, then forgets them, in two
     * transactions: a crash between them leaves answers that fold again as no-ops. Answers
     * for ratings no longer pending (or no longer there) are forgotten too. Returns how many
     * answers were taken from the ledger.
     */
    foldAcks(chunk: number): number {
      const rows = requireLedger(ledgerChunk).all(chunk);
      if (rows.length === 0) return 0;
      foldRows.immediate(rows);
      // The chunk is the ledger's lowest seqs, and nothing was written to it since they were read.
      requireLedger(forgetUpTo).run(rows.at(-1)!.seq);
      return rows.length;
    },
    /** Changes when another connection (a tap) has committed to the ratings file since the last call. */
    dataVersion: (): number => db.pragma('main.data_version', { simple: true }) as number,
    counts(): QueueCounts {
      const oldest = oldestPending.get();
      return {
        pending: countPending.get() ?? 0,
        rejected: countRejected.get() ?? 0,
        oldestPendingMs: oldest?.created_at_ms ?? null,
        oldestPendingOffsetMin: oldest?.utc_offset_min ?? null,
      };
    },
    lastDeliveryMs: (): number | null => latestDelivery.get() || null,
    /** Per local day from `from` to `to` (YYYY-MM-DD, inclusive), for this kiosk and unit only. */
    dayCounts: (from: string, to: string, kioskId: string, unitCode: string): DayCountRow[] => dayCounts.all(from, to, kioskId, unitCode),
    /**
     * Deletes up to `chunk` delivered ratings created before `beforeMs` (pending and
     * rejected ones stay) in one short transaction; returns how many.
     */
    purgeDeliveredChunk: (beforeMs: number, chunk: number): number => purgeChunk.run(beforeMs, chunk).changes,
    /**
     * Checkpoints everything and truncates the WAL to nothing; false when a reader kept it
     * from finishing (the next purge tries again). It waits for the write lock like a tap.
     */
    truncateWal(): boolean {
      const [r] = db.pragma('main.wal_checkpoint(TRUNCATE)') as { busy: number }[];
      return r?.busy === 0;
    },
    /** Deletes every delivered rating created before `beforeMs`, chunk after chunk. */
    purgeDelivered(beforeMs: number, chunk = 2000): number {
      let total = 0;
      for (;;) {
        const n = purgeChunk.run(beforeMs, chunk).changes;
        total += n;
        if (n < chunk) return total;
      }
    },
  };
}

export type UploadQueries = ReturnType<typeof createUploadQueries>;
