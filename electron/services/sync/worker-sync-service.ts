// The main thread's side of the upload worker, behind the same SyncService interface as the
// in-process one. The main thread never waits on the worker: status() joins the worker's
// last reported state with the queue counts read on the main connection, and the clock
// offset for new ratings is the last one the worker reported. A worker that exits without
// being asked to, or stops saying it is alive, is replaced after an exponential back-off.
import { Worker } from 'node:worker_threads';
import type { KioskConfig } from '../../../shared/config-schema';
import type { SyncStatus } from '../../../shared/kiosk-api';
import type { Db } from '../db/database';
import { createSyncStateQueries } from '../db/sync-state-queries';
import { createUploadQueries } from '../db/upload-queries';
import type { Logger } from '../logger';
import { backoffDelayMs } from './backoff';
import { DISABLED_CONNECTION_TEST, UPLOAD_WORKER_MARK, type ConnectionTest, type MainToWorker, type WorkerToMain } from './sync-messages';
import type { SyncService } from './sync-service';
import { buildSyncStatus, loadSyncState, type PersistedSyncState } from './sync-state';
import type { RunResult } from './sync-run';
import { uploadWorkerSource, type WorkerSource } from './worker-entry';

export interface WorkerSyncServiceDeps {
  /** The main connection: queue counts and the state persisted before the worker reports. */
  db: Db;
  /** The same database's file, for the worker's own connection. */
  dbFile: string;
  config: KioskConfig;
  appVersion: string;
  logger: Logger;
  /**
   * The system's proxy for a URL in PAC form (Electron: session.resolveProxy). The worker
   * asks for it before each run unless `server.proxy` is set; without it uploads go direct.
   */
  resolveSystemProxy?: (url: string) => Promise<string>;
  startDelayMs?: number;
  /** Back-off between restarts of a crashed or hung worker. */
  restart?: { baseMs: number; maxMs: number };
  aliveEveryMs?: number;
  /** A worker silent this long is taken for hung and replaced. */
  hangAfterMs?: number;
  /** How long a stopping worker may take to let go before it is terminated. */
  stopTimeoutMs?: number;
  random?: () => number;
  now?: () => number;
  workerSource?: WorkerSource;
  /** Told of each worker started (tests use it to kill one mid-batch). */
  onWorker?: (worker: Worker) => void;
}

const failedTest = (detail: string): ConnectionTest => ({ ok: false, kind: 'internal', detail, ms: 0, via: 'direct', routeSource: 'none' });

const failedRun = (detail: string): RunResult => ({
  stop: { kind: 'failed', code: 'internal', detail },
  delivered: 0,
  rejected: 0,
  dossierRated: 0,
  requests: 0,
  clockOffsetMs: null,
});

export function createWorkerSyncService(deps: WorkerSyncServiceDeps): SyncService {
  const { config, logger } = deps;
  const now = deps.now ?? Date.now;
  const enabled = config.server.url !== '';
  const queries = createUploadQueries(deps.db);
  const restart = deps.restart ?? { baseMs: 1000, maxMs: 60_000 };
  const aliveEveryMs = deps.aliveEveryMs ?? 1000;
  const hangAfterMs = deps.hangAfterMs ?? 30_000;
  const source = deps.workerSource ?? uploadWorkerSource();
  const resolveSystemProxy = config.server.proxy === '' ? deps.resolveSystemProxy : undefined;
  const systemProxy = resolveSystemProxy !== undefined;

  let state: PersistedSyncState = loadSyncState(createSyncStateQueries(deps.db));
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();
  let lastAliveMs = 0;
  let crashes = 0;
  let scheduled = false;
  let stopping = false;
  let restartTimer: NodeJS.Timeout | null = null;
  let watchdog: NodeJS.Timeout | null = null;
  let nextRequest = 1;
  const waiting = new Map<number, (r: RunResult) => void>();
  const testing = new Map<number, (r: ConnectionTest) => void>();
  let joined: Promise<RunResult> | null = null;

  const send = (m: MainToWorker) => worker?.postMessage(m);
  const unrefWhenIdle = () => {
    if (waiting.size === 0 && testing.size === 0) worker?.unref();
  };

  /** Asks the system on the worker's behalf; the answer goes to that worker only, if still alive. */
  function answerProxy(w: Worker, requestId: number, url: string): void {
    const reply = (m: MainToWorker) => {
      if (worker === w) w.postMessage(m);
    };
    resolveSystemProxy!(url).then(
      (answer) => reply({ type: 'proxyAnswer', requestId, answer }),
      (error: unknown) => reply({ type: 'proxyAnswer', requestId, answer: null, error: error instanceof Error ? error.message : String(error) }),
    );
  }

  function onMessage(w: Worker, m: WorkerToMain): void {
    lastAliveMs = now();
    switch (m.type) {
      case 'state':
        state = m.state;
        return;
      case 'runResult':
        // A worker that completes a run is healthy again: the next crash starts the back-off over.
        crashes = 0;
        waiting.get(m.requestId)?.(m.result);
        waiting.delete(m.requestId);
        unrefWhenIdle();
        return;
      case 'connectionTest':
        testing.get(m.requestId)?.(m.result);
        testing.delete(m.requestId);
        unrefWhenIdle();
        return;
      case 'resolveProxy':
        if (resolveSystemProxy) answerProxy(w, m.requestId, m.url);
        else send({ type: 'proxyAnswer', requestId: m.requestId, answer: null, error: 'no system proxy resolver' });
        return;
      case 'log':
        logger[m.level]({ ...m.fields, thread: 'upload-worker' }, m.msg);
        return;
      case 'fatal':
        logger.error({ error: m.error }, 'upload worker failed');
        return;
      case 'alive':
        return;
    }
  }

  function spawn(startDelayMs: number | undefined): void {
    const w = new Worker(source.file, {
      execArgv: source.execArgv,
      workerData: { mark: UPLOAD_WORKER_MARK },
    });
    // The kiosk's own servers keep the process alive; the worker keeps it alive only while
    // someone awaits a syncNow().
    w.unref();
    worker = w;
    lastAliveMs = now();
    let error: string | null = null;
    w.on('message', (m: WorkerToMain) => {
      if (worker === w) onMessage(w, m);
    });
    w.on('error', (e) => {
      error = e instanceof Error ? e.message : String(e);
    });
    exited = new Promise((resolve) => {
      w.once('exit', (code) => {
        if (worker === w) onExit(code, error);
        resolve();
      });
    });
    deps.onWorker?.(w);
    send({ type: 'start', dbFile: deps.dbFile, config, appVersion: deps.appVersion, schedule: scheduled, startDelayMs, aliveEveryMs, systemProxy });
  }

  function onExit(code: number, error: string | null): void {
    worker = null;
    for (const answer of waiting.values()) answer(failedRun(`upload worker exited (${code})`));
    waiting.clear();
    for (const answer of testing.values()) answer(failedTest(`upload worker exited (${code})`));
    testing.clear();
    if (stopping) return;
    crashes++;
    const delay = backoffDelayMs(crashes, restart.baseMs, restart.maxMs, deps.random ?? Math.random);
    logger.error({ exitCode: code, error, restarts: crashes, restartInMs: delay }, 'upload worker stopped unexpectedly; restarting after back-off');
    restartTimer = setTimeout(() => {
      restartTimer = null;
      if (!stopping) spawn(0);
    }, delay);
    restartTimer.unref();
  }

  function checkAlive(): void {
    if (!worker || stopping) return;
    const silentMs = now() - lastAliveMs;
    if (silentMs < hangAfterMs) return;
    logger.error({ silentMs }, 'upload worker hung; terminating it');
    lastAliveMs = now(); // one termination per hang
    void worker.terminate();
  }

  function ensureWorker(): void {
    if (worker || restartTimer || stopping) return;
    spawn(deps.startDelayMs);
    watchdog ??= setInterval(checkAlive, Math.max(10, Math.min(aliveEveryMs, hangAfterMs / 2)));
    watchdog.unref();
  }

  return {
    enabled,
    start(): void {
      if (!enabled || scheduled || stopping) return;
      scheduled = true;
      if (worker) send({ type: 'start', dbFile: deps.dbFile, config, appVersion: deps.appVersion, schedule: true, aliveEveryMs, systemProxy });
      else ensureWorker();
    },
    stop(): void {
      if (stopping) return;
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      if (watchdog) clearInterval(watchdog);
      const w = worker;
      if (!w) return;
      // Held until it has closed its connection (or been terminated), so idle() can be awaited.
      w.ref();
      send({ type: 'stop' });
      const kill = setTimeout(() => void w.terminate(), deps.stopTimeoutMs ?? 5000);
      kill.unref();
      void exited.then(() => clearTimeout(kill));
    },
    idle: async (): Promise<void> => {
      if (stopping) await exited;
      else await joined?.catch(() => {});
    },
    status: (): SyncStatus => buildSyncStatus({ enabled, persisted: state, counts: queries.counts(), timeZone: config.timezone }),
    clockOffsetMs: (): number | null => state.clockOffsetMs,
    syncNow(): Promise<RunResult | null> {
      if (!enabled) return Promise.resolve(null);
      if (joined) return joined;
      ensureWorker();
      if (!worker) return Promise.resolve(failedRun(stopping ? 'uploads stopped' : 'upload worker restarting'));
      const requestId = nextRequest++;
      // Shown at once: the worker's own "syncing" arrives a moment later.
      state = { ...state, state: state.state === 'auth_failed' ? 'auth_failed' : 'syncing' };
      const run = new Promise<RunResult>((resolve) => waiting.set(requestId, resolve));
      worker.ref();
      send({ type: 'syncNow', requestId });
      joined = run.finally(() => {
        joined = null;
      });
      return joined;
    },
    testConnection(): Promise<ConnectionTest> {
      if (!enabled) return Promise.resolve(DISABLED_CONNECTION_TEST);
      ensureWorker();
      if (!worker) return Promise.resolve(failedTest(stopping ? 'uploads stopped' : 'upload worker restarting'));
      const requestId = nextRequest++;
      const answer = new Promise<ConnectionTest>((resolve) => testing.set(requestId, resolve));
      worker.ref();
      send({ type: 'testConnection', requestId });
      return answer;
    },
  };
}
