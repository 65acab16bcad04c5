import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskFailure } from '../../../shared/errors';
import { openDatabase } from '../../../electron/services/db/database';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../../electron/services/db/migrations';
import { openKioskDatabase } from '../../../electron/services/db/open-kiosk-database';
import { sha256 } from '../../support/damaged-db';
import { tempDir } from '../../support/temp-db';

let cleanup = () => {};
afterEach(() => cleanup());

function freshFile(): string {
  const t = tempDir();
  cleanup = t.cleanup;
  return path.join(t.dir, 'ratings.db');
}

/** The error code an open was refused with (it must be refused). */
function refusal(open: () => unknown): string {
  try {
    open();
  } catch (e) {
    expect(e).toBeInstanceOf(KioskFailure);
    return (e as KioskFailure).error.code;
  }
  throw new Error('the database was opened, not refused');
}

/** user_version as written in the file header (bytes 60-63), whatever the WAL says. */
function headerVersion(file: string): number {
  return fs.readFileSync(file).readUInt32BE(60);
}

describe('migrations', () => {
  it('builds the schema from an empty file and records the version', () => {
    const db = openDatabase(freshFile());
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['kv', 'ratings']));
    db.close();
  });

  it('uses the durable pragmas the product promises', () => {
    const db = openDatabase(freshFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    // Deleted content (purged comments and phone numbers) is zeroed, not left in free space.
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    db.close();
  });

  it('is idempotent: reopening an up-to-date database changes nothing', () => {
    const file = freshFile();
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
  });

  it('every migration runs on the previous one, in order, with increasing numbers', () => {
    MIGRATIONS.forEach((m, i) => expect(m.version).toBe(i + 1));
    const db = new Database(freshFile());
    for (const m of MIGRATIONS) {
      migrate(
        db,
        MIGRATIONS.filter((x) => x.version <= m.version),
      );
      expect(db.pragma('user_version', { simple: true })).toBe(m.version);
    }
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('refuses a database written by a newer app, and leaves it untouched', () => {
    const file = freshFile();
    const raw = new Database(file);
    raw.exec('CREATE TABLE future_thing (x INTEGER)');
    raw.pragma(`user_version = ${LATEST_VERSION + 1}`);
    raw.close();
    const before = sha256(file);
    const filesBefore = fs.readdirSync(path.dirname(file));
    for (const open of [() => openDatabase(file), () => openKioskDatabase(file)]) {
      expect(refusal(open)).toBe('DATABASE_TOO_NEW');
      // Not one byte changed, and nothing created beside it: no -wal, no -shm.
      expect(sha256(file)).toBe(before);
      expect(fs.readdirSync(path.dirname(file))).toEqual(filesBefore);
    }
    const check = new Database(file, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    expect(check.prepare(`SELECT name FROM sqlite_master WHERE name = 'ratings'`).get()).toBeUndefined();
    check.close();
  });

  it('refuses a newer version that only the WAL holds (a newer app stopped before a checkpoint), file untouched', () => {
    const file = freshFile();
    const older = openDatabase(file);
    older.pragma('wal_checkpoint(TRUNCATE)');
    // The newer app's migration commits into the WAL; its process dies before a checkpoint.
    older.exec('CREATE TABLE future_thing (x INTEGER)');
    older.pragma(`user_version = ${LATEST_VERSION + 1}`);
    const dir = path.dirname(file);
    const crashed = path.join(dir, 'crashed.db');
    fs.copyFileSync(file, crashed);
    fs.copyFileSync(`${file}-wal`, `${crashed}-wal`);
    older.close();
    expect(headerVersion(crashed)).toBe(LATEST_VERSION);
    const before = { db: sha256(crashed), wal: sha256(`${crashed}-wal`) };
    for (const open of [() => openDatabase(crashed), () => openKioskDatabase(crashed)]) {
      expect(refusal(open)).toBe('DATABASE_TOO_NEW');
      // The WAL was not checkpointed into the file, nor deleted.
      expect({ db: sha256(crashed), wal: sha256(`${crashed}-wal`) }).toEqual(before);
    }
  });

  it('rolls back a failing migration completely', () => {
    const db = new Database(freshFile());
    const broken = [...MIGRATIONS, { version: LATEST_VERSION + 1, description: 'broken', sql: 'CREATE TABLE half (x); SELECT * FROM no_such_table;' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'half'`).get()).toBeUndefined();
    db.close();
  });
});
