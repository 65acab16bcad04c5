// SQL for writing and amending ratings. A rating is acknowledged only after its
// transaction commits, so the returned id means "on disk".
import type { Db } from './database';

export interface NewRating {
  id: string;
  createdAtMs: number;
  utcOffsetMin: number;
  localDay: string;
  localHour: number;
  scale: 3 | 5;
  level: number;
  language: string;
  unitCode: string;
  kioskId: string;
  counterId: string | null;
  officerId: string | null;
  dossierCode: string | null;
  dossierCapture: 'qr' | 'barcode' | 'typed' | 'none';
  appVersion: string;
  misuseFlag: boolean;
  clockOffsetMs: number | null;
  settleAfterMs: number;
}

export interface RatingRow {
  id: string;
  seq: number;
  created_at_ms: number;
  utc_offset_min: number;
  local_day: string;
  local_hour: number;
  scale: number;
  level: number;
  reasons: string;
  comment: string | null;
  language: string;
  unit_code: string;
  kiosk_id: string;
  counter_id: string | null;
  officer_id: string | null;
  dossier_code: string | null;
  dossier_capture: string;
  app_version: string;
  misuse_flag: number;
  clock_offset_ms: number | null;
  settle_after_ms: number;
  upload_state: 'pending' | 'delivered' | 'rejected';
  delivered_at_ms: number | null;
  reject_reason: string | null;
  delivery_note: string | null;
}

export type AmendOutcome = 'amended' | 'not_found' | 'locked';

export class DossierAlreadyRated extends Error {
  constructor(readonly code: string) {
    super('this dossier already has a rating');
    this.name = 'DossierAlreadyRated';
  }
}

/** The unique index ratings_dossier refused the row: the dossier was rated in between. */
function isDossierConflict(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof e.message === 'string' && e.message.includes('dossier_code');
}

export function createRatingStore(db: Db) {
  // MAX(seq) alone could reuse a purged number; the trigger ratings_seq_floor remembers those.
  const nextSeq = db
    .prepare<[], number>(
      `SELECT max(coalesce((SELECT max(seq) FROM ratings), 0),
                  coalesce((SELECT CAST(value AS INTEGER) FROM kv WHERE key = 'seq_floor'), 0)) + 1`,
    )
    .pluck();
  const insert = db.prepare(`
    INSERT INTO ratings (id, seq, created_at_ms, utc_offset_min, local_day, local_hour, scale, level, language,
      unit_code, kiosk_id, counter_id, officer_id, dossier_code, dossier_capture, app_version, misuse_flag,
      clock_offset_ms, settle_after_ms)
    VALUES (@id, @seq, @createdAtMs, @utcOffsetMin, @localDay, @localHour, @scale, @level, @language,
      @unitCode, @kioskId, @counterId, @officerId, @dossierCode, @dossierCapture, @appVersion, @misuseFlag,
      @clockOffsetMs, @settleAfterMs)`);
  const selectById = db.prepare<[string], RatingRow>(`SELECT * FROM ratings WHERE id = ?`);
  const amend = db.prepare(`
    UPDATE ratings SET reasons = @reasons, comment = @comment, settle_after_ms = @nowMs
    WHERE id = @id AND upload_state = 'pending' AND settle_after_ms > @nowMs`);
  const dossierRated = db.prepare<[string], number>(`SELECT 1 FROM ratings WHERE dossier_code = ?`).pluck();
  const hold = db.prepare(`
    UPDATE ratings SET settle_after_ms = max(settle_after_ms, @untilMs)
    WHERE id = @id AND upload_state = 'pending' AND settle_after_ms > @nowMs`);
  const recentTimes = db.prepare<[number], { created_at_ms: number }>(`SELECT created_at_ms FROM ratings ORDER BY seq DESC LIMIT ?`);

  const insertTx = db.transaction((r: NewRating): { id: string; seq: number } => {
    const seq = nextSeq.get()!;
    insert.run({ ...r, seq, misuseFlag: r.misuseFlag ? 1 : 0 });
    return { id: r.id, seq };
  });

  const amendTx = db.transaction((id: string, reasons: string[], comment: string | null, nowMs: number): AmendOutcome => {
    const res = amend.run({ id, reasons: JSON.stringify(reasons), comment, nowMs });
    if (res.changes === 1) return 'amended';
    return selectById.get(id) ? 'locked' : 'not_found';
  });

  const holdTx = db.transaction((id: string, nowMs: number, untilMs: number): AmendOutcome => {
    if (hold.run({ id, nowMs, untilMs }).changes === 1) return 'amended';
    return selectById.get(id) ? 'locked' : 'not_found';
  });

  return {
    /** Throws DossierAlreadyRated when another rating holds the same dossier code. */
    insert: (r: NewRating) => {
      try {
        return insertTx.immediate(r);
      } catch (error) {
        if (isDossierConflict(error)) throw new DossierAlreadyRated(r.dossierCode ?? '');
        throw error;
      }
    },
    isDossierRated: (code: string): boolean => dossierRated.get(code) === 1,
    /** Keeps a pending rating amendable until `untilMs` (a comment is being typed). */
    holdOpen: (id: string, nowMs: number, untilMs: number) => holdTx.immediate(id, nowMs, untilMs),
    /** Sets reasons and comment while the follow-up window is open; settles the rating for upload. */
    amend: (id: string, reasons: string[], comment: string | null, nowMs: number) => amendTx.immediate(id, reasons, comment, nowMs),
    get: (id: string): RatingRow | undefined => selectById.get(id),
    /** created_at of the latest `n` ratings, newest first (misuse guard). */
    latestTimes: (n: number): number[] => recentTimes.all(n).map((r) => r.created_at_ms),
  };
}

export type RatingStore = ReturnType<typeof createRatingStore>;
