// Drain: 100,000 pending ratings uploaded to the reference receiver on 127.0.0.1 by the
// real uploader (runSync), beside the ceiling: the same request bodies POSTed to a server
// that only reads them. Kiosk, receiver and null server each run in their own process, so
// the kiosk's peak RSS is its own; a smaller drain is run too to show that memory does not
// grow with the queue. BENCH_DRAIN=N changes the size.
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
import { isoWithOffset } from '../shared/local-time';
import { PROTOCOL_VERSION } from '../shared/upload-protocol';
import { checkpointQuietly, openDatabase } from '../electron/services/db/database';
import { createUploadQueries } from '../electron/services/db/upload-queries';
import { silentLogger } from '../electron/services/logger';
import { runSync } from '../electron/services/sync/sync-run';
import { toWireRating } from '../electron/services/sync/wire-rating';
import { generateRatings, insertRatings } from '../tests/support/rating-fixtures';
import type { Benchmark } from './types';

const SELF = fileURLToPath(import.meta.url);
const ROOT = path.resolve(path.dirname(SELF), '..');
const TOKEN = 'bench-kiosk-token-0123456789';
const BATCH = 200;
const iso = (ms: number) => isoWithOffset(ms, 420);

function startChild(args: string[], ready: RegExp): Promise<{ child: ChildProcess; match: RegExpExecArray; output: Promise<string> }> {
  // --expose-gc only so the kiosk child can report its live heap after a full collection.
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
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

function seed(dir: string, n: number): string {
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

interface DrainRun {
  ratingsPerSec: number;
  peakRssMb: number;
  liveHeapMb: number;
  ceilingPerSec: number;
  requests: number;
}

async function drainOnce(n: number): Promise<DrainRun> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-drain-'));
  try {
    const file = seed(dir, n);
    fs.copyFileSync(file, path.join(dir, 'ceiling.db'));
    fs.writeFileSync(path.join(dir, 'tokens.json'), JSON.stringify({ kiosks: [{ kioskId: 'bench-kiosk', token: TOKEN }] }));
    const receiver = await startChild(
      ['server/cli.ts', '--port', '0', '--data-dir', path.join(dir, 'city'), '--tokens', path.join(dir, 'tokens.json')],
      /City server ready at (\S+)/,
    );
    const nul = await startChild([SELF, '--child', 'null-server'], /Null server at (\S+)/);
    try {
      const drain = await runChild([SELF, '--child', 'kiosk', file, receiver.match[1]!]);
      if (drain.delivered !== n) throw new Error(`drained ${drain.delivered} of ${n}`);
      const ceiling = await runChild([SELF, '--child', 'ceiling', path.join(dir, 'ceiling.db'), nul.match[1]!]);
      return {
        ratingsPerSec: n / (drain.ms! / 1000),
        peakRssMb: drain.maxRssKb! / 1024,
        liveHeapMb: drain.liveHeapMb!,
        ceilingPerSec: n / (ceiling.ms! / 1000),
        requests: drain.requests!,
      };
    } finally {
      receiver.child.kill('SIGTERM');
      nul.child.kill('SIGTERM');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const drain: Benchmark = {
  name: 'drain',
  async run() {
    const n = Number(process.env.BENCH_DRAIN ?? 100_000);
    const small = await drainOnce(Math.max(BATCH, Math.floor(n / 10)));
    const big = await drainOnce(n);
    const f = (x: number) => Math.round(x).toLocaleString('en-US');
    return {
      metrics: [
        { name: `ratings/s draining ${f(n)}`, value: `${f(big.ratingsPerSec)} /s`, target: '≥ 10,000 /s' },
        { name: 'ceiling: same bytes to a do-nothing server', value: `${f(big.ceilingPerSec)} /s`, target: 'drain ≥ ceiling ÷ 3' },
        { name: 'ceiling ÷ drain', value: `${(big.ceilingPerSec / big.ratingsPerSec).toFixed(2)}×`, target: '≤ 3×' },
        { name: `kiosk peak RSS, ${f(n)} queued`, value: `${big.peakRssMb.toFixed(0)} MB`, target: `≈ the ${f(n / 10)} run` },
        { name: `kiosk peak RSS, ${f(n / 10)} queued`, value: `${small.peakRssMb.toFixed(0)} MB` },
        { name: 'kiosk live heap after drain (big / small)', value: `${big.liveHeapMb.toFixed(1)} / ${small.liveHeapMb.toFixed(1)} MB` },
      ],
      raw: { n, batchSize: BATCH, big, small },
    };
  },
};

// ---- child processes -------------------------------------------------------------------

async function kioskChild(file: string, url: string): Promise<void> {
  const db = openDatabase(file);
  const queries = createUploadQueries(db);
  const t0 = performance.now();
  const r = await runSync({
    queries,
    fetch,
    now: Date.now,
    logger: silentLogger,
    serverUrl: url,
    token: TOKEN,
    timeoutMs: 30_000,
    batch: { size: BATCH },
    appVersion: 'bench',
    kioskId: 'bench-kiosk',
    unitCode: 'BENCH',
    isoTime: iso,
    heartbeat: false,
  });
  const ms = performance.now() - t0;
  if (r.stop.kind !== 'done') throw new Error(`drain stopped: ${JSON.stringify(r.stop)}`);
  db.close();
  (globalThis as { gc?: () => void }).gc?.();
  const liveHeapMb = process.memoryUsage().heapUsed / 1e6;
  process.stdout.write(`${JSON.stringify({ delivered: r.delivered, requests: r.requests, ms, maxRssKb: process.resourceUsage().maxRSS, liveHeapMb })}\n`);
}

async function ceilingChild(file: string, url: string): Promise<void> {
  // Build every body first (untimed, exactly as the uploader builds them), then time the POSTs.
  const db = openDatabase(file);
  const queries = createUploadQueries(db);
  const bodies: Buffer[] = [];
  for (;;) {
    const page = queries.due(Date.now(), BATCH);
    if (page.length === 0) break;
    const envelope = { protocol: PROTOCOL_VERSION, kioskId: 'bench-kiosk', unitCode: 'BENCH', sentAt: iso(Date.now()), ratings: page.map(toWireRating) };
    bodies.push(Buffer.from(JSON.stringify(envelope)));
    queries.recordAck(page.map((r) => r.id), [], Date.now());
  }
  db.close();
  const target = new URL('v1/ratings/batch', url).toString();
  const t0 = performance.now();
  for (const body of bodies) {
    const res = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body });
    await res.text();
  }
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
  const [, mode, a, b] = childArgs;
  if (mode === 'null-server') nullServer();
  else if (mode === 'kiosk') await kioskChild(a!, b!);
  else if (mode === 'ceiling') await ceilingChild(a!, b!);
}
