// Every message that crosses between the main thread and the upload worker, declared once.
// Both sides are this program, so the messages are typed rather than validated; they carry
// only structured-clone data (no functions, no class instances).
import type { KioskConfig } from '../../../shared/config-schema';
import type { PersistedSyncState } from './sync-state';
import type { RunResult } from './sync-run';

/** workerData of the upload worker, so that its module only serves when started as one. */
export const UPLOAD_WORKER_MARK = 'kiosk-upload-worker';

export type LogLevel = 'info' | 'warn' | 'error';

export interface WorkerStart {
  type: 'start';
  /** The kiosk's database file; the worker opens its own connection to it. */
  dbFile: string;
  config: KioskConfig;
  appVersion: string;
  /**
   * Runs on the scheduler's timer; false for a worker started only to answer `syncNow`.
   * A second `start` with `schedule: true` turns the timer on.
   */
  schedule: boolean;
  /** Delay of the first scheduled run (a restarted worker has already waited out its back-off). */
  startDelayMs?: number;
  /** How often the worker says it is alive, so that a hung one can be told apart. */
  aliveEveryMs: number;
}

export type MainToWorker =
  | WorkerStart
  /** One sync now (joins a running one); answered by a `runResult` with the same id. */
  | { type: 'syncNow'; requestId: number }
  /** Abort the run in flight, close the connection and exit with code 0. */
  | { type: 'stop' };

export type WorkerToMain =
  /** The persisted sync state after each change, clock offset included. */
  | { type: 'state'; state: PersistedSyncState }
  /** The answer to `syncNow` with the same id. */
  | { type: 'runResult'; requestId: number; result: RunResult }
  | { type: 'log'; level: LogLevel; msg: string; fields: object }
  /** Sent on a timer: an event loop that stops sending it is stuck. */
  | { type: 'alive' }
  /** The worker cannot go on (database unusable, unexpected exception); it exits non-zero. */
  | { type: 'fatal'; error: string };
