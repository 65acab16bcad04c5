// SQL for the upload queue: which ratings are due, and recording what the server said.
// Every state change is conditional on upload_state = 'pending', so a late or repeated
// acknowledgement can never move a rating backwards or overwrite a reason.
import type { Db } from './database';
import type { RatingRow } from './rating-store';

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
 * retention window. An index carrying upload_state too would cost every tap and every
 * acknowledgement a write, for a query the heartbeat runs once a sync on the upload worker.
 */
export const DAY_COUNTS_SQL = `SELECT local_day AS day, COUNT(*) AS stored,
    SUM(upload_state = 'delivered') AS delivered, SUM(upload_state = 'pending') AS pending, SUM(upload_state = 'rejected') AS rejected
  FROM ratings WHERE local_day BETWEEN ? AND ? AND kiosk_id = ? AND unit_code = ?
  GROUP BY local_day ORDER BY local_day`;

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

export function createUploadQueries(db: Db) {
  // Walks the ratings_pending index (upload_state, seq): oldest first, and it never reads
  // delivered rows however many the retention window keeps. A rating made "in the future"
  // is settled at once: the wall clock was set back after it, and its settling time, on the
  // old clock, would otherwise hold it back for as long as the clock jumped.
  const duePage = db.prepare<[number, number, number, number], UploadRow>(`
    SELECT ${UPLOAD_COLUMNS.join(', ')} FROM ratings INDEXED BY ratings_pending
    WHERE upload_state = 'pending' AND seq > ? AND (settle_after_ms <= ? OR created_at_ms > ?)
    ORDER BY seq LIMIT ?`);
  const pendingBySeq = db.prepare<[string], UploadRow>(`
    SELECT ${UPLOAD_COLUMNS.join(', ')} FROM ratings
    WHERE seq IN (SELECT value FROM json_each(?)) AND upload_state = 'pending' ORDER BY seq`);
  // One statement for a whole acknowledgement (ids as a JSON array): a batch's rows are
  // found through the id index and updated by rowid in one pass, about twice as fast as
  // one UPDATE per id, which was the largest single cost of a long drain.
  const markDelivered = db.prepare<[number, string]>(`
    UPDATE ratings SET upload_state = 'delivered', delivered_at_ms = ?
    WHERE seq IN (SELECT r.seq FROM json_each(?) AS j JOIN ratings AS r ON r.id = j.value)
      AND upload_state = 'pending'`);
  // The receiver already has a rating for that dossier (from this or another kiosk): as
  // delivered as it will ever be, with the note saying why it is not in the city's tally.
  const markDossierRated = db.prepare<[number, string]>(`
    UPDATE ratings SET upload_state = 'delivered', delivered_at_ms = ?, delivery_note = 'dossier_rated'
    WHERE seq IN (SELECT r.seq FROM json_each(?) AS j JOIN ratings AS r ON r.id = j.value)
      AND upload_state = 'pending'`);
  const markRejected = db.prepare<[string, string]>(
    `UPDATE ratings SET upload_state = 'rejected', reject_reason = ? WHERE id = ? AND upload_state = 'pending'`,
  );
  const countState = db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM ratings INDEXED BY ratings_pending WHERE upload_state = ?`);
  const oldestPending = db.prepare<[], { created_at_ms: number; utc_offset_min: number }>(`
    SELECT created_at_ms, utc_offset_min FROM ratings INDEXED BY ratings_pending
    WHERE upload_state = 'pending' ORDER BY seq LIMIT 1`);
  const dayCounts = db.prepare<[string, string, string, string], DayCountRow>(DAY_COUNTS_SQL);
  const latestDelivery = db.prepare<[], { t: number | null }>(
    `SELECT MAX(delivered_at_ms) AS t FROM ratings INDEXED BY ratings_pending WHERE upload_state = 'delivered'`,
  );
  // Bounded chunks keep each purge transaction short, so a tap never waits long for the lock.
  const purgeChunk = db.prepare<[number, number]>(`
    DELETE FROM ratings WHERE rowid IN (
      SELECT rowid FROM ratings INDEXED BY ratings_pending
      WHERE upload_state = 'delivered' AND created_at_ms < ? LIMIT ?)`);

  const recordAck = db.transaction((delivered: readonly string[], rejected: readonly Rejection[], atMs: number, dossierRated: readonly string[]): AckCounts => {
    const d = delivered.length === 0 ? 0 : markDelivered.run(atMs, JSON.stringify(delivered)).changes;
    const dr = dossierRated.length === 0 ? 0 : markDossierRated.run(atMs, JSON.stringify(dossierRated)).changes;
    let r = 0;
    for (const x of rejected) r += markRejected.run(x.reason.slice(0, 500), x.id).changes;
    return { delivered: d + dr, rejected: r, dossierRated: dr };
  });

  return {
    /** Settled pending ratings after sequence number `afterSeq`, oldest first. */
    due: (nowMs: number, limit: number, afterSeq = 0): UploadRow[] => duePage.all(afterSeq, nowMs, nowMs, limit),
    /** The given ratings that are still pending, oldest first (to split a refused batch). */
    pendingBySeq: (seqs: readonly number[]): UploadRow[] => pendingBySeq.all(JSON.stringify(seqs)),
    /**
     * One transaction per server response. Its durability is the connection's: the upload
     * worker opens its own with synchronous = NORMAL, since an ack lost to a power cut only
     * makes the ratings go again and the server answer "duplicate".
     */
    recordAck: (delivered: readonly string[], rejected: readonly Rejection[], atMs: number, dossierRated: readonly string[] = []): AckCounts =>
      recordAck.immediate(delivered, rejected, atMs, dossierRated),
    counts(): QueueCounts {
      const oldest = oldestPending.get();
      return {
        pending: countState.get('pending')?.n ?? 0,
        rejected: countState.get('rejected')?.n ?? 0,
        oldestPendingMs: oldest?.created_at_ms ?? null,
        oldestPendingOffsetMin: oldest?.utc_offset_min ?? null,
      };
    },
    lastDeliveryMs: (): number | null => latestDelivery.get()?.t ?? null,
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
      const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
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
