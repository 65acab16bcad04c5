// Moving the ratings of a kiosk installed before the ProgramData layout, on real files: the
// database and its -wal (which holds the last ratings until a checkpoint) arrive whole, the
// old copy is gone, and a failed or impossible move changes nothing.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { moveLegacyDatabase } from '../../../electron/main/legacy-data';
import { DATABASE_FILE_NAME, openDatabase } from '../../../electron/services/db/database';
import type { Logger } from '../../../electron/services/logger';
import { insertRatings } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';

let t: { dir: string; cleanup: () => void };
let from: string;
let to: string;
let lines: string[];
const logger: Logger = {
  info: (o, m) => lines.push(`info ${m} ${JSON.stringify(o)}`),
  warn: (o, m) => lines.push(`warn ${m} ${JSON.stringify(o)}`),
  error: (o, m) => lines.push(`error ${m} ${JSON.stringify(o)}`),
};

beforeEach(() => {
  t = tempDir('kiosk-legacy-');
  from = path.join(t.dir, 'AppData', 'Roaming', 'SatisfactionKiosk');
  to = path.join(t.dir, 'ProgramData', 'SatisfactionKiosk', 'data');
  fs.mkdirSync(from, { recursive: true });
  lines = [];
});
afterEach(() => t.cleanup());

/**
 * A kiosk database as a running kiosk leaves it after a crash: some ratings checkpointed into
 * the file, the newest only in the -wal. Returns how many ratings it holds.
 */
function oldKioskDatabase(): number {
  const db = openDatabase(path.join(from, DATABASE_FILE_NAME));
  insertRatings(db, [
    { at: '2026-12-01T08:00:00+07:00', level: 5 },
    { at: '2026-12-01T08:05:00+07:00', level: 4 },
  ]);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('wal_autocheckpoint = 0');
  insertRatings(db, [{ at: '2026-12-01T09:00:00+07:00', level: 1 }]);
  // Copying the files while the connection is open is a crash, as far as the files know.
  fs.cpSync(from, `${from}.crashed`, { recursive: true });
  db.close();
  fs.rmSync(from, { recursive: true });
  fs.renameSync(`${from}.crashed`, from);
  expect(fs.statSync(path.join(from, `${DATABASE_FILE_NAME}-wal`)).size).toBeGreaterThan(0);
  return 3;
}

function ratingsIn(dir: string): number {
  const db = new Database(path.join(dir, DATABASE_FILE_NAME), { fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM ratings').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe('moveLegacyDatabase', () => {
  it('moves the database with its -wal: every rating arrives, nothing is left in the user profile', () => {
    const count = oldKioskDatabase();
    expect(moveLegacyDatabase({ from, to }, logger)).toBe('moved');
    expect(fs.readdirSync(from).filter((f) => f.startsWith('ratings'))).toEqual([]);
    expect(fs.readdirSync(to).filter((f) => f.endsWith('.moving'))).toEqual([]);
    expect(ratingsIn(to)).toBe(count);
    expect(lines.some((l) => l.startsWith('info ratings database moved') && l.includes('"withWal":true'))).toBe(true);
  });

  it('moves a database without a -wal (a clean shut-down) and replaces a stray -shm in the new folder', () => {
    const db = openDatabase(path.join(from, DATABASE_FILE_NAME));
    insertRatings(db, [{ at: '2026-12-01T08:00:00+07:00', level: 3 }]);
    db.close();
    fs.mkdirSync(to, { recursive: true });
    fs.writeFileSync(path.join(to, `${DATABASE_FILE_NAME}-shm`), 'left by an interrupted attempt');
    expect(moveLegacyDatabase({ from, to }, logger)).toBe('moved');
    expect(ratingsIn(to)).toBe(1);
  });

  it('does nothing when the user profile holds no database', () => {
    expect(moveLegacyDatabase({ from, to }, logger)).toBe('none');
    expect(fs.existsSync(to)).toBe(false);
    expect(lines).toEqual([]);
  });

  it('leaves both in place when the new folder already has a database, and says so', () => {
    oldKioskDatabase();
    const db = openDatabase(path.join(to, DATABASE_FILE_NAME));
    db.close();
    expect(moveLegacyDatabase({ from, to }, logger)).toBe('both');
    expect(ratingsIn(from)).toBe(3);
    expect(ratingsIn(to)).toBe(0);
    expect(lines.some((l) => l.startsWith('warn an older ratings database is still in the user profile'))).toBe(true);
  });

  it('on failure keeps the old database whole, leaves no half copy, and says the old folder is used', () => {
    const count = oldKioskDatabase();
    // The data folder cannot be created: a file stands where its parent should be.
    fs.mkdirSync(path.dirname(path.dirname(to)), { recursive: true });
    fs.writeFileSync(path.dirname(to), 'not a folder');
    expect(moveLegacyDatabase({ from, to }, logger)).toBe('failed');
    expect(ratingsIn(from)).toBe(count);
    expect(lines.some((l) => l.startsWith('error could not move the ratings database'))).toBe(true);
  });
});
