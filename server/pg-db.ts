// The receiver on a province's PostgreSQL: the connection (node-postgres' Pool) and numbered
// migrations, applied at start under an advisory lock so that receiver processes started
// together (a service restart behind a load balancer) apply each exactly once.
import pg from 'pg';

/**
 * Every rating received, kept or kept apart, in one table keyed by its id: an id is unique
 * across both, so two processes can never store one id once in each. The views give the
 * same names as the embedded SQLite database (`ratings`, `ratings_dossier_repeat`) for
 * whoever reads the data with SQL. Keys compare byte by byte (COLLATE "C"), as in SQLite,
 * so tallies and exports come out in the same order from either storage.
 */
const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE received_ratings (
        id text COLLATE "C" PRIMARY KEY,
        kiosk_id text COLLATE "C" NOT NULL,
        unit_code text COLLATE "C" NOT NULL,
        seq bigint NOT NULL,
        created_at text NOT NULL,
        local_day text COLLATE "C" NOT NULL,
        scale smallint NOT NULL,
        level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
        misuse_flag smallint NOT NULL CHECK (misuse_flag IN (0, 1)),
        -- canonicalRatingContent(): what a re-sent id must match to be a duplicate
        content text NOT NULL,
        received_at_ms bigint NOT NULL,
        dossier_code text COLLATE "C",
        -- a later rating of a dossier its unit already rated: kept, never tallied
        dossier_repeat boolean NOT NULL DEFAULT false,
        CHECK (NOT dossier_repeat OR dossier_code IS NOT NULL)
      );
      -- One kept rating per unit and dossier code, whichever process receives it.
      CREATE UNIQUE INDEX ratings_unit_dossier ON received_ratings (unit_code, dossier_code)
        WHERE dossier_code IS NOT NULL AND NOT dossier_repeat;
      -- Tallies by day and the export's keyset pages (it ends with the id).
      CREATE INDEX ratings_tally ON received_ratings (local_day, unit_code, level, misuse_flag, id) WHERE NOT dossier_repeat;
      CREATE INDEX ratings_received ON received_ratings (received_at_ms) WHERE NOT dossier_repeat;
      CREATE VIEW ratings AS
        SELECT id, kiosk_id, unit_code, seq, created_at, local_day, scale, level, misuse_flag, content, received_at_ms, dossier_code
        FROM received_ratings WHERE NOT dossier_repeat;
      CREATE VIEW ratings_dossier_repeat AS
        SELECT id, kiosk_id, unit_code, seq, created_at, local_day, scale, level, misuse_flag, content, received_at_ms, dossier_code
        FROM received_ratings WHERE dossier_repeat;
      -- Survey contacts: personal data, a table of their own that no tally or export reads.
      CREATE TABLE contacts (
        id text COLLATE "C" PRIMARY KEY,
        kiosk_id text COLLATE "C" NOT NULL,
        unit_code text COLLATE "C" NOT NULL,
        phone text NOT NULL,
        created_at text NOT NULL,
        consent_version text NOT NULL,
        received_at_ms bigint NOT NULL
      );
      CREATE TABLE kiosks (
        kiosk_id text COLLATE "C" PRIMARY KEY,
        unit_code text COLLATE "C" NOT NULL,
        last_heartbeat_ms bigint NOT NULL,
        clock_skew_ms bigint NOT NULL,
        heartbeat text NOT NULL
      );
      -- Per-kiosk rate windows shared by every receiver process. Unlogged: no WAL, not
      -- replicated, emptied after a crash, which only ever lets a kiosk through sooner.
      CREATE UNLOGGED TABLE rate_windows (
        kiosk_id text COLLATE "C" NOT NULL,
        kind text COLLATE "C" NOT NULL,
        window_start bigint NOT NULL,
        used bigint NOT NULL,
        PRIMARY KEY (kiosk_id, kind)
      );
    `,
  },
  {
    // Reconciliation: what one kiosk's heartbeat says it delivered per day, against what is held.
    version: 2,
    sql: `CREATE INDEX received_ratings_kiosk_day ON received_ratings (kiosk_id, local_day);`,
  },
  {
    // The city dashboard's daily roll-up, kept up to date by each batch's own transaction, and
    // kiosk health (the last heartbeat's reconciliation, the last stored batch in a table of its
    // own): as in the SQLite database's version 7, which says why. Back-filled from the kept
    // ratings. A receiver process of the previous version still running would store ratings
    // the roll-up never counts: stop them all before starting this one (docs/city-server.md).
    version: 3,
    sql: `
      CREATE TABLE daily_unit_tally (
        local_day text COLLATE "C" NOT NULL,
        unit_code text COLLATE "C" NOT NULL,
        level smallint NOT NULL,
        misuse_flag smallint NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (local_day, unit_code, level, misuse_flag)
      );
      INSERT INTO daily_unit_tally (local_day, unit_code, level, misuse_flag, n)
        SELECT local_day, unit_code, level, misuse_flag, count(*) FROM received_ratings WHERE NOT dossier_repeat
        GROUP BY local_day, unit_code, level, misuse_flag;
      CREATE TABLE daily_staff_tally (
        local_day text COLLATE "C" NOT NULL,
        unit_code text COLLATE "C" NOT NULL,
        counter_id text COLLATE "C" NOT NULL,
        officer_id text COLLATE "C" NOT NULL,
        level smallint NOT NULL,
        misuse_flag smallint NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (unit_code, local_day, counter_id, officer_id, level, misuse_flag)
      );
      -- The counter and officer sit in the canonical content at 10 and 11 (canonicalRatingContent).
      INSERT INTO daily_staff_tally (local_day, unit_code, counter_id, officer_id, level, misuse_flag, n)
        SELECT local_day, unit_code, counter_id, officer_id, level, misuse_flag, count(*)
        FROM (
          SELECT local_day, unit_code, level, misuse_flag,
            COALESCE(content::jsonb ->> 10, '') AS counter_id, COALESCE(content::jsonb ->> 11, '') AS officer_id
          FROM received_ratings WHERE NOT dossier_repeat) AS r
        GROUP BY local_day, unit_code, counter_id, officer_id, level, misuse_flag;
      ALTER TABLE kiosks ADD COLUMN reconciliation text;
      CREATE TABLE kiosk_uploads (
        kiosk_id text COLLATE "C" PRIMARY KEY,
        unit_code text COLLATE "C" NOT NULL,
        last_batch_ms bigint NOT NULL
      );
      INSERT INTO kiosk_uploads (kiosk_id, unit_code, last_batch_ms)
        SELECT DISTINCT ON (kiosk_id) kiosk_id, unit_code, received_at_ms FROM received_ratings
        ORDER BY kiosk_id, received_at_ms DESC;
    `,
  },
  {
    // Reasons: each unit's labels from the heartbeats and a daily roll-up of the keys the
    // unflagged kept ratings name, as in the SQLite database's version 8, which says why.
    // As with version 3, stop every receiver of the previous version before starting this one.
    version: 4,
    sql: `
      CREATE TABLE unit_reasons (
        unit_code text COLLATE "C" NOT NULL,
        reason_key text COLLATE "C" NOT NULL,
        factor text,
        labels text NOT NULL,
        updated_at_ms bigint NOT NULL,
        PRIMARY KEY (unit_code, reason_key)
      );
      CREATE TABLE daily_reason_tally (
        local_day text COLLATE "C" NOT NULL,
        unit_code text COLLATE "C" NOT NULL,
        reason_key text COLLATE "C" NOT NULL,
        n bigint NOT NULL,
        PRIMARY KEY (local_day, unit_code, reason_key)
      );
      INSERT INTO daily_reason_tally (local_day, unit_code, reason_key, n)
        SELECT local_day, unit_code, k.key, count(*)
        FROM received_ratings
          CROSS JOIN LATERAL jsonb_array_elements_text(
            CASE WHEN jsonb_typeof(content::jsonb -> 7) = 'array' THEN content::jsonb -> 7 ELSE '[]'::jsonb END) AS k(key)
        WHERE NOT dossier_repeat AND misuse_flag = 0
        GROUP BY local_day, unit_code, k.key;
    `,
  },
];

export const LATEST_PG_SCHEMA = MIGRATIONS.at(-1)!.version;
/** pg_advisory_lock's key for migrations: any constant no other application of the database uses. */
const MIGRATION_LOCK = 7_324_114_014;

/** postgres://user:***@host:port/db: a URL fit for a log or an error, never its password. */
export function redactDatabaseUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    for (const key of [...u.searchParams.keys()]) if (/pass/i.test(key)) u.searchParams.set(key, '***');
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

/** Checks the URL's form before anything connects, with a message that never repeats the password. */
export function checkDatabaseUrl(url: string): void {
  const example = 'expected postgres://user:password@host:5432/database';
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`the database URL is not a URL; ${example}`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new Error(`the database URL must start with postgres:// or postgresql:// (got ${u.protocol}//); ${example}`);
  }
  if (u.pathname.replace(/^\//, '') === '') throw new Error(`the database URL ${redactDatabaseUrl(url)} names no database; ${example}`);
}

/** int8 (COUNT, bigint columns) as a number: counts and epoch milliseconds fit well within 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export interface PgOptions {
  /** Connections this process holds at most (default 10). */
  poolSize?: number;
  /** How long to wait for a connection, at start and under load (default 10 s). */
  connectTimeoutMs?: number;
  onIdleError?: (error: Error) => void;
}

/** A pool on the database, with its schema brought up to date; fails with a message naming the server, never the password. */
export async function openPgPool(url: string, opts: PgOptions = {}): Promise<pg.Pool> {
  checkDatabaseUrl(url);
  const password = new URL(url).password;
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
    application_name: 'city-receiver',
    types,
  });
  // A connection the server drops while idle (a restart, a failover) must not end the
  // process: the pool discards it and the next query opens another.
  pool.on('error', (error) => opts.onIdleError?.(error));
  try {
    await migrate(pool);
  } catch (error) {
    await pool.end().catch(() => {});
    let message = error instanceof Error ? error.message : String(error);
    if (password) message = message.split(password).join('***');
    if (password) message = message.split(decodeURIComponent(password)).join('***');
    throw new Error(`cannot use the PostgreSQL database ${redactDatabaseUrl(url)}: ${message}`);
  }
  return pool;
}

/** Brings the schema up to date, or to `upTo`, which only the tests of an upgrade ask for. */
export async function migrate(pool: pg.Pool, upTo = LATEST_PG_SCHEMA): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
      const current = (await client.query<{ v: number }>('SELECT COALESCE(MAX(version), 0)::int AS v FROM schema_migrations')).rows[0]!.v;
      if (current > LATEST_PG_SCHEMA) {
        throw new Error(`its schema version ${current} is newer than this receiver's ${LATEST_PG_SCHEMA}: run the newer receiver`);
      }
      for (const m of MIGRATIONS) {
        if (m.version <= current || m.version > upTo) continue;
        await client.query('BEGIN');
        try {
          await client.query(m.sql);
          await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [m.version]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch((error: Error) => (broken = error));
    }
  } finally {
    // A connection whose unlock failed may still hold the lock: close it rather than reuse it.
    client.release(broken);
  }
}
