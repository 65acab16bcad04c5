// The receiver's daily roll-up and kiosk health (the city dashboard's data), on both storages,
// fed through the real HTTP receiver: each kept rating is counted once in the roll-up, by unit
// and by counter and officer, never a re-send, a changed re-send, a dossier's later rating or
// a rating outside the accept window; each kiosk's last batch, last heartbeat, clock skew and
// the reconciliation it was answered are kept; and a database from the previous version is
// back-filled on upgrade so that its history shows.
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../server/pg-db';
import { openPostgresStorage } from '../../../server/pg-store';
import { openReceiverDb } from '../../../server/receiver-db';
import type { DayUnitRow, ReasonTallyRow, ReceiverStorage, StaffRow, TallyRow } from '../../../server/receiver-storage';
import { createSqliteStorage } from '../../../server/receiver-store';
import { canonicalRatingContent, type WireRating } from '../../../shared/upload-protocol';
import { startReceiver, STORAGES, TEST_KIOSK_TOKEN, type StorageKind, type TestReceiver } from '../../support/city-server';
import { testDatabase } from '../../support/postgres';
import { tempDir } from '../../support/temp-db';
import { batch, post, wireRating } from './receiver-helpers';

const KIOSKS = [
  { kioskId: 'kiosk-01', unitCode: 'UNIT-A', token: TEST_KIOSK_TOKEN },
  { kioskId: 'kiosk-02', unitCode: 'UNIT-A', token: 'kiosk-02-token-0123456789' },
  { kioskId: 'kiosk-03', unitCode: 'UNIT-B', token: 'kiosk-03-token-0123456789' },
  { kioskId: 'kiosk-04', unitCode: 'UNIT-B', token: 'kiosk-04-token-0123456789' },
  // Never heard from: in no health row.
  { kioskId: 'kiosk-05', unitCode: 'UNIT-B', token: 'kiosk-05-token-0123456789' },
];
const kiosk = (id: string) => KIOSKS.find((k) => k.kioskId === id)!;
const BATCH = '/v1/ratings/batch';
const HEARTBEAT = '/v1/kiosks/heartbeat';
const DAY_MS = 86_400_000;

/** The kiosk's calendar day (UTC+7) `daysAgo` days back, and a time on it already past. */
const dayAgo = (daysAgo: number) => new Date(Date.now() + 7 * 3_600_000 - daysAgo * DAY_MS).toISOString().slice(0, 10);
const at = (day: string, time = '09:15') => `${day}T${time}:00.000+07:00`;

interface Opened {
  city: TestReceiver;
  storage: ReceiverStorage;
  close(): Promise<void>;
}

/**
 * The receiver over a storage opened here, so that the test reads the very storage the HTTP
 * receiver writes. `prepare` builds an older database first, for the upgrade.
 */
async function open(
  kind: StorageKind,
  opts: { acceptWindow?: { maxAgeDays: number; maxAheadDays: number }; prepare?: (where: string) => Promise<void> } = {},
): Promise<Opened> {
  // Absent, the test receiver's own wide window applies.
  const window = opts.acceptWindow ? { acceptWindow: opts.acceptWindow } : {};
  if (kind === 'sqlite') {
    const dir = tempDir('city-rollup-');
    await opts.prepare?.(dir.dir);
    const storage = createSqliteStorage(openReceiverDb(dir.dir), { closeDb: true });
    const city = await startReceiver(kind, { kiosks: KIOSKS, dataDir: dir.dir, storage, ...window });
    return {
      city,
      storage,
      close: async () => {
        await city.close();
        await storage.close();
        dir.cleanup();
      },
    };
  }
  const db = await testDatabase();
  await opts.prepare?.(db.url);
  const storage = await openPostgresStorage(db.url, { poolSize: 4 });
  const city = await startReceiver(kind, { kiosks: KIOSKS, databaseUrl: db.url, storage, ...window });
  return {
    city,
    storage,
    close: async () => {
      await city.close();
      await storage.close();
      await db.drop();
    },
  };
}

const send = (kioskId: string, ratings: unknown[]) => {
  const k = kiosk(kioskId);
  return post(opened.city.url, BATCH, batch(ratings, { kioskId, unitCode: k.unitCode }), k.token);
};

/** The roll-up rows the kept ratings should give, worked out the obvious way. */
function expectedUnitDays(kept: readonly { unit: string; r: WireRating }[], from: string, to: string): DayUnitRow[] {
  const m = new Map<string, DayUnitRow>();
  for (const { unit, r } of kept) {
    const day = r.createdAt.slice(0, 10);
    if (day < from || day > to) continue;
    const flag = r.misuseFlag ? 1 : 0;
    const key = JSON.stringify([day, unit, r.level, flag]);
    const row = m.get(key) ?? { local_day: day, unit_code: unit, level: r.level, misuse_flag: flag, n: 0 };
    row.n++;
    m.set(key, row);
  }
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
}

function expectedStaff(kept: readonly { unit: string; r: WireRating }[], unitCode: string, from: string, to: string): StaffRow[] {
  const m = new Map<string, StaffRow>();
  for (const { unit, r } of kept) {
    const day = r.createdAt.slice(0, 10);
    if (unit !== unitCode || day < from || day > to) continue;
    const row = { counter_id: r.counterId ?? '', officer_id: r.officerId ?? '', level: r.level, misuse_flag: r.misuseFlag ? 1 : 0, n: 0 };
    const key = JSON.stringify([row.counter_id, row.officer_id, row.level, row.misuse_flag]);
    (m.get(key) ?? m.set(key, row).get(key)!).n++;
  }
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
}

/** The reasons roll-up recounted from the kept ratings: unflagged ones only, each key once per rating. */
function expectedReasons(kept: readonly { unit: string; r: WireRating }[], from: string, to: string, unitCode: string | null = null): ReasonTallyRow[] {
  const m = new Map<string, ReasonTallyRow>();
  for (const { unit, r } of kept) {
    const day = r.createdAt.slice(0, 10);
    if (r.misuseFlag || day < from || day > to || (unitCode !== null && unit !== unitCode)) continue;
    for (const key of r.reasons) {
      const id = `${unit}\0${key}`;
      (m.get(id) ?? m.set(id, { unit_code: unit, reason_key: key, n: 0 }).get(id)!).n++;
    }
  }
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
}

/** The roll-up summed over its days, in tally()'s shape, to set beside the raw tally. */
function summedByUnit(rows: readonly DayUnitRow[]): TallyRow[] {
  const m = new Map<string, TallyRow>();
  for (const r of rows) {
    const key = JSON.stringify([r.unit_code, r.level, r.misuse_flag]);
    const row = m.get(key) ?? { unit_code: r.unit_code, level: r.level, misuse_flag: r.misuse_flag, n: 0 };
    row.n += r.n;
    m.set(key, row);
  }
  return sortTally([...m.values()]);
}
const sortTally = (rows: readonly TallyRow[]) =>
  [...rows].sort((a, b) => a.unit_code.localeCompare(b.unit_code) || a.level - b.level || a.misuse_flag - b.misuse_flag);

/** Until the clock has moved past `t`: two receipts then never share a millisecond. */
async function clockPast(t: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (Date.now() <= t) {
    if (Date.now() > deadline) throw new Error('the clock did not move');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

let opened: Opened;
afterEach(async () => {
  await opened?.close();
});

describe.each(STORAGES)('on %s', (kind) => {
  describe('the daily roll-up', () => {
    it('counts each kept rating once by day, unit, level and flag, and by counter and officer; the same as the raw tally', async () => {
      opened = await open(kind, { acceptWindow: { maxAgeDays: 30, maxAheadDays: 1 } });
      const [d1, d2, d3] = [dayAgo(3), dayAgo(2), dayAgo(1)];
      const r = {
        a1: wireRating({ seq: 1, createdAt: at(d1), level: 5, counterId: 'Q1', officerId: 'CB-01' }),
        a2: wireRating({ seq: 2, createdAt: at(d1, '10:00'), level: 5, counterId: 'Q1', officerId: 'CB-01' }),
        a3: wireRating({ seq: 3, createdAt: at(d1), level: 2, counterId: 'Q2', officerId: null, misuseFlag: true, reasons: ['late'] }),
        a4: wireRating({ seq: 4, createdAt: at(d2), level: 4, counterId: null, officerId: null }),
        a5: wireRating({
          seq: 5,
          createdAt: at(d2),
          level: 2,
          counterId: 'Q1',
          officerId: 'CB-02',
          dossierCode: 'H21-0001',
          dossierCapture: 'qr',
          reasons: ['late', 'fees'],
        }),
        a6: wireRating({ seq: 6, createdAt: at(d3), scale: 5, level: 3, counterId: 'Q2', officerId: 'CB-02', reasons: ['long_queue'] }),
        tooOld: wireRating({ seq: 7, createdAt: at(dayAgo(40)), level: 2, reasons: ['late'] }),
        ahead: wireRating({ seq: 8, createdAt: at(dayAgo(-3)), level: 5 }),
        a9: wireRating({ seq: 9, createdAt: at(d2), level: 4, counterId: 'Q1', officerId: 'CB-01' }),
        // kiosk-02, same unit: a dossier kiosk-01 rated first, and one dossier twice in a batch.
        b1: wireRating({ seq: 1, createdAt: at(d2), level: 2, dossierCode: 'H21-0001', dossierCapture: 'qr', reasons: ['late'] }),
        b2: wireRating({ seq: 2, createdAt: at(d1), level: 4, counterId: 'Q3', officerId: 'CB-03' }),
        b3: wireRating({
          seq: 3,
          createdAt: at(d3),
          level: 2,
          counterId: 'Q3',
          dossierCode: 'H21-0002',
          dossierCapture: 'typed',
          reasons: ['late', 'long_queue'],
        }),
        b4: wireRating({ seq: 4, createdAt: at(d3), level: 2, counterId: 'Q3', dossierCode: 'H21-0002', dossierCapture: 'typed', reasons: ['fees'] }),
        // kiosk-03, another unit, with the same counter and officer names as UNIT-A's.
        c1: wireRating({ seq: 1, createdAt: at(d1), level: 2, counterId: 'Q1', officerId: 'CB-01', reasons: ['late'] }),
        c2: wireRating({ seq: 2, createdAt: at(d1), level: 5, counterId: 'Q1', officerId: 'CB-01', misuseFlag: true }),
        c3: wireRating({ seq: 3, createdAt: at(d3), level: 4, counterId: 'Q1', officerId: 'CB-01' }),
      };
      const first = [r.a1, r.a2, r.a3, r.a4, r.a5, r.a6, r.tooOld, r.ahead];
      const answers = [
        await send('kiosk-01', first),
        // Re-sent whole (its answer lost): all duplicates, the same two out of the window.
        await send('kiosk-01', first),
        // Re-sent with a changed level: a conflict, changing nothing; a new one with it.
        await send('kiosk-01', [{ ...r.a2, level: 2, reasons: ['late'] }, r.a9]),
        await send('kiosk-02', [r.b1, r.b2, r.b3, r.b4]),
        await send('kiosk-02', [r.b1, r.b2]),
        await send('kiosk-03', [r.c1, r.c2, r.c3]),
        await send('kiosk-03', [r.c1, r.c2, r.c3]),
      ];
      expect(answers.map((a) => a.status)).toEqual(Array(answers.length).fill(200));
      expect(answers[1]!.json).toMatchObject({ accepted: [], dossierRated: [] });
      expect(answers[2]!.json).toEqual({ accepted: [r.a9.id], duplicates: [], dossierRated: [], rejected: [{ id: r.a2.id, reason: 'conflict' }] });
      expect(answers[3]!.json).toMatchObject({ accepted: [r.b2.id, r.b3.id], dossierRated: [r.b1.id, r.b4.id] });
      expect((answers[0]!.json.rejected as { reason: string }[]).map((x) => x.reason)).toEqual(['created_at_too_old', 'created_at_in_future']);

      // Accepted once each, across every answer: exactly these.
      const accepted = answers.flatMap((a) => a.json.accepted as string[]);
      const keptNames = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a9', 'b2', 'b3', 'c1', 'c2', 'c3'] as const;
      expect(accepted.sort()).toEqual(keptNames.map((n) => r[n].id).sort());
      const kept = keptNames.map((n) => ({ unit: n.startsWith('c') ? 'UNIT-B' : 'UNIT-A', r: r[n] }));

      const { storage } = opened;
      const all = await storage.unitDayTally(d1, d3);
      expect(all).toEqual(expectedUnitDays(kept, d1, d3));
      // A few rows spelt out, so that a fault shared by the expectation cannot hide.
      expect(all.filter((x) => x.local_day === d1 && x.unit_code === 'UNIT-A')).toEqual([
        { local_day: d1, unit_code: 'UNIT-A', level: 2, misuse_flag: 1, n: 1 },
        { local_day: d1, unit_code: 'UNIT-A', level: 4, misuse_flag: 0, n: 1 },
        { local_day: d1, unit_code: 'UNIT-A', level: 5, misuse_flag: 0, n: 2 },
      ]);
      expect(summedByUnit(all)).toEqual(sortTally(await storage.tally(d1, d3)));
      for (const d of [d1, d2, d3]) {
        const one = await storage.unitDayTally(d, d);
        expect(one.every((x) => x.local_day === d)).toBe(true);
        expect(summedByUnit(one)).toEqual(sortTally(await storage.tally(d, d)));
      }
      expect(await storage.unitDayTally(dayAgo(60), dayAgo(30))).toEqual([]);

      expect(await storage.staffTally('UNIT-A', d1, d3)).toEqual(expectedStaff(kept, 'UNIT-A', d1, d3));
      expect(await storage.staffTally('UNIT-A', d1, d3)).toEqual([
        { counter_id: '', officer_id: '', level: 4, misuse_flag: 0, n: 1 },
        { counter_id: 'Q1', officer_id: 'CB-01', level: 4, misuse_flag: 0, n: 1 },
        { counter_id: 'Q1', officer_id: 'CB-01', level: 5, misuse_flag: 0, n: 2 },
        { counter_id: 'Q1', officer_id: 'CB-02', level: 2, misuse_flag: 0, n: 1 },
        { counter_id: 'Q2', officer_id: '', level: 2, misuse_flag: 1, n: 1 },
        { counter_id: 'Q2', officer_id: 'CB-02', level: 3, misuse_flag: 0, n: 1 },
        { counter_id: 'Q3', officer_id: '', level: 2, misuse_flag: 0, n: 1 },
        { counter_id: 'Q3', officer_id: 'CB-03', level: 4, misuse_flag: 0, n: 1 },
      ]);
      // Summed over the days asked for only.
      expect(await storage.staffTally('UNIT-B', d1, d1)).toEqual([
        { counter_id: 'Q1', officer_id: 'CB-01', level: 2, misuse_flag: 0, n: 1 },
        { counter_id: 'Q1', officer_id: 'CB-01', level: 5, misuse_flag: 1, n: 1 },
      ]);
      expect(await storage.staffTally('UNIT-B', d1, d3)).toEqual(expectedStaff(kept, 'UNIT-B', d1, d3));
      expect(await storage.staffTally('UNIT-Z', d1, d3)).toEqual([]);

      // Reasons: each kept, unflagged rating's keys once; never a re-send, a conflict, a
      // dossier's later rating, a flagged one or one outside the window.
      expect(await storage.reasonTally(d1, d3, null)).toEqual(expectedReasons(kept, d1, d3));
      expect(await storage.reasonTally(d1, d3, null)).toEqual([
        { unit_code: 'UNIT-A', reason_key: 'fees', n: 1 },
        { unit_code: 'UNIT-A', reason_key: 'late', n: 2 },
        { unit_code: 'UNIT-A', reason_key: 'long_queue', n: 2 },
        { unit_code: 'UNIT-B', reason_key: 'late', n: 1 },
      ]);
      expect(await storage.reasonTally(d1, d3, 'UNIT-A')).toEqual(expectedReasons(kept, d1, d3, 'UNIT-A'));
      expect(await storage.reasonTally(d3, d3, 'UNIT-A')).toEqual([
        { unit_code: 'UNIT-A', reason_key: 'late', n: 1 },
        { unit_code: 'UNIT-A', reason_key: 'long_queue', n: 2 },
      ]);
      expect(await storage.reasonTally(d1, d3, 'UNIT-Z')).toEqual([]);
    });

    it('counts each rating once when batches and their re-sends arrive together (one group commit, or racing connections)', async () => {
      opened = await open(kind);
      const day = dayAgo(1);
      const batches = ['kiosk-01', 'kiosk-02', 'kiosk-03'].flatMap((kioskId) =>
        Array.from({ length: 3 }, (_, bi) => ({
          kioskId,
          ratings: Array.from({ length: 20 }, (_, ri) =>
            wireRating({
              seq: bi * 20 + ri + 1,
              createdAt: at(day),
              level: [5, 4, 2][ri % 3]!,
              counterId: `Q${ri % 2}`,
              misuseFlag: ri % 7 === 0,
              // Level 2 names one to three reasons; a flagged one among them is left out.
              reasons: ri % 3 === 2 ? ['late', 'fees', 'long_queue'].slice(0, 1 + ((ri % 5) % 3)) : [],
            }),
          ),
        })),
      );
      const answers = await Promise.all([...batches, ...batches].map((b) => send(b.kioskId, b.ratings)));
      expect(answers.map((a) => a.status)).toEqual(Array(answers.length).fill(200));
      expect(answers.flatMap((a) => a.json.accepted as string[])).toHaveLength(batches.length * 20);
      const rolled = await opened.storage.unitDayTally(day, day);
      expect(rolled.reduce((sum, x) => sum + x.n, 0)).toBe(batches.length * 20);
      expect(summedByUnit(rolled)).toEqual(sortTally(await opened.storage.tally(day, day)));
      const kept = batches.flatMap((b) => b.ratings.map((r) => ({ unit: kiosk(b.kioskId).unitCode, r })));
      expect(await opened.storage.staffTally('UNIT-A', day, day)).toEqual(expectedStaff(kept, 'UNIT-A', day, day));
      const reasons = await opened.storage.reasonTally(day, day, null);
      expect(reasons.length).toBeGreaterThan(0);
      expect(reasons).toEqual(expectedReasons(kept, day, day));
    });
  });

  describe('kiosk health', () => {
    const heartbeat = (kioskId: string, kioskTime: string, dayCounts?: unknown[]) => ({
      protocol: 1,
      kioskId,
      unitCode: kiosk(kioskId).unitCode,
      kioskTime,
      queueDepth: 2,
      oldestPendingAt: null,
      lastDeliveryAt: null,
      appVersion: '0.1.0',
      ...(dayCounts ? { dayCounts } : {}),
    });
    const dayCount = (day: string, delivered: number) => ({ day, stored: delivered, delivered, pending: 0, rejected: 0 });

    it('shows each kiosk’s last batch and heartbeat, its clock skew and the reconciliation it was answered', async () => {
      opened = await open(kind);
      const { storage, city } = opened;
      const [d1, d2] = [dayAgo(2), dayAgo(1)];
      const window = async <T>(work: () => Promise<T>) => {
        const before = Date.now();
        const result = await work();
        return { before, after: Date.now(), result };
      };

      const first = [wireRating({ seq: 1, createdAt: at(d1) }), wireRating({ seq: 2, createdAt: at(d2) })];
      const b1 = await window(() => send('kiosk-01', first));
      expect(b1.result.json.accepted).toHaveLength(2);
      // One day short on the server: the kiosk says it delivered 2 on d1, the server holds 1.
      const hb = await window(() =>
        post(
          city.url,
          HEARTBEAT,
          heartbeat('kiosk-01', new Date(Date.now() - 90_000).toISOString(), [dayCount(d1, 2), dayCount(d2, 1)]),
          kiosk('kiosk-01').token,
        ),
      );
      expect(hb.result.json.reconciliation).toEqual([{ day: d1, kioskDelivered: 2, serverReceived: 1 }]);
      const b2 = await window(() => send('kiosk-02', [wireRating({ seq: 1, createdAt: at(d2) })]));
      expect(b2.result.status).toBe(200);
      const hb4 = await window(() => post(city.url, HEARTBEAT, heartbeat('kiosk-04', new Date().toISOString()), kiosk('kiosk-04').token));
      expect(hb4.result.json).not.toHaveProperty('reconciliation');
      // Refused before anything is stored: never heard of.
      expect((await send('kiosk-03', [{ seq: 1 }])).status).toBe(400);

      const rows = await storage.kioskHealth();
      expect(rows.map((x) => x.kiosk_id)).toEqual(['kiosk-01', 'kiosk-02', 'kiosk-04']);
      const [k1, k2, k4] = rows;
      expect(k1).toMatchObject({ kiosk_id: 'kiosk-01', unit_code: 'UNIT-A' });
      expect(k1!.last_batch_ms).toBeGreaterThanOrEqual(b1.before);
      expect(k1!.last_batch_ms).toBeLessThanOrEqual(b1.after);
      expect(k1!.last_heartbeat_ms).toBeGreaterThanOrEqual(hb.before);
      expect(k1!.last_heartbeat_ms).toBeLessThanOrEqual(hb.after);
      expect(k1!.clock_skew_ms).toBeGreaterThanOrEqual(90_000);
      expect(k1!.clock_skew_ms).toBeLessThanOrEqual(90_000 + (hb.after - hb.before) + 1);
      expect(JSON.parse(k1!.heartbeat!)).toMatchObject({ kioskId: 'kiosk-01', queueDepth: 2 });
      // The very comparison the kiosk was answered.
      expect(JSON.parse(k1!.reconciliation!)).toEqual(hb.result.json.reconciliation);
      expect(JSON.parse(k1!.reconciliation!)).toEqual([{ day: d1, kioskDelivered: 2, serverReceived: 1 }]);

      // Uploaded, never a heartbeat.
      expect(k2).toMatchObject({
        kiosk_id: 'kiosk-02',
        unit_code: 'UNIT-A',
        last_heartbeat_ms: null,
        clock_skew_ms: null,
        heartbeat: null,
        reconciliation: null,
      });
      expect(k2!.last_batch_ms).toBeGreaterThanOrEqual(b2.before);
      expect(k2!.last_batch_ms).toBeLessThanOrEqual(b2.after);
      // Heartbeats, never a batch; no days reported, so no reconciliation.
      expect(k4).toMatchObject({ kiosk_id: 'kiosk-04', unit_code: 'UNIT-B', last_batch_ms: null, reconciliation: null });
      expect(k4!.last_heartbeat_ms).toBeGreaterThanOrEqual(hb4.before);
      expect(k4!.last_heartbeat_ms).toBeLessThanOrEqual(hb4.after);
      expect(Math.abs(k4!.clock_skew_ms!)).toBeLessThanOrEqual(hb4.after - hb4.before + 1);

      // A batch of duplicates only is still a batch heard; the next heartbeat's comparison
      // (all days agree) replaces the last.
      await clockPast(k1!.last_batch_ms!);
      const again = await window(() => send('kiosk-01', first));
      expect(again.result.json).toEqual({ accepted: [], duplicates: first.map((x) => x.id), dossierRated: [], rejected: [] });
      const hb2 = await window(() =>
        post(city.url, HEARTBEAT, heartbeat('kiosk-01', new Date().toISOString(), [dayCount(d1, 1), dayCount(d2, 1)]), kiosk('kiosk-01').token),
      );
      expect(hb2.result.json.reconciliation).toEqual([]);
      const [k1Later] = await storage.kioskHealth();
      expect(k1Later!.last_batch_ms).toBeGreaterThanOrEqual(again.before);
      expect(k1Later!.last_batch_ms).toBeLessThanOrEqual(again.after);
      expect(k1Later!.reconciliation).toBe('[]');
      expect(k1Later!.last_heartbeat_ms).toBeGreaterThanOrEqual(hb2.before);
    });
  });
});

describe.each(STORAGES)('the reasons catalogue in the heartbeat, on %s', (kind) => {
  const heartbeat = (kioskId: string, reasons?: unknown) => ({
    protocol: 1,
    kioskId,
    unitCode: kiosk(kioskId).unitCode,
    kioskTime: new Date().toISOString(),
    queueDepth: 0,
    oldestPendingAt: null,
    lastDeliveryAt: null,
    appVersion: '0.1.0',
    ...(reasons === undefined ? {} : { reasons }),
  });
  const beat = (kioskId: string, reasons?: unknown) => post(opened.city.url, HEARTBEAT, heartbeat(kioskId, reasons), kiosk(kioskId).token);
  const labelsOf = async () =>
    (await opened.storage.reasonLabels()).map((r) => ({ unit: r.unit_code, key: r.reason_key, factor: r.factor, labels: JSON.parse(r.labels) as unknown }));

  it('keeps each unit’s latest label and factor per key; a retired key keeps its last one; another unit’s stay apart', async () => {
    opened = await open(kind);
    expect((await beat('kiosk-01')).status).toBe(200);
    expect(await labelsOf()).toEqual([]);
    const first = [
      { key: 'late', factor: 'D', labels: { vi: 'Trả kết quả trễ hẹn', en: 'Late result' } },
      { key: 'long_queue', factor: 'A', labels: { vi: 'Xếp hàng lâu' } },
      { key: 'other', factor: null, labels: { vi: 'Lý do khác', jra: 'Tơlơi pơkŏn' } },
    ];
    expect((await beat('kiosk-01', first)).status).toBe(200);
    // Another kiosk of the same unit, later, with "late" reworded and "long_queue" retired.
    expect((await beat('kiosk-02', [{ key: 'late', factor: 'B', labels: { vi: 'Trễ hẹn' } }, first[2]])).status).toBe(200);
    expect((await beat('kiosk-03', [{ key: 'late', factor: 'D', labels: { vi: 'Nhãn của đơn vị B' } }])).status).toBe(200);
    expect(await labelsOf()).toEqual([
      { unit: 'UNIT-A', key: 'late', factor: 'B', labels: { vi: 'Trễ hẹn' } },
      { unit: 'UNIT-A', key: 'long_queue', factor: 'A', labels: { vi: 'Xếp hàng lâu' } },
      { unit: 'UNIT-A', key: 'other', factor: null, labels: { vi: 'Lý do khác', jra: 'Tơlơi pơkŏn' } },
      { unit: 'UNIT-B', key: 'late', factor: 'D', labels: { vi: 'Nhãn của đơn vị B' } },
    ]);
    // An empty catalogue retires nothing; a heartbeat without one changes nothing.
    expect((await beat('kiosk-01', [])).status).toBe(200);
    expect((await beat('kiosk-01')).status).toBe(200);
    expect(await labelsOf()).toHaveLength(4);
  });

  it('refuses a malformed catalogue with 400 naming the field, storing nothing of that heartbeat and touching no rating', async () => {
    opened = await open(kind);
    const rating = wireRating({ seq: 1, createdAt: at(dayAgo(1)), level: 2, reasons: ['late'] });
    expect((await send('kiosk-01', [rating])).json.accepted).toEqual([rating.id]);
    const ok = { key: 'late', factor: 'D', labels: { vi: 'Trễ hẹn' } };
    expect((await beat('kiosk-01', [ok])).status).toBe(200);
    const before = { labels: await labelsOf(), health: await opened.storage.kioskHealth() };
    const cases: [unknown, string][] = [
      [[{ ...ok, key: 'Late-Result' }], 'reasons.0.key'],
      [[{ ...ok, key: '' }], 'reasons.0.key'],
      [Array.from({ length: 13 }, (_, i) => ({ ...ok, key: `r${i}` })), 'reasons'],
      [[ok, { key: 'fees', factor: 'B', labels: { en: 'Fees' } }], 'reasons.1.labels.vi'],
      [[{ ...ok, labels: { vi: 'x'.repeat(81) } }], 'reasons.0.labels.vi'],
      [[{ ...ok, labels: { vi: '   ' } }], 'reasons.0.labels.vi'],
      [[{ ...ok, labels: { vi: 'Trễ hẹn', 'not a code': 'x' } }], 'reasons.0.labels.not a code'],
      [[{ ...ok, factor: 'E' }], 'reasons.0.factor'],
      [[ok, ok], 'reasons.1.key'],
      [[{ ...ok, extra: 1 }], 'reasons.0.extra'],
      ['late', 'reasons'],
    ];
    for (const [reasons, field] of cases) {
      const res = await beat('kiosk-01', reasons);
      expect(res.status, field).toBe(400);
      expect(res.json.error, field).toMatchObject({ code: 'invalid_request', field });
    }
    expect(await labelsOf()).toEqual(before.labels);
    expect(await opened.storage.kioskHealth()).toEqual(before.health);
    expect(await opened.storage.reasonTally(dayAgo(1), dayAgo(1), null)).toEqual([{ unit_code: 'UNIT-A', reason_key: 'late', n: 1 }]);
    expect((await send('kiosk-01', [rating])).json.duplicates).toEqual([rating.id]);
  });
});

/** A rating as the previous receiver version stored it. */
interface OldRow {
  kioskId: string;
  unitCode: string;
  r: WireRating;
  receivedAtMs: number;
  /** Kept apart as a dossier's later rating. */
  repeat?: boolean;
}

const OLD: OldRow[] = [
  {
    kioskId: 'kiosk-01',
    unitCode: 'UNIT-A',
    r: wireRating({ seq: 1, createdAt: at('2026-03-02'), level: 5, counterId: 'Q1', officerId: 'CB-01' }),
    receivedAtMs: 1_000,
  },
  {
    kioskId: 'kiosk-01',
    unitCode: 'UNIT-A',
    r: wireRating({ seq: 2, createdAt: at('2026-03-02'), level: 5, counterId: 'Q1', officerId: 'CB-01' }),
    receivedAtMs: 1_000,
  },
  {
    kioskId: 'kiosk-01',
    unitCode: 'UNIT-A',
    r: wireRating({ seq: 3, createdAt: at('2026-03-02'), level: 2, counterId: null, misuseFlag: true, reasons: ['fees'] }),
    receivedAtMs: 2_000,
  },
  {
    kioskId: 'kiosk-01',
    unitCode: 'UNIT-A',
    r: wireRating({ seq: 4, createdAt: at('2026-03-03'), level: 4, counterId: 'Q2', dossierCode: 'D-1', dossierCapture: 'qr' }),
    receivedAtMs: 3_000,
  },
  {
    kioskId: 'kiosk-02',
    unitCode: 'UNIT-A',
    r: wireRating({ seq: 1, createdAt: at('2026-03-03'), level: 2, counterId: 'Q3', dossierCode: 'D-1', dossierCapture: 'qr', reasons: ['late'] }),
    receivedAtMs: 9_000,
    repeat: true,
  },
  {
    kioskId: 'kiosk-02',
    unitCode: 'UNIT-A',
    r: wireRating({ seq: 2, createdAt: at('2026-03-03'), level: 4, counterId: 'Q3', officerId: 'CB-03' }),
    receivedAtMs: 4_000,
  },
  {
    kioskId: 'kiosk-03',
    unitCode: 'UNIT-B',
    r: wireRating({ seq: 1, createdAt: at('2026-03-02'), level: 4, counterId: 'Q1', officerId: 'CB-01' }),
    receivedAtMs: 5_000,
  },
  {
    kioskId: 'kiosk-03',
    unitCode: 'UNIT-B',
    r: wireRating({ seq: 2, createdAt: at('2026-03-03'), level: 2, counterId: 'Q1', reasons: ['late', 'own_key'] }),
    receivedAtMs: 4_500,
  },
  {
    kioskId: 'kiosk-03',
    unitCode: 'UNIT-B',
    r: wireRating({ seq: 3, createdAt: at('2026-03-04'), level: 2, counterId: 'Q1', reasons: ['late'] }),
    receivedAtMs: 4_600,
  },
];
const OLD_HEARTBEATS = [
  ['kiosk-01', 'UNIT-A', 7_000, 1_234, '{"old":1}'],
  ['kiosk-04', 'UNIT-B', 8_000, -50, '{"old":4}'],
] as const;
const oldValues = (o: OldRow) => [
  o.r.id,
  o.kioskId,
  o.unitCode,
  o.r.seq,
  o.r.createdAt,
  o.r.createdAt.slice(0, 10),
  o.r.scale,
  o.r.level,
  o.r.misuseFlag ? 1 : 0,
  canonicalRatingContent(o.kioskId, o.unitCode, o.r),
  o.receivedAtMs,
  o.r.dossierCode,
];
const OLD_COLUMNS = 'id, kiosk_id, unit_code, seq, created_at, local_day, scale, level, misuse_flag, content, received_at_ms, dossier_code';

/**
 * The database as an earlier version left it, through that version's own migrations: by
 * default the one before the roll-up (SQLite 6, PostgreSQL 2).
 */
async function previousVersion(kind: StorageKind, where: string, versions = { sqlite: 6, postgres: 2 }): Promise<void> {
  if (kind === 'sqlite') {
    const db = openReceiverDb(where, { upToVersion: versions.sqlite });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(versions.sqlite);
      db.transaction(() => {
        for (const o of OLD) {
          db.prepare(`INSERT INTO ${o.repeat ? 'ratings_dossier_repeat' : 'ratings'} (${OLD_COLUMNS}) VALUES (${Array(12).fill('?').join(', ')})`).run(
            ...oldValues(o),
          );
        }
        for (const h of OLD_HEARTBEATS)
          db.prepare('INSERT INTO kiosks (kiosk_id, unit_code, last_heartbeat_ms, clock_skew_ms, heartbeat) VALUES (?, ?, ?, ?, ?)').run(...h);
      })();
    } finally {
      db.close();
    }
    return;
  }
  const pool = new pg.Pool({ connectionString: where, max: 1 });
  try {
    await migrate(pool, versions.postgres);
    expect((await pool.query('SELECT max(version) AS v FROM schema_migrations')).rows[0].v).toBe(versions.postgres);
    for (const o of OLD) {
      await pool.query(`INSERT INTO received_ratings (${OLD_COLUMNS}, dossier_repeat) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`, [
        ...oldValues(o),
        o.repeat === true,
      ]);
    }
    for (const h of OLD_HEARTBEATS)
      await pool.query('INSERT INTO kiosks (kiosk_id, unit_code, last_heartbeat_ms, clock_skew_ms, heartbeat) VALUES ($1, $2, $3, $4, $5)', [...h]);
  } finally {
    await pool.end();
  }
}

describe.each(STORAGES)('upgrading a %s database of the previous version', (kind) => {
  it('back-fills the roll-up from the kept ratings and kiosk health from what it held, then keeps adding to them', async () => {
    opened = await open(kind, { prepare: (where) => previousVersion(kind, where) });
    const { storage } = opened;
    const [from, to] = ['2026-03-01', '2026-03-31'];
    const kept = OLD.filter((o) => !o.repeat).map((o) => ({ unit: o.unitCode, r: o.r }));
    expect(await storage.unitDayTally(from, to)).toEqual(expectedUnitDays(kept, from, to));
    expect(summedByUnit(await storage.unitDayTally(from, to))).toEqual(sortTally(await storage.tally(from, to)));
    expect(await storage.staffTally('UNIT-A', from, to)).toEqual([
      { counter_id: '', officer_id: '', level: 2, misuse_flag: 1, n: 1 },
      { counter_id: 'Q1', officer_id: 'CB-01', level: 5, misuse_flag: 0, n: 2 },
      { counter_id: 'Q2', officer_id: '', level: 4, misuse_flag: 0, n: 1 },
      { counter_id: 'Q3', officer_id: 'CB-03', level: 4, misuse_flag: 0, n: 1 },
    ]);
    expect(await storage.staffTally('UNIT-B', from, to)).toEqual(expectedStaff(kept, 'UNIT-B', from, to));
    // The last batch is the latest receipt among a kiosk's ratings, kept-apart ones included.
    const health = { heartbeat: null, last_heartbeat_ms: null, clock_skew_ms: null, reconciliation: null };
    expect(await storage.kioskHealth()).toEqual([
      {
        kiosk_id: 'kiosk-01',
        unit_code: 'UNIT-A',
        last_heartbeat_ms: 7_000,
        clock_skew_ms: 1_234,
        heartbeat: '{"old":1}',
        reconciliation: null,
        last_batch_ms: 3_000,
      },
      { ...health, kiosk_id: 'kiosk-02', unit_code: 'UNIT-A', last_batch_ms: 9_000 },
      { ...health, kiosk_id: 'kiosk-03', unit_code: 'UNIT-B', last_batch_ms: 5_000 },
      {
        kiosk_id: 'kiosk-04',
        unit_code: 'UNIT-B',
        last_heartbeat_ms: 8_000,
        clock_skew_ms: -50,
        heartbeat: '{"old":4}',
        reconciliation: null,
        last_batch_ms: null,
      },
    ]);

    // A re-send of an old rating changes nothing; a new one adds to the back-filled rows.
    const fresh = wireRating({ seq: 10, createdAt: at('2026-03-02'), level: 5, counterId: 'Q1', officerId: 'CB-01' });
    const res = await send('kiosk-01', [OLD[0]!.r, fresh]);
    expect(res.json).toEqual({ accepted: [fresh.id], duplicates: [OLD[0]!.r.id], dossierRated: [], rejected: [] });
    expect(await storage.unitDayTally('2026-03-02', '2026-03-02')).toContainEqual({
      local_day: '2026-03-02',
      unit_code: 'UNIT-A',
      level: 5,
      misuse_flag: 0,
      n: 3,
    });
    expect(await storage.staffTally('UNIT-A', '2026-03-02', '2026-03-02')).toContainEqual({
      counter_id: 'Q1',
      officer_id: 'CB-01',
      level: 5,
      misuse_flag: 0,
      n: 3,
    });
    expect(summedByUnit(await storage.unitDayTally(from, to))).toEqual(sortTally(await storage.tally(from, to)));
    expect(await storage.reasonTally(from, to, null)).toEqual(expectedReasons(kept, from, to));
  });
});

describe.each(STORAGES)('upgrading a %s database of the version before reasons', (kind) => {
  it('back-fills the reasons roll-up from the kept, unflagged ratings, then keeps adding to it; no labels yet', async () => {
    opened = await open(kind, { prepare: (where) => previousVersion(kind, where, { sqlite: 7, postgres: 3 }) });
    const { storage } = opened;
    const [from, to] = ['2026-03-01', '2026-03-31'];
    const kept = OLD.filter((o) => !o.repeat).map((o) => ({ unit: o.unitCode, r: o.r }));
    // Neither the flagged rating's "fees" nor the kept-apart one's "late".
    expect(await storage.reasonTally(from, to, null)).toEqual([
      { unit_code: 'UNIT-B', reason_key: 'late', n: 2 },
      { unit_code: 'UNIT-B', reason_key: 'own_key', n: 1 },
    ]);
    expect(await storage.reasonTally(from, to, null)).toEqual(expectedReasons(kept, from, to));
    expect(await storage.reasonTally('2026-03-04', '2026-03-04', 'UNIT-B')).toEqual([{ unit_code: 'UNIT-B', reason_key: 'late', n: 1 }]);
    expect(await storage.reasonLabels()).toEqual([]);

    const fresh = wireRating({ seq: 10, createdAt: at('2026-03-03'), level: 2, reasons: ['own_key'] });
    const res = await send('kiosk-03', [OLD[6]!.r, fresh]);
    expect(res.json).toEqual({ accepted: [fresh.id], duplicates: [OLD[6]!.r.id], dossierRated: [], rejected: [] });
    expect(await storage.reasonTally(from, to, 'UNIT-B')).toEqual([
      { unit_code: 'UNIT-B', reason_key: 'late', n: 2 },
      { unit_code: 'UNIT-B', reason_key: 'own_key', n: 2 },
    ]);
  });
});
