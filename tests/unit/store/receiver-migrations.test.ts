// The receiver's numbered migrations: a database made by an older receiver is brought up to
// date with its ratings intact, and one from a newer receiver is refused untouched.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openReceiverDb, RECEIVER_DB_FILE } from '../../../server/receiver-db';
import { tempDir as makeTempDir } from '../../support/temp-db';

const cleanups: (() => void)[] = [];
const tempDir = () => {
  const { dir, cleanup } = makeTempDir('receiver-db-');
  cleanups.push(cleanup);
  return dir;
};
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const indexes = (db: Database.Database) =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ratings' AND sql IS NOT NULL ORDER BY name`).all() as { name: string }[]).map((r) => r.name);

describe('receiver database migrations', () => {
  it('upgrades a version 1 database: the export index goes, the ratings stay', () => {
    const dir = tempDir();
    // Version 1 exactly as the first receiver made it.
    const v1 = new Database(path.join(dir, RECEIVER_DB_FILE));
    v1.exec(`
      CREATE TABLE ratings (id TEXT PRIMARY KEY NOT NULL, kiosk_id TEXT NOT NULL, unit_code TEXT NOT NULL, seq INTEGER NOT NULL,
        created_at TEXT NOT NULL, local_day TEXT NOT NULL, scale INTEGER NOT NULL, level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
        misuse_flag INTEGER NOT NULL CHECK (misuse_flag IN (0, 1)), content TEXT NOT NULL, received_at_ms INTEGER NOT NULL) WITHOUT ROWID;
      CREATE INDEX ratings_tally ON ratings (local_day, unit_code, level, misuse_flag);
      CREATE INDEX ratings_export ON ratings (local_day, id);
      CREATE TABLE kiosks (kiosk_id TEXT PRIMARY KEY NOT NULL, unit_code TEXT NOT NULL, last_heartbeat_ms INTEGER NOT NULL,
        clock_skew_ms INTEGER NOT NULL, heartbeat TEXT NOT NULL);
      INSERT INTO ratings VALUES ('r1', 'k1', 'U1', 1, '2026-03-02T09:00:00.000+07:00', '2026-03-02', 3, 2, 0, '[]', 1);
      PRAGMA user_version = 1;`);
    v1.close();

    const db = openReceiverDb(dir);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(indexes(db)).toEqual(['ratings_tally']);
    expect(db.prepare('SELECT id, level FROM ratings').all()).toEqual([{ id: 'r1', level: 2 }]);
    db.close();
  });

  it('refuses a database from a newer receiver and leaves it as it was', () => {
    const dir = tempDir();
    const newer = new Database(path.join(dir, RECEIVER_DB_FILE));
    newer.pragma('user_version = 99');
    newer.close();
    expect(() => openReceiverDb(dir)).toThrow(/newer than this receiver/);
    const check = new Database(path.join(dir, RECEIVER_DB_FILE));
    expect(check.pragma('user_version', { simple: true })).toBe(99);
    check.close();
  });
});
