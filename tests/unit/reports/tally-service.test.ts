import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { createTallyQueries, TALLY_SQL } from '../../../electron/services/db/tally-queries';
import { createTallyService } from '../../../electron/services/reports/tally-service';
import { generateRatings, insertRatings, referenceTally, type FixtureRating } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig, type TestConfigOverrides } from '../../support/test-config';

const UNIT: TestConfigOverrides = {
  kiosk: { counterId: 'Q1' },
  counters: [
    { id: 'Q1', name: 'Quầy 1' },
    { id: 'Q2', name: 'Quầy 2' },
  ],
  // CB02 is listed first; CB01 is not configured (any more) and is named by its id.
  officers: [
    { id: 'CB02', name: 'Trần Văn Minh', counterId: 'Q2' },
    { id: 'CB05', name: 'Phạm Thị Thu' },
  ],
  admin: { officerMinRatings: 3 },
};
const config = parsedTestConfig(UNIT);

// Hand-counted data set around 1 December 2026 (+07:00).
const HAND: FixtureRating[] = [
  // 30 Nov: two ratings, one late in the evening.
  { at: '2026-11-30T08:00:00+07:00', level: 5, officerId: 'CB01' },
  { at: '2026-11-30T23:59:59+07:00', level: 2, reasons: ['late', 'fees'], officerId: 'CB01' },
  // 1 Dec: the first second of the local day is 30 Nov 17:00 UTC.
  { at: '2026-12-01T00:00:00+07:00', level: 4, counterId: 'Q2', officerId: 'CB01' },
  { at: '2026-12-01T09:15:00+07:00', level: 5, officerId: 'CB02' },
  { at: '2026-12-01T09:16:00+07:00', level: 5, flagged: true },
  { at: '2026-12-01T09:16:02+07:00', level: 5, flagged: true },
  { at: '2026-12-01T14:30:00+07:00', level: 2, reasons: ['late'], counterId: null },
  { at: '2026-12-01T23:59:59+07:00', level: 4, counterId: 'Q2', officerId: 'CB01' },
  // 2 Dec: nothing. 3 Dec: one rating at local midnight.
  { at: '2026-12-03T00:00:00+07:00', level: 2, reasons: ['staff_attitude'], officerId: 'CB02' },
];

let dir: { dir: string; cleanup: () => void };
let db: Db;

beforeAll(() => {
  dir = tempDir('tally-');
  db = openDatabase(path.join(dir.dir, 'ratings.db'));
  insertRatings(db, HAND);
});
afterAll(() => {
  db.close();
  dir.cleanup();
});

function tally(from: string, to: string) {
  const r = createTallyService(createTallyQueries(db), config).compute(from, to);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

describe('tally on a hand-counted data set', () => {
  it('counts a single local day, keeping 00:00:00 and 23:59:59 +07:00 inside it and flagged ones out', () => {
    const t = tally('2026-12-01', '2026-12-01');
    expect(t.total).toBe(4);
    expect(t.flagged).toBe(2);
    expect(t.levels).toEqual([
      { level: 5, count: 1, percent: 25 },
      { level: 4, count: 2, percent: 50 },
      { level: 2, count: 1, percent: 25 },
    ]);
    expect(t.satisfiedRate).toBe(75);
    expect(t.dissatisfiedRate).toBe(25);
    expect(t.timezone).toBe('Asia/Ho_Chi_Minh');
  });

  it('gives a day without ratings zero totals and null rates', () => {
    const t = tally('2026-12-02', '2026-12-02');
    expect(t.total).toBe(0);
    expect(t.flagged).toBe(0);
    expect(t.satisfiedRate).toBeNull();
    expect(t.levels.every((l) => l.count === 0 && l.percent === null)).toBe(true);
    expect(t.byDay).toEqual([{ day: '2026-12-02', total: 0, satisfiedRate: null }]);
    expect(t.byCounter).toEqual([]);
  });

  it('breaks a range down by day (empty days included), counter, hour and reason', () => {
    const t = tally('2026-11-30', '2026-12-03');
    expect(t.total).toBe(7);
    expect(t.flagged).toBe(2);
    expect(t.satisfiedRate).toBe(57.14); // 4 of 7
    expect(t.byDay).toEqual([
      { day: '2026-11-30', total: 2, satisfiedRate: 50 },
      { day: '2026-12-01', total: 4, satisfiedRate: 75 },
      { day: '2026-12-02', total: 0, satisfiedRate: null },
      { day: '2026-12-03', total: 1, satisfiedRate: 0 },
    ]);
    expect(t.byCounter.map((c) => [c.counterId, c.counterName, c.total, c.satisfiedRate])).toEqual([
      ['Q1', 'Quầy 1', 4, 50],
      ['Q2', 'Quầy 2', 2, 100],
      [null, 'Không rõ quầy', 1, 0],
    ]);
    expect(t.byHour).toEqual([
      { hour: 0, total: 2, satisfied: 1 },
      { hour: 8, total: 1, satisfied: 1 },
      { hour: 9, total: 1, satisfied: 1 },
      { hour: 14, total: 1, satisfied: 0 },
      { hour: 23, total: 2, satisfied: 1 },
    ]);
    // By count, then the reference order of the reasons (staff_attitude before fees).
    expect(t.byReason).toEqual([
      { reason: 'late', count: 2 },
      { reason: 'staff_attitude', count: 1 },
      { reason: 'fees', count: 1 },
    ]);
  });

  it('shows officer rates only from officerMinRatings ratings up', () => {
    const t = tally('2026-11-30', '2026-12-03');
    const cb01 = t.byOfficer.find((o) => o.officerId === 'CB01')!;
    const cb02 = t.byOfficer.find((o) => o.officerId === 'CB02')!;
    expect(cb01).toMatchObject({ total: 4, enough: true, satisfiedRate: 75 });
    expect(cb02).toMatchObject({ total: 2, enough: false, satisfiedRate: null, dissatisfiedRate: null });
    expect(cb02.levels.every((l) => l.percent === null)).toBe(true);
    expect(cb02.levels.find((l) => l.level === 5)?.count).toBe(1);
  });

  it('names officers from the configuration, in its order, and an unconfigured id by itself', () => {
    const t = tally('2026-11-30', '2026-12-03');
    expect(t.byOfficer.map((o) => [o.officerId, o.officerName, o.total, o.enough])).toEqual([
      ['CB02', 'Trần Văn Minh', 2, false],
      ['CB01', 'CB01', 4, true],
    ]);
    // A name does not lift the minimum: below it the rates stay hidden.
    expect(t.byOfficer[0]).toMatchObject({ satisfiedRate: null, dissatisfiedRate: null });
  });

  it('tells apart officers who share a name by their id', () => {
    const twins = parsedTestConfig(UNIT, {
      officers: [
        { id: 'CB01', name: 'Nguyễn Văn An' },
        { id: 'CB02', name: 'Nguyễn Văn An' },
      ],
    });
    const r = createTallyService(createTallyQueries(db), twins).compute('2026-11-30', '2026-12-03');
    expect(r.ok && r.value.byOfficer.map((o) => o.officerName)).toEqual(['Nguyễn Văn An (CB01)', 'Nguyễn Văn An (CB02)']);
  });

  it('refuses a reversed range', () => {
    const r = createTallyService(createTallyQueries(db), config).compute('2026-12-02', '2026-12-01');
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'to' } });
  });
});

describe('tally against the row-by-row reference on a generated month', () => {
  it('agrees on every figure', () => {
    const d = tempDir('tally-gen-');
    const gdb = openDatabase(path.join(d.dir, 'ratings.db'));
    try {
      const opts = { seed: 7, fromDay: '2026-03-01', days: 31, perDay: 40, flaggedShare: 0.05, levels: [5, 4, 3, 2, 1] as const };
      insertRatings(gdb, generateRatings(opts));
      const ref = referenceTally(generateRatings(opts), '2026-03-05', '2026-03-20');
      const five = parsedTestConfig(UNIT, { scale: '5' });
      const r = createTallyService(createTallyQueries(gdb), five).compute('2026-03-05', '2026-03-20');
      if (!r.ok) throw new Error('tally failed');
      const t = r.value;
      expect(t.total).toBe(ref.total);
      expect(t.flagged).toBe(ref.flagged);
      expect(t.flagged).toBeGreaterThan(0);
      for (const l of t.levels) expect(l.count).toBe(ref.levels.get(l.level) ?? 0);
      expect(t.byDay).toHaveLength(16);
      for (const day of t.byDay) expect(day.total).toBe(ref.byDay.get(day.day)?.total ?? 0);
      for (const c of t.byCounter) expect(c.total).toBe([...ref.byCounter.get(c.counterId)!.values()].reduce((a, b) => a + b));
      for (const o of t.byOfficer) expect(o.total).toBe([...ref.byOfficer.get(o.officerId)!.values()].reduce((a, b) => a + b));
      expect(Object.fromEntries(t.byReason.map((x) => [x.reason, x.count]))).toEqual(Object.fromEntries(ref.byReason));
      expect(t.byHour.map((h) => [h.hour, h.total, h.satisfied])).toEqual(
        [...ref.byHour].sort((a, b) => a[0] - b[0]).map(([h, v]) => [h, v.total, v.satisfied]),
      );
    } finally {
      gdb.close();
      d.cleanup();
    }
  });
});

describe('query plans', () => {
  const plan = (sql: string) =>
    db
      .prepare<[string, string], { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
      .all('2026-12-01', '2026-12-01')
      .map((p) => p.detail)
      .join(' | ');

  it('counts a day from the ratings_by_day index alone (no table reads)', () => {
    expect(plan(TALLY_SQL.levels)).toMatch(/^SEARCH ratings USING COVERING INDEX ratings_by_day \(local_day>\? AND local_day<\?\)/);
    expect(plan(TALLY_SQL.byDay)).toMatch(/^SEARCH ratings USING COVERING INDEX ratings_by_day /);
  });

  it('answers every breakdown from a covering index searched by local_day', () => {
    const expected: Record<string, string> = {
      byCounter: 'ratings_by_day',
      byOfficer: 'ratings_by_day',
      byHour: 'ratings_by_day',
      byReason: 'ratings_tally_reasons',
    };
    for (const [name, index] of Object.entries(expected)) {
      const p = plan(TALLY_SQL[name as keyof typeof TALLY_SQL]);
      expect(p, name).toMatch(new RegExp(`^SEARCH ratings USING COVERING INDEX ${index} \\(local_day>\\? AND local_day<\\?\\)`));
    }
  });

  it('streams export rows through a local_day index, never a full scan', () => {
    const p = plan(TALLY_SQL.ratings);
    expect(p).toMatch(/^SEARCH ratings USING INDEX ratings_by_day \(local_day>\? AND local_day<\?\)/);
    expect(p).not.toMatch(/SCAN ratings/);
  });
});
