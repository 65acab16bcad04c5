// Every message that crosses between the main thread and the upload worker, declared once.
// Both sides are this program, so the messages are typed rather than validated; they carry
// only structured-clone data (no functions, no class instances).
import type { KioskConfig } from '../../../shared/config-schema';
import type { SyncErrorCode } from '../../../shared/upload-protocol';
import type { RouteSource } from './proxy-route';
import type { PersistedSyncState } from './sync-state';
import type { RunResult } from './sync-run';

/**
 * One heartbeat round trip through exactly the route uploads take (IT's "test connection").
 * It reads the queue's counts for the heartbeat and writes nothing: no rating, no sync state.
 */
export interface ConnectionTest {
  ok: boolean;
  /** `ok`, `disabled` (no server configured), or the failure classified as uploads' are. */
  kind: 'ok' | 'disabled' | SyncErrorCode;
  /** The technical detail in English, for IT; never holds credentials. */
  detail?: string;
  /** The last HTTP status on the way: the server's, or the proxy's answer to CONNECT. */
  httpStatus?: number;
  /** Round trip, including finding the route. */
  ms: number;
  via: 'direct' | 'proxy';
  /** The proxy's scheme, host and port (never credentials), when via is 'proxy'. */
  proxy?: string;
  /** Where the route came from: `server.proxy`, the system's settings, or neither. */
  routeSource: RouteSource;
  /** Server clock minus kiosk clock, when the heartbeat answered with the server's time. */
  clockOffsetMs?: number;
}

/** What a connection test answers when no server is configured (uploads off). */
export const DISABLED_CONNECTION_TEST: ConnectionTest = { ok: false, kind: 'disabled', ms: 0, via: 'direct', routeSource: 'none' };

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
  /**
   * The main thread can ask the system for its proxy (Electron): the worker asks it with
   * `resolveProxy` before each run, and gets a `proxyAnswer`.
   */
  systemProxy: boolean;
}

export type MainToWorker =
  | WorkerStart
  /** One sync now (joins a running one); answered by a `runResult` with the same id. */
  | { type: 'syncNow'; requestId: number }
  /** One heartbeat through the uploads' route; answered by a `connectionTest` with the same id. */
  | { type: 'testConnection'; requestId: number }
  /** The system's proxy for `resolveProxy`'s URL, in PAC form ("PROXY host:3128; DIRECT"). */
  | { type: 'proxyAnswer'; requestId: number; answer: string | null; error?: string }
  /** Abort the run in flight, close the connection and exit with code 0. */
  | { type: 'stop' };

export type WorkerToMain =
  /** The persisted sync state after each change, clock offset included. */
  | { type: 'state'; state: PersistedSyncState }
  /** The answer to `syncNow` with the same id. */
  | { type: 'runResult'; requestId: number; result: RunResult }
  /** The answer to `testConnection` with the same id. */
  | { type: 'connectionTest'; requestId: number; result: ConnectionTest }
  /** Asks the main thread for the system's proxy for this URL (only when `systemProxy`). */
  | { type: 'resolveProxy'; requestId: number; url: string }
  | { type: 'log'; level: LogLevel; msg: string; fields: object }
  /** Sent on a timer: an event loop that stops sending it is stuck. */
  | { type: 'alive' }
  /** The worker cannot go on (database unusable, unexpected exception); it exits non-zero. */
  | { type: 'fatal'; error: string };
