// Retention is a promise about bytes, not rows: once a delivered rating is purged, its
// comment is found neither in ratings.db nor in its WAL, with the real scheduler doing the
// purge on its own connection.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCityServer, TEST_KIOSK_ID, TEST_UNIT_CODE, type TestCityServer } from '../../support/city-server';
import { insertRatings } from '../../support/rating-fixtures';
import { kioskUnderTest, testConfig, type KioskUnderTest } from './kiosk-under-test';

const COMMENT = 'Cán bộ thu thêm 200.000 đồng, số điện thoại 0912 345 678';

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

const holds = (file: string) => fs.existsSync(file) && fs.readFileSync(file).includes(Buffer.from(COMMENT, 'utf8'));

describe('retention purge', () => {
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
