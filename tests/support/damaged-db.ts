// Real kiosk databases and real damage: a file built through the app's own openDatabase,
// then bytes of its pages overwritten, its header garbled or its tail cut off, the way a
// failing disk or a power cut during a write leaves it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase, type Db } from '../../electron/services/db/database';
import type { RatingRow } from '../../electron/services/db/rating-store';
import { insertRatings } from './rating-fixtures';

export const PAGE_SIZE = 4096;
const T0 = Date.parse('2026-12-01T08:00:00+07:00');

export interface BuiltKioskDb {
  /** Every rating as stored, by seq (1..n, no gaps). */
  ratings: RatingRow[];
  contacts: Array<Record<string, unknown>>;
  kv: Array<{ key: string; value: string }>;
}

/**
 * A kiosk database with `n` ratings (every third delivered, some with comments), survey
 * contacts and uploader state, closed cleanly (everything checkpointed into the file).
 */
export function buildKioskDb(file: string, n = 2000): BuiltKioskDb {
  const db = openDatabase(file);
  fillKioskDb(db, n);
  const built = readKioskDb(db);
  db.close();
  return built;
}

export function fillKioskDb(db: Db, n: number, fromSeq = 1): void {
  insertRatings(
    db,
    Array.from({ length: n }, (_, i) => ({
      at: T0 + (fromSeq + i) * 60_000,
      level: ([5, 4, 2] as const)[i % 3]!,
      comment: i % 7 === 0 ? `Góp ý số ${fromSeq + i}: cán bộ hướng dẫn tận tình` : null,
      dossierCode: i % 11 === 0 ? `000.00.31.H21-261201-${String(fromSeq + i).padStart(4, '0')}` : null,
    })),
  );
  db.prepare(`UPDATE ratings SET upload_state = 'delivered', delivered_at_ms = ? WHERE seq % 3 = 0 AND seq >= ?`).run(T0, fromSeq);
  const contact = db.prepare(
    `INSERT OR IGNORE INTO contacts (id, phone, created_at_ms, utc_offset_min, unit_code, kiosk_id, consent_version)
     VALUES (?, ?, ?, 420, 'TEST-UNIT', 'kiosk-01', 'v1')`,
  );
  for (let i = 0; i < 5; i++) contact.run(`c-${fromSeq}-${i}`, `09${String(fromSeq * 10 + i).padStart(8, '0')}`, T0 + i);
  db.prepare(`INSERT INTO kv (key, value) VALUES ('sync.state', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(
    JSON.stringify({ state: 'idle', lastAttemptMs: T0, lastSuccessMs: T0, lastError: null, nextAttemptMs: null, clockOffsetMs: 120, failures: 0 }),
  );
}

export function readKioskDb(db: Db): BuiltKioskDb {
  return {
    ratings: db.prepare<[], RatingRow>('SELECT * FROM ratings ORDER BY seq').all(),
    contacts: db.prepare<[], Record<string, unknown>>('SELECT * FROM contacts ORDER BY id').all(),
    kv: db.prepare<[], { key: string; value: string }>('SELECT key, value FROM kv ORDER BY key').all(),
  };
}

export function readKioskFile(file: string): BuiltKioskDb {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return readKioskDb(db);
  } finally {
    db.close();
  }
}

export interface LeafPage {
  pageno: number;
  /** The rowids on the page (rowids are dense 1..n in a built database, so a range). */
  first: number;
  last: number;
}

/** The leaf pages of `table`'s b-tree in key order, from SQLite's own dbstat table. */
export function leafPages(file: string, table: string): LeafPage[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const pages = db
      .prepare<[string], { pageno: number; ncell: number }>(`SELECT pageno, ncell FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path`)
      .all(table);
    let next = 1;
    return pages.map((p) => {
      const page = { pageno: p.pageno, first: next, last: next + p.ncell - 1 };
      next += p.ncell;
      return page;
    });
  } finally {
    db.close();
  }
}

/** Overwrites one whole page (numbered from 1) with a byte pattern, as a bad sector reads. */
export function overwritePage(file: string, pageno: number, byte = 0xa5): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(PAGE_SIZE, byte), 0, PAGE_SIZE, (pageno - 1) * PAGE_SIZE);
  } finally {
    fs.closeSync(fd);
  }
}

/** Garbles the 100-byte file header (the rest of page 1, the schema, stays). */
export function garbleHeader(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.from(Array.from({ length: 100 }, (_, i) => (i * 37 + 11) & 0xff)), 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The files in `dir` whose name says they are a damaged database moved aside. */
export function corruptFiles(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^ratings\.corrupt-.*\.db(-wal|-shm|-journal)?$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
}
