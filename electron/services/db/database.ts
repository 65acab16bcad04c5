// Opens the kiosk's SQLite file with the durability settings the product promises:
// a rating acknowledged to the citizen survives a power cut (WAL + synchronous=FULL).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { fail, KioskFailure, ok, type Result } from '../../../shared/errors';
import { migrate, refuseNewerSchema, type Migration, MIGRATIONS } from './migrations';

export type Db = Database.Database;

export function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // A comment or phone number deleted by a retention purge must not stay readable in the
  // file's free space: SQLite zeroes deleted content instead of only unlinking it. It costs
  // nothing on the tap path (inserts append; an amend rewrites a page it writes anyway).
  db.pragma('secure_delete = ON');
  // A checkpoint inside a citizen's tap would add milliseconds to that tap: let the WAL
  // grow to ~40 MB before SQLite checkpoints on its own, and checkpoint from the
  // background instead (checkpointQuietly). The WAL file is truncated back to 4 MB after.
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('journal_size_limit = 4194304');
  db.pragma(PAGE_CACHE_PRAGMA);
}

/**
 * SQLite's stock 2 MB page cache, not the 16 MB better-sqlite3 builds in, for every
 * connection and attached file: a drain or a report reads its rows once, so a bigger cache
 * only made the process grow with the queue or the report's length. The OS keeps the
 * file's pages anyway.
 */
export const PAGE_CACHE_PRAGMA = 'cache_size = -2000';

/** Moves WAL pages into the database file without waiting on readers; run off the tap path. */
export function checkpointQuietly(db: Db): void {
  db.pragma('wal_checkpoint(PASSIVE)');
}

/** The 16 bytes every SQLite 3 database file starts with. */
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** Offset of the user_version field (4 bytes, big-endian) in the 100-byte file header. */
const USER_VERSION_OFFSET = 60;

/**
 * The schema version written in the file's header, read with plain file I/O so that a
 * database this app must refuse is not touched at all (not even a -wal or -shm appears).
 * Null when there is no readable header (a new, empty or damaged file): SQLite decides then.
 */
export function headerSchemaVersion(file: string): number | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const header = Buffer.alloc(100);
    if (fs.readSync(fd, header, 0, 100, 0) < 100) return null;
    if (!header.subarray(0, 16).equals(SQLITE_MAGIC)) return null;
    return header.readUInt32BE(USER_VERSION_OFFSET);
  } finally {
    fs.closeSync(fd);
  }
}

/** user_version as SQLite sees it, WAL included, read without writing anything. */
export function readSchemaVersion(file: string): number {
  const probe = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return probe.pragma('user_version', { simple: true }) as number;
  } finally {
    probe.close();
  }
}

function asDatabaseError(error: unknown): KioskFailure {
  if (error instanceof KioskFailure) return error;
  const e = error as { code?: unknown; message?: unknown };
  const detail = typeof e?.message === 'string' ? e.message : String(error);
  return new KioskFailure({ code: 'DATABASE_ERROR', detail: typeof e?.code === 'string' ? `${e.code}: ${detail}` : detail });
}

/**
 * Opens (creating if needed) and migrates the database. A database written by a newer
 * app is refused before anything writes to it: first from the file header, then, for a
 * version only the WAL holds, by SQL before the first pragma that writes (journal_mode).
 */
export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS, opts: { versionChecked?: boolean } = {}): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const headerVersion = headerSchemaVersion(file);
  // The kiosk's start has just read the version, WAL included, on its damage check's
  // read-only connection (open-kiosk-database.ts): no second probe for the same answer.
  if (headerVersion !== null && !opts.versionChecked) {
    refuseNewerSchema(headerVersion, migrations);
    // The header lags behind a WAL that was never checkpointed (a newer app that migrated,
    // then was replaced by this one): SQLite's own answer, from a read-only connection,
    // which never checkpoints that WAL into the file.
    let version: number;
    try {
      version = readSchemaVersion(file);
    } catch (error) {
      throw asDatabaseError(error);
    }
    refuseNewerSchema(version, migrations);
  }
  let db: Db;
  try {
    db = new Database(file);
  } catch (error) {
    throw asDatabaseError(error);
  }
  try {
    applyPragmas(db);
    migrate(db, migrations);
  } catch (error) {
    db.close();
    throw asDatabaseError(error);
  }
  return db;
}

/** SQLite could not write because the disk (or the database's page limit) is full. */
export function isDiskFull(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_FULL';
}

/**
 * Runs one write. A full disk is an answer the screen words (STORAGE_FULL), not a crash: the
 * transaction rolled back whole, so nothing half-written stays, and the next write succeeds as
 * soon as there is room. The detail is SQLite's message, never the data being written.
 */
export function storing<T>(write: () => T): Result<T> {
  try {
    return ok(write());
  } catch (error) {
    if (isDiskFull(error)) return fail('STORAGE_FULL', { detail: (error as Error).message });
    throw error;
  }
}

export const DATABASE_FILE_NAME = 'ratings.db';
