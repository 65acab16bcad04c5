// The acknowledgement ledger: what the city server answered for each uploaded rating, kept
// in a SQLite file of its own (upload-acks.db beside ratings.db) and attached to the
// uploader's connection as `acks`. An acknowledgement written there takes that file's write
// lock only, so a long drain never holds the ratings file's lock that every tap needs; the
// answers are folded into ratings.upload_state later, when the counter is quiet.
//
// The ledger is a cache of the server's answers, never the only copy of a rating:
// - it names each rating by seq and id, and settles only a rating with both, so a ledger row
//   can only ever settle the rating the server named, whatever happened to ratings.db
//   meanwhile (salvaged, restored from a backup that reused the seq, purged);
// - written without fsync (synchronous = NORMAL): an answer lost to a power cut only makes
//   those ratings go again, and the server answers "duplicate";
// - a damaged ledger is deleted and started empty, for the same reason.
import fs from 'node:fs';
import path from 'node:path';
import { PAGE_CACHE_PRAGMA, type Db } from './database';
import type { Logger } from '../logger';

export const ACK_LEDGER_FILE_NAME = 'upload-acks.db';
export const ACK_SCHEMA = 'acks';
const LEDGER_VERSION = 1;

/** True for a rating of `ratings` the ledger holds an answer for (its seq and its id). */
export const ANSWERED_SQL = `EXISTS (SELECT 1 FROM ${ACK_SCHEMA}.acks AS a WHERE a.seq = ratings.seq AND a.id = ratings.id)`;

/** A rating's upload state with the ledger's answer, if any, taking the place of 'pending'. */
export const ANSWERED_STATE_SQL = `CASE WHEN upload_state = 'pending'
  THEN coalesce((SELECT a.state FROM ${ACK_SCHEMA}.acks AS a WHERE a.seq = ratings.seq AND a.id = ratings.id), 'pending')
  ELSE upload_state END`;

/** The ledger's file for a ratings database: the same folder, its own name. */
export function ackLedgerFile(dbFile: string): string {
  return path.join(path.dirname(dbFile), ACK_LEDGER_FILE_NAME);
}

/** Whether this connection has the ledger attached (the uploader's connection does). */
export function hasAckLedger(db: Db): boolean {
  return (db.pragma('database_list') as { name: string }[]).some((d) => d.name === ACK_SCHEMA);
}

function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

function attachOnce(db: Db, file: string): void {
  db.prepare(`ATTACH DATABASE ? AS ${ACK_SCHEMA}`).run(file);
  try {
    db.pragma(`${ACK_SCHEMA}.journal_mode = WAL`);
    db.pragma(`${ACK_SCHEMA}.synchronous = NORMAL`);
    // A long drain writes many answers; the cache is the file's own, not the main one's.
    db.pragma(`${ACK_SCHEMA}.${PAGE_CACHE_PRAGMA}`);
    const version = db.pragma(`${ACK_SCHEMA}.user_version`, { simple: true }) as number;
    if (version > LEDGER_VERSION) throw Object.assign(new Error(`ack ledger version ${version} is newer than ${LEDGER_VERSION}`), { code: 'SQLITE_NOTADB' });
    // A quick_check reads the whole ledger; it holds at most one drain's answers.
    const check = db.pragma(`${ACK_SCHEMA}.quick_check`, { simple: true });
    if (check !== 'ok') throw Object.assign(new Error(`ack ledger check: ${String(check)}`), { code: 'SQLITE_CORRUPT' });
    db.exec(`
      -- Keyed by the rating's seq, the order the queue is sent in, so a drain's answers
      -- append at the table's right edge (a few pages per answer, not one per rating); the
      -- id is kept too, and an answer settles only the rating with both.
      CREATE TABLE IF NOT EXISTS ${ACK_SCHEMA}.acks (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('delivered', 'rejected')),
        at_ms INTEGER NOT NULL,
        note TEXT,
        reason TEXT
      );
      PRAGMA ${ACK_SCHEMA}.user_version = ${LEDGER_VERSION};`);
  } catch (error) {
    db.exec(`DETACH DATABASE ${ACK_SCHEMA}`);
    throw error;
  }
}

/**
 * Attaches the ledger beside `dbFile` to `db`, creating it when missing. A ledger SQLite
 * cannot read is removed and started empty (logged): its answers are re-sent and come back
 * as duplicates. Any other error (a full disk, a locked file) is thrown.
 */
export function attachAckLedger(db: Db, dbFile: string, logger?: Logger): void {
  const file = ackLedgerFile(dbFile);
  try {
    attachOnce(db, file);
  } catch (error) {
    if (!isDamage(error)) throw error;
    logger?.warn({ error: String(error) }, 'upload acknowledgement ledger unreadable; started empty (those ratings are sent again)');
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    attachOnce(db, file);
  }
}

/**
 * Attaches the ledger to a read-only connection (diagnostics), when there is one SQLite can
 * read; false, and nothing attached, otherwise. Never creates or repairs anything.
 */
export function attachAckLedgerIfReadable(db: Db, dbFile: string): boolean {
  const file = ackLedgerFile(dbFile);
  if (!fs.existsSync(file)) return false;
  try {
    db.prepare(`ATTACH DATABASE ? AS ${ACK_SCHEMA}`).run(file);
  } catch {
    return false;
  }
  try {
    db.prepare(`SELECT 1 FROM ${ACK_SCHEMA}.acks LIMIT 1`).get();
    return true;
  } catch {
    db.exec(`DETACH DATABASE ${ACK_SCHEMA}`);
    return false;
  }
}
