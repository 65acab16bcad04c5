// Tap-to-durable latency on the main thread while the upload worker drains a long queue
// (BENCH_DRAIN, default 100,000 pending ratings) at full speed to the reference receiver,
// beside the same taps with the worker idle, in one run. The kiosk side is the real one:
// the rating service on the main connection (synchronous = FULL) and the upload worker on
// its own connection to the same file. The receiver runs in its own process, so it never
// shares the tapping thread.
//
// The receiver stands for the city's server, whose disk and processors are not the kiosk's:
// its database is kept in memory (/dev/shm where there is one), so that its own fsyncs do
// not queue in front of the kiosk's on this one disk, and it runs at the lowest priority
// (nice 19), so that it takes only the processor time the kiosk leaves. The same drain with
// the receiver at the kiosk's own priority is measured too, and reported as information:
// on these 2-core machines it takes a core the kiosk never shares with a real server.
//
// On Linux with taskset, the same drains are measured again with the tapping thread alone on
// one core and every other thread (the upload worker, V8's helpers, the receiver) on the
// others, and reported as information: it tells a slow tap that waits for a core shared with the
// drain from one slowed by the drain itself. The kiosk does not pin its threads; this is a
// diagnostic of the bench only.
//
// Idle taps are taken before and after the drain (the worker started and waiting), so both
// sets see the same process and, on average, the same disk. Taps are paced as a busy
// counter never would be (BENCH_TAP_GAP_MS apart, default 5), to gather enough samples
// during one drain.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { KioskConfig } from '../shared/config-schema';
import { openDatabase, type Db } from '../electron/services/db/database';
import { createRatingStore } from '../electron/services/db/rating-store';
import { silentLogger } from '../electron/services/logger';
import { createRatingService } from '../electron/services/rating-service';
import { createWorkerSyncService } from '../electron/services/sync/worker-sync-service';
import { benchKioskConfig, seed, startReceiver, writeTokens } from './drain';
import { ms, percentile } from './stats';
import type { Benchmark } from './types';

const IDLE_TAPS = 1000;
/** The receiver takes only the processor time the kiosk leaves (see above). */
const RECEIVER_NICE = 19;

/** Cores for the tapping thread and for everything else, when this machine can pin threads. */
function pinnableCores(): { tap: string; rest: string; all: string } | null {
  const n = os.availableParallelism();
  if (process.platform !== 'linux' || n < 2 || spawnSync('taskset', ['-V'], { stdio: 'ignore' }).status !== 0) return null;
  return { tap: '0', rest: `1-${n - 1}`, all: `0-${n - 1}` };
}

/** Sets the CPU list of every thread of `pid` (this process: its main thread gets `mainCpus`). */
function pinThreads(pid: number, cpus: string, mainCpus = cpus): void {
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      execFileSync('taskset', ['-p', '-c', Number(tid) === pid ? mainCpus : cpus, tid], { stdio: 'ignore' });
    } catch (error) {
      // A thread that ended since the list was read has nothing left to pin.
      if (fs.existsSync(`/proc/${pid}/task/${tid}`)) throw error;
    }
  }
}

/** Taps one at a time, `gapMs` apart, until `count` are taken or `until()` says stop. */
async function taps(db: Db, config: KioskConfig, clock: { t: number }, gapMs: number, count: number, until: () => boolean = () => false): Promise<number[]> {
  // Stamped with the real time and the longest thank-you screen a config allows, so they
  // wait it out and are never part of a drain, however long the idle taps before it take on
  // a busy machine (with the default 5 s, they were delivered with the queue). The misuse
  // guard's clock moves on three seconds a tap, past its cool-down.
  const tapConfig: KioskConfig = { ...config, timeouts: { ...config.timeouts, thankYouSeconds: 600 } };
  const service = createRatingService({ store: createRatingStore(db), config: tapConfig, appVersion: 'bench', now: Date.now, monotonicNow: () => clock.t });
  const samples: number[] = [];
  while (samples.length < count && !until()) {
    clock.t += 3_000;
    const t0 = performance.now();
    const r = service.submit({ level: 5, language: 'vi' });
    samples.push(performance.now() - t0);
    if (!r.ok || !r.value.stored) throw new Error(`tap not stored: ${JSON.stringify(r)}`);
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  return samples;
}

const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { count: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.at(-1)! };
};

interface Round {
  idle: number[];
  drain: number[];
  drainMs: number;
  requests: number;
}

/** The taps of several drains pooled, and the figure the target reads: drain p99 ÷ idle p99. */
function pooled(rounds: Round[]) {
  const idle = summary(rounds.flatMap((r) => r.idle));
  const drain = summary(rounds.flatMap((r) => r.drain));
  return { idle, drain, ratio: drain.p99 / idle.p99 };
}

/** Idle taps, a drain of the whole seeded queue with taps, idle taps again: one fresh copy. */
async function round(
  dir: string,
  seeded: string,
  n: number,
  gapMs: number,
  receiverNice: number,
  name: string,
  pin: ReturnType<typeof pinnableCores> = null,
): Promise<Round> {
  // A folder of its own: the copy must not meet another round's acknowledgement ledger.
  const dbFile = path.join(dir, name, 'ratings.db');
  fs.mkdirSync(path.dirname(dbFile));
  fs.copyFileSync(seeded, dbFile);
  const receiverStore = fs.existsSync('/dev/shm') ? fs.mkdtempSync('/dev/shm/bench-receiver-') : dir;
  const receiver = await startReceiver(dir, `city-${name}`, receiverStore);
  os.setPriority(receiver.child.pid!, receiverNice);
  const db = openDatabase(dbFile);
  const config = benchKioskConfig(receiver.match[1]!);
  const sync = createWorkerSyncService({ db, dbFile, config, appVersion: 'bench', logger: silentLogger, startDelayMs: 86_400_000 });
  try {
    const clock = { t: 0 };
    sync.start();
    if (pin) {
      // After the worker's thread exists; threads started later by the main thread inherit its core.
      pinThreads(process.pid, pin.rest, pin.tap);
      pinThreads(receiver.child.pid!, pin.rest);
    }
    const before = await taps(db, config, clock, gapMs, IDLE_TAPS / 2);
    let drained = false;
    const t0 = performance.now();
    const run = sync.syncNow().then((r) => {
      drained = true;
      return r;
    });
    const during = await taps(db, config, clock, gapMs, Number.POSITIVE_INFINITY, () => drained);
    const result = (await run)!;
    const drainMs = performance.now() - t0;
    if (result.stop.kind !== 'done' || result.delivered !== n) throw new Error(`drain: ${JSON.stringify(result.stop)}, ${result.delivered} of ${n}`);
    const after = await taps(db, config, clock, gapMs, IDLE_TAPS / 2);
    return { idle: [...before, ...after], drain: during, drainMs, requests: result.requests };
  } finally {
    if (pin) pinThreads(process.pid, pin.all);
    sync.stop();
    await sync.idle();
    db.close();
    receiver.child.kill('SIGTERM');
    if (receiverStore !== dir) fs.rmSync(receiverStore, { recursive: true, force: true });
  }
}

export const tapDuringDrain: Benchmark = {
  name: 'tap-during-drain',
  async run() {
    const n = Number(process.env.BENCH_DRAIN ?? 100_000);
    const gapMs = Number(process.env.BENCH_TAP_GAP_MS ?? 5);
    // One drain of 100,000 gives about 400 taps, so its p99 would be its 4th-slowest tap:
    // the taps of ROUNDS drains (each between its own idle taps) are pooled.
    const roundCount = Number(process.env.BENCH_TAP_DRAIN_ROUNDS ?? 3);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tap-drain-'));
    try {
      writeTokens(dir);
      const seeded = seed(dir, n);
      const rounds: Round[] = [];
      for (let i = 0; i < roundCount; i++) rounds.push(await round(dir, seeded, n, gapMs, RECEIVER_NICE, `round-${i}`));
      const shared = await round(dir, seeded, n, gapMs, 0, 'shared');
      const cores = pinnableCores();
      // As many drains as the figure it stands beside, for the same reason.
      const pinned: Round[] = [];
      for (let i = 0; cores && i < roundCount; i++) pinned.push(await round(dir, seeded, n, gapMs, RECEIVER_NICE, `pinned-${i}`, cores));
      const { idle, drain, ratio } = pooled(rounds);
      const perRound = rounds.map((r) => summary(r.drain).p99 / summary(r.idle).p99);
      const sharedRatio = summary(shared.drain).p99 / summary(shared.idle).p99;
      const alone = pinned.length > 0 ? pooled(pinned) : null;
      const drainMs = rounds.reduce((sum, r) => sum + r.drainMs, 0) / rounds.length;
      const f = (x: number) => Math.round(x).toLocaleString('en-US');
      return {
        metrics: [
          { name: `tap→durable idle p50 / p95 / p99 (${idle.count} taps)`, value: `${ms(idle.p50)} / ${ms(idle.p95)} / ${ms(idle.p99)}` },
          {
            name: `tap→durable during drain p50 / p95 / p99 (${drain.count} taps, ${rounds.length} drains)`,
            value: `${ms(drain.p50)} / ${ms(drain.p95)} / ${ms(drain.p99)}`,
          },
          { name: 'drain p99 ÷ idle p99', value: ratio.toFixed(2), target: '≤ 1.5' },
          { name: 'the same, each drain on its own (information)', value: perRound.map((x) => x.toFixed(2)).join(', ') },
          // The ratio's denominator moves with how quiet this machine's idle phase happened to
          // be; the difference and the drain p99 itself are shown beside it for that reason.
          { name: 'drain p99 − idle p99 (information)', value: ms(drain.p99 - idle.p99) },
          { name: `drain of ${f(n)} with taps, mean of ${rounds.length}`, value: `${f(n / (drainMs / 1000))} /s` },
          {
            name: "information: drain p99 ÷ idle p99 with the receiver at the kiosk's priority (one drain)",
            value: `${sharedRatio.toFixed(2)} (${ms(summary(shared.drain).p99)} ÷ ${ms(summary(shared.idle).p99)})`,
          },
          {
            name: `information: drain p99 ÷ idle p99 with the tapping thread alone on a core (taskset; ${pinned.length} drains)`,
            value: alone
              ? `${alone.ratio.toFixed(2)} (${ms(alone.drain.p99)} ÷ ${ms(alone.idle.p99)})`
              : 'not measured (Linux with taskset and 2 cores or more)',
          },
        ],
        raw: {
          n,
          tapGapMs: gapMs,
          receiverStore: fs.existsSync('/dev/shm') ? 'memory' : 'disk',
          receiverNice: RECEIVER_NICE,
          idleP99Ms: idle.p99,
          drainP99Ms: drain.p99,
          ratio,
          differenceMs: drain.p99 - idle.p99,
          idle,
          drain,
          perRoundRatio: perRound,
          drainMs,
          drainPerSec: n / (drainMs / 1000),
          requests: rounds[0]!.requests,
          receiverAtKioskPriority: { ratio: sharedRatio, idle: summary(shared.idle), drain: summary(shared.drain) },
          tapThreadAlone: alone ? { cores, ...alone, drainPerSec: pinned.map((r) => n / (r.drainMs / 1000)) } : null,
        },
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
