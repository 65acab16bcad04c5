// Numbered migrations tracked by PRAGMA user_version. Each runs in one transaction; a
// database written by a newer app is refused rather than guessed at. Never edit a shipped
// migration: add the next number.
import type Database from 'better-sqlite3';
import { KioskFailure } from '../../../shared/errors';

export interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'ratings queue and key-value state',
    sql: `
      -- seq is the rowid: inserts append at the right edge of the table, and a commit
      -- touches as few pages as possible (each page is one more write before the fsync).
      CREATE TABLE ratings (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        created_at_ms INTEGER NOT NULL,
        utc_offset_min INTEGER NOT NULL,
        local_day TEXT NOT NULL,
        local_hour INTEGER NOT NULL CHECK (local_hour BETWEEN 0 AND 23),
        scale INTEGER NOT NULL CHECK (scale IN (3, 5)),
        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
        reasons TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons) AND json_type(reasons) = 'array'),
        comment TEXT CHECK (comment IS NULL OR length(comment) <= 500),
        language TEXT NOT NULL,
        unit_code TEXT NOT NULL,
        kiosk_id TEXT NOT NULL,
        counter_id TEXT,
        officer_id TEXT,
        dossier_code TEXT,
        dossier_capture TEXT NOT NULL DEFAULT 'none' CHECK (dossier_capture IN ('qr', 'barcode', 'typed', 'none')),
        app_version TEXT NOT NULL,
        misuse_flag INTEGER NOT NULL DEFAULT 0 CHECK (misuse_flag IN (0, 1)),
        clock_offset_ms INTEGER,
        settle_after_ms INTEGER NOT NULL,
        upload_state TEXT NOT NULL DEFAULT 'pending' CHECK (upload_state IN ('pending', 'delivered', 'rejected')),
        delivered_at_ms INTEGER,
        reject_reason TEXT
      );
      -- Covers every daily tally query (levels, counter, officer, hour) without table reads;
      -- reasons come from the small partial index of ratings that have any.
      CREATE INDEX ratings_by_day ON ratings (local_day, misuse_flag, level, local_hour, counter_id, officer_id);
      CREATE INDEX ratings_tally_reasons ON ratings (local_day, misuse_flag, reasons) WHERE reasons <> '[]';
      CREATE INDEX ratings_pending ON ratings (upload_state, seq);
      CREATE TABLE kv (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
      );
      -- The sequence must never be reused, even when retention purges the newest rows.
      -- Remembering the highest purged seq here keeps that off the tap-to-save path.
      CREATE TRIGGER ratings_seq_floor AFTER DELETE ON ratings BEGIN
        INSERT INTO kv (key, value) VALUES ('seq_floor', OLD.seq)
        ON CONFLICT(key) DO UPDATE SET value = max(CAST(value AS INTEGER), OLD.seq);
      END;
    `,
  },
  {
    version: 2,
    description: 'one rating per dossier, delivery notes, survey contacts kept apart',
    sql: `
      -- One rating per dossier on this kiosk (the receiver enforces it across kiosks).
      CREATE UNIQUE INDEX ratings_dossier ON ratings (dossier_code) WHERE dossier_code IS NOT NULL;
      -- Why a delivered rating does not count at the receiver (e.g. 'dossier_rated').
      ALTER TABLE ratings ADD COLUMN delivery_note TEXT;
      -- Phone numbers left for the city's follow-up survey, with consent. Deliberately not
      -- linked to any rating: the rating stays anonymous.
      CREATE TABLE contacts (
        id TEXT PRIMARY KEY NOT NULL,
        phone TEXT NOT NULL CHECK (phone GLOB '0[0-9]*' AND length(phone) BETWEEN 10 AND 11),
        created_at_ms INTEGER NOT NULL,
        utc_offset_min INTEGER NOT NULL,
        unit_code TEXT NOT NULL,
        kiosk_id TEXT NOT NULL,
        consent_version TEXT NOT NULL,
        upload_state TEXT NOT NULL DEFAULT 'pending' CHECK (upload_state IN ('pending', 'delivered')),
        delivered_at_ms INTEGER
      );
      CREATE INDEX contacts_by_phone ON contacts (phone);
      CREATE INDEX contacts_by_time ON contacts (created_at_ms);
    `,
  },
];

export const LATEST_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/** Throws DATABASE_TOO_NEW for a schema version this app does not know. */
export function refuseNewerSchema(version: number, migrations: readonly Migration[] = MIGRATIONS): void {
  const latest = migrations.at(-1)?.version ?? 0;
  if (version > latest) {
    throw new KioskFailure({
      code: 'DATABASE_TOO_NEW',
      detail: `database schema version ${version} is newer than this app's ${latest}`,
    });
  }
}

export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  refuseNewerSchema(current, migrations);
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return latest;
}
