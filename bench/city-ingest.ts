// City ingest: 300 simulated kiosks, each on its own keep-alive connection, upload protocol
// batches of 1–200 ratings (about one batch in ten sent twice, as when an answer is lost) to
// two receiver processes started as a province runs them (`server/cli.ts --database …`) on
// one local PostgreSQL with its durability on (tests/support/bench-postgres.ts). Then it
// checks that every rating is stored exactly once.
//
// Two phases, then the floor:
// - flat out: every kiosk sends its next batch as soon as the last is answered, until the
//   total (CITY_INGEST_RATINGS, default 300,000) is sent: the most the set-up takes in;
// - paced: the kiosks together offer CITY_INGEST_PACED_RATE ratings a second (default the
//   10,000 /s target) for CITY_INGEST_PACED_RATINGS ratings (default 100,000): the time to
//   answer a batch at that rate, which a flat-out run cannot show (with 300 kiosks always
//   waiting, the answer time is the queue: 300 ÷ batches per second);
// - the floor: the flat-out phase's rows, in the same batches and order (re-sends
//   included), written by one client with plain multi-row INSERT … ON CONFLICT DO NOTHING
//   into a fresh database with the same schema.
//
// The load generator runs in this process's main thread; its event-loop use and the CPU time
// of each part (generator, each receiver, PostgreSQL, anything else on the machine) are
// reported so that a figure can be told apart from a starved generator.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { Client } from 'undici';
import { v7 as uuidv7 } from 'uuid';
import { isoWithOffset } from '../shared/local-time';
import { canonicalRatingContent, type WireRating } from '../shared/upload-protocol';
import { openPgPool } from '../server/pg-db';
import { BENCH_PG_SETTINGS, createBenchDatabase, startBenchPostgresCluster } from '../tests/support/bench-postgres';
import { startChild } from './drain';
import { ms, percentile } from './stats';
import type { Benchmark } from './types';

const KIOSKS = 300;
const UNITS = 100;
const MAX_BATCH = 200;
const RESEND_SHARE = 0.1;
const DEFAULT_RATINGS_PER_DAY = 20_000;

/** Deterministic, so two runs send the same shape of load. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Kiosk {
  kioskId: string;
  unitCode: string;
  token: string;
  seq: number;
}

interface PlannedBatch {
  kiosk: number;
  ratings: WireRating[];
  body: Buffer;
  /** Sent a second time, at once, after its first answer (same ids, same content). */
  resend: boolean;
}

function makeKiosks(rand: () => number): Kiosk[] {
  // Every unit has at least one kiosk; the rest are spread at random, as in a province
  // where the busy wards have several.
  const unitOf = Array.from({ length: KIOSKS }, (_, i) => (i < UNITS ? i : Math.floor(rand() * UNITS)));
  return unitOf.map((u, i) => ({
    kioskId: `k${String(i + 1).padStart(3, '0')}`,
    unitCode: `U${String(u + 1).padStart(3, '0')}`,
    token: `bench-city-token-${String(i + 1).padStart(3, '0')}-0123456789`,
    seq: 0,
  }));
}

let dossierCounter = 0;

function plan(kiosks: Kiosk[], total: number, rand: () => number, nowMs: number): PlannedBatch[] {
  const out: PlannedBatch[] = [];
  let left = total;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  while (left > 0) {
    const k = Math.floor(rand() * kiosks.length);
    const kiosk = kiosks[k]!;
    const size = Math.min(left, 1 + Math.floor(rand() * MAX_BATCH));
    left -= size;
    // Ratings of the last 20 days, oldest first, well inside the receiver's accepted window.
    const times = Array.from({ length: size }, () => nowMs - 3_600_000 - Math.floor(rand() * 20 * 86_400_000)).sort((a, b) => a - b);
    const ratings = times.map((t): WireRating => {
      const level = pick([5, 5, 5, 4, 4, 2]);
      const dossier = rand() < 0.7 ? `000.00.${kiosk.unitCode}.H21-${String(++dossierCounter).padStart(8, '0')}` : null;
      return {
        id: uuidv7(),
        seq: ++kiosk.seq,
        createdAt: isoWithOffset(t, 420),
        scale: 3,
        level,
        reasons: level === 2 ? [pick(['late', 'paperwork', 'staff_attitude'] as const)] : [],
        comment: rand() < 0.1 ? 'Chờ lâu, phải bổ sung hồ sơ hai lần' : null,
        language: 'vi',
        counterId: `Q${1 + Math.floor(rand() * 4)}`,
        officerId: rand() < 0.5 ? `CB${String(1 + Math.floor(rand() * 20)).padStart(2, '0')}` : null,
        dossierCode: dossier,
        dossierCapture: dossier ? 'qr' : 'none',
        appVersion: '0.1.0',
        misuseFlag: rand() < 0.01,
        clockOffsetMs: Math.round((rand() - 0.5) * 2000),
      };
    });
    const body = Buffer.from(JSON.stringify({ protocol: 1, kioskId: kiosk.kioskId, unitCode: kiosk.unitCode, sentAt: isoWithOffset(nowMs, 420), ratings }));
    out.push({ kiosk: k, ratings, body, resend: rand() < RESEND_SHARE });
  }
  return out;
}

// ---- CPU accounting ------------------------------------------------------------------

const TICK_MS = 10; // USER_HZ is 100 on Linux

/** utime + stime of a process, in ms; 0 when it is gone. */
function procCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** The postmaster and its children (backends, checkpointer, WAL writer…), pid → CPU ms. */
function postgresCpu(postmaster: number): Map<number, number> {
  const out = new Map<number, number>([[postmaster, procCpuMs(postmaster)]]);
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(f[1]) === postmaster) out.set(Number(name), (Number(f[11]) + Number(f[12])) * TICK_MS);
    } catch {
      // exited while listed
    }
  }
  return out;
}

/** Busy CPU time of the whole machine, in ms (every core). */
function machineBusyMs(): number {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = f as [number, number, number, number, number, number, number, number];
  return (user + nice + system + irq + softirq + steal) * TICK_MS;
}

interface CpuSnapshot {
  machine: number;
  self: number;
  receivers: number[];
  postgres: Map<number, number>;
  elu: ReturnType<typeof performance.eventLoopUtilization>;
}

function snapshot(receiverPids: number[], postmaster: number): CpuSnapshot {
  const u = process.cpuUsage();
  return {
    machine: machineBusyMs(),
    self: (u.user + u.system) / 1000,
    receivers: receiverPids.map(procCpuMs),
    postgres: postgresCpu(postmaster),
    elu: performance.eventLoopUtilization(),
  };
}

/** CPU seconds of each part between two snapshots; a backend that exited between them is lost (counted under "other"). */
function cpuBetween(a: CpuSnapshot, b: CpuSnapshot, wallMs: number) {
  let pgMs = 0;
  for (const [pid, end] of b.postgres) pgMs += end - (a.postgres.get(pid) ?? 0);
  const generator = b.self - a.self;
  const receivers = b.receivers.map((end, i) => end - a.receivers[i]!);
  const machine = b.machine - a.machine;
  const known = generator + pgMs + receivers.reduce((s, x) => s + x, 0);
  const s = (x: number) => Math.round(x) / 1000;
  return {
    wallSeconds: s(wallMs),
    cores: os.availableParallelism(),
    machineBusySeconds: s(machine),
    generatorSeconds: s(generator),
    receiverSeconds: receivers.map(s),
    postgresSeconds: s(pgMs),
    otherSeconds: s(Math.max(0, machine - known)),
    generatorEventLoopUtilization: Number(performance.eventLoopUtilization(b.elu, a.elu).utilization.toFixed(3)),
  };
}

// ---- the load ------------------------------------------------------------------------

interface LoadResult {
  wallMs: number;
  /** Time from sending a batch to its whole answer, ms, ascending. */
  latencies: number[];
  requests: number;
  /** Answers other than "all accepted" (first send) or "all duplicates" (re-send), and non-200s retried. */
  unexpected: number;
  retried: number;
  statuses: Record<string, number>;
  /** Paced: sends that left more than 100 ms after their planned time (the kiosk was still waiting). */
  late: number;
}

async function runLoad(batches: PlannedBatch[], kiosks: Kiosk[], urls: string[], pacedRate: number | null): Promise<LoadResult> {
  const byKiosk = kiosks.map(() => [] as PlannedBatch[]);
  for (const b of batches) byKiosk[b.kiosk]!.push(b);
  const clients = kiosks.map((_, i) => new Client(urls[i % urls.length]!, { pipelining: 1, keepAliveTimeout: 30_000 }));
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let unexpected = 0;
  let retried = 0;
  let late = 0;
  let requests = 0;

  async function send(k: number, b: PlannedBatch, expect: 'accepted' | 'duplicates'): Promise<void> {
    const kiosk = kiosks[k]!;
    for (let attempt = 1; ; attempt++) {
      const t0 = performance.now();
      const res = await clients[k]!.request({
        path: '/v1/ratings/batch',
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${kiosk.token}` },
        body: b.body,
      });
      const text = await res.body.text();
      const dt = performance.now() - t0;
      requests++;
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      if (res.statusCode === 200) {
        latencies.push(dt);
        const ack = JSON.parse(text) as Record<string, unknown[]>;
        const got = ack[expect] ?? [];
        if (got.length !== b.ratings.length) unexpected++;
        return;
      }
      // A kiosk backs off and sends the same batch again; the bench does the same, briefly.
      retried++;
      if (attempt >= 20) throw new Error(`batch of ${kiosk.kioskId} refused ${attempt} times: ${res.statusCode} ${text.slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }

  // Paced: batch i falls due when the ratings planned before it have been offered at the
  // given rate, whichever kiosk it belongs to; a kiosk still waiting for its previous answer
  // sends it late (and is counted). Together the kiosks offer exactly that rate.
  const due = new Map<PlannedBatch, number>();
  let offered = 0;
  for (const b of batches) {
    due.set(b, pacedRate === null ? 0 : (offered / pacedRate) * 1000);
    offered += b.ratings.length;
  }
  const t0 = performance.now();
  async function kioskLoop(k: number): Promise<void> {
    for (const b of byKiosk[k]!) {
      if (pacedRate !== null) {
        const wait = t0 + due.get(b)! - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        else if (wait < -100) late++;
      }
      await send(k, b, 'accepted');
      if (b.resend) await send(k, b, 'duplicates');
    }
  }
  try {
    await Promise.all(kiosks.map((_, k) => kioskLoop(k)));
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
  return { wallMs: performance.now() - t0, latencies: latencies.sort((a, b) => a - b), requests, unexpected, retried, statuses, late };
}

// ---- the floor -----------------------------------------------------------------------

const FLOOR_COLUMNS = [
  'id',
  'kiosk_id',
  'unit_code',
  'seq',
  'created_at',
  'local_day',
  'scale',
  'level',
  'misuse_flag',
  'content',
  'received_at_ms',
  'dossier_code',
];

/** The same rows in the same batches, one client, one plain multi-row INSERT per batch (autocommit). */
async function floor(url: string, batches: PlannedBatch[], kiosks: Kiosk[]): Promise<{ wallMs: number }> {
  // The same schema as the receiver's (its own migrations), untimed.
  await (await openPgPool(url, { poolSize: 1 })).end();
  const now = Date.now();
  const statements = batches.flatMap((b) => {
    const kiosk = kiosks[b.kiosk]!;
    const values: unknown[] = [];
    const rows = b.ratings.map((r, i) => {
      values.push(
        r.id,
        kiosk.kioskId,
        kiosk.unitCode,
        r.seq,
        r.createdAt,
        r.createdAt.slice(0, 10),
        r.scale,
        r.level,
        r.misuseFlag ? 1 : 0,
        canonicalRatingContent(kiosk.kioskId, kiosk.unitCode, r),
        now,
        r.dossierCode,
      );
      return `(${FLOOR_COLUMNS.map((_, c) => `$${i * FLOOR_COLUMNS.length + c + 1}`).join(', ')})`;
    });
    const st = { text: `INSERT INTO received_ratings (${FLOOR_COLUMNS.join(', ')}) VALUES ${rows.join(', ')} ON CONFLICT DO NOTHING`, values };
    return b.resend ? [st, st] : [st];
  });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const t0 = performance.now();
    for (const st of statements) await client.query(st);
    return { wallMs: performance.now() - t0 };
  } finally {
    await client.end();
  }
}

// ---- the benchmark -------------------------------------------------------------------

/** SIGTERM, and SIGKILL if it has not exited within 10 s, so no receiver outlives the run. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function storedCounts(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string; d: string }>('SELECT count(*) AS n, count(DISTINCT id) AS d FROM received_ratings');
    const rollup = (await c.query<{ t: string | null }>("SELECT to_regclass('daily_unit_tally')::text AS t")).rows[0]!.t;
    // The dashboard's roll-up, where the receiver keeps one: it must count the same ratings.
    const rolled = rollup ? Number((await c.query<{ n: string | null }>('SELECT sum(n) AS n FROM daily_unit_tally')).rows[0]!.n ?? 0) : null;
    const kept = Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM received_ratings WHERE NOT dossier_repeat')).rows[0]!.n);
    const size = Number((await c.query<{ s: string }>('SELECT pg_database_size(current_database()) AS s')).rows[0]!.s);
    // What the server really ran with, so the figures cannot hide a durability shortcut.
    const settings = Object.fromEntries(
      (
        await c.query<{ name: string; setting: string }>(
          "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'full_page_writes', 'synchronous_commit', 'wal_sync_method', 'shared_buffers', 'server_version')",
        )
      ).rows.map((r) => [r.name, r.setting]),
    );
    return { rows: Number(rows[0]!.n), distinct: Number(rows[0]!.d), kept, rolled, sizeBytes: size, settings };
  } finally {
    await c.end();
  }
}

export const cityIngest: Benchmark = {
  name: 'city-ingest',
  async run() {
    const total = Number(process.env.CITY_INGEST_RATINGS ?? 300_000);
    const pacedRate = Number(process.env.CITY_INGEST_PACED_RATE ?? 10_000);
    const pacedTotal = Number(process.env.CITY_INGEST_PACED_RATINGS ?? 100_000);
    const rand = mulberry32(14);
    const kiosks = makeKiosks(rand);
    const nowMs = Date.now();
    const flat = plan(kiosks, total, rand, nowMs);
    const paced = pacedTotal > 0 ? plan(kiosks, pacedTotal, rand, nowMs) : [];
    // The receivers run with the product's limits, unless a large total would go past the
    // per-kiosk daily one (a kiosk over it is rightly answered 429).
    const perKiosk = new Map<number, number>();
    for (const b of [...flat, ...paced]) perKiosk.set(b.kiosk, (perKiosk.get(b.kiosk) ?? 0) + b.ratings.length * (b.resend ? 2 : 1));
    const busiest = Math.max(...perKiosk.values());
    const limitFlags = busiest > DEFAULT_RATINGS_PER_DAY ? ['--ratings-per-day', String(busiest * 2)] : [];

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-city-ingest-'));
    const cluster = await startBenchPostgresCluster();
    const children: { child: ChildProcess }[] = [];
    try {
      const ingestUrl = await createBenchDatabase(cluster.adminUrl, 'ingest');
      const floorUrl = await createBenchDatabase(cluster.adminUrl, 'floor');
      const tokensFile = path.join(dir, 'tokens.json');
      fs.writeFileSync(tokensFile, JSON.stringify({ kiosks: kiosks.map(({ kioskId, unitCode, token }) => ({ kioskId, unitCode, token })), readers: [] }));
      // Both at once, as a service restart would: the migrations' advisory lock is on the way.
      const started = await Promise.all(
        [0, 1].map(() =>
          startChild(['server/cli.ts', '--database', ingestUrl, '--port', '0', '--tokens', tokensFile, ...limitFlags], /City server ready at (\S+)/),
        ),
      );
      children.push(...started);
      const urls = started.map((s) => s.match[1]!);
      const pids = started.map((s) => s.child.pid!);

      const a = snapshot(pids, cluster.postmasterPid());
      const flatRun = await runLoad(flat, kiosks, urls, null);
      const b = snapshot(pids, cluster.postmasterPid());
      const pacedRun = paced.length > 0 ? await runLoad(paced, kiosks, urls, pacedRate) : null;
      const c = snapshot(pids, cluster.postmasterPid());

      await Promise.all(started.map((s) => stopChild(s.child)));
      children.length = 0;
      const stored = await storedCounts(ingestUrl);
      const sent = total + pacedTotal;
      const storedOnce = stored.rows === sent && stored.distinct === sent;

      const floorRun = await floor(floorUrl, flat, kiosks);
      const floorStored = await storedCounts(floorUrl);

      const flatRate = total / (flatRun.wallMs / 1000);
      const floorRate = total / (floorRun.wallMs / 1000);
      const f = (x: number) => Math.round(x).toLocaleString('en-US');
      const resends = flat.filter((x) => x.resend).length;
      const metrics = [
        { name: `ratings/s, ${f(total)} from ${KIOSKS} kiosks to 2 receivers, flat out`, value: `${f(flatRate)} /s`, target: '≥ 10,000 /s' },
        { name: 'batch answer p50 / p99, flat out', value: `${ms(percentile(flatRun.latencies, 50), 1)} / ${ms(percentile(flatRun.latencies, 99), 1)}` },
        {
          name: `batch answer p50 / p99, paced at ${f(pacedRate)} ratings/s offered`,
          value: pacedRun ? `${ms(percentile(pacedRun.latencies, 50), 1)} / ${ms(percentile(pacedRun.latencies, 99), 1)}` : 'not run',
          target: 'p99 ≤ 250 ms',
        },
        { name: 'ratings/s reached, paced', value: pacedRun ? `${f(pacedTotal / (pacedRun.wallMs / 1000))} /s (${pacedRun.late} sends late)` : 'not run' },
        { name: 'floor: one client, multi-row INSERT … ON CONFLICT DO NOTHING', value: `${f(floorRate)} /s` },
        { name: 'ingest ÷ floor', value: `${((flatRate / floorRate) * 100).toFixed(0)} %`, target: '≥ 50 %' },
        {
          name: 'stored once (rows = distinct ids = ratings sent)',
          value: `${storedOnce ? 'yes' : 'no'} (${f(stored.rows)} rows, ${f(stored.distinct)} ids, ${f(sent)} sent)`,
        },
        {
          name: 'answers as expected (all accepted, re-sends all duplicates)',
          value:
            flatRun.unexpected + (pacedRun?.unexpected ?? 0) === 0 && flatRun.retried + (pacedRun?.retried ?? 0) === 0
              ? 'yes'
              : `no (${flatRun.unexpected + (pacedRun?.unexpected ?? 0)} unexpected, ${flatRun.retried + (pacedRun?.retried ?? 0)} refused and retried)`,
        },
      ];
      // Where the machine's time went, so that a missed target can be told from a starved
      // generator or a neighbour's load.
      const cpu = (x: ReturnType<typeof cpuBetween>) =>
        `PostgreSQL ${x.postgresSeconds.toFixed(1)} s, receivers ${x.receiverSeconds.map((r) => r.toFixed(1)).join(' + ')} s, ` +
        `generator ${x.generatorSeconds.toFixed(1)} s (event loop ${(x.generatorEventLoopUtilization * 100).toFixed(0)} % busy), ` +
        `other processes ${x.otherSeconds.toFixed(1)} s, of ${(x.wallSeconds * x.cores).toFixed(1)} core-seconds`;
      metrics.push({ name: 'CPU while flat out (information)', value: cpu(cpuBetween(a, b, flatRun.wallMs)) });
      if (stored.rolled !== null)
        metrics.push({
          name: 'daily roll-up counts every kept rating',
          value: stored.rolled === stored.kept ? 'yes' : `no (${f(stored.rolled)} of ${f(stored.kept)})`,
        });
      return {
        metrics,
        raw: {
          kiosks: KIOSKS,
          units: new Set(kiosks.map((k) => k.unitCode)).size,
          receivers: 2,
          databasePoolSizePerReceiver: 10,
          postgresSettings: BENCH_PG_SETTINGS,
          receiverLimitFlags: limitFlags,
          flat: {
            ratings: total,
            batches: flat.length,
            resentBatches: resends,
            requests: flatRun.requests,
            wallMs: Math.round(flatRun.wallMs),
            ratingsPerSecond: Math.round(flatRate),
            answerMs: {
              p50: percentile(flatRun.latencies, 50),
              p90: percentile(flatRun.latencies, 90),
              p99: percentile(flatRun.latencies, 99),
              max: flatRun.latencies.at(-1),
            },
            statuses: flatRun.statuses,
            unexpected: flatRun.unexpected,
            retried: flatRun.retried,
            cpu: cpuBetween(a, b, flatRun.wallMs),
          },
          paced: pacedRun && {
            offeredRatingsPerSecond: pacedRate,
            ratings: pacedTotal,
            batches: paced.length,
            requests: pacedRun.requests,
            wallMs: Math.round(pacedRun.wallMs),
            ratingsPerSecond: Math.round(pacedTotal / (pacedRun.wallMs / 1000)),
            lateSends: pacedRun.late,
            answerMs: {
              p50: percentile(pacedRun.latencies, 50),
              p90: percentile(pacedRun.latencies, 90),
              p99: percentile(pacedRun.latencies, 99),
              max: pacedRun.latencies.at(-1),
            },
            statuses: pacedRun.statuses,
            unexpected: pacedRun.unexpected,
            retried: pacedRun.retried,
            cpu: cpuBetween(b, c, pacedRun.wallMs),
          },
          floor: { wallMs: Math.round(floorRun.wallMs), ratingsPerSecond: Math.round(floorRate), rows: floorStored.rows, distinct: floorStored.distinct },
          stored: { ...stored, sent, storedOnce },
          ingestToFloor: Number((flatRate / floorRate).toFixed(3)),
        },
      };
    } finally {
      await Promise.all(children.map((s) => stopChild(s.child)));
      await cluster.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
