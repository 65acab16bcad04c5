// A kiosk installed before the ProgramData layout kept its ratings in its Windows user's
// userData. At the first start of the new version that database (with its -wal, which may
// hold the last ratings) is moved into the machine-wide data folder, once, before anything
// opens it. The copies are flushed to disk and renamed into place before the old files are
// removed, so a power cut at any step leaves either the old database whole where it was
// (and the move is tried again at the next start) or the new one whole in its place; no
// second copy of citizens' comments and phone numbers is left behind in the user's profile.
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE_NAME } from '../services/db/database';
import type { Logger } from '../services/logger';

export type LegacyMoveOutcome =
  /** Nothing to move. */
  | 'none'
  /** Moved: the new folder now holds the database. */
  | 'moved'
  /** Both folders hold a database: the new one is used and the old one left for IT. */
  | 'both'
  /** The move failed: the old folder is used this time, and the move is tried again next start. */
  | 'failed';

const SIDE_FILES = ['-wal', '-shm'] as const;

function flushFile(file: string): void {
  // r+: Windows flushes only through a handle opened for writing.
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function moveLegacyDatabase(move: { from: string; to: string }, logger: Logger): LegacyMoveOutcome {
  const oldDb = path.join(move.from, DATABASE_FILE_NAME);
  const newDb = path.join(move.to, DATABASE_FILE_NAME);
  if (!fs.existsSync(oldDb)) return 'none';
  if (fs.existsSync(newDb)) {
    logger.warn({ old: oldDb, used: newDb }, 'an older ratings database is still in the user profile; the ProgramData one is used, the old one is left for IT');
    return 'both';
  }
  const temps: string[] = [];
  try {
    fs.mkdirSync(move.to, { recursive: true });
    const oldWal = `${oldDb}-wal`;
    const hasWal = fs.existsSync(oldWal);
    const staged = (suffix: string) => `${newDb}${suffix}.moving`;
    fs.copyFileSync(oldDb, staged(''));
    temps.push(staged(''));
    flushFile(staged(''));
    if (hasWal) {
      fs.copyFileSync(oldWal, staged('-wal'));
      temps.push(staged('-wal'));
      flushFile(staged('-wal'));
    }
    // A -shm or -wal left by an interrupted earlier attempt belongs to no database: SQLite must not pair it with this one.
    for (const suffix of SIDE_FILES) fs.rmSync(`${newDb}${suffix}`, { force: true });
    // The -wal first: the database file appearing is what marks the move as done.
    if (hasWal) fs.renameSync(staged('-wal'), `${newDb}-wal`);
    fs.renameSync(staged(''), newDb);
    temps.length = 0;
    const bytes = fs.statSync(newDb).size + (hasWal ? fs.statSync(`${newDb}-wal`).size : 0);
    logger.info({ from: move.from, to: move.to, bytes, withWal: hasWal }, 'ratings database moved from the user profile to ProgramData');
    try {
      for (const suffix of ['', ...SIDE_FILES]) fs.rmSync(`${oldDb}${suffix}`, { force: true });
    } catch (error) {
      logger.warn(
        { old: oldDb, error: error instanceof Error ? error.message : String(error) },
        'the old copy of the moved database could not be removed; IT should delete it',
      );
    }
    return 'moved';
  } catch (error) {
    for (const t of temps) fs.rmSync(t, { force: true });
    logger.error(
      { from: move.from, to: move.to, error: error instanceof Error ? error.message : String(error) },
      'could not move the ratings database to ProgramData; using the old folder this time',
    );
    return 'failed';
  }
}
