// The uploader against the real reference receiver over HTTP on 127.0.0.1.
import fs from 'node:fs';
import path from 'node:path';
import { Agent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isoWithOffset } from '../../../shared/local-time';
import { createUploadQueries } from '../../../electron/services/db/upload-queries';
import { silentLogger } from '../../../electron/services/logger';
import { runSync } from '../../../electron/services/sync/sync-run';
import { startCityServer, TEST_KIOSK_ID, TEST_UNIT_CODE, type TestCityServer } from '../../support/city-server';
import { insertRatings } from '../../support/rating-fixtures';
import { kioskUnderTest, testConfig, type KioskUnderTest } from './kiosk-under-test';

const COMMENT = 'Cán bộ thu thêm 200.000 đồng, số điện thoại 0912 345 678';
const holds = (file: string) => fs.existsSync(file) && fs.readFileSync(file).includes(Buffer.from(COMMENT, 'utf8'));

let city: TestCityServer;
let kiosk: KioskUnderTest | null = null;

beforeEach(async () => {
  city = await startCityServer();
});
afterEach(async () => {
  await kiosk?.close();
  kiosk = null;
  await city.close();
});

describe('upload to the reference receiver', () => {
  it('delivers every settled rating once, with the kiosk content, in batches, oldest first', async () => {
    kiosk = kioskUnderTest(testConfig(city.url, { batchSize: 40 }));
    kiosk.seed(130);
    const result = await kiosk.sync.syncNow();
    expect(result).toMatchObject({ stop: { kind: 'done' }, delivered: 130, rejected: 0 });
    // 1 heartbeat + ceil(130 / 40) batches
    expect(result!.requests).toBe(1 + 4);
    expect(city.stored()).toEqual(kiosk.expectedContent());
    const rows = kiosk.rows();
    expect(rows.every((r) => r.upload_state === 'delivered' && r.delivered_at_ms !== null)).toBe(true);
    // oldest first: delivery times never go down along the sequence
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.delivered_at_ms!).toBeGreaterThanOrEqual(rows[i - 1]!.delivered_at_ms!);
    const status = kiosk.sync.status();
    expect(status).toMatchObject({ state: 'idle', pending: 0, rejected: 0, oldestPendingAt: null, lastError: null });
    expect(status.lastSuccessAt).toMatch(/\+07:00$/);
    expect(Math.abs(status.clockOffsetMs!)).toBeLessThan(1000);
  });

  it('drains a long queue in pipelined batches and delivers every rating once', async () => {
    kiosk = kioskUnderTest(testConfig(city.url));
    kiosk.seed(1500);
    const dispatcher = new Agent();
    const result = await runSync({
      queries: createUploadQueries(kiosk.db),
      dispatcher,
      now: Date.now,
      logger: silentLogger,
      serverUrl: city.url,
      token: kiosk.config.server.token,
      timeoutMs: 10_000,
      batch: { size: 50 },
      appVersion: 'test',
      kioskId: kiosk.config.kiosk.id,
      unitCode: kiosk.config.unit.code,
      isoTime: (ms) => isoWithOffset(ms, 420),
      heartbeat: false,
    }).finally(() => dispatcher.close());
    expect(result).toMatchObject({ stop: { kind: 'done' }, delivered: 1500, requests: 30 });
    expect(city.stored()).toEqual(kiosk.expectedContent());
  });

  it('leaves ratings whose follow-up may still amend them for a later run', async () => {
    kiosk = kioskUnderTest(testConfig(city.url));
    kiosk.seed(3);
    const future = Date.now() + 60_000;
    kiosk.db.prepare('UPDATE ratings SET settle_after_ms = ? WHERE seq = 2').run(future);
    const result = await kiosk.sync.syncNow();
    expect(result).toMatchObject({ stop: { kind: 'done' }, delivered: 2 });
    expect(kiosk.rows().map((r) => r.upload_state)).toEqual(['delivered', 'pending', 'delivered']);
    expect(kiosk.sync.status().pending).toBe(1);
  });

  it('a re-sent id with the same content is a duplicate (delivered); with other content it is rejected as a conflict', async () => {
    kiosk = kioskUnderTest(testConfig(city.url));
    kiosk.seed(10);
    await kiosk.sync.syncNow();
    const [a, b] = kiosk.rows();
    // As if the acknowledgement had been lost: same content again.
    kiosk.db.prepare(`UPDATE ratings SET upload_state = 'pending', delivered_at_ms = NULL WHERE id = ?`).run(a!.id);
    // A rating whose content changed after delivery: the receiver must not overwrite it.
    kiosk.db.prepare(`UPDATE ratings SET upload_state = 'pending', delivered_at_ms = NULL, level = 4 + (level = 4) WHERE id = ?`).run(b!.id);
    const before = city.stored();
    const result = await kiosk.sync.syncNow();
    expect(result).toMatchObject({ stop: { kind: 'done' }, delivered: 1, rejected: 1 });
    const rows = new Map(kiosk.rows().map((r) => [r.id, r]));
    expect(rows.get(a!.id)).toMatchObject({ upload_state: 'delivered' });
    expect(rows.get(b!.id)).toMatchObject({ upload_state: 'rejected', reject_reason: 'conflict' });
    expect(city.stored()).toEqual(before);
    expect(kiosk.sync.status()).toMatchObject({ pending: 0, rejected: 1 });
  });

  it('bisects a refused batch down to the one bad rating, rejects it with the reason, and delivers the rest', async () => {
    kiosk = kioskUnderTest(testConfig(city.url, { batchSize: 64 }));
    kiosk.seed(40);
    // Level 3 does not exist on the 3-level scale: the database allows it, protocol v1 does not.
    const bad = kiosk.rows()[23]!;
    kiosk.db.prepare('UPDATE ratings SET level = 3 WHERE id = ?').run(bad.id);
    const result = await kiosk.sync.syncNow();
    expect(result).toMatchObject({ stop: { kind: 'done' }, delivered: 39, rejected: 1 });
    // log2(40) levels of halving, two requests each, plus the heartbeat and the first try
    expect(result!.requests).toBeLessThanOrEqual(2 + 2 * 6);
    const rejected = kiosk.rows().filter((r) => r.upload_state === 'rejected');
    expect(rejected.map((r) => r.id)).toEqual([bad.id]);
    expect(rejected[0]!.reject_reason).toMatch(/invalid: 400 invalid_request \(ratings\.\d+\.level\)/);
    expect(city.count()).toBe(39);
    expect(city.stored().has(bad.id)).toBe(false);
    // Rejected ratings are kept for IT and never retried automatically.
    const again = await kiosk.sync.syncNow();
    expect(again).toMatchObject({ delivered: 0, rejected: 0, requests: 1 });
  });

  it('a wrong token puts the uploader in auth_failed and retries only at the longest interval', async () => {
    const delays: number[] = [];
    const config = testConfig(city.url, { token: 'not-the-token', intervalSeconds: 2, backoff: { baseSeconds: 0.5, maxSeconds: 9 } });
    kiosk = kioskUnderTest(config, { timers: { setTimeout: (_fn, ms) => delays.push(ms), clearTimeout: () => {} } });
    kiosk.seed(5);
    kiosk.sync.start();
    const result = await kiosk.sync.syncNow();
    expect(result!.stop).toMatchObject({ kind: 'auth_failed' });
    expect(delays.at(-1)).toBe(9000);
    expect(kiosk.sync.status()).toMatchObject({ state: 'auth_failed', pending: 5, lastError: { code: 'auth_failed' } });
    expect(city.count()).toBe(0);
  });

  it('a token of another kiosk is refused (403) and nothing is stored', async () => {
    await city.close();
    city = await startCityServer({
      kiosks: [
        { kioskId: 'kiosk-01', unitCode: 'TEST-UNIT', token: 'kiosk-01-token-0123456789' },
        { kioskId: 'other', unitCode: 'TEST-UNIT', token: 'other-kiosk-token-0123456' },
      ],
    });
    kiosk = kioskUnderTest(testConfig(city.url, { token: 'other-kiosk-token-0123456' }));
    kiosk.seed(3);
    expect((await kiosk.sync.syncNow())!.stop).toMatchObject({ kind: 'auth_failed', detail: expect.stringContaining('403') });
    expect(city.count()).toBe(0);
  });

  it('with no server configured nothing is sent and the status says so', async () => {
    kiosk = kioskUnderTest(testConfig(''));
    kiosk.seed(4);
    kiosk.sync.start();
    expect(await kiosk.sync.syncNow()).toBeNull();
    expect(kiosk.sync.status()).toMatchObject({ state: 'disabled', pending: 4, nextAttemptAt: null });
  });

  it('purges delivered ratings past retention, never pending or rejected ones', async () => {
    kiosk = kioskUnderTest(testConfig(city.url));
    const old = Date.now() - 100 * 86_400_000;
    insertRatings(
      kiosk.db,
      [0, 1, 2, 3].map((i) => ({ at: old + i, level: 5 as const })),
      { kioskId: 'kiosk-01', unitCode: 'TEST-UNIT' },
    );
    kiosk.seed(2);
    const rows = kiosk.rows();
    kiosk.db.prepare(`UPDATE ratings SET upload_state = 'rejected', reject_reason = 'x' WHERE id = ?`).run(rows[1]!.id);
    // The old pending one must survive even though it is past retention.
    kiosk.db.prepare(`UPDATE ratings SET settle_after_ms = ? WHERE id = ?`).run(Date.now() + 600_000, rows[2]!.id);
    kiosk.sync.start();
    await kiosk.sync.syncNow();
    const left = kiosk.rows().map((r) => r.id);
    expect(left).toEqual([rows[1]!.id, rows[2]!.id, rows[4]!.id, rows[5]!.id]);
  });

  // Retention is a promise about bytes, not rows: the purged comment is found neither in
  // ratings.db nor in its WAL, with the real scheduler purging on its own connection.
  it('leaves no byte of a purged comment in ratings.db or its WAL', async () => {
    kiosk = kioskUnderTest(testConfig(city.url));
    const file = path.join(kiosk.dir, 'ratings.db');
    const old = Date.now() - 100 * 86_400_000;
    insertRatings(
      kiosk.db,
      [0, 1, 2].map((i) => ({ at: old + i, level: 2 as const, reasons: ['fees' as const] })),
      { kioskId: TEST_KIOSK_ID, unitCode: TEST_UNIT_CODE },
    );
    kiosk.db.prepare('UPDATE ratings SET comment = ? WHERE seq = (SELECT MIN(seq) FROM ratings)').run(COMMENT);
    kiosk.seed(30);
    expect(holds(file) || holds(`${file}-wal`)).toBe(true);
    kiosk.sync.start();
    const run = await kiosk.sync.syncNow();
    expect(run).toMatchObject({ stop: { kind: 'done' }, delivered: 33 });
    // The old ones were delivered and then purged in the same run; the new ones stay.
    expect(kiosk.rows()).toHaveLength(30);
    expect(holds(file)).toBe(false);
    expect(holds(`${file}-wal`)).toBe(false);
  });
});
