// The upload queue's SQL on a real SQLite file: what is due, how acks are recorded, what
// retention may delete, and that a damaged persisted state never stops the kiosk.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import type { RatingRow } from '../../../electron/services/db/rating-store';
import { createSyncStateQueries } from '../../../electron/services/db/sync-state-queries';
import { createUploadQueries, type UploadQueries } from '../../../electron/services/db/upload-queries';
import { openWorkerDatabase } from '../../../electron/services/sync/upload-worker';
import { INITIAL_SYNC_STATE, loadSyncState, saveSyncState } from '../../../electron/services/sync/sync-state';
import { insertRatings } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';

let db: Db;
let dir: string;
let q: UploadQueries;
let cleanup: () => void;
const T0 = Date.parse('2026-05-04T09:00:00+07:00');

beforeEach(() => {
  const t = tempDir('upload-queries-');
  cleanup = t.cleanup;
  dir = t.dir;
  db = openWorkerDatabase(path.join(t.dir, 'ratings.db'));
  q = createUploadQueries(db);
  insertRatings(
    db,
    Array.from({ length: 10 }, (_, i) => ({ at: T0 + i * 1000, level: 5 as const })),
  );
});
afterEach(() => {
  db.close();
  cleanup();
});

const rows = () => db.prepare<[], RatingRow>('SELECT * FROM ratings ORDER BY seq').all();

describe('upload queries', () => {
  it('reads due ratings oldest first through the ratings_pending index, skipping unsettled ones', () => {
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT * FROM ratings INDEXED BY ratings_pending WHERE upload_state = 'pending' AND seq > 0 AND settle_after_ms <= 0 ORDER BY seq LIMIT 5`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX ratings_pending/);
    expect(plan.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
    db.prepare('UPDATE ratings SET settle_after_ms = ? WHERE seq = 2').run(T0 + 60_000);
    expect(q.due(T0 + 30_000, 4).map((r) => r.seq)).toEqual([1, 3, 4, 5]);
    expect(q.due(T0 + 30_000, 3, 4).map((r) => r.seq)).toEqual([5, 6, 7]);
    expect(q.due(T0 + 60_000, 2).map((r) => r.seq)).toEqual([1, 2]);
  });

  it('takes a rating made a moment after the clock it reads with as not yet due, and one made minutes ahead (a clock set back) as due at once', () => {
    // Both unsettled, as a fresh tap is: the first was committed while the uploader was between
    // reading its clock and reading the queue, the second before the clock was set back.
    db.prepare('UPDATE ratings SET created_at_ms = ?, settle_after_ms = ? WHERE seq = 1').run(T0 + 30_001, T0 + 38_001);
    db.prepare('UPDATE ratings SET created_at_ms = ?, settle_after_ms = ? WHERE seq = 2').run(T0 + 30_000 + 2 * 60_000, T0 + 38_000 + 2 * 60_000);
    expect(q.due(T0 + 30_000, 3).map((r) => r.seq)).toEqual([2, 3, 4]);
  });

  it('reads back the still-pending ratings of a refused batch by seq, oldest first', () => {
    const [a] = rows();
    q.recordAck([a!.id], [], T0);
    expect(q.pendingBySeq([5, 1, 3, 99]).map((r) => r.seq)).toEqual([3, 5]);
    expect(q.pendingBySeq([])).toEqual([]);
  });

  it('records an answer in the ledger only: the ratings stay as they were until the fold, but are no longer due', () => {
    const [a, b] = rows();
    const tapSide = openDatabase(path.join(dir, 'ratings.db'));
    try {
      const tapVersion = tapSide.pragma('data_version', { simple: true });
      expect(q.recordAck([a!.id], [{ id: b!.id, reason: 'conflict' }], T0)).toEqual({ delivered: 1, rejected: 1, dossierRated: 0 });
      // The ratings file saw no commit: the tap's connection would have seen its data_version move.
      expect(tapSide.pragma('data_version', { simple: true })).toBe(tapVersion);
      expect(
        rows()
          .slice(0, 2)
          .map((r) => r.upload_state),
      ).toEqual(['pending', 'pending']);
      expect(q.due(T0 + 60_000, 3).map((r) => r.seq)).toEqual([3, 4, 5]);
      expect(q.pendingBySeq([1, 2, 3]).map((r) => r.seq)).toEqual([3]);
      // The uploader's own counts know the answers; the main connection's see them once folded.
      expect(q.counts()).toMatchObject({ pending: 8, rejected: 1, oldestPendingMs: T0 + 2000 });
      expect(q.lastDeliveryMs()).toBe(T0);
      expect(createUploadQueries(tapSide).counts()).toMatchObject({ pending: 10, rejected: 0 });
      expect(q.ledgerSize()).toBe(2);
      expect(q.foldAcks(500)).toBe(2);
      expect(q.ledgerSize()).toBe(0);
      expect(createUploadQueries(tapSide).counts()).toMatchObject({ pending: 8, rejected: 1 });
      expect(tapSide.pragma('data_version', { simple: true })).not.toBe(tapVersion);
    } finally {
      tapSide.close();
    }
  });

  it('records an answer only for pending ratings, and a late or repeated one never moves a rating back', () => {
    const [a, b, c] = rows();
    expect(q.recordAck([a!.id], [{ id: b!.id, reason: 'conflict' }], T0)).toEqual({ delivered: 1, rejected: 1, dossierRated: 0 });
    // The same answer again, or the opposite one, before the fold: the ledger keeps the first.
    expect(q.recordAck([b!.id], [{ id: a!.id, reason: 'x' }], T0 + 5)).toEqual({ delivered: 0, rejected: 0, dossierRated: 0 });
    expect(q.recordAck([], [{ id: c!.id, reason: 'r'.repeat(900) }], T0).rejected).toBe(1);
    q.foldAcks(500);
    // And after the fold.
    expect(q.recordAck([b!.id], [{ id: a!.id, reason: 'x' }], T0 + 5)).toEqual({ delivered: 0, rejected: 0, dossierRated: 0 });
    q.foldAcks(500);
    const after = rows();
    expect(after[0]).toMatchObject({ upload_state: 'delivered', delivered_at_ms: T0, reject_reason: null });
    expect(after[1]).toMatchObject({ upload_state: 'rejected', reject_reason: 'conflict', delivered_at_ms: null });
    expect(after[2]!.reject_reason).toHaveLength(500);
    expect(q.counts()).toMatchObject({ pending: 7, rejected: 2, oldestPendingMs: T0 + 3000, oldestPendingOffsetMin: 420 });
    expect(q.lastDeliveryMs()).toBe(T0);
  });

  it('records ids of already-rated dossiers as delivered with the note, only when pending', () => {
    const [a, b, c] = rows();
    expect(q.recordAck([a!.id], [{ id: c!.id, reason: 'conflict' }], T0, [b!.id])).toEqual({ delivered: 2, rejected: 1, dossierRated: 1 });
    q.foldAcks(500);
    // Already settled: neither a late delivery nor a late dossier answer changes it.
    expect(q.recordAck([b!.id], [], T0 + 5, [a!.id, c!.id])).toEqual({ delivered: 0, rejected: 0, dossierRated: 0 });
    const after = rows();
    expect(after[0]).toMatchObject({ upload_state: 'delivered', delivered_at_ms: T0, delivery_note: null });
    expect(after[1]).toMatchObject({ upload_state: 'delivered', delivered_at_ms: T0, delivery_note: 'dossier_rated' });
    expect(after[2]).toMatchObject({ upload_state: 'rejected', delivery_note: null });
    expect(q.counts()).toMatchObject({ pending: 7, rejected: 1 });
  });

  it("folds in chunks, and a crash between a chunk's two steps only folds the same answers again, as no-ops", () => {
    const all = rows();
    q.recordAck(
      all.slice(0, 5).map((r) => r.id),
      [],
      T0 + 1,
    );
    expect(q.foldAcks(3)).toBe(3);
    expect(q.ledgerSize()).toBe(2);
    // A crash after the ratings' commit and before the ledger's: put a folded answer back,
    // with a different time, as a stale ledger would hold it.
    db.prepare(`INSERT INTO acks.acks (seq, id, state, at_ms) VALUES (?, ?, 'rejected', 99)`).run(all[0]!.seq, all[0]!.id);
    // Answers for ratings this file does not have (a queue salvaged, or restored from a backup
    // that has since given the same seq to another rating): they settle nothing.
    db.prepare(`INSERT INTO acks.acks (seq, id, state, at_ms) VALUES (99, 'no-such-rating', 'delivered', 99)`).run();
    db.prepare(`INSERT INTO acks.acks (seq, id, state, at_ms) VALUES (?, 'another-rating', 'delivered', 99)`).run(all[7]!.seq);
    expect(q.due(T0 + 60_000, 10).map((r) => r.seq)).toEqual([6, 7, 8, 9, 10]);
    while (q.foldAcks(2) > 0);
    expect(q.ledgerSize()).toBe(0);
    expect(rows().map((r) => [r.upload_state, r.delivered_at_ms])).toEqual([
      ...Array.from({ length: 5 }, () => ['delivered', T0 + 1]),
      ...Array.from({ length: 5 }, () => ['pending', null]),
    ]);
  });

  it('refuses to upload from a connection without the ledger, and says why', () => {
    const plain = openDatabase(path.join(dir, 'ratings.db'));
    try {
      const p = createUploadQueries(plain);
      expect(() => p.due(T0, 5)).toThrow(/ledger is not attached/);
      expect(() => p.recordAck([rows()[0]!.id], [], T0)).toThrow(/ledger is not attached/);
      expect(p.counts().pending).toBe(10);
    } finally {
      plain.close();
    }
  });

  it('purges delivered ratings created before the cut-off, in chunks, and nothing else', () => {
    const all = rows();
    q.recordAck(
      all.slice(0, 6).map((r) => r.id),
      [{ id: all[6]!.id, reason: 'x' }],
      T0 + 100_000,
    );
    q.foldAcks(500);
    // rows 0-5 delivered, 6 rejected, 7-9 pending; cut-off after row 7's creation
    expect(q.purgeDelivered(T0 + 7_500, 4)).toBe(6);
    expect(rows().map((r) => r.seq)).toEqual([7, 8, 9, 10]);
    expect(q.purgeDelivered(T0 + 999_999)).toBe(0);
  });
});

describe('persisted sync state', () => {
  it('round-trips, and reads a damaged value as "nothing known yet"', () => {
    const s = createSyncStateQueries(db);
    expect(loadSyncState(s)).toEqual(INITIAL_SYNC_STATE);
    const state = {
      ...INITIAL_SYNC_STATE,
      state: 'backoff' as const,
      failures: 3,
      clockOffsetMs: -1200,
      lastError: { code: 'network', detail: 'x', atMs: T0 },
    };
    saveSyncState(s, state);
    expect(loadSyncState(s)).toEqual(state);
    for (const junk of ['{', '[]', '{"state":"exploded"}', 'null']) {
      s.writeRaw(junk);
      expect(loadSyncState(s)).toEqual(INITIAL_SYNC_STATE);
    }
  });
});
