// Starts the reference receiver in-process on 127.0.0.1 with a fresh data directory (or a
// fresh PostgreSQL database) and known tokens, and gives tests a direct look at what it stored.
import pg from 'pg';
import { createCityServer, type CityServerOptions } from '../../server/city-server';
import type { ReceiverDb } from '../../server/receiver-db';
import { testDatabase } from './postgres';
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

type TestServerOptions = Partial<Omit<CityServerOptions, 'tokens'>> & { kiosks?: { kioskId: string; unitCode: string; token: string }[] };

function serverOptions(opts: TestServerOptions): Omit<CityServerOptions, 'dataDir' | 'databaseUrl'> {
  return {
    // Fixtures carry fixed 2026 dates, and tests send faster than any kiosk: the window and
    // the limits are the product's only where a test asks for them.
    acceptWindow: { maxAgeDays: 36_500, maxAheadDays: 1 },
    rateLimits: { requestsPerMinute: 1_000_000, ratingsPerDay: 100_000_000 },
    ...opts,
    host: '127.0.0.1',
    tokens: {
      kiosks: opts.kiosks ?? [{ kioskId: TEST_KIOSK_ID, unitCode: TEST_UNIT_CODE, token: TEST_KIOSK_TOKEN }],
      readers: [{ name: 'tests', token: TEST_READER_TOKEN }],
    },
  };
}

/** The embedded receiver (SQLite), with synchronous looks at its file. */
export async function startCityServer(opts: TestServerOptions = {}): Promise<TestCityServer> {
  // A directory made here is removed on close(); one the test passed in is the test's.
  let own: ReturnType<typeof tempDir> | null = null;
  const dataDir = opts.dataDir ?? (own = tempDir('city-server-')).dir;
  let server;
  try {
    server = await createCityServer({ ...serverOptions(opts), dataDir });
  } catch (error) {
    own?.cleanup();
    throw error;
  }
  if (server.storage.kind !== 'sqlite') throw new Error('startCityServer is the SQLite receiver; use startReceiver for PostgreSQL');
  const db = (server.storage as unknown as { db: ReceiverDb }).db;
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

export type StorageKind = 'sqlite' | 'postgres';
/** Every storage the receiver offers: the server tests run once on each. */
export const STORAGES: readonly StorageKind[] = ['sqlite', 'postgres'];

/** int8 as a number, as the receiver reads it, so that COUNT(*) compares equal on both. */
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface TestReceiver {
  url: string;
  storage: StorageKind;
  /** For PostgreSQL, the database's URL (for more receivers or a look with psql). */
  databaseUrl: string | null;
  /** Read-only SQL that both storages understand (the same table names on both). */
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** id → canonical content of the ratings kept (tallied). */
  stored(): Promise<Map<string, string>>;
  count(): Promise<number>;
  /** 'ok', or what is wrong with the stored data. */
  integrityCheck(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The receiver on either storage. For PostgreSQL, a fresh database on the run's cluster
 * (dropped on close), unless `databaseUrl` names one the test owns.
 */
export async function startReceiver(storage: StorageKind, opts: TestServerOptions = {}): Promise<TestReceiver> {
  if (storage === 'sqlite') {
    const c = await startCityServer(opts);
    return {
      url: c.url,
      storage,
      databaseUrl: null,
      query: async <T>(sql: string) => c.db.prepare(sql).all() as T[],
      stored: async () => c.stored(),
      count: async () => c.count(),
      integrityCheck: async () => c.integrityCheck(),
      close: () => c.close(),
    };
  }
  const fresh = opts.databaseUrl ? null : await testDatabase();
  const databaseUrl = opts.databaseUrl ?? fresh!.url;
  let server;
  try {
    server = await createCityServer({ ...serverOptions(opts), databaseUrl });
  } catch (error) {
    await fresh?.drop();
    throw error;
  }
  const look = new pg.Pool({ connectionString: databaseUrl, max: 2, types: pgTypes });
  const query = async <T>(sql: string) => (await look.query(sql)).rows as T[];
  return {
    url: server.url,
    storage,
    databaseUrl,
    query,
    stored: async () => new Map((await query<{ id: string; content: string }>('SELECT id, content FROM ratings')).map((r) => [r.id, r.content])),
    count: async () => (await query<{ n: number }>('SELECT COUNT(*) AS n FROM ratings'))[0]!.n,
    integrityCheck: async () => {
      // What the schema promises, checked from outside: one kept rating per unit and dossier,
      // every index consistent with its table (amcheck, from postgresql-contrib).
      const twice = await query<{ n: number }>(
        'SELECT COUNT(*) AS n FROM (SELECT 1 FROM ratings WHERE dossier_code IS NOT NULL GROUP BY unit_code, dossier_code HAVING COUNT(*) > 1) d',
      );
      if (twice[0]!.n !== 0) return `${twice[0]!.n} dossiers kept twice`;
      await look.query('CREATE EXTENSION IF NOT EXISTS amcheck');
      await look.query(
        `SELECT bt_index_check(c.oid, true) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE a.amname = 'btree' AND n.nspname = 'public'`,
      );
      return 'ok';
    },
    close: async () => {
      await server.close();
      await look.end();
      await fresh?.drop();
    },
  };
}
