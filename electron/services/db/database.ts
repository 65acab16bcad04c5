// Opens the kiosk's SQLite file with the durability settings the product promises:
// a rating acknowledged to the citizen survives a power cut (WAL + synchronous=FULL).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { KioskFailure } from '../../../shared/errors';
import { migrate, type Migration, MIGRATIONS } from './migrations';

export type Db = Database.Database;

export function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // A checkpoint inside a citizen's tap would add milliseconds to that tap: let the WAL
  // grow to ~40 MB before SQLite checkpoints on its own, and checkpoint from the
  // background instead (checkpointQuietly). The WAL file is truncated back to 4 MB after.
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('journal_size_limit = 4194304');
  // SQLite's stock 2 MB page cache, not better-sqlite3's 16 MB: a drain reads the whole
  // queue once, and with 16 MB the process grew by the cache's fill as the queue grew
  // (3 MB at 10,000 ratings, all 16 at 100,000). The OS keeps the file's pages anyway.
  db.pragma('cache_size = -2000');
}

/** Moves WAL pages into the database file without waiting on readers; run off the tap path. */
export function checkpointQuietly(db: Db): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  let db: Db;
  try {
    db = new Database(file);
  } catch (error) {
    throw new KioskFailure({ code: 'DATABASE_ERROR', detail: (error as Error).message });
  }
  try {
    applyPragmas(db);
    migrate(db, migrations);
  } catch (error) {
    db.close();
    if (error instanceof KioskFailure) throw error;
    throw new KioskFailure({ code: 'DATABASE_ERROR', detail: (error as Error).message });
  }
  return db;
}

export const DATABASE_FILE_NAME = 'ratings.db';
