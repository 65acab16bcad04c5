// The kiosk's start: open the database, or, when SQLite finds it damaged, replace it so the
// kiosk keeps taking ratings. The damaged file is never deleted: it is renamed next to the
// database with "corrupt" and the time in its name (with its -wal and -shm), and what can
// still be read from it is copied into the new database first.
//
// The swap survives a power cut at any point. The new database is built completely under a
// temporary name, then a small journal file names both files before anything is renamed;
// a start that finds the journal finishes the renames. Until the journal exists, the
// damaged file is untouched and a start simply begins again.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { KioskFailure } from '../../../shared/errors';
import type { Logger } from '../logger';
import { headerSchemaVersion, openDatabase, type Db } from './database';
import { MIGRATIONS, refuseNewerSchema } from './migrations';
import { salvageInto } from './salvage';
import { writeStorageRecovery, type StorageRecovery } from './storage-status';

export interface OpenedKioskDatabase {
  db: Db;
  /** Set when this start found the database damaged and replaced it. */
  recovery: StorageRecovery | null;
}

export interface OpenKioskDatabaseOptions {
  now?: () => number;
  logger?: Logger;
}

const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

interface SwapJournal {
  /** Base names, in the database's folder. */
  movedTo: string;
  replacement: string;
}

function stem(file: string): string {
  return path.basename(file).replace(/\.db$/, '');
}

/** ratings.db → ratings.recovering.db: where the new database is built. */
function replacementFile(file: string): string {
  return path.join(path.dirname(file), `${stem(file)}.recovering.db`);
}

function journalFile(file: string): string {
  return path.join(path.dirname(file), `${stem(file)}.recovery.json`);
}

/** ratings.db → ratings.corrupt-2026-12-01T03-00-00-000Z.db, never an existing name. */
function corruptName(file: string, atMs: number): string {
  const stamp = new Date(atMs).toISOString().replace(/[:.]/g, '-');
  for (let n = 0; ; n++) {
    const name = `${stem(file)}.corrupt-${stamp}${n === 0 ? '' : `-${n}`}.db`;
    const taken = [name, ...SIDE_FILES.map((s) => name + s)].some((f) => fs.existsSync(path.join(path.dirname(file), f)));
    if (!taken) return name;
  }
}

function fsyncPath(p: string): void {
  // A directory cannot be opened for syncing on Windows; its renames are durable there anyway.
  let fd: number;
  try {
    fd = fs.openSync(p, 'r');
  } catch {
    return;
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    // Some file systems refuse fsync on a directory; nothing better can be done.
  } finally {
    fs.closeSync(fd);
  }
}

function removeWithSideFiles(file: string): void {
  for (const f of [file, ...SIDE_FILES.map((s) => file + s)]) fs.rmSync(f, { force: true });
}

/** The damage SQLite reports, or null; errors that are not damage (busy, no access) are thrown. */
function findDamage(file: string): string | null {
  const size = fs.statSync(file).size;
  if (size === 0) {
    // An empty file is a new database, unless a WAL holds its pages: SQLite would delete
    // that WAL on open, so it is kept with the file instead.
    const wal = `${file}-wal`;
    return fs.existsSync(wal) && fs.statSync(wal).size > 0 ? 'database file is empty but its WAL is not' : null;
  }
  let probe: Db | null = null;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
    // A version only the WAL holds: refused like the header's, before anything writes.
    refuseNewerSchema(probe.pragma('user_version', { simple: true }) as number);
    const rows = probe.pragma('quick_check(5)') as Array<{ quick_check: string }>;
    const findings = rows.map((r) => r.quick_check);
    return findings.length === 1 && findings[0] === 'ok' ? null : `quick_check: ${findings.join('; ').slice(0, 500)}`;
  } catch (error) {
    const e = error as { code?: unknown; message?: unknown };
    if (typeof e.code === 'string' && (e.code.startsWith('SQLITE_CORRUPT') || e.code === 'SQLITE_NOTADB')) {
      return `${e.code}: ${String(e.message)}`;
    }
    if (error instanceof KioskFailure) throw error;
    throw new KioskFailure({ code: 'DATABASE_ERROR', detail: `${String(e.code ?? '')} ${String(e.message ?? error)}`.trim() });
  } finally {
    probe?.close();
  }
}

/** Renames per the journal; safe to run again after a cut at any point. */
function finishSwap(file: string): void {
  const journal = journalFile(file);
  if (!fs.existsSync(journal)) return;
  const dir = path.dirname(file);
  let swap: SwapJournal;
  try {
    swap = JSON.parse(fs.readFileSync(journal, 'utf8')) as SwapJournal;
  } catch {
    // Cut while the journal itself was written: nothing was renamed yet; start over.
    fs.rmSync(journal, { force: true });
    return;
  }
  const movedTo = path.join(dir, path.basename(swap.movedTo));
  const replacement = path.join(dir, path.basename(swap.replacement));
  // The replacement still waiting means the swap is unfinished. Side files go first: a WAL
  // left under the database's name would be replayed into the new database.
  if (fs.existsSync(replacement)) {
    for (const s of SIDE_FILES) if (fs.existsSync(file + s)) fs.renameSync(file + s, movedTo + s);
    if (fs.existsSync(file)) fs.renameSync(file, movedTo);
    fs.renameSync(replacement, file);
    fsyncPath(dir);
  }
  fs.rmSync(journal, { force: true });
  fsyncPath(dir);
}

function replaceDamaged(file: string, reason: string, atMs: number): StorageRecovery {
  const dir = path.dirname(file);
  const replacement = replacementFile(file);
  // Left by a cut before the journal was written: incomplete, and the damaged file is intact.
  removeWithSideFiles(replacement);
  const movedTo = corruptName(file, atMs);
  const fresh = openDatabase(replacement);
  let record: StorageRecovery;
  try {
    const counts = salvageInto(file, fresh);
    record = { atMs, movedTo, reason, ...counts };
    writeStorageRecovery(fresh, record);
    // One self-contained file: nothing of it may stay behind in a WAL when it is renamed.
    fresh.pragma('journal_mode = DELETE');
  } finally {
    fresh.close();
  }
  fsyncPath(replacement);
  const journal = journalFile(file);
  const swap: SwapJournal = { movedTo, replacement: path.basename(replacement) };
  const fd = fs.openSync(journal, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(swap));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fsyncPath(dir);
  finishSwap(file);
  return record;
}

/**
 * Opens the kiosk's database for the start of the kiosk (not for the upload worker or the
 * admin commands, which must never move a file the running kiosk uses). A database from a
 * newer app is refused untouched; a damaged one is replaced, see the file's head comment.
 */
export function openKioskDatabase(file: string, options: OpenKioskDatabaseOptions = {}): OpenedKioskDatabase {
  const now = options.now ?? Date.now;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  finishSwap(file);
  if (!fs.existsSync(file)) return { db: openDatabase(file), recovery: null };
  const headerVersion = headerSchemaVersion(file);
  if (headerVersion !== null) refuseNewerSchema(headerVersion, MIGRATIONS);
  const checkStart = performance.now();
  const damage = findDamage(file);
  // The check reads the whole file: its time is worth knowing as the database grows.
  options.logger?.info({ file, ms: Math.round(performance.now() - checkStart), damaged: damage !== null }, 'database checked');
  if (damage === null) return { db: openDatabase(file, MIGRATIONS, { versionChecked: true }), recovery: null };

  options.logger?.error({ file, damage }, 'database damaged; moving it aside and starting a new one with what can be read');
  let recovery: StorageRecovery;
  try {
    recovery = replaceDamaged(file, damage, now());
  } catch (error) {
    if (error instanceof KioskFailure) throw error;
    const e = error as { code?: unknown; message?: unknown };
    throw new KioskFailure({ code: 'DATABASE_ERROR', detail: `replacing the damaged database failed: ${String(e.code ?? '')} ${String(e.message ?? error)}` });
  }
  options.logger?.error({ ...recovery, file }, 'damaged database replaced; the old file is kept for IT');
  return { db: openDatabase(file), recovery };
}
