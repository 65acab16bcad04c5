import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { KioskFailure } from '../../../shared/errors';
import { openDatabase } from '../../../electron/services/db/database';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../../electron/services/db/migrations';
import { tempDir } from '../../support/temp-db';

let cleanup = () => {};
afterEach(() => cleanup());

function freshFile(): string {
  const t = tempDir();
  cleanup = t.cleanup;
  return path.join(t.dir, 'ratings.db');
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
      migrate(db, MIGRATIONS.filter((x) => x.version <= m.version));
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
    let caught: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(KioskFailure);
    expect((caught as KioskFailure).error.code).toBe('DATABASE_TOO_NEW');
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 1);
    expect(check.prepare(`SELECT name FROM sqlite_master WHERE name = 'ratings'`).get()).toBeUndefined();
    check.close();
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
