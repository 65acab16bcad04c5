// The upload worker as the kiosk hosts run it: a worker killed mid-batch is restarted with
// back-off and every rating still reaches the receiver exactly once; a hung worker is
// replaced; taps on the main thread keep being stored while the worker drains.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/errors';
import type { SubmitRatingOutput, SyncStatus } from '../../../shared/kiosk-api';
import { createKioskBackend, type KioskBackend } from '../../../electron/services/backend';
import { openDatabase } from '../../../electron/services/db/database';
import type { Logger } from '../../../electron/services/logger';
import type { SyncService } from '../../../electron/services/sync/sync-service';
import { lowerUploadThreadPriority, UPLOAD_THREAD_NICE } from '../../../electron/services/sync/upload-worker';
import { uploadWorkerSource } from '../../../electron/services/sync/worker-entry';
import { createWorkerSyncService, type WorkerSyncServiceDeps } from '../../../electron/services/sync/worker-sync-service';
import { startCityServer, TEST_KIOSK_TOKEN, type TestCityServer } from '../../support/city-server';
import { generateRatings, insertRatings } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';
import { TEST_KIOSK_ID, TEST_UNIT_CODE, writeTestConfig } from '../../support/test-config';
import { kioskUnderTest, testConfig, type KioskUnderTest } from './kiosk-under-test';

interface Line {
  level: string;
  fields: Record<string, unknown>;
  msg: string;
}
function recordingLogger(lines: Line[]): Logger {
  const at = (level: string) => (obj: object | string, msg?: string) =>
    lines.push(typeof obj === 'string' ? { level, fields: {}, msg: obj } : { level, fields: obj as Record<string, unknown>, msg: msg ?? '' });
  return { info: at('info'), warn: at('warn'), error: at('error') };
}

/** The worker-backed sync service on a test kiosk's database, as a kiosk host starts it. */
function workerSync(k: KioskUnderTest, more: Omit<WorkerSyncServiceDeps, 'db' | 'dbFile' | 'config' | 'appVersion'>): SyncService {
  return createWorkerSyncService({ db: k.db, dbFile: path.join(k.dir, 'ratings.db'), config: k.config, appVersion: '0.1.0-test', ...more });
}

/** Polls until `ok()` holds; fails after `ms`. */
async function until(ok: () => boolean, ms = 20_000): Promise<void> {
  await vi.waitFor(() => expect(ok()).toBe(true), { timeout: ms, interval: 20 });
}

/** Forwards to the receiver; `onStored` runs after a batch is stored and before its answer. */
async function startHoldingProxy(target: string, onStored: (res: http.ServerResponse) => Promise<boolean>) {
  const server = http.createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
      const up = await fetch(new URL(req.url!, target), { method: req.method, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) });
      const body = Buffer.from(await up.arrayBuffer());
      if (req.url!.startsWith('/v1/ratings/batch') && !(await onStored(res))) return;
      res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' });
      res.end(body);
    })();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

let city: TestCityServer;
let kiosk: KioskUnderTest | null = null;
let sync: SyncService | null = null;
let closeProxy: (() => Promise<void>) | null = null;
beforeEach(async () => {
  city = await startCityServer();
});
afterEach(async () => {
  sync?.stop();
  await sync?.idle();
  sync = null;
  await kiosk?.close();
  kiosk = null;
  await closeProxy?.();
  closeProxy = null;
  await city.close();
});

describe('upload worker', () => {
  it('killed mid-batch (stored, answer not yet sent): restarted with back-off, every rating delivered exactly once', async () => {
    const workers: Worker[] = [];
    let killed = false;
    const proxy = await startHoldingProxy(city.url, async (res) => {
      if (killed) return true;
      killed = true;
      // The receiver has stored this batch; the worker dies before it hears so.
      await workers.at(-1)!.terminate();
      res.socket?.destroy();
      return false;
    });
    closeProxy = proxy.close;
    kiosk = kioskUnderTest(testConfig(proxy.url, { batchSize: 50 }));
    kiosk.seed(600);
    const lines: Line[] = [];
    sync = workerSync(kiosk, {
      logger: recordingLogger(lines),
      startDelayMs: 0,
      restart: { baseMs: 100, maxMs: 1000 },
      random: () => 1,
      onWorker: (w) => workers.push(w),
    });
    sync.start();
    await until(() => sync!.status().pending === 0 && city.count() === 600);
    expect(killed).toBe(true);
    expect(workers.length).toBeGreaterThanOrEqual(2);
    expect(city.count()).toBe(600);
    expect(city.stored()).toEqual(kiosk.expectedContent());
    expect(sync.status()).toMatchObject({ pending: 0, rejected: 0 });
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: expect.stringMatching(/upload worker stopped unexpectedly/),
        fields: expect.objectContaining({ restarts: 1, restartInMs: 100 }),
      }),
    );
  });

  it('runs at a lower priority than the thread that answers taps (on Linux, where a nice value is per thread)', async () => {
    kiosk = kioskUnderTest(testConfig(city.url));
    kiosk.seed(3);
    const workers: Worker[] = [];
    sync = workerSync(kiosk, {
      logger: recordingLogger([]),
      onWorker: (w) => workers.push(w),
    });
    expect(await sync.syncNow()).toMatchObject({ delivered: 3 });
    // /proc/self/task/<tid>/stat: the 19th field is the thread's nice value.
    const nice = new Map(
      fs.readdirSync('/proc/self/task').map((tid) => {
        const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
        return [Number(tid), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])] as const;
      }),
    );
    expect(workers).toHaveLength(1);
    expect([...nice.values()].filter((n) => n === UPLOAD_THREAD_NICE)).toHaveLength(1);
    // This test runs on the process's main thread, as a shell's taps do.
    expect(nice.get(process.pid)).toBe(0);
    // Elsewhere the call would lower the whole process: it is not made.
    expect(lowerUploadThreadPriority('win32')).toBe(false);
    expect(lowerUploadThreadPriority('darwin')).toBe(false);
  });

  it('a worker that stops saying it is alive is terminated and replaced, with growing back-off', async () => {
    kiosk = kioskUnderTest(testConfig(city.url));
    const lines: Line[] = [];
    sync = workerSync(kiosk, {
      logger: recordingLogger(lines),
      restart: { baseMs: 20, maxMs: 1000 },
      random: () => 1,
      aliveEveryMs: 20,
      hangAfterMs: 150,
      workerSource: { ...uploadWorkerSource(), file: path.join(import.meta.dirname, 'hanging-worker.ts') },
    });
    sync.start();
    const restarts = () => lines.filter((l) => /stopped unexpectedly/.test(l.msg)).map((l) => l.fields.restartInMs);
    await until(() => restarts().length >= 2);
    expect(lines.filter((l) => /upload worker hung/.test(l.msg)).length).toBeGreaterThanOrEqual(2);
    expect(restarts().slice(0, 2)).toEqual([20, 40]);
  });
});

describe('taps during a drain', () => {
  let backend: KioskBackend | null = null;
  afterEach(() => {
    backend?.close();
    backend = null;
  });

  it('are stored at once on the main thread while the worker uploads thousands of ratings', async () => {
    const { dir, cleanup } = tempDir('kiosk-tap-drain-');
    try {
      const db = openDatabase(path.join(dir, 'ratings.db'));
      const at = Date.now() - 60_000;
      insertRatings(
        db,
        [...generateRatings({ seed: 5, fromDay: '2026-01-05', days: 1, perDay: 6000, comments: true })].map((r, i) => ({ ...r, at: at + i })),
        {
          kioskId: TEST_KIOSK_ID,
          unitCode: TEST_UNIT_CODE,
        },
      );
      db.close();
      const configPath = writeTestConfig(dir, {
        misuse: { burstCount: 1000, burstWindowSeconds: 1 },
        timeouts: { thankYouSeconds: 0.1, followUpSeconds: 1 },
        server: { url: city.url, token: TEST_KIOSK_TOKEN, intervalSeconds: 0.1, batchSize: 200 },
      });
      backend = createKioskBackend({ paths: { dataDir: dir, configPath }, appVersion: '0.1.0', logger: recordingLogger([]) });
      const pending = () => (backend!.handlers.getSyncStatus({}) as Result<SyncStatus> & { ok: true }).value.pending;
      await until(() => city.count() > 0);
      const durations: number[] = [];
      while (city.count() < 6000) {
        const t0 = performance.now();
        const r = backend.handlers.submitRating({ level: 5, language: 'vi' }) as Result<SubmitRatingOutput>;
        durations.push(performance.now() - t0);
        expect(r).toMatchObject({ ok: true, value: { stored: true } });
        // A real pause on purpose: taps arrive spread over the drain, as citizens' do, and the
        // main thread gets to answer the worker between them.
        await new Promise((r) => setTimeout(r, 2));
      }
      expect(durations.length).toBeGreaterThan(5);
      // Generous: a tap waits at most for one acknowledgement's short write, never for a run.
      expect(Math.max(...durations)).toBeLessThan(250);
      await until(() => city.count() === 6000 + durations.length && pending() === 0);
      backend.close();
      backend = null;
    } finally {
      cleanup();
    }
  });
});
