// A damaged database at start: real files, damaged the way disks damage them. The start
// must succeed, the damaged file must be kept (renamed, byte for byte), and every rating
// still readable must be in the new database with its id and seq.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { LATEST_VERSION } from '../../../electron/services/db/migrations';
import { openKioskDatabase } from '../../../electron/services/db/open-kiosk-database';
import { createRatingStore, type RatingRow } from '../../../electron/services/db/rating-store';
import { readStorageRecovery } from '../../../electron/services/db/storage-status';
import {
  buildKioskDb,
  corruptFiles,
  fillKioskDb,
  garbleHeader,
  leafPages,
  overwritePage,
  PAGE_SIZE,
  readKioskDb,
  sha256,
  type BuiltKioskDb,
} from '../../support/damaged-db';
import { tempDir } from '../../support/temp-db';

const AT = Date.parse('2026-12-02T09:30:00+07:00');
let cleanup = () => {};
let opened: Db | null = null;
afterEach(() => {
  opened?.close();
  opened = null;
  cleanup();
});

function dataDir(): string {
  const t = tempDir('kiosk-damaged-');
  cleanup = t.cleanup;
  return t.dir;
}

function start(file: string) {
  const result = openKioskDatabase(file, { now: () => AT });
  opened = result.db;
  return result;
}

/** The new database holds exactly `expected` (content equal); returns the seq a new rating gets. */
function expectRatings(db: Db, expected: RatingRow[]): number {
  const now = readKioskDb(db).ratings;
  expect(now.map((r) => r.seq)).toEqual(expected.map((r) => r.seq));
  expect(now).toEqual(expected);
  // A seq is never given twice, even one whose row was lost with its page.
  const next = createRatingStore(db).insert({
    id: '019ae000-0000-7000-8000-000000000001',
    createdAtMs: AT,
    utcOffsetMin: 420,
    localDay: '2026-12-02',
    localHour: 9,
    scale: 3,
    level: 5,
    language: 'vi',
    unitCode: 'TEST-UNIT',
    kioskId: 'kiosk-01',
    counterId: null,
    officerId: null,
    dossierCode: null,
    dossierCapture: 'none',
    appVersion: 'test',
    misuseFlag: false,
    clockOffsetMs: null,
    settleAfterMs: AT,
  });
  return next.seq;
}

function expectHealthy(db: Db): void {
  expect(db.pragma('quick_check', { simple: true })).toBe('ok');
  expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
}

describe('a damaged database at start', () => {
  it("inner b-tree page overwritten: only that page's ratings are lost, the file is kept byte for byte", () => {
    const dir = dataDir();
    const file = path.join(dir, 'ratings.db');
    const built = buildKioskDb(file, 2000);
    const leaves = leafPages(file, 'ratings');
    expect(leaves.length).toBeGreaterThan(20);
    const hit = leaves[Math.floor(leaves.length / 2)]!;
    overwritePage(file, hit.pageno);
    const damagedHash = sha256(file);

    const { db, recovery } = start(file);

    expectHealthy(db);
    const lost = built.ratings.filter((r) => r.seq >= hit.first && r.seq <= hit.last);
    expect(lost.length).toBeGreaterThan(0);
    const kept = built.ratings.filter((r) => r.seq < hit.first || r.seq > hit.last);
    expect(recovery).toMatchObject({
      atMs: AT,
      ratingsCopied: kept.length,
      pendingCopied: kept.filter((r) => r.upload_state === 'pending').length,
      contactsCopied: built.contacts.length,
      unreadable: lost.length,
    });
    expect(recovery!.reason).toMatch(/SQLITE_CORRUPT|quick_check/);
    // Moved aside, never deleted, not one byte changed; named with "corrupt" and the time.
    const moved = path.join(dir, recovery!.movedTo);
    expect(recovery!.movedTo).toBe('ratings.corrupt-2026-12-02T02-30-00-000Z.db');
    expect(sha256(moved)).toBe(damagedHash);
    expect(corruptFiles(dir)).toContain(moved);
    expect(fs.readdirSync(dir).filter((f) => f.includes('recover') || f.includes('salvage'))).toEqual([]);

    const after = readKioskDb(db);
    expect(after.contacts).toEqual(built.contacts);
    expect(after.kv.find((e) => e.key === 'sync.state')).toEqual(built.kv.find((e) => e.key === 'sync.state'));
    expect(readStorageRecovery(db)).toEqual(recovery);
    expect(expectRatings(db, kept)).toBe(2001);
  });

  it('the newest page lost: its seqs are never given again (the intact indexes still list them)', () => {
    const dir = dataDir();
    const file = path.join(dir, 'ratings.db');
    const built = buildKioskDb(file, 2000);
    const last = leafPages(file, 'ratings').at(-1)!;
    expect(last.last).toBe(2000);
    overwritePage(file, last.pageno);

    const { db, recovery } = start(file);

    expectHealthy(db);
    expect(recovery!.unreadable).toBe(last.last - last.first + 1);
    expect(
      expectRatings(
        db,
        built.ratings.filter((r) => r.seq < last.first),
      ),
    ).toBe(2001);
  });

  it("the newest page and the indexes' right edges lost: the seq jumps past all the file could hold", () => {
    const dir = dataDir();
    const file = path.join(dir, 'ratings.db');
    const built = buildKioskDb(file, 2000);
    const last = leafPages(file, 'ratings').at(-1)!;
    overwritePage(file, last.pageno);
    for (const index of ['ratings_pending', 'sqlite_autoindex_ratings_1', 'ratings_by_day']) overwritePage(file, leafPages(file, index).at(-1)!.pageno);

    const { db, recovery } = start(file);

    expectHealthy(db);
    // Nobody knows how high the seq went: it must never come back into used numbers.
    const next = expectRatings(
      db,
      built.ratings.filter((r) => r.seq < last.first),
    );
    const pages = fs.statSync(path.join(dir, recovery!.movedTo)).size / PAGE_SIZE;
    expect(next).toBeGreaterThan(2000 + pages);
  });

  it('garbled file header: the header is repaired on a scratch copy and every rating is read back', () => {
    const dir = dataDir();
    const file = path.join(dir, 'ratings.db');
    const built = buildKioskDb(file, 2000);
    garbleHeader(file);
    const damagedHash = sha256(file);
    // SQLite itself calls it "not a database".
    const raw = new Database(file, { readonly: true });
    expect(() => raw.pragma('user_version')).toThrow(/not a database/);
    raw.close();

    const { db, recovery } = start(file);

    expectHealthy(db);
    expect(recovery).toMatchObject({ ratingsCopied: 2000, unreadable: 0, contactsCopied: built.contacts.length });
    expect(recovery!.reason).toMatch(/SQLITE_NOTADB/);
    expect(sha256(path.join(dir, recovery!.movedTo))).toBe(damagedHash);
    expect(expectRatings(db, built.ratings)).toBe(2001);
  });

  it('file cut short (lost tail): every rating on the pages that remain is read back', () => {
    const dir = dataDir();
    const file = path.join(dir, 'ratings.db');
    const built = buildKioskDb(file, 2000);
    const size = fs.statSync(file).size;
    const cut = Math.floor((size * 0.6) / PAGE_SIZE) * PAGE_SIZE + 1234; // mid-page, as a torn write leaves it
    const intact = leafPages(file, 'ratings').filter((p) => p.pageno * PAGE_SIZE <= cut);
    fs.truncateSync(file, cut);

    const { db, recovery } = start(file);

    expectHealthy(db);
    const back = readKioskDb(db).ratings;
    const bySeq = new Map(built.ratings.map((r) => [r.seq, r]));
    // Whatever came back is exactly what was stored, and nothing on an intact page is missing.
    for (const r of back) expect(r).toEqual(bySeq.get(r.seq));
    const backSeqs = new Set(back.map((r) => r.seq));
    const expectedSeqs = intact.flatMap((p) => Array.from({ length: p.last - p.first + 1 }, (_, i) => p.first + i));
    expect(expectedSeqs.length).toBeGreaterThan(500);
    for (const seq of expectedSeqs) expect(backSeqs.has(seq), `seq ${seq}`).toBe(true);
    expect(recovery!.ratingsCopied).toBe(back.length);
    expect(fs.statSync(path.join(dir, recovery!.movedTo)).size).toBe(cut);
  });

  it('ratings still only in the WAL are read from it, and the WAL is moved aside with the file', () => {
    const dir = dataDir();
    const file = path.join(dir, 'ratings.db');
    buildKioskDb(file, 1500);
    // A kiosk that stopped without a checkpoint: its newest ratings are only in the WAL.
    const live = openDatabase(file);
    fillKioskDb(live, 500, 1501);
    const built: BuiltKioskDb = readKioskDb(live);
    const leaf = leafPages(file, 'ratings')[3]!;
    const copyDir = dataDir();
    const copy = path.join(copyDir, 'ratings.db');
    fs.copyFileSync(file, copy);
    fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    live.close();
    expect(fs.statSync(`${copy}-wal`).size).toBeGreaterThan(0);
    overwritePage(copy, leaf.pageno);
    const walHash = sha256(`${copy}-wal`);

    const { db, recovery } = start(copy);

    expectHealthy(db);
    const moved = path.join(copyDir, recovery!.movedTo);
    expect(sha256(`${moved}-wal`)).toBe(walHash);
    // Everything the WAL held (seq 1501..2000) is back, and all but the damaged page's rows.
    const back = new Map(readKioskDb(db).ratings.map((r) => [r.seq, r]));
    for (const r of built.ratings) {
      if (r.seq >= leaf.first && r.seq <= leaf.last) continue;
      expect(back.get(r.seq), `seq ${r.seq}`).toEqual(r);
    }
    expect(recovery!.pendingCopied).toBe([...back.values()].filter((r) => r.upload_state === 'pending').length);
  });

  it('an empty file whose WAL holds pages is moved aside with that WAL, not opened (SQLite would delete the WAL)', () => {
    const dir = dataDir();
    const file = path.join(dir, 'ratings.db');
    fs.writeFileSync(file, '');
    fs.writeFileSync(`${file}-wal`, Buffer.alloc(8192, 7));
    const walHash = sha256(`${file}-wal`);

    const { db, recovery } = start(file);

    expectHealthy(db);
    expect(recovery).toMatchObject({ ratingsCopied: 0, reason: 'database file is empty but its WAL is not' });
    expect(sha256(path.join(dir, `${recovery!.movedTo}-wal`))).toBe(walHash);
  });

  it('a healthy database opens as it is: no recovery, no file renamed', () => {
    const dir = dataDir();
    const file = path.join(dir, 'ratings.db');
    const built = buildKioskDb(file, 300);
    const { db, recovery } = start(file);
    expect(recovery).toBeNull();
    expect(readStorageRecovery(db)).toBeNull();
    expect(corruptFiles(dir)).toEqual([]);
    expect(readKioskDb(db)).toEqual(built);
  });

  describe('a power cut in the middle of the swap: the next start finishes it from the journal', () => {
    /** A damaged database with a WAL, and a finished replacement with one rating, as recovery leaves them. */
    function interruptedSwap() {
      const dir = dataDir();
      const file = path.join(dir, 'ratings.db');
      buildKioskDb(file, 200);
      overwritePage(file, leafPages(file, 'ratings')[1]!.pageno);
      fs.writeFileSync(`${file}-wal`, Buffer.alloc(4096, 3)); // stands for the damaged file's own WAL
      const damaged = { db: sha256(file), wal: sha256(`${file}-wal`) };
      const replacement = path.join(dir, 'ratings.recovering.db');
      const fresh = openDatabase(replacement);
      fillKioskDb(fresh, 1);
      fresh.pragma('journal_mode = DELETE');
      fresh.close();
      const movedTo = 'ratings.corrupt-2026-12-02T02-30-00-000Z.db';
      fs.writeFileSync(path.join(dir, 'ratings.recovery.json'), JSON.stringify({ movedTo, replacement: 'ratings.recovering.db' }));
      return { dir, file, damaged, moved: path.join(dir, movedTo) };
    }

    function expectFinished(s: ReturnType<typeof interruptedSwap>) {
      const { db, recovery } = start(s.file);
      // The replacement is the database now; nothing was found damaged or replaced again.
      expect(recovery).toBeNull();
      expectHealthy(db);
      expect(readKioskDb(db).ratings).toHaveLength(1);
      expect({ db: sha256(s.moved), wal: sha256(`${s.moved}-wal`) }).toEqual(s.damaged);
      expect(fs.readdirSync(s.dir).filter((f) => /recover|salvage/.test(f))).toEqual([]);
      expect(corruptFiles(s.dir).filter((f) => f.endsWith('.db'))).toEqual([s.moved]);
    }

    it('cut right after the journal was written: nothing renamed yet', () => {
      expectFinished(interruptedSwap());
    });

    it('cut after the WAL was moved aside, before the file', () => {
      const s = interruptedSwap();
      fs.renameSync(`${s.file}-wal`, `${s.moved}-wal`);
      expectFinished(s);
    });

    it('cut after the damaged file was moved, before the replacement took its name', () => {
      const s = interruptedSwap();
      fs.renameSync(`${s.file}-wal`, `${s.moved}-wal`);
      fs.renameSync(s.file, s.moved);
      expectFinished(s);
    });

    it('cut after the last rename, with only the journal left: the new database is not touched', () => {
      const s = interruptedSwap();
      fs.renameSync(`${s.file}-wal`, `${s.moved}-wal`);
      fs.renameSync(s.file, s.moved);
      fs.renameSync(path.join(s.dir, 'ratings.recovering.db'), s.file);
      expectFinished(s);
    });
  });

  it('a later start keeps showing the last replacement, and does not replace again', () => {
    const dir = dataDir();
    const file = path.join(dir, 'ratings.db');
    buildKioskDb(file, 300);
    overwritePage(file, leafPages(file, 'ratings')[2]!.pageno);
    const first = start(file).recovery;
    opened!.close();
    opened = null;
    const second = start(file);
    expect(second.recovery).toBeNull();
    expect(readStorageRecovery(second.db)).toEqual(first);
    expect(corruptFiles(dir).filter((f) => f.endsWith('.db'))).toHaveLength(1);
  });
});
