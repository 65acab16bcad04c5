// The upload side of the backend as the shells see it: status for the contract, the clock
// offset for new ratings, and the scheduler's life cycle. With no server configured there
// is no scheduler and the queue simply keeps everything.
//
// This one runs the scheduler on the caller's thread and connection: the admin CLI's
// one-shot `sync` and the scheduler's tests (which drive its timers). A kiosk host runs it
// in the upload worker instead (worker-sync-service.ts), behind the same interface.
import type { KioskConfig } from '../../../shared/config-schema';
import type { SyncStatus } from '../../../shared/kiosk-api';
import type { Db } from '../db/database';
import { createContactUploadQueries } from '../db/contact-upload-queries';
import { attachAckLedger, hasAckLedger } from '../db/ack-ledger';
import { createSyncStateQueries } from '../db/sync-state-queries';
import { createUploadQueries } from '../db/upload-queries';
import type { Logger } from '../logger';
import { DISABLED_CONNECTION_TEST, type ConnectionTest } from './sync-messages';
import { buildSyncStatus, loadSyncState } from './sync-state';
import type { RunResult } from './sync-run';
import { createUploadScheduler, type SchedulerDeps } from './upload-scheduler';
import { createTransportSource } from './upload-transport';

export interface SyncServiceDeps {
  db: Db;
  config: KioskConfig;
  appVersion: string;
  logger: Logger;
  now?: () => number;
  /**
   * The system's proxy for a URL in PAC form, where the shell can ask (Electron); without
   * it and without `server.proxy`, uploads go direct.
   */
  resolveSystemProxy?: (url: string) => Promise<string>;
  timers?: SchedulerDeps['timers'];
  random?: () => number;
  startDelayMs?: number;
  foldQuietMs?: number;
}

export interface SyncService {
  enabled: boolean;
  start(): void;
  /** Synchronous so that the caller may close the database right after. */
  stop(): void;
  /** Resolves once no run is in flight (after stop(), once the uploader has let go). */
  idle(): Promise<void>;
  status(): SyncStatus;
  clockOffsetMs(): number | null;
  /** One sync now (joins a running one); null when uploads are off. */
  syncNow(): Promise<RunResult | null>;
  /** One heartbeat through the route uploads take; stores and changes nothing. */
  testConnection(): Promise<ConnectionTest>;
}

export function createSyncService(deps: SyncServiceDeps): SyncService {
  const now = deps.now ?? Date.now;
  const enabled = deps.config.server.url !== '';
  // The uploader's connection carries the acknowledgement ledger (the admin CLI's own); with
  // uploads off there are no answers, and no ledger file is made.
  if (enabled && !hasAckLedger(deps.db)) attachAckLedger(deps.db, deps.db.name, deps.logger);
  const queries = createUploadQueries(deps.db);
  const stateQueries = createSyncStateQueries(deps.db);
  const scheduler = enabled
    ? createUploadScheduler({
        queries,
        // Phone numbers leave the kiosk only where the configuration says so.
        contactQueries: deps.config.contact.upload ? createContactUploadQueries(deps.db) : undefined,
        state: stateQueries,
        config: deps.config,
        appVersion: deps.appVersion,
        transports: createTransportSource({
          serverUrl: deps.config.server.url,
          configProxy: deps.config.server.proxy,
          resolveSystemProxy: deps.resolveSystemProxy,
          resolveTimeoutMs: deps.config.server.timeoutSeconds * 1000,
          logger: deps.logger,
        }),
        now,
        logger: deps.logger,
        timers: deps.timers,
        random: deps.random,
        startDelayMs: deps.startDelayMs,
        foldQuietMs: deps.foldQuietMs,
      })
    : null;
  const persisted = () => scheduler?.state() ?? loadSyncState(stateQueries);
  // Read once when disabled: the offset only changes when a heartbeat answers.
  const frozenOffset = scheduler ? null : persisted().clockOffsetMs;

  return {
    enabled,
    start: (): void => scheduler?.start(),
    stop: (): void => scheduler?.stop(),
    idle: async (): Promise<void> => scheduler?.idle(),
    status: (): SyncStatus => buildSyncStatus({ enabled, persisted: persisted(), counts: queries.counts(), timeZone: deps.config.timezone }),
    clockOffsetMs: (): number | null => (scheduler ? scheduler.state().clockOffsetMs : frozenOffset),
    syncNow: async (): Promise<RunResult | null> => (scheduler ? scheduler.runOnce() : null),
    testConnection: async (): Promise<ConnectionTest> => (scheduler ? scheduler.testConnection() : DISABLED_CONNECTION_TEST),
  };
}
