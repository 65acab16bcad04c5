// The kiosk's per-day counts for the heartbeat, on a real SQLite file: which days, which
// ratings count on which day (the stored local day, as the rating's createdAt says it), by
// upload state, for this kiosk and unit only, and through the day index.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { heartbeatRequestSchema } from '../../../shared/upload-protocol';
import type { Db } from '../../../electron/services/db/database';
import { createSyncStateQueries } from '../../../electron/services/db/sync-state-queries';
import { createUploadQueries, dayCountsSql, type UploadQueries } from '../../../electron/services/db/upload-queries';
import { kioskDayCounts, reportedDays } from '../../../electron/services/sync/day-counts';
import { heartbeatBody } from '../../../electron/services/sync/sync-run';
import { openWorkerDatabase } from '../../../electron/services/sync/upload-worker';
import { isoInZone, loadReconciliation, reconciliationStatus, saveReconciliation } from '../../../electron/services/sync/sync-state';
import { insertRatings, type FixtureRating } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';
import { TEST_KIOSK_ID, TEST_UNIT_CODE } from '../../support/test-config';

const TZ = 'Asia/Ho_Chi_Minh';
const NOW = Date.parse('2026-03-20T10:00:00+07:00');
const WINDOW = { timeZone: TZ, retentionDays: 90 };

let db: Db;
let q: UploadQueries;
let cleanup: () => void;

beforeEach(() => {
  const t = tempDir('day-counts-');
  cleanup = t.cleanup;
  db = openWorkerDatabase(path.join(t.dir, 'ratings.db'));
  q = createUploadQueries(db);
});
afterEach(() => {
  db.close();
  cleanup();
});

/** Inserts one rating and returns its id. */
function rate(at: string, more: Partial<FixtureRating> = {}, options: Parameters<typeof insertRatings>[2] = {}): string {
  insertRatings(db, [{ at, level: 5, ...more }], options);
  return db.prepare<[], { id: string }>('SELECT id FROM ratings ORDER BY seq DESC LIMIT 1').get()!.id;
}

const zero = (day: string) => ({ day, stored: 0, delivered: 0, pending: 0, rejected: 0 });

describe('per-day counts for the heartbeat', () => {
  it('reports today and the 13 days before it, empty days as zeros, by state, for this kiosk and unit only', () => {
    const delivered: string[] = [];
    const dossierRated: string[] = [];
    const rejected: string[] = [];
    // The 14-day edge: the last second of the day before the window, the first of the window.
    delivered.push(rate('2026-03-06T23:59:59+07:00'));
    delivered.push(rate('2026-03-07T00:00:00+07:00'));
    // One day with every state; a dossier already rated in the city counts as delivered.
    delivered.push(rate('2026-03-10T08:00:00+07:00'), rate('2026-03-10T09:00:00+07:00'));
    dossierRated.push(rate('2026-03-10T09:30:00+07:00', { dossierCode: 'HS-0001' }));
    rejected.push(rate('2026-03-10T10:00:00+07:00'));
    rate('2026-03-10T11:00:00+07:00'); // pending
    // Another kiosk of the unit, and this kiosk id under another unit: not this kiosk's.
    delivered.push(rate('2026-03-10T12:00:00+07:00', {}, { kioskId: 'kiosk-02' }));
    delivered.push(rate('2026-03-10T12:30:00+07:00', {}, { unitCode: 'OTHER-UNIT' }));
    // Local midnight in the configured zone decides the day, not UTC's.
    rate('2026-03-12T23:30:00+07:00');
    rate('2026-03-12T17:30:00Z'); // 00:30 on the 13th in Vietnam
    // Stored while the kiosk was set to another zone: it counts on the day its createdAt names.
    rate('2026-03-14T23:30:00+07:00', {}, { timezone: 'Asia/Tokyo' }); // 01:30+09:00 on the 15th
    delivered.push(rate('2026-03-18T09:00:00+07:00', { flagged: true }));
    rate('2026-03-20T09:59:00+07:00');
    // After "now" (the clock was set back since): outside the window.
    rate('2026-03-21T08:00:00+07:00');
    q.recordAck(delivered, [{ id: rejected[0]!, reason: 'outside window' }], NOW, dossierRated);

    const counts = kioskDayCounts(q, WINDOW, NOW, TEST_KIOSK_ID, TEST_UNIT_CODE);
    expect(counts.map((c) => c.day)).toEqual(reportedDays(NOW, WINDOW));
    expect(counts).toEqual([
      { day: '2026-03-07', stored: 1, delivered: 1, pending: 0, rejected: 0 },
      zero('2026-03-08'),
      zero('2026-03-09'),
      { day: '2026-03-10', stored: 5, delivered: 3, pending: 1, rejected: 1 },
      zero('2026-03-11'),
      { day: '2026-03-12', stored: 1, delivered: 0, pending: 1, rejected: 0 },
      { day: '2026-03-13', stored: 1, delivered: 0, pending: 1, rejected: 0 },
      zero('2026-03-14'),
      { day: '2026-03-15', stored: 1, delivered: 0, pending: 1, rejected: 0 },
      zero('2026-03-16'),
      zero('2026-03-17'),
      { day: '2026-03-18', stored: 1, delivered: 1, pending: 0, rejected: 0 },
      zero('2026-03-19'),
      { day: '2026-03-20', stored: 1, delivered: 0, pending: 1, rejected: 0 },
    ]);
  });

  it('a kiosk with no ratings reports fourteen empty days', () => {
    const counts = kioskDayCounts(q, WINDOW, NOW, TEST_KIOSK_ID, TEST_UNIT_CODE);
    expect(counts).toHaveLength(14);
    expect(counts.every((c) => c.stored === 0 && c.delivered === 0 && c.pending === 0 && c.rejected === 0)).toBe(true);
    expect([counts[0]!.day, counts.at(-1)!.day]).toEqual(['2026-03-07', '2026-03-20']);
  });

  it('leaves out the days a short retention may already have purged', () => {
    // Purged: delivered ratings created before NOW - 3 days, i.e. part of the 17th.
    expect(reportedDays(NOW, { timeZone: TZ, retentionDays: 3 })).toEqual(['2026-03-18', '2026-03-19', '2026-03-20']);
    expect(reportedDays(NOW, { timeZone: TZ, retentionDays: 1 })).toEqual(['2026-03-20']);
    expect(reportedDays(NOW, { timeZone: TZ, retentionDays: 14 })).toHaveLength(14);
  });

  it('takes "today" in the configured zone', () => {
    // 20 March 23:30 in Vietnam is already the 21st in Tokyo.
    const late = Date.parse('2026-03-20T23:30:00+07:00');
    expect(reportedDays(late, WINDOW).at(-1)).toBe('2026-03-20');
    expect(reportedDays(late, { timeZone: 'Asia/Tokyo', retentionDays: 90 }).at(-1)).toBe('2026-03-21');
  });

  it('walks the day index for the window only: no table scan, no sort', () => {
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${dayCountsSql(true)}`).all('2026-03-07', '2026-03-20', TEST_KIOSK_ID, TEST_UNIT_CODE) as { detail: string }[])
      .map((p) => p.detail)
      .join(' | ');
    expect(plan).toMatch(/SEARCH ratings USING INDEX ratings_by_day \(local_day>\? AND local_day<\?\)/);
    expect(plan).not.toMatch(/SCAN|TEMP B-TREE/);
  });

  it('puts them in the heartbeat, which the protocol schema accepts; without a window the body is as before', () => {
    rate('2026-03-19T09:00:00+07:00');
    const deps = {
      queries: q,
      kioskId: TEST_KIOSK_ID,
      unitCode: TEST_UNIT_CODE,
      appVersion: '1.2.3',
      isoTime: (ms: number) => isoInZone(ms, TZ)!,
      now: () => NOW,
    };
    const body = heartbeatBody({ ...deps, dayCountWindow: WINDOW });
    expect(body.dayCounts).toHaveLength(14);
    expect(body.dayCounts?.find((d) => d.day === '2026-03-19')).toEqual({ day: '2026-03-19', stored: 1, delivered: 0, pending: 1, rejected: 0 });
    const request = { protocol: 1, ...body, kioskTime: deps.isoTime(NOW) };
    expect(heartbeatRequestSchema.parse(request)).toEqual(request);
    expect(heartbeatBody(deps)).not.toHaveProperty('dayCounts');
  });
});

describe('the kept reconciliation', () => {
  it('round-trips through the kv table, and a damaged value reads as nothing kept', () => {
    const s = createSyncStateQueries(db);
    expect(loadReconciliation(s)).toBeNull();
    const kept = { checkedAtMs: NOW, days: [{ day: '2026-03-10', kioskDelivered: 3, serverReceived: 2 }] };
    saveReconciliation(s, kept);
    expect(loadReconciliation(s)).toEqual(kept);
    expect(reconciliationStatus(loadReconciliation(s), TZ)).toEqual({ checkedAt: '2026-03-20T10:00:00.000+07:00', days: kept.days });
    for (const junk of ['{', '[]', '{"checkedAtMs":1,"days":[{"day":"2026-02-30","kioskDelivered":1,"serverReceived":0}]}']) {
      s.writeReconciliationRaw(junk);
      expect(loadReconciliation(s)).toBeNull();
    }
    // The sync state beside it is untouched by either.
    expect(s.readRaw()).toBeNull();
  });
});
