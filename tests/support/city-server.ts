// Starts the reference receiver in-process on 127.0.0.1 with a fresh data directory and
// known tokens, and gives tests a direct look at what it stored.
import { createCityServer, type CityServerOptions } from '../../server/city-server';
import type { ReceiverDb } from '../../server/receiver-db';
import { tempDir } from './temp-db';
import { TEST_KIOSK_ID, TEST_UNIT_CODE } from './test-config';

// The kiosk and unit are the test configuration's (tests/support/test-config.ts), so a kiosk
// built with its defaults is the one this receiver's token belongs to.
export { TEST_KIOSK_ID, TEST_UNIT_CODE };
export const TEST_KIOSK_TOKEN = 'kiosk-01-token-0123456789';
export const TEST_READER_TOKEN = 'reader-token-0123456789abc';

export interface TestCityServer {
  url: string;
  dataDir: string;
  db: ReceiverDb;
  /** id → canonical content, straight from the receiver's table. */
  stored(): Map<string, string>;
  count(): number;
  integrityCheck(): string;
  close(): Promise<void>;
}

export async function startCityServer(
  opts: Partial<Omit<CityServerOptions, 'tokens'>> & { kiosks?: { kioskId: string; unitCode: string; token: string }[] } = {},
): Promise<TestCityServer> {
  // A directory made here is removed on close(); one the test passed in is the test's.
  let own: ReturnType<typeof tempDir> | null = null;
  const dataDir = opts.dataDir ?? (own = tempDir('city-server-')).dir;
  const server = await createCityServer({
    // Fixtures carry fixed 2026 dates, and tests send faster than any kiosk: the window and
    // the limits are the product's only where a test asks for them.
    acceptWindow: { maxAgeDays: 36_500, maxAheadDays: 1 },
    rateLimits: { requestsPerMinute: 1_000_000, ratingsPerDay: 100_000_000 },
    ...opts,
    dataDir,
    host: '127.0.0.1',
    tokens: {
      kiosks: opts.kiosks ?? [{ kioskId: TEST_KIOSK_ID, unitCode: TEST_UNIT_CODE, token: TEST_KIOSK_TOKEN }],
      readers: [{ name: 'tests', token: TEST_READER_TOKEN }],
    },
  });
  const db = server.db;
  return {
    url: server.url,
    dataDir,
    db,
    stored: () =>
      new Map(
        db
          .prepare<[], { id: string; content: string }>('SELECT id, content FROM ratings')
          .all()
          .map((r) => [r.id, r.content]),
      ),
    count: () => db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM ratings').get()!.n,
    integrityCheck: () => String(db.pragma('integrity_check', { simple: true })),
    close: async () => {
      await server.close();
      own?.cleanup();
    },
  };
}
