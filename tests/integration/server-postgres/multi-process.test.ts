// Several receiver processes (`npm run city-server -- --database …`, real child processes) on
// one PostgreSQL database, as a province runs them behind a load balancer: started together
// on an empty database they migrate it once; kiosks re-sending the same batches to any of
// them concurrently store every rating once; a changed re-send is a conflict; a dossier is
// rated once per unit; a kiosk's limits and an address's failed dashboard sign-ins are counted
// across the processes; and a database the receiver cannot use stops it at start with a
// message that never shows the password.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../../../server/pg-store';
import { DEFAULT_SIGN_IN_LIMIT } from '../../../server/rate-limits';
import { isoWithOffset } from '../../../shared/local-time';
import { TEST_READER_TOKEN } from '../../support/city-server';
import { testDatabase } from '../../support/postgres';
import { tempDir } from '../../support/temp-db';
import { REPO_ROOT } from '../../support/web-host';
import { batch, get, post, wireRating } from '../server/receiver-helpers';

const PROCESSES = 3;
const KIOSKS = Array.from({ length: 4 }, (_, i) => ({
  kioskId: `kiosk-0${i + 1}`,
  unitCode: i < 2 ? 'UNIT-A' : 'UNIT-B',
  token: `kiosk-0${i + 1}-token-0123456789`,
}));
const FLOOD = { kioskId: 'kiosk-flood', unitCode: 'UNIT-C', token: 'kiosk-flood-token-0123456789' };
const RATINGS_PER_DAY = 2_000;
const FLOOD_BATCH = 400;
const BATCH = '/v1/ratings/batch';

function cli(args: string[], env: Record<string, string> = {}): ChildProcess {
  const { DATABASE_URL: _ignored, ...parentEnv } = process.env;
  return spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...parentEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** The receiver's URL once it prints its ready line; rejects with its stderr if it exits first. */
function ready(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /City server ready at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.once('exit', (code) => reject(new Error(`receiver exited ${code}: ${err}`)));
  });
}

/** Runs the receiver to its exit: it must not start. */
function failedStart(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = cli(args, env);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    // One that started anyway would serve forever: stop it so the test fails instead of hanging.
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const dir = tempDir('city-pg-');
const tokensFile = path.join(dir.dir, 'tokens.json');
fs.writeFileSync(tokensFile, JSON.stringify({ kiosks: [...KIOSKS, FLOOD], readers: [{ name: 'tests', token: TEST_READER_TOKEN }] }));

let db: Awaited<ReturnType<typeof testDatabase>>;
let look: pg.Pool;
const children: ChildProcess[] = [];
let urls: string[] = [];

beforeAll(async () => {
  db = await testDatabase();
  look = new pg.Pool({ connectionString: db.url, max: 2 });
  // All at once on the empty database: the migrations race.
  const started = Array.from({ length: PROCESSES }, (_, i) => {
    const args = ['--port', '0', '--data-dir', path.join(dir.dir, `data-${i}`), '--tokens', tokensFile, '--ratings-per-day', String(RATINGS_PER_DAY)];
    // One through DATABASE_URL, the others through the flag: both ways in.
    const child = i === 0 ? cli(args, { DATABASE_URL: db.url }) : cli([...args, '--database', db.url]);
    children.push(child);
    return ready(child);
  });
  urls = await Promise.all(started);
}, 60_000);

afterAll(async () => {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
        }),
    ),
  );
  await look?.end();
  await db?.drop();
  dir.cleanup();
});

const count = async (sql: string) => Number((await look.query<{ n: string }>(sql)).rows[0]!.n);

/**
 * The daily roll-up, which every process adds to inside its batches' transactions, beside the
 * ratings it must equal: a double count or a lost one shows as a row that differs.
 */
async function expectRollupEqualsRatings(): Promise<void> {
  const rows = async (sql: string) => (await look.query(sql)).rows;
  const byUnit = 'local_day, unit_code, level, misuse_flag';
  const rolledUnits = await rows(`SELECT ${byUnit}, n::int AS n FROM daily_unit_tally ORDER BY ${byUnit}`);
  expect(rolledUnits.length).toBeGreaterThan(0);
  expect(rolledUnits).toEqual(await rows(`SELECT ${byUnit}, count(*)::int AS n FROM ratings GROUP BY ${byUnit} ORDER BY ${byUnit}`));
  const byStaff = 'unit_code, local_day, counter_id, officer_id, level, misuse_flag';
  expect(await rows(`SELECT ${byStaff}, n::int AS n FROM daily_staff_tally ORDER BY ${byStaff}`)).toEqual(
    await rows(
      `SELECT ${byStaff}, count(*)::int AS n FROM (SELECT *, COALESCE(content::jsonb ->> 10, '') AS counter_id,
         COALESCE(content::jsonb ->> 11, '') AS officer_id FROM ratings) r GROUP BY ${byStaff} ORDER BY ${byStaff}`,
    ),
  );
  // Reasons: the keys of the unflagged kept ratings, recounted from their canonical content.
  const byReason = 'local_day, unit_code, reason_key';
  const rolledReasons = await rows(`SELECT ${byReason}, n::int AS n FROM daily_reason_tally ORDER BY ${byReason}`);
  expect(rolledReasons.length).toBeGreaterThan(0);
  expect(rolledReasons).toEqual(
    await rows(
      `SELECT ${byReason}, count(*)::int AS n FROM ratings CROSS JOIN LATERAL jsonb_array_elements_text(content::jsonb -> 7) AS k(reason_key)
       WHERE misuse_flag = 0 GROUP BY ${byReason} ORDER BY ${byReason}`,
    ),
  );
}

describe('receiver processes on one PostgreSQL database', () => {
  it('started together on an empty database, each is ready and the schema is migrated once', async () => {
    expect(new Set(urls).size).toBe(PROCESSES);
    const versions = (await look.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
    expect(versions).toEqual([1, 2, 3, 4]);
    for (const url of urls) expect((await get(url, '/v1/health', null)).status).toBe(200);
    // The receiver created no database file in its data directory: it stores in PostgreSQL.
    expect(fs.existsSync(path.join(dir.dir, 'data-0', 'city-ratings.db'))).toBe(false);
  });

  it('stores every rating once while kiosks re-send the same batches to every process at once; the dossier rule holds across them', async () => {
    const now = () => new Date().toISOString();
    // Kiosks 1 and 2 (one unit) rate the same dossiers: per code, one rating is kept.
    const dossiers = Array.from({ length: 20 }, (_, i) => `000.00.12.H21-${String(i).padStart(4, '0')}`);
    const batches = KIOSKS.flatMap((k, ki) =>
      Array.from({ length: 5 }, (_, bi) =>
        batch(
          Array.from({ length: 30 }, (_, ri) =>
            wireRating({
              seq: bi * 30 + ri + 1,
              createdAt: now(),
              level: [2, 4, 5][ri % 3]!,
              dossierCode: ki < 2 && ri < 4 ? dossiers[bi * 4 + ri]! : null,
              misuseFlag: ri === 27,
              reasons: ri % 3 === 0 ? ['late', 'fees', 'long_queue'].slice(0, 1 + (ri % 4)) : [],
            }),
          ),
          { kioskId: k.kioskId, unitCode: k.unitCode },
        ),
      ).map((body) => ({ body, token: k.token })),
    );
    // Each batch to every process at the same moment, twice over.
    const sentAt = Date.now();
    const sends = batches.flatMap((b) => [...urls, ...urls].map((url) => post(url, BATCH, b.body, b.token)));
    const answers = await Promise.all(sends);
    expect(answers.map((a) => a.status).filter((s) => s !== 200)).toEqual([]);

    const all = batches.flatMap((b) => b.body.ratings as ReturnType<typeof wireRating>[]);
    const accepted = answers.flatMap((a) => a.json.accepted as string[]);
    const rated = new Set(answers.flatMap((a) => a.json.dossierRated as string[]));
    const kept = all.filter((r) => !rated.has(r.id));
    // Accepted exactly once across all answers, and every other answer a duplicate of it.
    expect(accepted.sort()).toEqual(kept.map((r) => r.id).sort());
    expect(answers.flatMap((a) => a.json.rejected as unknown[])).toEqual([]);
    const duplicates = answers.flatMap((a) => a.json.duplicates as string[]);
    expect(duplicates).toHaveLength(kept.length * (2 * PROCESSES - 1));
    // One of the two kiosks keeps each dossier; the other's rating is kept apart.
    expect(rated.size).toBe(dossiers.length);
    expect(await count('SELECT COUNT(*) AS n FROM ratings')).toBe(kept.length);
    expect(await count('SELECT COUNT(*) AS n FROM ratings_dossier_repeat')).toBe(dossiers.length);
    expect(await count(`SELECT COUNT(DISTINCT dossier_code) AS n FROM ratings WHERE dossier_code IS NOT NULL`)).toBe(dossiers.length);
    const stored = new Map((await look.query<{ id: string; content: string }>('SELECT id, content FROM ratings')).rows.map((r) => [r.id, r.content]));
    for (const r of kept) expect(JSON.parse(stored.get(r.id)!)[2]).toBe(r.id);

    // Every process tallies the same. by=received counts by the receiver's own day (UTC+07:00,
    // its default), not by the UTC date: the two differ from 17:00 to 24:00 UTC.
    const day = isoWithOffset(sentAt, 420).slice(0, 10);
    const tallies = await Promise.all(urls.map(async (u) => JSON.parse((await get(u, `/v1/tally?from=${day}&to=${day}&by=received`, TEST_READER_TOKEN)).text)));
    for (const t of tallies) expect(t).toEqual(tallies[0]);
    expect(tallies[0].total).toBe(kept.filter((r) => !r.misuseFlag).length);
    expect(tallies[0].flagged).toBe(kept.filter((r) => r.misuseFlag).length);
    await expectRollupEqualsRatings();
  });

  it('answers a changed re-send with conflict from any process, and lets one of two changed versions racing in win', async () => {
    const k = KIOSKS[2]!;
    const r = wireRating({ seq: 1000, createdAt: new Date().toISOString(), level: 5 });
    const send = (url: string, rating: unknown) => post(url, BATCH, batch([rating], { kioskId: k.kioskId, unitCode: k.unitCode }), k.token);
    expect((await send(urls[0]!, r)).json.accepted).toEqual([r.id]);
    for (const url of urls) {
      expect((await send(url, { ...r, level: 2 })).json).toEqual({
        accepted: [],
        duplicates: [],
        dossierRated: [],
        rejected: [{ id: r.id, reason: 'conflict' }],
      });
    }
    // A fresh id sent with two contents to two processes at once: one stored, the other a conflict.
    const fresh = wireRating({ seq: 1001, createdAt: new Date().toISOString(), level: 5 });
    const [a, b] = await Promise.all([send(urls[1]!, fresh), send(urls[2]!, { ...fresh, level: 2 })]);
    const verdicts = [a, b].map((x) => ((x.json.accepted as string[]).length === 1 ? 'accepted' : (x.json.rejected as { reason: string }[])[0]?.reason)).sort();
    expect(verdicts).toEqual(['accepted', 'conflict']);
    const level = (await look.query<{ level: number }>('SELECT level FROM ratings WHERE id = $1', [fresh.id])).rows.map((x) => x.level);
    expect(level).toEqual([(a.json.accepted as string[]).length === 1 ? 5 : 2]);
  });

  it('counts a kiosk’s ratings per day once across all processes, not once per process', async () => {
    const dayOf = () => new Date().toISOString().slice(0, 10);
    const startDay = dayOf();
    const batches = Array.from({ length: 9 }, (_, i) =>
      batch(
        Array.from({ length: FLOOD_BATCH }, (_, j) => wireRating({ seq: i * FLOOD_BATCH + j + 1, createdAt: new Date().toISOString() })),
        { kioskId: FLOOD.kioskId, unitCode: FLOOD.unitCode },
      ),
    );
    const answers = await Promise.all(batches.map((b, i) => post(urls[i % PROCESSES]!, BATCH, b, FLOOD.token)));
    const ok = answers.filter((a) => a.status === 200).length;
    expect(answers.filter((a) => a.status !== 200).every((a) => a.status === 429 && a.json.error?.code === 'too_many_requests')).toBe(true);
    // Counted per process, each would see 1,200 of its 2,000: all nine batches would pass.
    if (dayOf() === startDay) expect(ok).toBe(RATINGS_PER_DAY / FLOOD_BATCH);
    else expect(ok).toBeLessThanOrEqual((2 * RATINGS_PER_DAY) / FLOOD_BATCH);
    expect(await count(`SELECT COUNT(*) AS n FROM ratings WHERE kiosk_id = 'kiosk-flood'`)).toBe(ok * FLOOD_BATCH);
  });

  it('counts failed dashboard sign-ins from one address once across all processes, not once per process', async () => {
    const signIn = async (url: string, token: string) =>
      (
        await fetch(new URL('/dashboard/login', url), {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(url).origin },
          body: `token=${encodeURIComponent(token)}`,
        })
      ).status;
    // The processes keep real time: a window may end during the test (15 minutes, from the epoch).
    const windowOf = () => Math.floor(Date.now() / (DEFAULT_SIGN_IN_LIMIT.windowMinutes * 60_000));
    const startWindow = windowOf();
    const failures = await Promise.all(
      Array.from({ length: DEFAULT_SIGN_IN_LIMIT.failures }, (_, i) => signIn(urls[i % PROCESSES]!, 'reader-token-0123456789abX')),
    );
    expect(failures).toEqual(Array(DEFAULT_SIGN_IN_LIMIT.failures).fill(401));
    // Counted per process, each would have seen three or four: the right token would pass.
    const after = await Promise.all(urls.map((url) => signIn(url, TEST_READER_TOKEN)));
    if (windowOf() === startWindow) expect(after).toEqual(Array(PROCESSES).fill(429));
    else expect(after.every((s) => s === 429 || s === 303)).toBe(true);
    const rows = await look.query<{ used: string }>(`SELECT used FROM rate_windows WHERE kind = 'sign-in' AND kiosk_id = '127.0.0.1'`);
    expect(rows.rows.map((r) => Number(r.used))).toEqual([windowOf() === startWindow ? DEFAULT_SIGN_IN_LIMIT.failures : expect.any(Number)]);
  });

  it('ends with the daily roll-up equal to the ratings, and each kiosk’s last batch recorded', async () => {
    await expectRollupEqualsRatings();
    const uploads = await look.query<{ kiosk_id: string }>('SELECT kiosk_id FROM kiosk_uploads ORDER BY kiosk_id');
    expect(uploads.rows.map((r) => r.kiosk_id)).toEqual([...KIOSKS.map((k) => k.kioskId), FLOOD.kioskId].sort());
  });
});

describe('migrations racing', () => {
  it('eight receivers opening one empty database in the same instant migrate it once, and all start', async () => {
    // In one process, so that they truly race: child processes start too far apart to collide.
    const fresh = await testDatabase();
    try {
      const opened = await Promise.allSettled(Array.from({ length: 8 }, () => openPostgresStorage(fresh.url, { poolSize: 2 })));
      await Promise.all(opened.map((o) => (o.status === 'fulfilled' ? o.value.close() : null)));
      expect(opened.map((o) => (o.status === 'rejected' ? String(o.reason) : 'ok'))).toEqual(Array(8).fill('ok'));
      const check = new pg.Client({ connectionString: fresh.url });
      await check.connect();
      const versions = (await check.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
      await check.end();
      expect(versions).toEqual([1, 2, 3, 4]);
    } finally {
      await fresh.drop();
    }
  });
});

describe('a database the receiver cannot use', () => {
  const args = ['--port', '0', '--data-dir', path.join(dir.dir, 'bad'), '--tokens', tokensFile];
  const SECRET = 'not-the-password-83';

  it('stops at start, exit 2, naming the server and the fault without the password', async () => {
    const u = new URL(db.url);
    const wrongPassword = new URL(db.url);
    wrongPassword.password = SECRET;
    // A port nothing listens on.
    const closed = await new Promise<number>((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const port = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const [unreachable, refused, notUrl, otherScheme, noDb] = await Promise.all([
      failedStart([...args, '--database', `postgres://city:${SECRET}@127.0.0.1:${closed}/ratings`]),
      failedStart(args, { DATABASE_URL: wrongPassword.toString() }),
      failedStart([...args, '--database', `//city:${SECRET}@db-host/ratings`]),
      failedStart([...args, '--database', `mysql://city:${SECRET}@127.0.0.1/ratings`]),
      failedStart([...args, '--database', `postgres://city:${SECRET}@127.0.0.1:${u.port}`]),
    ]);
    for (const r of [unreachable, refused, notUrl, otherScheme, noDb]) {
      expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 2, stdout: '' });
      expect(r.stderr).not.toContain(SECRET);
    }
    expect(unreachable.stderr).toContain(
      `city-server: cannot use the PostgreSQL database postgres://city:***@127.0.0.1:${closed}/ratings: connect ECONNREFUSED`,
    );
    expect(refused.stderr).toMatch(
      /cannot use the PostgreSQL database postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/t_\w+: password authentication failed for user "postgres"/,
    );
    expect(notUrl.stderr).toContain('city-server: the database URL is not a URL; expected postgres://user:password@host:5432/database');
    expect(otherScheme.stderr).toContain('the database URL must start with postgres:// or postgresql:// (got mysql://)');
    expect(noDb.stderr).toContain(`the database URL postgres://city:***@127.0.0.1:${u.port} names no database`);
  });
});
