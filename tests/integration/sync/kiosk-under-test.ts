// A kiosk database in a temp dir with the sync service pointed at a test server, tuned so
// that timeouts and backoff take milliseconds.
import path from 'node:path';
import type { KioskConfig } from '../../../shared/config-schema';
import { canonicalRatingContent } from '../../../shared/upload-protocol';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import type { RatingRow } from '../../../electron/services/db/rating-store';
import { silentLogger } from '../../../electron/services/logger';
import { createSyncService, type SyncServiceDeps } from '../../../electron/services/sync/sync-service';
import { toWireRating } from '../../../electron/services/sync/wire-rating';
import { TEST_KIOSK_TOKEN } from '../../support/city-server';
import { generateRatings, insertRatings } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig, TEST_KIOSK_ID, TEST_UNIT_CODE, type TestConfigOverrides } from '../../support/test-config';

/**
 * The test kiosk (tests/support/test-config.ts) uploading to `serverUrl` with the receiver's
 * token; `server`, then `more`, are merged over these fast settings.
 */
export function testConfig(serverUrl: string, server: TestConfigOverrides['server'] = {}, ...more: TestConfigOverrides[]): KioskConfig {
  return parsedTestConfig(
    {
      unit: { name: 'Test unit' },
      server: {
        url: serverUrl,
        token: TEST_KIOSK_TOKEN,
        intervalSeconds: 0.05,
        batchSize: 50,
        timeoutSeconds: 0.5,
        backoff: { baseSeconds: 0.01, maxSeconds: 0.05 },
      },
    },
    { server },
    ...more,
  );
}

export interface KioskUnderTest {
  db: Db;
  dir: string;
  config: KioskConfig;
  sync: ReturnType<typeof createSyncService>;
  seed(n: number, seed?: number): void;
  rows(): RatingRow[];
  /** id → canonical content as the kiosk would send it. */
  expectedContent(): Map<string, string>;
  close(): Promise<void>;
}

export function kioskUnderTest(config: KioskConfig, extra: Partial<SyncServiceDeps> = {}): KioskUnderTest {
  const { dir, cleanup } = tempDir('kiosk-sync-');
  const db = openDatabase(path.join(dir, 'ratings.db'));
  const sync = createSyncService({ db, config, appVersion: '0.1.0-test', logger: silentLogger, startDelayMs: 0, ...extra });
  const rows = () => db.prepare<[], RatingRow>('SELECT * FROM ratings ORDER BY seq').all();
  return {
    db,
    dir,
    config,
    sync,
    seed(n, seed = 7) {
      const now = Date.now() - 60_000;
      insertRatings(
        db,
        [...generateRatings({ seed, fromDay: '2026-01-05', days: 1, perDay: n, comments: true })].map((r, i) => ({ ...r, at: now + i })),
        { kioskId: TEST_KIOSK_ID, unitCode: TEST_UNIT_CODE },
      );
    },
    rows,
    expectedContent: () => new Map(rows().map((r) => [r.id, canonicalRatingContent(r.kiosk_id, r.unit_code, toWireRating(r))])),
    async close() {
      sync.stop();
      await sync.idle();
      db.close();
      cleanup();
    },
  };
}
