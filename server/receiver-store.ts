// All of the embedded receiver's SQL (SQLite; pg-store.ts is the PostgreSQL twin). A batch is
// stored in one transaction: either every accepted rating of it is on disk when the 200 goes
// out, or none is.
import fs from 'node:fs';
import { canonicalRatingContent, type BatchRequest, type ContactBatchRequest, type WireRating } from '../shared/upload-protocol';
import { createRateLimiter, createSignInLimiter } from './rate-limits';
import type { ReceiverDb } from './receiver-db';
import {
  midnightMs,
  type BatchAck,
  type ContactAck,
  type DayUnitRow,
  type ExportCursor,
  type ExportRow,
  type HeartbeatRecord,
  type KioskHealthRow,
  type ReasonLabelRow,
  type ReasonTallyRow,
  type ReceiverStorage,
  type StaffRow,
  type TallyRow,
} from './receiver-storage';
import { KIOSK_HEALTH, rollupOf } from './rollup';

export type { BatchAck, ContactAck, ExportCursor, ExportRow, TallyRow } from './receiver-storage';
export { exportCursorAfter, exportStart } from './receiver-storage';

export function createReceiverStore(db: ReceiverDb) {
  // Positional parameters: binding by name costs an object and a lookup per column per row.
  // Two keys may refuse the row: the id, and (unit, dossier code).
  type RowParams = [string, string, string, number, string, string, number, number, number, string, number, string | null];
  const insert = db.prepare<RowParams>(`
    INSERT INTO ratings (id, kiosk_id, unit_code, seq, created_at, local_day, scale, level, misuse_flag, content, received_at_ms, dossier_code)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT DO NOTHING`);
  const contentOf = db.prepare<[string], { content: string }>(`SELECT content FROM ratings WHERE id = ?`);
  const repeatContentOf = db.prepare<[string], { content: string }>(`SELECT content FROM ratings_dossier_repeat WHERE id = ?`);
  const insertRepeat = db.prepare<RowParams>(`
    INSERT INTO ratings_dossier_repeat (id, kiosk_id, unit_code, seq, created_at, local_day, scale, level, misuse_flag, content, received_at_ms, dossier_code)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const removeRating = db.prepare<[string]>(`DELETE FROM ratings WHERE id = ?`);
  const insertContact = db.prepare<[string, string, string, string, string, string, number]>(`
    INSERT INTO contacts (id, kiosk_id, unit_code, phone, created_at, consent_version, received_at_ms)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO NOTHING`);
  const upsertKiosk = db.prepare(`
    INSERT INTO kiosks (kiosk_id, unit_code, last_heartbeat_ms, clock_skew_ms, heartbeat, reconciliation)
    VALUES (@kioskId, @unitCode, @atMs, @skewMs, @heartbeat, @reconciliation)
    ON CONFLICT (kiosk_id) DO UPDATE SET unit_code = excluded.unit_code, last_heartbeat_ms = excluded.last_heartbeat_ms,
      clock_skew_ms = excluded.clock_skew_ms, heartbeat = excluded.heartbeat, reconciliation = excluded.reconciliation`);
  // The roll-up's rows of one batch as one JSON parameter: one statement for any batch,
  // through a statement prepared once.
  const addUnitTally = db.prepare<[string, string]>(`
    INSERT INTO daily_unit_tally (local_day, unit_code, level, misuse_flag, n)
    SELECT value ->> 0, ?, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?) WHERE true
    ON CONFLICT DO UPDATE SET n = n + excluded.n`);
  const addStaffTally = db.prepare<[string, string]>(`
    INSERT INTO daily_staff_tally (local_day, unit_code, counter_id, officer_id, level, misuse_flag, n)
    SELECT value ->> 0, ?, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 FROM json_each(?) WHERE true
    ON CONFLICT DO UPDATE SET n = n + excluded.n`);
  const addReasonTally = db.prepare<[string, string]>(`
    INSERT INTO daily_reason_tally (local_day, unit_code, reason_key, n)
    SELECT value ->> 0, ?, value ->> 1, value ->> 2 FROM json_each(?) WHERE true
    ON CONFLICT DO UPDATE SET n = n + excluded.n`);
  // A later heartbeat only, as the kiosk's last batch time: the newest catalogue wins.
  const upsertReason = db.prepare<[string, string, string | null, string, number]>(`
    INSERT INTO unit_reasons (unit_code, reason_key, factor, labels, updated_at_ms) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (unit_code, reason_key) DO UPDATE SET factor = excluded.factor, labels = excluded.labels, updated_at_ms = excluded.updated_at_ms
      WHERE excluded.updated_at_ms >= updated_at_ms`);
  const reasonTally = db.prepare<[string, string, string | null, string | null], ReasonTallyRow>(`
    SELECT unit_code, reason_key, SUM(n) AS n FROM daily_reason_tally
    WHERE local_day BETWEEN ? AND ? AND (? IS NULL OR unit_code = ?)
    GROUP BY unit_code, reason_key ORDER BY unit_code, reason_key`);
  const reasonLabels = db.prepare<[], ReasonLabelRow>(`
    SELECT unit_code, reason_key, factor, labels, updated_at_ms FROM unit_reasons ORDER BY unit_code, reason_key`);
  // A later time only: with batches answered out of order the last one heard stays.
  const markUpload = db.prepare<[string, string, number]>(`
    INSERT INTO kiosk_uploads (kiosk_id, unit_code, last_batch_ms) VALUES (?, ?, ?)
    ON CONFLICT (kiosk_id) DO UPDATE SET unit_code = excluded.unit_code, last_batch_ms = excluded.last_batch_ms
      WHERE excluded.last_batch_ms >= last_batch_ms`);
  const unitDayTally = db.prepare<[string, string], DayUnitRow>(`
    SELECT local_day, unit_code, level, misuse_flag, n FROM daily_unit_tally
    WHERE local_day BETWEEN ? AND ? ORDER BY local_day, unit_code, level, misuse_flag`);
  const staffTally = db.prepare<[string, string, string], StaffRow>(`
    SELECT counter_id, officer_id, level, misuse_flag, SUM(n) AS n FROM daily_staff_tally
    WHERE unit_code = ? AND local_day BETWEEN ? AND ?
    GROUP BY counter_id, officer_id, level, misuse_flag ORDER BY counter_id, officer_id, level, misuse_flag`);
  const kioskHealth = db.prepare<[], KioskHealthRow>(KIOSK_HEALTH);
  const heldPerDay = db.prepare<[string, string, string, string, string, string], { day: string; n: number }>(`
    SELECT local_day AS day, COUNT(*) AS n FROM ratings
      WHERE kiosk_id = ? AND unit_code = ? AND local_day IN (SELECT value FROM json_each(?)) GROUP BY local_day
    UNION ALL
    SELECT local_day, COUNT(*) FROM ratings_dossier_repeat
      WHERE kiosk_id = ? AND unit_code = ? AND local_day IN (SELECT value FROM json_each(?)) GROUP BY local_day`);
  const tally = db.prepare<[string, string], TallyRow>(`
    SELECT unit_code, level, misuse_flag, COUNT(*) AS n FROM ratings
    WHERE local_day BETWEEN ? AND ? GROUP BY unit_code, level, misuse_flag ORDER BY unit_code, level`);
  // By the receiver's day: a kiosk whose clock was wrong still lands on the day it reported.
  const tallyReceived = db.prepare<[number, number], TallyRow>(`
    SELECT unit_code, level, misuse_flag, COUNT(*) AS n FROM ratings INDEXED BY ratings_received
    WHERE received_at_ms >= ? AND received_at_ms < ? GROUP BY unit_code, level, misuse_flag ORDER BY unit_code, level`);
  // By day, then unit, then level: the order of ratings_tally, so no index of its own. The
  // cursor alone is the lower bound, so that SQLite seeks to it on every page rather than
  // to the first day (a busy day would be read again for each of its pages).
  const exportPage = db.prepare<[string, string, number, number, string, string, number], ExportRow>(`
    SELECT id, local_day, unit_code, level, misuse_flag, content, received_at_ms FROM ratings INDEXED BY ratings_tally
    WHERE (local_day, unit_code, level, misuse_flag, id) > (?, ?, ?, ?, ?) AND local_day <= ?
    ORDER BY local_day, unit_code, level, misuse_flag, id LIMIT ?`);

  function storeOne(b: BatchRequest, receivedAtMs: number): BatchAck {
    const ack: BatchAck = { accepted: [], duplicates: [], dossierRated: [], rejected: [] };
    const kept: WireRating[] = [];
    for (const r of b.ratings) {
      const content = canonicalRatingContent(b.kioskId, b.unitCode, r);
      const row: RowParams = [
        r.id,
        b.kioskId,
        b.unitCode,
        r.seq,
        r.createdAt,
        // The kiosk's own calendar day, as written in its local offset.
        r.createdAt.slice(0, 10),
        r.scale,
        r.level,
        r.misuseFlag ? 1 : 0,
        content,
        receivedAtMs,
        r.dossierCode,
      ];
      if (insert.run(...row).changes === 1) {
        // New to ratings, unless the id was kept apart before and comes back changed. Probing
        // the small repeat table here is cheaper than folding the check into the insert: that
        // (a NOT EXISTS, or a trigger) costs SQLite its seek reuse on the dossier index, and
        // measured twice the time per rating with a dossier code.
        if (repeatContentOf.get(r.id) === undefined) {
          ack.accepted.push(r.id);
          kept.push(r);
          continue;
        }
        removeRating.run(r.id);
      }
      // Refused by the id (stored, or kept apart before) or, when neither has it, by the dossier.
      const stored = contentOf.get(r.id);
      if (stored) {
        if (stored.content === content) ack.duplicates.push(r.id);
        else ack.rejected.push({ id: r.id, reason: 'conflict' });
        continue;
      }
      const apart = repeatContentOf.get(r.id);
      if (apart && apart.content !== content) ack.rejected.push({ id: r.id, reason: 'conflict' });
      else {
        if (!apart) insertRepeat.run(...row);
        ack.dossierRated.push(r.id);
      }
    }
    if (kept.length > 0) {
      const rollup = rollupOf(kept);
      addUnitTally.run(b.unitCode, JSON.stringify(rollup.units));
      addStaffTally.run(b.unitCode, JSON.stringify(rollup.staff));
      if (rollup.reasons.length > 0) addReasonTally.run(b.unitCode, JSON.stringify(rollup.reasons));
    }
    markUpload.run(b.kioskId, b.unitCode, receivedAtMs);
    return ack;
  }
  const storeBatch = db.transaction(storeOne);
  // Contacts are few and rare: their own transaction, outside the ratings' group commit.
  const storeContacts = db.transaction((b: ContactBatchRequest, receivedAtMs: number): ContactAck => {
    const ack: ContactAck = { accepted: [], duplicates: [] };
    for (const c of b.contacts) {
      const res = insertContact.run(c.id, b.kioskId, b.unitCode, c.phone, c.createdAt, c.consentVersion, receivedAtMs);
      (res.changes === 1 ? ack.accepted : ack.duplicates).push(c.id);
    }
    return ack;
  });
  const storeGroup = db.transaction((group: readonly Pending[]): BatchAck[] => group.map((p) => storeOne(p.batch, p.receivedAtMs)));

  // Group commit. Batches that arrive together (several kiosks, or one kiosk with several
  // batches in flight) are stored in one transaction: one WAL sync instead of one each, and
  // the pages they share written once. Each is still answered only after that commit, so
  // the durability promise is the same as one transaction per batch.
  interface Pending {
    batch: BatchRequest;
    receivedAtMs: number;
    resolve: (ack: BatchAck) => void;
    reject: (error: unknown) => void;
  }
  let queue: Pending[] = [];
  function flush(): void {
    const group = queue;
    queue = [];
    let acks: BatchAck[];
    try {
      acks = storeGroup.immediate(group);
    } catch {
      // Whatever failed (disk full, a lock held too long), it failed for each batch on its
      // own: retry them one by one so that one batch's failure is no other's.
      for (const p of group) {
        try {
          p.resolve(storeBatch.immediate(p.batch, p.receivedAtMs));
        } catch (error) {
          p.reject(error);
        }
      }
      return;
    }
    group.forEach((p, i) => p.resolve(acks[i]!));
  }

  return {
    /**
     * Stores a batch together with the others queued in this turn of the event loop;
     * resolves once the transaction holding it has committed.
     */
    storeBatchQueued: (b: BatchRequest, receivedAtMs: number): Promise<BatchAck> =>
      new Promise<BatchAck>((resolve, reject) => {
        if (queue.length === 0) setImmediate(flush);
        queue.push({ batch: b, receivedAtMs, resolve, reject });
      }),
    /** Survey contacts in one transaction: an id already stored is a duplicate (the first stays). */
    storeContacts: (b: ContactBatchRequest, receivedAtMs: number): ContactAck => storeContacts.immediate(b, receivedAtMs),
    recordHeartbeat: db.transaction((h: HeartbeatRecord) => {
      const { reasons, ...kiosk } = h;
      upsertKiosk.run(kiosk);
      for (const r of reasons ?? []) upsertReason.run(h.unitCode, r.key, r.factor, JSON.stringify(r.labels), h.atMs);
    }),
    heldPerDay(kioskId: string, unitCode: string, days: readonly string[]): Map<string, number> {
      const rows = heldPerDay.all(kioskId, unitCode, JSON.stringify(days), kioskId, unitCode, JSON.stringify(days));
      const out = new Map<string, number>();
      for (const r of rows) out.set(r.day, (out.get(r.day) ?? 0) + r.n);
      return out;
    },
    tally: (from: string, to: string): TallyRow[] => tally.all(from, to),
    /** As tally, by the day of receipt at `utcOffsetMinutes` (from's midnight to the midnight after `to`). */
    tallyByReceived: (from: string, to: string, utcOffsetMinutes: number): TallyRow[] =>
      tallyReceived.all(midnightMs(from, utcOffsetMinutes), midnightMs(to, utcOffsetMinutes) + 86_400_000),
    /** Keyset pages after `after` (exportStart(from) first), so a long export never holds the connection between writes. */
    exportPage: (to: string, after: ExportCursor, limit: number): ExportRow[] =>
      exportPage.all(after.day, after.unit, after.level, after.flag, after.id, to, limit),
    unitDayTally: (from: string, to: string): DayUnitRow[] => unitDayTally.all(from, to),
    staffTally: (unitCode: string, from: string, to: string): StaffRow[] => staffTally.all(unitCode, from, to),
    kioskHealth: (): KioskHealthRow[] => kioskHealth.all(),
    reasonTally: (from: string, to: string, unitCode: string | null): ReasonTallyRow[] => reasonTally.all(from, to, unitCode, unitCode),
    reasonLabels: (): ReasonLabelRow[] => reasonLabels.all(),
  };
}

export type ReceiverStore = ReturnType<typeof createReceiverStore>;

/**
 * The embedded storage: one process owns the file, so its rate limits live in memory, and
 * `close` closes the database only when the caller handed it over.
 */
export function createSqliteStorage(db: ReceiverDb, opts: { closeDb: boolean }): ReceiverStorage & { readonly db: ReceiverDb } {
  const store = createReceiverStore(db);
  const file = db.memory ? null : db.name;
  const opened = file ? fs.statSync(file) : null;
  const schemaRead = db.prepare('SELECT count(*) FROM sqlite_schema').pluck();
  // Sync underneath, async outside: a throw becomes a rejection, as with PostgreSQL.
  return {
    kind: 'sqlite',
    db,
    storeBatch: (b, receivedAtMs) => store.storeBatchQueued(b, receivedAtMs),
    storeContacts: async (b, receivedAtMs) => store.storeContacts(b, receivedAtMs),
    recordHeartbeat: async (h) => store.recordHeartbeat(h),
    heldPerDay: async (kioskId, unitCode, days) => store.heldPerDay(kioskId, unitCode, days),
    tally: async (from, to) => store.tally(from, to),
    tallyByReceived: async (from, to, offset) => store.tallyByReceived(from, to, offset),
    exportPage: async (to, after, limit) => store.exportPage(to, after, limit),
    unitDayTally: async (from, to) => store.unitDayTally(from, to),
    staffTally: async (unitCode, from, to) => store.staffTally(unitCode, from, to),
    kioskHealth: async () => store.kioskHealth(),
    reasonTally: async (from, to, unitCode) => store.reasonTally(from, to, unitCode),
    reasonLabels: async () => store.reasonLabels(),
    rateLimiter: (limits) => createRateLimiter(limits),
    signInLimiter: (limit) => createSignInLimiter(limit),
    ping: async () => {
      // A file deleted or replaced under a running receiver still answers through the open
      // handle, but what it stores from then on is gone at the next start.
      if (file && opened) {
        const now = await fs.promises.stat(file);
        if (now.ino !== opened.ino || now.dev !== opened.dev) throw new Error(`the database file ${file} was removed or replaced`);
      }
      schemaRead.get();
    },
    close: async () => {
      if (opts.closeDb) db.close();
    },
  };
}
