// Drain: 100,000 pending ratings uploaded to the reference receiver on 127.0.0.1 by the
// real uploader (the upload worker, asked for one sync), beside the ceiling: the same
// request bodies POSTed, one at a time, to a server that only reads them. Kiosk, receiver
// and null server each run in their own process, so the kiosk's peak RSS (main thread and
// worker) is its own; a drain of a tenth is run too, to compare memory. A third figure, the
// receiver alone (the same bodies POSTed four at a time to a fresh reference receiver),
// shows how much of the drain the receiver's own work allows.
//
// This machine's speed drifts by tens of percent within a minute, so drain and ceiling are
// measured in alternating rounds (BENCH_ROUNDS, default 3) and the median ratio is reported
// beside its range. BENCH_DRAIN=N changes the size.
//
// This file is also the child: `tsx bench/drain.ts --child kiosk|ceiling|null-server ...`.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { isoWithOffset } from '../shared/local-time';
import { ackLedgerFile } from '../electron/services/db/ack-ledger';
import { checkpointQuietly, openDatabase } from '../electron/services/db/database';
import { createUploadQueries } from '../electron/services/db/upload-queries';
import { openWorkerDatabase } from '../electron/services/sync/upload-worker';
import { createWorkerSyncService } from '../electron/services/sync/worker-sync-service';
import { KioskConfigSchema, type KioskConfig } from '../shared/config-schema';
import { silentLogger } from '../electron/services/logger';
import { prepareBatch } from '../electron/services/sync/batch-exchange';
import { toWireRating } from '../electron/services/sync/wire-rating';
import { generateRatings, insertRatings } from '../tests/support/rating-fixtures';
import type { Benchmark } from './types';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
const TOKEN = 'bench-kiosk-token-0123456789';
export const BENCH_KIOSK = { id: 'bench-kiosk', unitCode: 'BENCH', token: TOKEN } as const;

/** The bench kiosk's config: uploads to `serverUrl` only when asked, nothing purged. */
export function benchKioskConfig(serverUrl: string): KioskConfig {
  return KioskConfigSchema.parse({
    unit: { code: BENCH_KIOSK.unitCode, name: 'Bench' },
    kiosk: { id: BENCH_KIOSK.id },
    // The seeded ratings are months old: a retention purge of them is not what is measured.
    retentionDays: 3650,
    server: { url: serverUrl, token: TOKEN, intervalSeconds: 86_400, batchSize: BATCH, timeoutSeconds: 30 },
  });
}

export function writeTokens(dir: string): void {
  fs.writeFileSync(path.join(dir, 'tokens.json'), JSON.stringify({ kiosks: [{ kioskId: BENCH_KIOSK.id, unitCode: BENCH_KIOSK.unitCode, token: TOKEN }] }));
}
const BATCH = 200;
const iso = (ms: number) => isoWithOffset(ms, 420);

export function startChild(args: string[], ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray; output: Promise<string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  const output = new Promise<string>((resolve) => child.once('exit', () => resolve(out)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) resolve({ child, match: m, output });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${out}`)));
  });
}

async function runChild(args: string[]): Promise<Record<string, number>> {
  const { output } = await startChild(args, /^/);
  return JSON.parse((await output).trim().split('\n').at(-1)!) as Record<string, number>;
}

/** A kiosk database in `dir` with `n` settled, pending ratings (with comments), checkpointed. */
export function seed(dir: string, n: number): string {
  const file = path.join(dir, 'ratings.db');
  const db = openDatabase(file);
  const perDay = 1000;
  insertRatings(db, generateRatings({ fromDay: '2026-01-05', days: Math.ceil(n / perDay), perDay, comments: true, seed: 3 }), {
    kioskId: 'bench-kiosk',
    unitCode: 'BENCH',
  });
  checkpointQuietly(db);
  db.close();
  return file;
}

interface Round {
  drainPerSec: number;
  ceilingPerSec: number;
  receiverAlonePerSec: number;
  peakRssMb: number;
  requests: number;
}

/**
 * The reference receiver in its own process; needs `dir`/tokens.json (see writeTokens). Its
 * database goes under `storeDir` (default `dir`).
 */
export async function startReceiver(dir: string, name: string, storeDir = dir) {
  return startChild(
    // A drain at full speed is what is measured: the per-kiosk limits would rightly slow it,
    // and the seeded ratings carry fixed dates that must not age out of the accepted window.
    [
      'server/cli.ts',
      ...['--port', '0', '--data-dir', path.join(storeDir, name), '--tokens', path.join(dir, 'tokens.json')],
      ...['--requests-per-minute', '100000000', '--ratings-per-day', '1000000000', '--max-rating-age-days', '36500'],
    ],
    /City server ready at (\S+)/,
  );
}

/** One round: the drain, the ceiling, and the receiver alone, each from a fresh copy of the queue. */
async function round(dir: string, seeded: string, n: number, withCeiling: boolean): Promise<Round> {
  const fresh = (name: string) => {
    const file = path.join(dir, name);
    // The copies share a folder, and so the acknowledgement ledger: each starts without one.
    for (const suffix of ['', '-wal', '-shm']) for (const f of [file, ackLedgerFile(file)]) fs.rmSync(f + suffix, { force: true });
    fs.copyFileSync(seeded, file);
    return file;
  };
  const stamp = `${process.hrtime.bigint()}`;
  const receiver = await startReceiver(dir, `city-${stamp}`);
  let drain: Record<string, number>;
  try {
    drain = await runChild([SELF, '--child', 'kiosk', fresh('kiosk.db'), receiver.match[1]!]);
  } finally {
    receiver.child.kill('SIGTERM');
  }
  if (drain.delivered !== n) throw new Error(`drained ${drain.delivered} of ${n}`);
  let ceiling = { ms: Number.NaN };
  let alone = { ms: Number.NaN };
  if (withCeiling) {
    const nul = await startChild([SELF, '--child', 'null-server'], /Null server at (\S+)/);
    try {
      ceiling = (await runChild([SELF, '--child', 'ceiling', fresh('ceiling.db'), nul.match[1]!, '1'])) as { ms: number };
    } finally {
      nul.child.kill('SIGTERM');
    }
    const solo = await startReceiver(dir, `solo-${stamp}`);
    try {
      alone = (await runChild([SELF, '--child', 'ceiling', fresh('ceiling.db'), solo.match[1]!, '4'])) as { ms: number };
    } finally {
      solo.child.kill('SIGTERM');
    }
  }
  return {
    drainPerSec: n / (drain.ms! / 1000),
    ceilingPerSec: n / (ceiling.ms / 1000),
    receiverAlonePerSec: n / (alone.ms / 1000),
    peakRssMb: drain.maxRssKb! / 1024,
    requests: drain.requests!,
  };
}

/** `count` rounds on one seeded queue of `n`. */
async function rounds(n: number, count: number, withCeiling: boolean): Promise<Round[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-drain-'));
  try {
    const seeded = seed(dir, n);
    writeTokens(dir);
    const out: Round[] = [];
    for (let i = 0; i < count; i++) out.push(await round(dir, seeded, n, withCeiling));
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

export const drain: Benchmark = {
  name: 'drain',
  async run() {
    const n = Number(process.env.BENCH_DRAIN ?? 100_000);
    const count = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
    // The same number of drains of each size: one small drain against the median of the
    // big ones compared one process's luck with another's typical.
    const small = await rounds(Math.max(BATCH, Math.floor(n / 10)), count, false);
    const big = await rounds(n, count, true);
    const f = (x: number) => Math.round(x).toLocaleString('en-US');
    const range = (xs: number[], fmt: (x: number) => string) => `${fmt(median(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`;
    const ratios = big.map((r) => r.ceilingPerSec / r.drainPerSec);
    const rssRatio = median(big.map((r) => r.peakRssMb)) / median(small.map((r) => r.peakRssMb));
    return {
      metrics: [
        {
          name: `ratings/s draining ${f(n)} (upload worker), median of ${count}`,
          value: `${range(
            big.map((r) => r.drainPerSec),
            f,
          )} /s`,
          target: '≥ 20,000 /s',
        },
        {
          name: 'ceiling: same bytes to a do-nothing server',
          value: `${range(
            big.map((r) => r.ceilingPerSec),
            f,
          )} /s`,
        },
        { name: 'ceiling ÷ drain, same round (information)', value: `${range(ratios, (x) => x.toFixed(2))}×` },
        {
          name: 'receiver alone: same bytes, 4 at a time',
          value: `${range(
            big.map((r) => r.receiverAlonePerSec),
            f,
          )} /s`,
        },
        {
          name: `kiosk peak RSS, ${f(n)} queued`,
          value: `${range(
            big.map((r) => r.peakRssMb),
            (x) => x.toFixed(0),
          )} MB`,
        },
        {
          name: `kiosk peak RSS, ${f(n / 10)} queued`,
          value: `${range(
            small.map((r) => r.peakRssMb),
            (x) => x.toFixed(0),
          )} MB`,
        },
        { name: `peak RSS ${f(n)} ÷ ${f(n / 10)} queued, medians`, value: `${rssRatio.toFixed(2)}×`, target: '≤ 1.15×' },
      ],
      raw: { n, batchSize: BATCH, rssRatio, rounds: big, small },
    };
  },
};

// ---- child processes -------------------------------------------------------------------

/** The kiosk as the hosts run it: the main connection, and the upload worker on its own. */
async function kioskChild(file: string, url: string): Promise<void> {
  const db = openDatabase(file);
  const sync = createWorkerSyncService({
    db,
    dbFile: file,
    config: benchKioskConfig(url),
    appVersion: 'bench',
    logger: silentLogger,
    startDelayMs: 86_400_000,
  });
  const t0 = performance.now();
  const r = (await sync.syncNow())!;
  const ms = performance.now() - t0;
  sync.stop();
  await sync.idle();
  if (r.stop.kind !== 'done') throw new Error(`drain stopped: ${JSON.stringify(r.stop)}`);
  db.close();
  process.stdout.write(`${JSON.stringify({ delivered: r.delivered, requests: r.requests, ms, maxRssKb: process.resourceUsage().maxRSS })}\n`);
}

/** The ceiling (lanes = 1, a do-nothing server) and the receiver alone (lanes = 4, a fresh receiver). */
async function ceilingChild(file: string, url: string, lanes: number): Promise<void> {
  // Build every body first (untimed, exactly as the uploader builds them), then time the POSTs.
  const db = openWorkerDatabase(file);
  const queries = createUploadQueries(db);
  const bodies: Buffer[] = [];
  for (;;) {
    const page = queries.due(Date.now(), BATCH);
    if (page.length === 0) break;
    bodies.push(prepareBatch({ kioskId: 'bench-kiosk', unitCode: 'BENCH', sentAt: iso(Date.now()), ratings: page.map(toWireRating) }).body);
    queries.recordAck(
      page.map((r) => r.id),
      [],
      Date.now(),
    );
  }
  db.close();
  const target = new URL('v1/ratings/batch', url).toString();
  let next = 0;
  async function lane(): Promise<void> {
    while (next < bodies.length) {
      const body = bodies[next++]!;
      const res = await request(target, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} ${text.slice(0, 200)}`);
    }
  }
  const t0 = performance.now();
  await Promise.all(Array.from({ length: lanes }, lane));
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - t0, requests: bodies.length })}\n`);
}

function nullServer(): void {
  const ack = JSON.stringify({ accepted: [], duplicates: [], rejected: [] });
  const server = http.createServer((req, res) => {
    req.on('data', () => {});
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': ack.length });
      res.end(ack);
    });
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`Null server at http://127.0.0.1:${(server.address() as AddressInfo).port}/\n`));
  process.on('SIGTERM', () => process.exit(0));
}

const childArgs = process.argv.slice(2);
if (process.argv[1] && path.resolve(process.argv[1]) === SELF && childArgs[0] === '--child') {
  const [, mode, a, b, c] = childArgs;
  if (mode === 'null-server') nullServer();
  else if (mode === 'kiosk') await kioskChild(a!, b!);
  else if (mode === 'ceiling') await ceilingChild(a!, b!, Number(c ?? 1));
}
