// The upload worker: a worker_threads thread that owns the upload scheduler (batch
// exchange, acknowledgements, retention purges, survey contacts) on its own connection to
// the kiosk's WAL database, so that nothing of a long drain runs on the thread that answers
// taps. It talks to the main thread only through the messages in sync-messages.ts. Plain
// Node: the Electron build bundles this file on its own (dist/electron/upload-worker.js).
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { attachAckLedger } from '../db/ack-ledger';
import { createContactUploadQueries } from '../db/contact-upload-queries';
import { openDatabase, type Db } from '../db/database';
import { createSyncStateQueries } from '../db/sync-state-queries';
import { createUploadQueries } from '../db/upload-queries';
import { forwardingLogger, type Logger } from '../logger';
import { UPLOAD_WORKER_MARK, type MainToWorker, type WorkerStart, type WorkerToMain } from './sync-messages';
import { createUploadScheduler, type UploadScheduler } from './upload-scheduler';
import { createTransportSource } from './upload-transport';

export interface WorkerPort {
  postMessage(message: WorkerToMain): void;
  on(event: 'message', listener: (message: MainToWorker) => void): unknown;
}

/** Re-exported for the tests that drive a worker's port directly. */
export { forwardingLogger };

/**
 * Opens the worker's own connection: the same file and pragmas, with the acknowledgement
 * ledger attached, and commits without fsync.
 */
export function openWorkerDatabase(file: string, logger?: Logger): Db {
  const db = openDatabase(file);
  try {
    attachAckLedger(db, file, logger);
  } catch (error) {
    db.close();
    throw error;
  }
  // A lost ack or fold only makes its ratings go again, and the receiver answers
  // "duplicate"; the main connection keeps FULL for the citizens' ratings.
  db.pragma('synchronous = NORMAL');
  return db;
}

/** Nice value of the upload thread (0 normal, 19 lowest) where the system sets it per thread. */
export const UPLOAD_THREAD_NICE = 10;

/**
 * Lowers this thread's scheduling priority, so that on a 2-core kiosk a tap's thread gets a
 * core as soon as it is ready instead of queueing behind a drain. Only where the nice value
 * belongs to the thread (Linux): on Windows and macOS the same call would lower the whole
 * process, the thread that answers taps included. Returns whether it did.
 */
export function lowerUploadThreadPriority(platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux') return false;
  try {
    os.setPriority(0, UPLOAD_THREAD_NICE);
    return true;
  } catch {
    // A sandbox may refuse it; uploads run as before, only less politely.
    return false;
  }
}

export function serveUploadWorker(port: WorkerPort, exit: (code: number) => void): void {
  const post = (m: WorkerToMain) => port.postMessage(m);
  const logger = forwardingLogger(post);
  let db: Db | null = null;
  let scheduler: UploadScheduler | null = null;
  let alive: NodeJS.Timeout | null = null;
  // Electron's proxy resolution lives on the main thread (its net module is not here).
  let nextProxyRequest = 1;
  const proxyAnswers = new Map<number, { resolve: (answer: string) => void; reject: (error: Error) => void }>();
  const askMainForProxy = (url: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const requestId = nextProxyRequest++;
      proxyAnswers.set(requestId, { resolve, reject });
      post({ type: 'resolveProxy', requestId, url });
    });

  function open(msg: WorkerStart): UploadScheduler {
    db = openWorkerDatabase(msg.dbFile, logger);
    const { config } = msg;
    const s = createUploadScheduler({
      queries: createUploadQueries(db),
      // Phone numbers leave the kiosk only where the configuration says so.
      contactQueries: config.contact.upload ? createContactUploadQueries(db) : undefined,
      state: createSyncStateQueries(db),
      config,
      appVersion: msg.appVersion,
      transports: createTransportSource({
        serverUrl: config.server.url,
        configProxy: config.server.proxy,
        resolveSystemProxy: msg.systemProxy ? askMainForProxy : undefined,
        resolveTimeoutMs: config.server.timeoutSeconds * 1000,
        logger,
      }),
      now: Date.now,
      logger,
      startDelayMs: msg.startDelayMs,
      onState: (state) => post({ type: 'state', state }),
    });
    post({ type: 'state', state: s.state() });
    alive = setInterval(() => post({ type: 'alive' }), msg.aliveEveryMs);
    return s;
  }

  function fatal(error: unknown): void {
    post({ type: 'fatal', error: error instanceof Error ? error.message : String(error) });
    exit(1);
  }

  async function stop(): Promise<void> {
    if (alive) clearInterval(alive);
    scheduler?.stop();
    await scheduler?.idle();
    db?.close();
    exit(0);
  }

  port.on('message', (msg) => {
    try {
      switch (msg.type) {
        case 'start':
          scheduler ??= open(msg);
          if (msg.schedule) scheduler.start();
          return;
        case 'syncNow': {
          if (!scheduler) throw new Error('syncNow before start');
          scheduler.runOnce().then(
            (result) => post({ type: 'runResult', requestId: msg.requestId, result }),
            (error: unknown) => fatal(error),
          );
          return;
        }
        case 'testConnection': {
          if (!scheduler) throw new Error('testConnection before start');
          scheduler.testConnection().then(
            (result) => post({ type: 'connectionTest', requestId: msg.requestId, result }),
            (error: unknown) => fatal(error),
          );
          return;
        }
        case 'proxyAnswer': {
          const waiting = proxyAnswers.get(msg.requestId);
          proxyAnswers.delete(msg.requestId);
          if (msg.answer !== null) waiting?.resolve(msg.answer);
          else waiting?.reject(new Error(msg.error ?? 'no answer'));
          return;
        }
        case 'stop':
          stop().catch(fatal);
          return;
      }
    } catch (error) {
      fatal(error);
    }
  });
}

// Only when started as the upload worker: importing this module elsewhere does nothing.
if (parentPort && (workerData as { mark?: unknown } | null)?.mark === UPLOAD_WORKER_MARK) {
  lowerUploadThreadPriority();
  serveUploadWorker(parentPort, (code) => process.exit(code));
}
