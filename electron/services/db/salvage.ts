// Copies what can still be read from a damaged kiosk database into a fresh one, row by row.
// A damaged page ends a table scan, so each table is read from both ends, every index is
// walked for the row numbers it still knows, and the rows in between are looked up one by
// one: only the rows on the damaged pages themselves are lost. Ratings keep their id and
// seq, so the receiver recognises any it already has and counts none twice.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Db } from './database';

export interface SalvageCounts {
  ratingsCopied: number;
  /** Of ratingsCopied, those still waiting for upload. */
  pendingCopied: number;
  contactsCopied: number;
  /** Rows known to exist (a scan or an index saw them) that could not be read or stored again. */
  unreadable: number;
}

/** A single damaged page can hide a run of row numbers; past this many, lookups stop. */
const MAX_LOOKUPS = 2_000_000;
/** Recomputed from the copied rows, or set by the salvage itself. */
const KV_KEYS_NOT_COPIED = new Set(['seq_floor']);

type Row = Record<string, unknown> & { __rowid: number };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Math.max over a set too large to spread into arguments. */
function highest(values: Iterable<number>, start: number): number {
  let max = start;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** Opens a damaged file without writing to it, in the mode that reads as much as possible. */
function openSource(file: string): Db {
  const src = new Database(file, { readonly: true, fileMustExist: true });
  // A file that lost its tail is shorter than its header says; SQLite refuses all of it
  // unless the schema is "writable". The connection is read-only: nothing can be written.
  src.unsafeMode(true);
  src.pragma('writable_schema = ON');
  // Damaged cells raise SQLITE_CORRUPT instead of being read as garbage.
  src.pragma('cell_size_check = ON');
  return src;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
/** What openDatabase has always created; a damaged header's page size is taken to be this. */
const DEFAULT_PAGE_SIZE = 4096;

/**
 * A scratch copy of `file` (and its WAL) whose file header has the fixed values SQLite
 * needs put back: a damaged header alone makes SQLite call the whole file "not a
 * database", though every page after it may be intact. The original is not changed.
 */
function copyWithRepairedHeader(file: string, scratch: string): void {
  fs.copyFileSync(file, scratch);
  const hasWal = fs.existsSync(`${file}-wal`);
  if (hasWal) fs.copyFileSync(`${file}-wal`, `${scratch}-wal`);
  const fd = fs.openSync(scratch, 'r+');
  try {
    const header = Buffer.alloc(100);
    fs.readSync(fd, header, 0, 100, 0);
    SQLITE_MAGIC.copy(header, 0);
    const raw = header.readUInt16BE(16);
    const pageSize = raw === 1 ? 65536 : raw;
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) header.writeUInt16BE(DEFAULT_PAGE_SIZE, 16);
    // File format versions: 2 (WAL) when a WAL came along, else 1 (rollback journal).
    header[18] = header[19] = hasWal ? 2 : 1;
    header[20] = 0; // no reserved bytes per page
    header[21] = 64; // payload fractions, fixed by the file format
    header[22] = 32;
    header[23] = 32;
    header.writeUInt32BE(0, 28); // page count unknown: SQLite then goes by the file's size
    header.writeUInt32BE(4, 44); // schema format 4 and UTF-8 text, as openDatabase creates them
    header.writeUInt32BE(1, 56);
    fs.writeSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
}

const isNotADatabase = (error: unknown) => (error as { code?: unknown } | null)?.code === 'SQLITE_NOTADB';

/** Opened and its schema read: SQLite only looks at the header when it first reads. */
function openChecked(file: string): Db {
  const src = openSource(file);
  try {
    src.prepare('SELECT count(*) FROM sqlite_master').get();
    return src;
  } catch (error) {
    src.close();
    throw error;
  }
}

/** The damaged file opened for reading, through a header-repaired scratch copy if need be. */
function openReadable(file: string, scratch: string): Db | null {
  // SQLite deletes the WAL of an empty database file, even on a read-only connection.
  if (fs.statSync(file).size === 0) return null;
  try {
    return openChecked(file);
  } catch (error) {
    if (!isNotADatabase(error)) return null;
  }
  try {
    copyWithRepairedHeader(file, scratch);
    return openChecked(scratch);
  } catch {
    return null;
  }
}

function tryAll<T>(read: () => T[]): T[] {
  try {
    return read();
  } catch {
    return [];
  }
}

/** Calls `onRow` for each row until the first unreadable one; true when the scan reached the end. */
function scan(src: Db, sql: string, onRow: (row: Row) => void): boolean {
  try {
    for (const row of src.prepare<[], Row>(sql).iterate()) onRow(row);
    return true;
  } catch {
    return false;
  }
}

/**
 * Row numbers every index of `table` still lists, walked from both ends; `complete` when
 * at least one index was read to its end (it then lists every row, the highest included).
 */
function rowidsFromIndexes(src: Db, table: string): { found: Set<number>; complete: boolean } {
  const found = new Set<number>();
  let complete = false;
  const indexes = tryAll(() => src.prepare<[string], string>(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`).pluck().all(table));
  for (const index of indexes) {
    const cols = tryAll(() => src.prepare<[string], string>(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).pluck().all(index));
    const base = `SELECT rowid AS __rowid FROM ${quote(table)} INDEXED BY ${quote(index)}`;
    // A partial index cannot be walked without its WHERE; the other indexes cover its rows.
    if (scan(src, base, (r) => found.add(r.__rowid))) complete = true;
    if (cols.length > 0) scan(src, `${base} ORDER BY ${cols.map((c) => `${quote(c)} DESC`).join(', ')}`, (r) => found.add(r.__rowid));
  }
  return { found, complete };
}

interface TableCopy {
  copied: number;
  unreadable: number;
  /** Every row number seen anywhere, copied or not. */
  seen: Set<number>;
  /** The table's highest row number was read (a damaged right edge hides how high it went). */
  topKnown: boolean;
}

/**
 * Copies the readable rows of `table` through `insert` (which may refuse a row by throwing,
 * e.g. a CHECK constraint on a garbled value). Only columns both schemas have are read.
 */
function copyTable(src: Db, target: Db, table: string, insert: (row: Row) => void): TableCopy {
  const targetCols = new Set(target.prepare<[string], string>(`SELECT name FROM pragma_table_info(?)`).pluck().all(table));
  const cols = tryAll(() => src.prepare<[string], string>(`SELECT name FROM pragma_table_info(?)`).pluck().all(table)).filter((c) => targetCols.has(c));
  const seen = new Set<number>();
  if (cols.length === 0) return { copied: 0, unreadable: 0, seen, topKnown: false };
  const select = `SELECT rowid AS __rowid, ${cols.map(quote).join(', ')} FROM ${quote(table)}`;
  const copied = new Set<number>();
  const refused = new Set<number>();
  const take = (row: Row) => {
    seen.add(row.__rowid);
    if (copied.has(row.__rowid) || refused.has(row.__rowid)) return;
    try {
      insert(row);
      copied.add(row.__rowid);
    } catch {
      refused.add(row.__rowid);
    }
  };

  // The descending scan's first row is the table's last; its last row is where it stopped.
  const stops: { ascending: number | null; descending: number | null; top: number | null } = { ascending: null, descending: null, top: null };
  const ascendingDone = scan(src, `${select} ORDER BY rowid`, (row) => {
    stops.ascending = row.__rowid;
    take(row);
  });
  if (!ascendingDone) {
    scan(src, `${select} ORDER BY rowid DESC`, (row) => {
      stops.top ??= row.__rowid;
      stops.descending = row.__rowid;
      take(row);
    });
  }
  const { found: listed, complete: indexComplete } = rowidsFromIndexes(src, table);
  for (const rowid of listed) seen.add(rowid);

  // Rows between the two scans' stops sat on or behind the damaged page: look each one up.
  const lookups = new Set([...listed].filter((r) => !copied.has(r) && !refused.has(r)));
  if (!ascendingDone) {
    const from = (stops.ascending ?? 0) + 1;
    const to = stops.descending !== null ? stops.descending - 1 : highest(listed, from - 1);
    for (let r = from; r <= to && lookups.size < MAX_LOOKUPS; r++) if (!copied.has(r)) lookups.add(r);
  }
  const one = src.prepare<[number], Row>(`${select} WHERE rowid = ?`);
  for (const rowid of lookups) {
    try {
      const row = one.get(rowid);
      if (row) take(row);
    } catch {
      // Counted below when an index or a scan shows the row existed.
    }
  }
  let unreadable = refused.size;
  for (const rowid of seen) if (!copied.has(rowid) && !refused.has(rowid)) unreadable++;
  return { copied: copied.size, unreadable, seen, topKnown: ascendingDone || stops.top !== null || indexComplete };
}

/** Whether every kv row can be read (then a missing seq_floor means nothing was ever purged). */
function kvComplete(src: Db): boolean {
  return scan(src, 'SELECT key, value FROM kv NOT INDEXED', () => {});
}

/** More ratings than the damaged file and its WAL could hold (a row takes well over 64 bytes). */
function rowsThatFit(file: string, src: Db): number {
  const bytes = [file, `${file}-wal`].reduce((sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
  const pageSize = tryAll(() => [src.pragma('page_size', { simple: true }) as number])[0] ?? DEFAULT_PAGE_SIZE;
  return Math.ceil(bytes / pageSize) * Math.ceil(pageSize / 64);
}

function insertStatement(table: string, row: Row) {
  const cols = Object.keys(row).filter((c) => c !== '__rowid');
  const sql = `INSERT INTO ${quote(table)} (${cols.map(quote).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
  return { sql, values: cols.map((c) => row[c]) };
}

/**
 * Reads `sourceFile` (never writing to it) and stores every readable rating, survey contact
 * and kv entry in `target`, a freshly migrated database, in one transaction.
 */
export function salvageInto(sourceFile: string, target: Db): SalvageCounts {
  const scratch = path.join(path.dirname(sourceFile), `${path.basename(sourceFile, '.db')}.salvage.db`);
  const removeScratch = () => {
    for (const f of [scratch, `${scratch}-wal`, `${scratch}-shm`]) fs.rmSync(f, { force: true });
  };
  removeScratch();
  const src = openReadable(sourceFile, scratch);
  if (!src) {
    removeScratch();
    return { ratingsCopied: 0, pendingCopied: 0, contactsCopied: 0, unreadable: 0 };
  }
  // Statements are prepared once per column set (the same for every row of a table).
  const prepared = new Map<string, Database.Statement>();
  const run = ({ sql, values }: { sql: string; values: unknown[] }) => {
    let stmt = prepared.get(sql);
    if (!stmt) prepared.set(sql, (stmt = target.prepare(sql)));
    stmt.run(...values);
  };
  try {
    return target
      .transaction((): SalvageCounts => {
        let pendingCopied = 0;
        const ratings = copyTable(src, target, 'ratings', (row) => {
          run(insertStatement('ratings', row));
          if (row.upload_state === 'pending') pendingCopied++;
        });
        // The survey contact's own rowid is not part of it; the id is.
        const contacts = copyTable(src, target, 'contacts', (row) => run(insertStatement('contacts', row)));
        let seqFloor = highest(ratings.seen, 0);
        let floorRead = false;
        copyTable(src, target, 'kv', (row) => {
          if (row.key === 'seq_floor') {
            seqFloor = Math.max(seqFloor, Number(row.value) || 0);
            floorRead = true;
          }
          if (typeof row.key === 'string' && KV_KEYS_NOT_COPIED.has(row.key)) return;
          run(insertStatement('kv', row));
        });
        // A seq that any scan or index saw, even on a row that was lost, is never given again.
        // When the newest rows (or the purge floor) were unreadable, nobody knows how high the
        // seq went: it then jumps past as many rows as the damaged files could have held.
        if (!ratings.topKnown || (!floorRead && !kvComplete(src))) seqFloor += rowsThatFit(sourceFile, src);
        if (seqFloor > 0) {
          target.prepare(`INSERT INTO kv (key, value) VALUES ('seq_floor', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(String(seqFloor));
        }
        return {
          ratingsCopied: ratings.copied,
          pendingCopied,
          contactsCopied: contacts.copied,
          unreadable: ratings.unreadable + contacts.unreadable,
        };
      })
      .immediate();
  } finally {
    src.close();
    removeScratch();
  }
}
