// The upload queue's SQL on a real SQLite file: what is due, how acks are recorded, what
// retention may delete, and that a damaged persisted state never stops the kiosk.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import type { RatingRow } from '../../../electron/services/db/rating-store';
import { createSyncStateQueries } from '../../../electron/services/db/sync-state-queries';
import { createUploadQueries, type UploadQueries } from '../../../electron/services/db/upload-queries';
import { INITIAL_SYNC_STATE, loadSyncState, saveSyncState } from '../../../electron/services/sync/sync-state';
import { insertRatings } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';

let db: Db;
let q: UploadQueries;
let cleanup: () => void;
const T0 = Date.parse('2026-05-04T09:00:00+07:00');

beforeEach(() => {
  const t = tempDir('upload-queries-');
  cleanup = t.cleanup;
  db = openDatabase(path.join(t.dir, 'ratings.db'));
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

  it('reads back the still-pending ratings of a refused batch by seq, oldest first', () => {
    const [a] = rows();
    q.recordAck([a!.id], [], T0);
    expect(q.pendingBySeq([5, 1, 3, 99]).map((r) => r.seq)).toEqual([3, 5]);
    expect(q.pendingBySeq([])).toEqual([]);
  });

  it('records an ack only on pending ratings, in one transaction, and keeps synchronous = FULL for taps', () => {
    const [a, b, c] = rows();
    expect(q.recordAck([a!.id], [{ id: b!.id, reason: 'conflict' }], T0)).toEqual({ delivered: 1, rejected: 1, dossierRated: 0 });
    // A late or repeated answer never moves a rating backwards or overwrites a reason.
    expect(q.recordAck([b!.id], [{ id: a!.id, reason: 'x' }], T0 + 5)).toEqual({ delivered: 0, rejected: 0, dossierRated: 0 });
    expect(q.recordAck([], [{ id: c!.id, reason: 'r'.repeat(900) }], T0).rejected).toBe(1);
    const after = rows();
    expect(after[0]).toMatchObject({ upload_state: 'delivered', delivered_at_ms: T0, reject_reason: null });
    expect(after[1]).toMatchObject({ upload_state: 'rejected', reject_reason: 'conflict', delivered_at_ms: null });
    expect(after[2]!.reject_reason).toHaveLength(500);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(q.counts()).toMatchObject({ pending: 7, rejected: 2, oldestPendingMs: T0 + 3000, oldestPendingOffsetMin: 420 });
    expect(q.lastDeliveryMs()).toBe(T0);
  });

  it('records ids of already-rated dossiers as delivered with the note, in the same transaction, only when pending', () => {
    const [a, b, c] = rows();
    expect(q.recordAck([a!.id], [{ id: c!.id, reason: 'conflict' }], T0, [b!.id])).toEqual({ delivered: 2, rejected: 1, dossierRated: 1 });
    // Already settled: neither a late delivery nor a late dossier answer changes it.
    expect(q.recordAck([b!.id], [], T0 + 5, [a!.id, c!.id])).toEqual({ delivered: 0, rejected: 0, dossierRated: 0 });
    const after = rows();
    expect(after[0]).toMatchObject({ upload_state: 'delivered', delivered_at_ms: T0, delivery_note: null });
    expect(after[1]).toMatchObject({ upload_state: 'delivered', delivered_at_ms: T0, delivery_note: 'dossier_rated' });
    expect(after[2]).toMatchObject({ upload_state: 'rejected', delivery_note: null });
    expect(q.counts()).toMatchObject({ pending: 7, rejected: 1 });
  });

  it('leaves the connection at its own synchronous level: an ack switches nothing', () => {
    const [a] = rows();
    db.pragma('synchronous = NORMAL');
    q.recordAck([a!.id], [], T0);
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(q.counts().pending).toBe(9);
  });

  it('purges delivered ratings created before the cut-off, in chunks, and nothing else', () => {
    const all = rows();
    q.recordAck(
      all.slice(0, 6).map((r) => r.id),
      [{ id: all[6]!.id, reason: 'x' }],
      T0 + 100_000,
    );
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
