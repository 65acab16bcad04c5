// The receiver's numbered migrations: a database made by an older receiver is brought up to
// date with its ratings intact (a dossier rated twice before the rule keeps its first
// rating), and one from a newer receiver is refused untouched.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openReceiverDb, RECEIVER_DB_FILE } from '../../../server/receiver-db';
import { createReceiverStore } from '../../../server/receiver-store';
import { canonicalRatingContent } from '../../../shared/upload-protocol';
import { tempDir } from '../../support/temp-db';
import { batch, wireRating } from '../../integration/server/receiver-helpers';

const cleanups: (() => void)[] = [];
const newDir = () => {
  const { dir, cleanup } = tempDir('receiver-db-');
  cleanups.push(cleanup);
  return dir;
};
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

const indexes = (db: Database.Database) =>
  (
    db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ratings' AND sql IS NOT NULL ORDER BY name`).all() as { name: string }[]
  ).map((r) => r.name);

describe('receiver database migrations', () => {
  it('upgrades a version 1 database: the export index goes, the ratings stay', () => {
    const dir = newDir();
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
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(indexes(db)).toEqual(['ratings_kiosk_day', 'ratings_received', 'ratings_tally', 'ratings_unit_dossier']);
    expect(db.prepare('SELECT id, level, dossier_code FROM ratings').all()).toEqual([{ id: 'r1', level: 2, dossier_code: null }]);
    db.close();
  });

  it("version 3 back-fills dossier codes and moves a dossier's later ratings apart, the earliest received staying", () => {
    const dir = newDir();
    // Version 2 exactly as the receiver before the dossier rule made it.
    const v2 = new Database(path.join(dir, RECEIVER_DB_FILE));
    v2.exec(`
      CREATE TABLE ratings (id TEXT PRIMARY KEY NOT NULL, kiosk_id TEXT NOT NULL, unit_code TEXT NOT NULL, seq INTEGER NOT NULL,
        created_at TEXT NOT NULL, local_day TEXT NOT NULL, scale INTEGER NOT NULL, level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
        misuse_flag INTEGER NOT NULL CHECK (misuse_flag IN (0, 1)), content TEXT NOT NULL, received_at_ms INTEGER NOT NULL) WITHOUT ROWID;
      CREATE INDEX ratings_tally ON ratings (local_day, unit_code, level, misuse_flag);
      CREATE TABLE kiosks (kiosk_id TEXT PRIMARY KEY NOT NULL, unit_code TEXT NOT NULL, last_heartbeat_ms INTEGER NOT NULL,
        clock_skew_ms INTEGER NOT NULL, heartbeat TEXT NOT NULL);
      PRAGMA user_version = 2;`);
    const insert = v2.prepare(`INSERT INTO ratings VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const old: [id: string, kiosk: string, unit: string, dossier: string | null, receivedAtMs: number][] = [
      ['r-a', 'k1', 'U1', 'D-1', 100],
      ['r-b', 'k2', 'U1', 'D-1', 50], // the first received of D-1 in U1, from another kiosk
      ['r-c', 'k1', 'U1', 'D-1', 200],
      ['r-e', 'k1', 'U1', 'D-2', 300], // same batch as r-d: the smaller id stays
      ['r-d', 'k1', 'U1', 'D-2', 300],
      ['r-f', 'k3', 'U2', 'D-1', 400], // the same code in another unit is another dossier
      ['r-g', 'k1', 'U1', null, 500],
      ['r-h', 'k1', 'U1', null, 600],
    ];
    const contents = new Map<string, string>();
    old.forEach(([id, kiosk, unit, dossier, at], i) => {
      const r = wireRating({ id, seq: i + 1, level: 4, dossierCode: dossier, dossierCapture: dossier ? 'qr' : 'none' });
      const content = canonicalRatingContent(kiosk, unit, r);
      contents.set(id, content);
      insert.run(id, kiosk, unit, i + 1, r.createdAt, r.createdAt.slice(0, 10), 3, 4, 0, content, at);
    });
    v2.close();

    const db = openReceiverDb(dir);
    expect(db.pragma('user_version', { simple: true })).toBe(8);
    expect(db.prepare('SELECT id, unit_code, dossier_code FROM ratings ORDER BY id').all()).toEqual([
      { id: 'r-b', unit_code: 'U1', dossier_code: 'D-1' },
      { id: 'r-d', unit_code: 'U1', dossier_code: 'D-2' },
      { id: 'r-f', unit_code: 'U2', dossier_code: 'D-1' },
      { id: 'r-g', unit_code: 'U1', dossier_code: null },
      { id: 'r-h', unit_code: 'U1', dossier_code: null },
    ]);
    const apart = db.prepare<[], Record<string, unknown>>('SELECT * FROM ratings_dossier_repeat ORDER BY id').all();
    expect(apart.map((r) => [r.id, r.kiosk_id, r.dossier_code, r.received_at_ms])).toEqual([
      ['r-a', 'k1', 'D-1', 100],
      ['r-c', 'k1', 'D-1', 200],
      ['r-e', 'k1', 'D-2', 300],
    ]);
    // Moved whole: the content still answers a re-send as the same rating.
    for (const r of apart) expect(r.content).toBe(contents.get(r.id as string));
    expect(apart[0]).toMatchObject({ unit_code: 'U1', seq: 1, scale: 3, level: 4, misuse_flag: 0, local_day: '2026-03-02' });
    // From now on the index holds the rule, and the store answers by it.
    expect(() =>
      db
        .prepare(
          `INSERT INTO ratings (id, kiosk_id, unit_code, seq, created_at, local_day, scale, level, misuse_flag, content, received_at_ms, dossier_code)
      VALUES ('r-x', 'k9', 'U1', 9, 'x', 'x', 3, 4, 0, '[]', 1, 'D-2')`,
        )
        .run(),
    ).toThrow(/UNIQUE/);
    db.close();
  });

  it('version 3 then stores new ratings by the dossier rule', async () => {
    const dir = newDir();
    const db = openReceiverDb(dir);
    const store = createReceiverStore(db);
    const first = wireRating({ seq: 1, dossierCode: 'D-9' });
    const second = wireRating({ seq: 2, dossierCode: 'D-9' });
    const b = batch([first, second]) as Parameters<typeof store.storeBatchQueued>[0];
    expect(await store.storeBatchQueued(b, 1)).toEqual({ accepted: [first.id], duplicates: [], dossierRated: [second.id], rejected: [] });
    expect(await store.storeBatchQueued(b, 2)).toEqual({ accepted: [], duplicates: [first.id], dossierRated: [second.id], rejected: [] });
    db.close();
  });

  it('refuses a database from a newer receiver and leaves it as it was', () => {
    const dir = newDir();
    const newer = new Database(path.join(dir, RECEIVER_DB_FILE));
    newer.pragma('user_version = 99');
    newer.close();
    const file = path.join(dir, RECEIVER_DB_FILE);
    const bytes = fs.readFileSync(file);
    expect(() => openReceiverDb(dir)).toThrow(/newer than this receiver/);
    // Byte for byte: not even switched to WAL, which would rewrite the header.
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(99);
    check.close();
  });
});
