// Power cuts in the middle of the kiosk's long storage work, as SIGKILLs of a real process
// doing it with the app's own code (db-child.ts): a database at an older schema migrating
// at start, the retention purge deleting delivered ratings chunk after chunk, and the
// replacement of a damaged database. After every kill the database opens, quick_check is
// ok, and no rating is lost or duplicated. CRASH_CYCLES (default 5) and CRASH_SEED tune
// it; SOAK=1 runs 30 cycles of each on a random seed, printed so a failure can be replayed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/services/db/database';
import { LATEST_VERSION, MIGRATIONS } from '../../../electron/services/db/migrations';
import { openKioskDatabase } from '../../../electron/services/db/open-kiosk-database';
import { createRatingStore, type RatingRow } from '../../../electron/services/db/rating-store';
import { corruptFiles, leafPages, overwritePage, readKioskFile, sha256 } from '../../support/damaged-db';
import { insertRatings, mulberry32 } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';
import { REPO_ROOT } from '../../support/web-host';

const cycles = Number(process.env.CRASH_CYCLES ?? (process.env.SOAK ? 30 : 5));
const DEFAULT_SEED = 20_261_203;
const seed = Number(process.env.CRASH_SEED ?? (process.env.SOAK ? Date.now() % 100_000 : DEFAULT_SEED));
if (process.env.SOAK && process.env.CRASH_SEED === undefined) process.stderr.write(`storage-kill: CRASH_SEED=${seed}\n`);
const rand = mulberry32(seed);

const T0 = Date.parse('2026-06-01T08:00:00+07:00');
const DAY_MS = 86_400_000;
const cleanups: Array<() => void> = [];
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});
function newDir(): string {
  const t = tempDir('kiosk-storage-kill-');
  cleanups.push(t.cleanup);
  return t.dir;
}

type Timings = { checked: number | null; done: number };

/**
 * Runs the child; resolves with its own timings (ms since "go"), or null when it was killed.
 * With `kill`, the child SIGKILLs itself that many ms after printing the marker.
 */
type Marker = 'go' | 'checked' | `chunk#${number}`;

function runChild(args: string[], kill?: { marker: Marker; afterMs: number }): Promise<Timings | null> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/crash/db-child.ts', ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: kill ? { ...process.env, KILL_AFTER: `${kill.marker}:${kill.afterMs}` } : process.env,
  });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    proc.once('exit', (code, signal) => {
      if (signal === 'SIGKILL') return resolve(null);
      const done = /^done (\d+)/m.exec(out);
      const checked = /^checked (\d+)/m.exec(out);
      if (code !== 0 || !done) return reject(new Error(`db-child ${args.join(' ')} exited ${code}:\n${err}`));
      resolve({ checked: checked ? Number(checked[1]) : null, done: Number(done[1]) });
    });
  });
}

/** Runs the child to the end; returns its timings. */
async function runToEnd(args: string[]): Promise<Timings> {
  const timings = await runChild(args);
  if (timings === null) throw new Error('child killed');
  return timings;
}

/**
 * Has the child SIGKILL itself `delayMs` after it reached `marker`; true if the kill came
 * before it finished. A real delay on purpose: the kill must land somewhere inside the
 * child's real work, timed by the child's own clock so a busy machine does not move it.
 */
async function killDuring(args: string[], delayMs: number, marker: Marker = 'go'): Promise<boolean> {
  return (await runChild(args, { marker, afterMs: delayMs })) === null;
}

function copyDb(from: string, to: string): void {
  for (const s of ['', '-wal', '-shm']) {
    fs.rmSync(to + s, { force: true });
    if (fs.existsSync(from + s)) fs.copyFileSync(from + s, to + s);
  }
}

/** What the database holds, read as any reader would (after a kill: the WAL's committed part). */
function snapshot(file: string): { version: number; check: string; ratings: RatingRow[]; floor: number; walBytes: number } {
  const walBytes = fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0;
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return {
      version: db.pragma('user_version', { simple: true }) as number,
      check: db.pragma('quick_check', { simple: true }) as string,
      ratings: db.prepare<[], RatingRow>('SELECT * FROM ratings ORDER BY seq').all(),
      floor: Number(db.prepare<[], string>(`SELECT value FROM kv WHERE key = 'seq_floor'`).pluck().get() ?? 0),
      walBytes,
    };
  } finally {
    db.close();
  }
}

/** Ratings without the columns a later migration adds, for comparing across versions. */
const core = (rows: RatingRow[]) => rows.map(({ delivery_note: _note, ...rest }) => rest);

/** Opens as the kiosk does, stores one more rating, and returns its seq; the open must find no damage. */
function startAndTap(file: string): number {
  const { db, recovery } = openKioskDatabase(file);
  try {
    expect(recovery).toBeNull();
    return createRatingStore(db).insert({
      id: `019ae000-0000-7000-8000-${String(Math.floor(rand() * 1e12)).padStart(12, '0')}`,
      createdAtMs: T0,
      utcOffsetMin: 420,
      localDay: '2026-06-01',
      localHour: 8,
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
      settleAfterMs: T0,
    }).seq;
  } finally {
    db.close();
  }
}

describe('crash: SIGKILL during storage work', () => {
  it(`a migration killed at random points rolls back whole, and the next start migrates (${cycles} kills, CRASH_SEED=${seed})`, async () => {
    const dir = newDir();
    // A kiosk database of the first schema, large enough that the migration (an index over
    // every rating's dossier code) takes a while.
    const fixture = path.join(dir, 'v1.db');
    const v1 = openDatabase(
      fixture,
      MIGRATIONS.filter((m) => m.version === 1),
    );
    insertRatings(
      v1,
      Array.from({ length: 60_000 }, (_, i) => ({ at: T0 + i * 1000, level: 5 as const, dossierCode: `000.00.31.H21-260601-${String(i).padStart(6, '0')}` })),
    );
    v1.prepare(`UPDATE ratings SET upload_state = 'delivered', delivered_at_ms = ? WHERE seq % 2 = 0`).run(T0);
    v1.close();
    const before = snapshot(fixture);
    expect(before.version).toBe(1);

    const file = path.join(dir, 'ratings.db');
    copyDb(fixture, file);
    // The migration runs between the damage check ("checked") and the end of the start.
    const timings = await runToEnd(['start', file]);
    const migration = timings.done - timings.checked!;
    expect(snapshot(file)).toMatchObject({ version: LATEST_VERSION, check: 'ok' });

    let midMigration = 0;
    for (let i = 0; i < cycles; i++) {
      copyDb(fixture, file);
      // Now and then past the end too: a kill during the commit, or none at all.
      const killed = await killDuring(['start', file], Math.floor(migration * 1.1 * rand()), 'checked');
      const after = snapshot(file);
      expect(after.check).toBe('ok');
      // All or nothing: the old schema or the new one, never in between, and the same ratings.
      expect([1, LATEST_VERSION]).toContain(after.version);
      expect(core(after.ratings)).toEqual(core(before.ratings));
      // Killed after the check and before the migration committed: it was rolled back.
      if (killed && after.version === 1) midMigration++;
      if (process.env.CRASH_VERBOSE) console.info({ migration, killed, version: after.version, walBytes: after.walBytes });
      const seq = startAndTap(file);
      expect(seq).toBe(60_001);
      const restarted = snapshot(file);
      expect(restarted).toMatchObject({ version: LATEST_VERSION, check: 'ok' });
      expect(core(restarted.ratings.slice(0, -1))).toEqual(core(before.ratings));
    }
    expect(midMigration).toBeGreaterThan(0);
  }, 300_000);

  it(`a retention purge killed at random points loses no pending rating and reuses no seq (${cycles} kills, CRASH_SEED=${seed})`, async () => {
    const dir = newDir();
    const file = path.join(dir, 'ratings.db');
    const db = openDatabase(file);
    // 40 days of ratings; the first 30 days' delivered ones are past a 10-day retention.
    insertRatings(
      db,
      Array.from({ length: 40_000 }, (_, i) => ({ at: T0 + i * 86_400, level: 4 as const, comment: i % 5 === 0 ? `ý kiến ${i}` : null })),
    );
    db.prepare(`UPDATE ratings SET upload_state = 'delivered', delivered_at_ms = created_at_ms WHERE seq % 4 <> 0`).run();
    db.close();
    const before = snapshot(file).ratings;
    const cutoff = T0 + 30 * DAY_MS;
    const doomed = new Set(before.filter((r) => r.upload_state === 'delivered' && r.created_at_ms < cutoff).map((r) => r.id));
    const kept = before.filter((r) => !doomed.has(r.id));
    expect(doomed.size).toBeGreaterThan(20_000);
    expect(kept.filter((r) => r.upload_state === 'pending').length).toBe(10_000);

    // How long an uninterrupted purge of the same database takes.
    const probe = path.join(dir, 'probe.db');
    copyDb(file, probe);
    const duration = (await runToEnd(['purge', probe, String(cutoff), '500'])).done;

    // Each kill lands inside a chunk's work: after a few more chunks committed (never all of
    // them across the cycles), within about one chunk's time.
    const chunks = Math.ceil(doomed.size / 500);
    const chunkMs = duration / chunks;
    const perCycle = Math.max(1, Math.floor((chunks - 1) / cycles));
    let partial = 0;
    let highestSeq = 40_000;
    for (let i = 0; i < cycles; i++) {
      const marker: Marker = `chunk#${1 + Math.floor(rand() * perCycle)}`;
      await killDuring(['purge', file, String(cutoff), '500'], Math.floor(chunkMs * rand()), marker);
      const after = snapshot(file);
      expect(after.check).toBe('ok');
      const now = new Map(after.ratings.map((r) => [r.id, r]));
      // Every rating that is not past retention is there, unchanged, exactly once.
      for (const r of kept) expect(now.get(r.id), `seq ${r.seq}`).toEqual(r);
      expect(new Set(after.ratings.map((r) => r.seq)).size).toBe(after.ratings.length);
      // Only delivered ratings past retention are gone, and their seqs stay taken.
      const gone = before.filter((r) => !now.has(r.id) && r.seq <= 40_000);
      for (const r of gone) expect(doomed.has(r.id)).toBe(true);
      if (gone.length > 0) expect(after.floor).toBeGreaterThanOrEqual(gone.reduce((m, r) => Math.max(m, r.seq), 0));
      if (gone.length > 0 && gone.length < doomed.size) partial++;
      // The kiosk starts again and a new rating takes a new seq.
      const seq = startAndTap(file);
      expect(seq).toBe(highestSeq + 1);
      highestSeq = seq;
    }
    expect(partial).toBeGreaterThan(0);

    await runToEnd(['purge', file, String(cutoff), '500']);
    const end = snapshot(file);
    expect(end.check).toBe('ok');
    expect(end.ratings.filter((r) => r.seq <= 40_000)).toEqual(kept);
    expect(end.ratings).toHaveLength(kept.length + cycles);
  }, 300_000);

  it(`replacing a damaged database, killed at random points, ends with one kept copy and the same ratings (${cycles} kills, CRASH_SEED=${seed})`, async () => {
    const dir = newDir();
    const fixture = path.join(dir, 'damaged.db');
    const db = openDatabase(fixture);
    insertRatings(
      db,
      Array.from({ length: 30_000 }, (_, i) => ({ at: T0 + i * 1000, level: 2 as const, comment: `góp ý ${i}` })),
    );
    db.close();
    const leaves = leafPages(fixture, 'ratings');
    overwritePage(fixture, leaves[Math.floor(leaves.length / 2)]!.pageno);
    const damagedHash = sha256(fixture);

    // The uninterrupted replacement, for what every interrupted one must end with.
    const reference = newDir();
    copyDb(fixture, path.join(reference, 'ratings.db'));
    const duration = (await runToEnd(['start', path.join(reference, 'ratings.db')])).done;
    const expected = readKioskFile(path.join(reference, 'ratings.db')).ratings;
    expect(expected.length).toBeGreaterThan(29_000);

    let interrupted = 0;
    for (let i = 0; i < cycles; i++) {
      const kioskDir = newDir();
      const file = path.join(kioskDir, 'ratings.db');
      copyDb(fixture, file);
      if (await killDuring(['start', file], Math.floor(duration * (0.05 + 0.9 * rand())))) interrupted++;
      if (process.env.CRASH_VERBOSE) console.info(fs.readdirSync(kioskDir).sort());
      // The next start finishes (or redoes) the replacement.
      const { db: reopened } = openKioskDatabase(file);
      try {
        expect(reopened.pragma('quick_check', { simple: true })).toBe('ok');
        expect(reopened.prepare<[], RatingRow>('SELECT * FROM ratings ORDER BY seq').all()).toEqual(expected);
      } finally {
        reopened.close();
      }
      // Exactly one kept copy of the damaged file, byte for byte, and no scratch files left.
      const kept = corruptFiles(kioskDir).filter((f) => f.endsWith('.db'));
      expect(kept).toHaveLength(1);
      expect(sha256(kept[0]!)).toBe(damagedHash);
      expect(fs.readdirSync(kioskDir).filter((f) => /recover|salvage/.test(f))).toEqual([]);
    }
    expect(interrupted).toBeGreaterThan(0);
  }, 300_000);
});
