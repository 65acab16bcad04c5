// The receiver's embedded SQLite database: same durability promise as the kiosk (WAL,
// synchronous=FULL), numbered migrations that refuse a database from a newer receiver.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type ReceiverDb = Database.Database;

const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE ratings (
        id TEXT PRIMARY KEY NOT NULL,
        kiosk_id TEXT NOT NULL,
        unit_code TEXT NOT NULL,
        seq INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        local_day TEXT NOT NULL,
        scale INTEGER NOT NULL,
        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
        misuse_flag INTEGER NOT NULL CHECK (misuse_flag IN (0, 1)),
        -- canonicalRatingContent(): what a re-sent id must match to be a duplicate
        content TEXT NOT NULL,
        received_at_ms INTEGER NOT NULL
      ) WITHOUT ROWID; -- keyed by id alone: one b-tree less to write per stored rating
      CREATE INDEX ratings_tally ON ratings (local_day, unit_code, level, misuse_flag);
      CREATE INDEX ratings_export ON ratings (local_day, id);
      CREATE TABLE kiosks (
        kiosk_id TEXT PRIMARY KEY NOT NULL,
        unit_code TEXT NOT NULL,
        last_heartbeat_ms INTEGER NOT NULL,
        clock_skew_ms INTEGER NOT NULL,
        heartbeat TEXT NOT NULL
      );
    `,
  },
  {
    // The export walks ratings_tally instead (its entries end with the id, the table's key):
    // one b-tree fewer to write for every stored rating, and a quarter less disk.
    version: 2,
    sql: `DROP INDEX ratings_export;`,
  },
  {
    // One rating per unit and dossier code, first received wins. The later ones are kept
    // apart (they are real taps, IT may want them) and never tallied. The code gets its own
    // column so the unique index can hold it; old rows take it from their canonical content.
    version: 3,
    sql: `
      ALTER TABLE ratings ADD COLUMN dossier_code TEXT;
      UPDATE ratings SET dossier_code = json_extract(content, '$[12]')
        WHERE json_valid(content) AND json_type(content, '$[12]') = 'text';
      CREATE TABLE ratings_dossier_repeat (
        id TEXT PRIMARY KEY NOT NULL,
        kiosk_id TEXT NOT NULL,
        unit_code TEXT NOT NULL,
        seq INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        local_day TEXT NOT NULL,
        scale INTEGER NOT NULL,
        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
        misuse_flag INTEGER NOT NULL CHECK (misuse_flag IN (0, 1)),
        content TEXT NOT NULL,
        received_at_ms INTEGER NOT NULL,
        dossier_code TEXT NOT NULL
      ) WITHOUT ROWID;
      -- Data stored before the rule may already rate a dossier twice: the earliest received
      -- stays (the id breaks a tie within one batch), the others move apart.
      INSERT INTO ratings_dossier_repeat
        (id, kiosk_id, unit_code, seq, created_at, local_day, scale, level, misuse_flag, content, received_at_ms, dossier_code)
      SELECT id, kiosk_id, unit_code, seq, created_at, local_day, scale, level, misuse_flag, content, received_at_ms, dossier_code
      FROM (
        SELECT *, row_number() OVER (PARTITION BY unit_code, dossier_code ORDER BY received_at_ms, id) AS n
        FROM ratings WHERE dossier_code IS NOT NULL)
      WHERE n > 1;
      DELETE FROM ratings WHERE id IN (SELECT id FROM ratings_dossier_repeat);
      CREATE UNIQUE INDEX ratings_unit_dossier ON ratings (unit_code, dossier_code) WHERE dossier_code IS NOT NULL;
    `,
  },
  {
    // Survey contacts: personal data, so a table of their own that no tally or export reads.
    version: 4,
    sql: `
      CREATE TABLE contacts (
        id TEXT PRIMARY KEY NOT NULL,
        kiosk_id TEXT NOT NULL,
        unit_code TEXT NOT NULL,
        phone TEXT NOT NULL,
        created_at TEXT NOT NULL,
        consent_version TEXT NOT NULL,
        received_at_ms INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
  {
    // Tallies by the day a rating was received, for kiosks whose clock is in doubt.
    version: 5,
    sql: `CREATE INDEX ratings_received ON ratings (received_at_ms);`,
  },
  {
    // Reconciliation: what one kiosk's heartbeat says it delivered per day, against what is held.
    version: 6,
    sql: `
      CREATE INDEX ratings_kiosk_day ON ratings (kiosk_id, local_day);
      CREATE INDEX ratings_dossier_repeat_kiosk_day ON ratings_dossier_repeat (kiosk_id, local_day);
    `,
  },
  {
    // The city dashboard's daily roll-up, kept up to date by each batch's own transaction: a
    // month of a province is then a few thousand rows to read instead of every rating. Kept
    // ratings only, as the tallies count them. Back-filled here, so an upgraded receiver shows
    // its history. The staff table is keyed by unit first: every read of it is one unit's.
    // Kiosk health: the last heartbeat's reconciliation, and the last stored batch in a table
    // of its own (one row per kiosk, written by every batch; the heartbeat's row stays as it
    // was). Its back-fill is the latest receipt among a kiosk's ratings, the best there is.
    version: 7,
    sql: `
      CREATE TABLE daily_unit_tally (
        local_day TEXT NOT NULL,
        unit_code TEXT NOT NULL,
        level INTEGER NOT NULL,
        misuse_flag INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (local_day, unit_code, level, misuse_flag)
      ) WITHOUT ROWID;
      INSERT INTO daily_unit_tally (local_day, unit_code, level, misuse_flag, n)
        SELECT local_day, unit_code, level, misuse_flag, COUNT(*) FROM ratings GROUP BY local_day, unit_code, level, misuse_flag;
      CREATE TABLE daily_staff_tally (
        local_day TEXT NOT NULL,
        unit_code TEXT NOT NULL,
        counter_id TEXT NOT NULL,
        officer_id TEXT NOT NULL,
        level INTEGER NOT NULL,
        misuse_flag INTEGER NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (unit_code, local_day, counter_id, officer_id, level, misuse_flag)
      ) WITHOUT ROWID;
      -- The counter and officer sit in the canonical content at 10 and 11 (canonicalRatingContent).
      INSERT INTO daily_staff_tally (local_day, unit_code, counter_id, officer_id, level, misuse_flag, n)
        SELECT local_day, unit_code, counter_id, officer_id, level, misuse_flag, COUNT(*)
        FROM (
          SELECT local_day, unit_code, level, misuse_flag,
            CASE WHEN json_valid(content) THEN CASE json_type(content, '$[10]') WHEN 'text' THEN content ->> '$[10]' ELSE '' END ELSE '' END AS counter_id,
            CASE WHEN json_valid(content) THEN CASE json_type(content, '$[11]') WHEN 'text' THEN content ->> '$[11]' ELSE '' END ELSE '' END AS officer_id
          FROM ratings)
        GROUP BY local_day, unit_code, counter_id, officer_id, level, misuse_flag;
      ALTER TABLE kiosks ADD COLUMN reconciliation TEXT;
      CREATE TABLE kiosk_uploads (
        kiosk_id TEXT PRIMARY KEY NOT NULL,
        unit_code TEXT NOT NULL,
        last_batch_ms INTEGER NOT NULL
      ) WITHOUT ROWID;
      -- SQLite takes the bare unit_code from the row that holds the max().
      INSERT INTO kiosk_uploads (kiosk_id, unit_code, last_batch_ms)
        SELECT kiosk_id, unit_code, MAX(received_at_ms) FROM (
          SELECT kiosk_id, unit_code, received_at_ms FROM ratings
          UNION ALL SELECT kiosk_id, unit_code, received_at_ms FROM ratings_dossier_repeat)
        GROUP BY kiosk_id;
    `,
  },
  {
    // Reasons (#15): what each unit calls its reason keys, from the kiosks' heartbeats (a
    // key is never deleted, so a retired one keeps its last label), and a daily roll-up of
    // the keys the unflagged kept ratings name, kept like version 7's. Back-filled from the
    // keys in each rating's canonical content (at 7); there are no labels to back-fill.
    version: 8,
    sql: `
      CREATE TABLE unit_reasons (
        unit_code TEXT NOT NULL,
        reason_key TEXT NOT NULL,
        factor TEXT,
        labels TEXT NOT NULL,
        updated_at_ms INTEGER NOT NULL,
        PRIMARY KEY (unit_code, reason_key)
      ) WITHOUT ROWID;
      CREATE TABLE daily_reason_tally (
        local_day TEXT NOT NULL,
        unit_code TEXT NOT NULL,
        reason_key TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (local_day, unit_code, reason_key)
      ) WITHOUT ROWID;
      INSERT INTO daily_reason_tally (local_day, unit_code, reason_key, n)
        SELECT local_day, unit_code, k.value, COUNT(*)
        FROM ratings, json_each(CASE WHEN json_valid(content) AND json_type(content, '$[7]') = 'array' THEN content ->> '$[7]' ELSE '[]' END) AS k
        WHERE misuse_flag = 0 AND k.type = 'text'
        GROUP BY local_day, unit_code, k.value;
    `,
  },
];

export const RECEIVER_DB_FILE = 'city-ratings.db';

/**
 * Opens (creating it if need be) the receiver's database, migrated to the latest version, or
 * to `upToVersion`, which only the tests of an upgrade ask for.
 */
export function openReceiverDb(dataDir: string, opts: { upToVersion?: number } = {}): ReceiverDb {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, RECEIVER_DB_FILE));
  try {
    // Read before anything writes: a database from a newer receiver is refused untouched
    // (setting WAL mode would already change its header).
    const latest = MIGRATIONS.at(-1)!.version;
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > latest) throw new Error(`receiver database version ${current} is newer than this receiver's ${latest}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    // SQLite's default checkpoints every 1,000 pages (4 MB), inside whichever commit crosses
    // it: with a kiosk draining its queue that was a checkpoint, with its fsyncs, every few
    // dozen batches on the thread that answers them, and the drain ran about a sixth slower.
    // ~40 MB between checkpoints, as on the kiosk; every commit is still synced (FULL).
    db.pragma('wal_autocheckpoint = 10000');
    for (const m of MIGRATIONS) {
      if (m.version <= current || m.version > (opts.upToVersion ?? latest)) continue;
      db.transaction(() => {
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
      })();
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
