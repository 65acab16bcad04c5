// The kiosk's wall clock jumps backwards and forwards by hours and days (staff fixing it, a
// dead CMOS battery, NTP) while ratings are taken and uploaded to the real receiver. What
// must hold: ids and sequence numbers stay unique and ordered by arrival, each rating keeps
// the local day its own clock said, uploads carry the offset the heartbeat measured, the
// receiver can tally by the day it received them, a rating two days ahead is refused one
// by one, and a purge after a jump never takes a pending rating.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskConfigSchema, type KioskConfig } from '../../../shared/config-schema';
import { zonedParts } from '../../../shared/local-time';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { createRatingStore, type RatingRow } from '../../../electron/services/db/rating-store';
import { createTallyQueries } from '../../../electron/services/db/tally-queries';
import { silentLogger } from '../../../electron/services/logger';
import { createRatingService } from '../../../electron/services/rating-service';
import { createTallyService } from '../../../electron/services/reports/tally-service';
import { createSyncService } from '../../../electron/services/sync/sync-service';
import { startCityServer, TEST_KIOSK_ID, TEST_KIOSK_TOKEN, TEST_READER_TOKEN, TEST_UNIT_CODE, type TestCityServer } from '../../support/city-server';
import { tempDir } from '../../support/temp-db';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONE = 'Asia/Ho_Chi_Minh';

let city: TestCityServer;
let t: ReturnType<typeof tempDir>;
let db: Db;
let config: KioskConfig;
/** The kiosk's wall clock (jumps) and its monotonic clock (only ever moves forward). */
const clock = { wall: 0, mono: 0 };

beforeAll(async () => {
  // The receiver keeps the product's window of accepted times, on its own (true) clock.
  city = await startCityServer({ acceptWindow: { maxAgeDays: 400, maxAheadDays: 1 } });
  t = tempDir('kiosk-clock-');
  db = openDatabase(path.join(t.dir, 'ratings.db'));
  config = KioskConfigSchema.parse({
    unit: { code: TEST_UNIT_CODE, name: 'Đơn vị thử' },
    kiosk: { id: TEST_KIOSK_ID },
    timezone: ZONE,
    retentionDays: 30,
    // A real cool-down and burst guard: a jump must not trip them.
    misuse: { cooldownSeconds: 3, burstCount: 5, burstWindowSeconds: 60 },
    server: { url: city.url, token: TEST_KIOSK_TOKEN, intervalSeconds: 3600, batchSize: 50, timeoutSeconds: 5 },
  });
});

afterAll(async () => {
  db.close();
  await city.close();
  t.cleanup();
});

const localDay = (ms: number) => zonedParts(ms, ZONE).day;

describe('the wall clock jumps while ratings are taken and uploaded', () => {
  it('keeps ids, order, local days, offsets and tallies right, and refuses only what is two days ahead', async () => {
    const sync = createSyncService({ db, config, appVersion: 't', logger: silentLogger, now: () => clock.wall, startDelayMs: 0 });
    // Wired as the backend wires them: each rating records the offset last measured.
    const ratings = createRatingService({
      store: createRatingStore(db),
      config,
      appVersion: 't',
      now: () => clock.wall,
      monotonicNow: () => clock.mono,
      clockOffsetMs: sync.clockOffsetMs,
    });
    const expectedDays: string[] = [];
    const tap = (level: 2 | 4 | 5) => {
      clock.mono += 10 * 60_000; // ten minutes between citizens, whatever the wall clock says
      const r = ratings.submit({ level, language: 'vi' });
      expect(r.ok && r.value.stored, JSON.stringify(r)).toBe(true);
      expectedDays.push(localDay(clock.wall));
    };

    const today = localDay(Date.now());
    // Just before and just after the kiosk's midnight, then back and forth by hours.
    const midnight = Date.parse(`${today}T00:00:00+07:00`);
    clock.wall = midnight - 100;
    tap(5);
    clock.wall = midnight + 100;
    tap(4);
    clock.wall = Date.now();
    tap(5);
    clock.wall -= 5 * HOUR; // set back five hours
    tap(2);
    tap(5);
    // The citizens' follow-up and thank-you screens pass; the rating made before the jump,
    // whose settling time is five hours ahead on the new clock, goes too.
    clock.wall += 2 * 60_000;
    // A heartbeat now measures the offset; ratings after it carry it.
    expect(await sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 5 });
    const offset = sync.clockOffsetMs();
    expect(offset).not.toBeNull();
    expect(Math.abs(offset! - (Date.now() - clock.wall))).toBeLessThan(2_000);
    tap(4);
    clock.wall += 2 * 60_000;
    clock.wall += 5 * HOUR + 3 * HOUR; // corrected, and overshoots by three hours
    tap(5);
    clock.wall += 2 * DAY; // a day and more ahead of the city: refused one by one
    tap(5);
    tap(4);
    clock.wall += 2 * 60_000;

    const rows = db.prepare<[], RatingRow>('SELECT * FROM ratings ORDER BY seq').all();
    expect(rows).toHaveLength(9);
    // Unique ids; sequence numbers strictly follow the order of the taps, not the clock.
    expect(new Set(rows.map((r) => r.id)).size).toBe(9);
    expect(rows.map((r) => r.seq)).toEqual([...rows.map((r) => r.seq)].sort((a, b) => a - b));
    expect(rows.map((r) => r.local_day)).toEqual(expectedDays);
    expect(rows.some((r) => r.misuse_flag === 1)).toBe(false);
    // The kiosk's own tally counts each rating on the day its clock said.
    const tally = createTallyService(createTallyQueries(db), config);
    const yesterday = localDay(midnight - 100);
    const ofDay = (d: string) => expectedDays.filter((x) => x === d).length;
    const t1 = tally.compute(yesterday, yesterday);
    expect(t1.ok && t1.value.total).toBe(ofDay(yesterday));
    const t2 = tally.compute(today, today);
    expect(t2.ok && t2.value.total).toBe(ofDay(today));

    // Upload the rest: the ones two days ahead are refused with their reason, kept for IT.
    // The delivery (clock.wall far ahead) must not let a purge run on pending ratings either.
    expect(await sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 2, rejected: 2 });
    const after = db.prepare<[], RatingRow>('SELECT * FROM ratings ORDER BY seq').all();
    expect(after.slice(-2).map((r) => [r.upload_state, r.reject_reason])).toEqual([
      ['rejected', 'created_at_in_future'],
      ['rejected', 'created_at_in_future'],
    ]);
    const stored = city.stored();
    expect(stored.size).toBe(7);
    // Position 16 of the canonical content is clockOffsetMs: null before the first heartbeat.
    const offsets = after.slice(0, 7).map((r) => (JSON.parse(stored.get(r.id)!) as unknown[])[16]);
    expect(offsets.slice(0, 5)).toEqual([null, null, null, null, null]);
    expect(offsets[5]).toBe(offset);
    expect(offsets[6]).toBe(offset);

    // The city can count by the day it received them, whatever the kiosk's clock said.
    const q = async (by: string) => {
      const res = await fetch(new URL(`/v1/tally?from=${today}&to=${today}&by=${by}`, city.url), { headers: { authorization: `Bearer ${TEST_READER_TOKEN}` } });
      return ((await res.json()) as { total: number }).total;
    };
    const receivedToday = localDay(Date.now()) === today ? 7 : 0;
    expect(await q('received')).toBe(receivedToday);
    expect(await q('created')).toBe(after.slice(0, 7).filter((r) => r.local_day === today).length);
  });

  it('a purge after a jump a year ahead takes delivered ratings only, never pending or rejected ones', async () => {
    const sync = createSyncService({ db, config, appVersion: 't', logger: silentLogger, now: () => clock.wall, startDelayMs: 0 });
    const before = db.prepare<[], RatingRow>('SELECT * FROM ratings ORDER BY seq').all();
    // A pending rating the server will not take either (a year ahead of it).
    const ratings = createRatingService({ store: createRatingStore(db), config, appVersion: 't', now: () => clock.wall, monotonicNow: () => clock.mono });
    clock.wall += 365 * DAY;
    clock.mono += 60_000;
    const pending = ratings.submit({ level: 5, language: 'vi' });
    expect(pending.ok && pending.value.stored).toBe(true);
    db.prepare(`UPDATE ratings SET settle_after_ms = ? WHERE id = ?`).run(clock.wall + DAY, pending.ok ? pending.value.id : '');
    sync.start();
    await sync.syncNow();
    sync.stop();
    await sync.idle();
    const left = db.prepare<[], RatingRow>('SELECT * FROM ratings ORDER BY seq').all();
    // Every delivered one is past the 30-day retention by the jumped clock and went.
    expect(left.filter((r) => r.upload_state === 'delivered')).toEqual([]);
    expect(left.map((r) => r.id)).toEqual([...before.filter((r) => r.upload_state !== 'delivered').map((r) => r.id), pending.ok ? pending.value.id : '']);
    // The sequence never goes back, even after the rows below it were purged.
    clock.mono += 60_000;
    const next = ratings.submit({ level: 4, language: 'vi' });
    expect(next.ok && next.value.seq).toBeGreaterThan(Math.max(...before.map((r) => r.seq)));
  });
});
