// Runs a sync soon after start and then every `server.intervalSeconds`, never two at once,
// and decides when to try again after a failure: backoff with jitter, the server's
// Retry-After, or only the longest interval while the credentials are refused.
import type { KioskConfig } from '../../../shared/config-schema';
import type { ContactUploadQueries } from '../db/contact-upload-queries';
import type { UploadQueries } from '../db/upload-queries';
import type { SyncStateQueries } from '../db/sync-state-queries';
import type { Logger } from '../logger';
import { backoffDelayMs } from './backoff';
import { loadSyncState, saveReconciliation, saveSyncState, isoInZone, type PersistedSyncState } from './sync-state';
import { testConnection } from './connection-test';
import { uploadContacts, type ContactRunResult } from './contact-upload';
import type { ConnectionTest } from './sync-messages';
import { runSync, type RunResult } from './sync-run';
import { isTransportFailure, scrubCredentials, type ServerEndpoint } from './upload-client';
import type { TransportSource, UploadTransport } from './upload-transport';

export interface Timers {
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface SchedulerDeps {
  queries: UploadQueries;
  /** Set only where survey contacts go to the city (`contact.upload`); they follow the ratings. */
  contactQueries?: ContactUploadQueries;
  state: SyncStateQueries;
  config: KioskConfig;
  appVersion: string;
  /** The route to the server, asked again before each run (proxy settings may change). */
  transports: TransportSource;
  now: () => number;
  logger: Logger;
  timers?: Timers;
  random?: () => number;
  /** Delay of the first run after start; default min(interval, 5 s). */
  startDelayMs?: number;
  /** How often delivered ratings past retention are purged; default hourly. */
  purgeEveryMs?: number;
  /**
   * Waited between retention purge chunks so that a tap waiting for the write lock gets it:
   * SQLite's busy handler sleeps in growing steps and would keep missing back-to-back
   * chunks. Default PURGE_PAUSE_MS on a real timer.
   */
  purgePause?: () => Promise<void>;
  /** Told every state change (the upload worker forwards them to the main thread). */
  onState?: (state: PersistedSyncState) => void;
  /**
   * How long the ratings file must go without a commit from another connection (a tap, an
   * amend) before a long drain's answers are folded into it; default FOLD_QUIET_MS.
   */
  foldQuietMs?: number;
}

const DAY_MS = 86_400_000;

const emptyRun = (): RunResult => ({ stop: { kind: 'done' }, delivered: 0, rejected: 0, dossierRated: 0, requests: 0, clockOffsetMs: null });
const PURGE_CHUNK = 500;
const PURGE_PAUSE_MS = 30;
/** A run's answers up to this many are folded at its end, in one short transaction. */
const FOLD_CHUNK = 500;
const FOLD_QUIET_MS = 2000;

export function createUploadScheduler(deps: SchedulerDeps) {
  const { config, now, logger } = deps;
  const server = config.server;
  const intervalMs = server.intervalSeconds * 1000;
  const baseMs = server.backoff.baseSeconds * 1000;
  const maxMs = server.backoff.maxSeconds * 1000;
  const timers: Timers = deps.timers ?? {
    setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
    clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
  };
  const random = deps.random ?? Math.random;
  const purgeEveryMs = deps.purgeEveryMs ?? 3600_000;
  const purgePause = deps.purgePause ?? (() => new Promise<void>((resolve) => setTimeout(resolve, PURGE_PAUSE_MS)));
  const foldQuietMs = deps.foldQuietMs ?? FOLD_QUIET_MS;
  const batch = { size: server.batchSize };
  const dayCountWindow = { timeZone: config.timezone, retentionDays: config.retentionDays };
  const endpoint = (transport: UploadTransport, signal?: AbortSignal): ServerEndpoint => ({
    dispatcher: transport.dispatcher,
    proxy: transport.proxy,
    now,
    logger,
    serverUrl: server.url,
    token: server.token,
    timeoutMs: server.timeoutSeconds * 1000,
    isoTime: (ms) => isoInZone(ms, config.timezone)!,
    signal,
  });

  let state: PersistedSyncState = loadSyncState(deps.state);
  let timer: unknown = null;
  let inFlight: Promise<RunResult> | null = null;
  let controller: AbortController | null = null;
  /** Aborts connection tests in flight when uploads stop. */
  const testsAbort = new AbortController();
  let started = false;
  let stopped = false;
  let lastPurgeMs = -Infinity;
  let foldTimer: unknown = null;
  let foldSeen = 0;

  function persist(next: PersistedSyncState): void {
    state = next;
    if (stopped) return;
    deps.onState?.(state);
    try {
      saveSyncState(deps.state, state);
    } catch (error) {
      logger.error({ error: String(error) }, 'could not save sync state');
    }
  }

  async function purgeIfDue(): Promise<void> {
    const t = now();
    if (t - lastPurgeMs < purgeEveryMs) return;
    lastPurgeMs = t;
    let purged = 0;
    for (;;) {
      const n = deps.queries.purgeDeliveredChunk(t - config.retentionDays * DAY_MS, PURGE_CHUNK);
      purged += n;
      if (n < PURGE_CHUNK || stopped) break;
      await purgePause();
    }
    if (purged > 0) {
      // secure_delete zeroes the purged cells in the database file, but the WAL still holds
      // the frames that wrote them (a comment, as typed): empty it now, once an hour at most.
      const emptied = deps.queries.truncateWal();
      logger.info({ purged, walEmptied: emptied }, 'purged delivered ratings past retention');
    }
  }

  /**
   * Folds the ledger's answers into the ratings. A run's few answers are folded at once,
   * as a single acknowledgement used to be written. A long drain's are folded only once the
   * counter has been quiet for foldQuietMs, chunk by chunk, and the folding stops at the
   * first tap: its write lock is the one every tap needs.
   */
  async function foldAnswers(atRunEnd: boolean): Promise<void> {
    if (stopped) return;
    if (atRunEnd && deps.queries.ledgerSize() <= FOLD_CHUNK) {
      deps.queries.foldAcks(FOLD_CHUNK);
      return;
    }
    // Only the ratings file's other writers (taps) matter: a run of this uploader's own may
    // go on between chunks, each chunk is one short transaction on this thread.
    if (!atRunEnd && deps.queries.dataVersion() === foldSeen) {
      for (;;) {
        if (deps.queries.foldAcks(FOLD_CHUNK) < FOLD_CHUNK || stopped) return;
        await purgePause();
        if (stopped || deps.queries.dataVersion() !== foldSeen) break;
      }
    }
    scheduleFold();
  }

  function scheduleFold(): void {
    if (foldTimer !== null || stopped) return;
    foldSeen = deps.queries.dataVersion();
    foldTimer = timers.setTimeout(() => {
      foldTimer = null;
      foldAnswers(false).catch((error: unknown) => logger.error({ error: String(error) }, 'folding upload answers failed; tried again later'));
    }, foldQuietMs);
  }

  function schedule(delayMs: number): void {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    if (!started || stopped) return;
    persist({ ...state, nextAttemptMs: now() + delayMs });
    timer = timers.setTimeout(() => {
      timer = null;
      void runOnce();
    }, delayMs);
  }

  /** What the run means for the next attempt; failures grow the backoff exponent. */
  function afterRun(r: RunResult): number | null {
    const t = now();
    const offset = r.clockOffsetMs ?? state.clockOffsetMs;
    const stop = r.stop;
    if (stop.kind === 'aborted') return null;
    if (stop.kind === 'done') {
      // A success clears the last error: `status` and the admin area show what is wrong
      // now, and an error the queue has since got past is only in the log.
      persist({ ...state, state: 'idle', lastSuccessMs: t, lastError: null, failures: 0, clockOffsetMs: offset });
      return intervalMs;
    }
    const failures = state.failures + 1;
    const code = stop.kind === 'failed' ? stop.code : stop.kind;
    const lastError = { code, detail: stop.detail, atMs: t };
    if (stop.kind === 'auth_failed') {
      persist({ ...state, state: 'auth_failed', lastError, failures, clockOffsetMs: offset });
      return Math.max(maxMs, intervalMs);
    }
    persist({ ...state, state: 'backoff', lastError, failures, clockOffsetMs: offset });
    if (stop.kind === 'throttled' && stop.retryAfterMs !== null) return stop.retryAfterMs;
    return backoffDelayMs(failures, baseMs, maxMs, random);
  }

  async function execute(): Promise<RunResult> {
    controller = new AbortController();
    persist({ ...state, state: state.state === 'auth_failed' ? 'auth_failed' : 'syncing', lastAttemptMs: now(), nextAttemptMs: null });
    let result: RunResult;
    let transport: UploadTransport | null = null;
    try {
      const choice = await deps.transports.current();
      if (choice.ok) {
        transport = choice.transport;
        result = await runSync({
          ...endpoint(transport, controller.signal),
          queries: deps.queries,
          batch,
          appVersion: deps.appVersion,
          kioskId: config.kiosk.id,
          unitCode: config.unit.code,
          dayCountWindow,
          reasons: config.reasons,
        });
      } else {
        result = { ...emptyRun(), stop: { kind: 'failed', code: choice.code, detail: choice.detail } };
      }
    } catch (error) {
      // A database error mid-run (disk full, locked too long): nothing was lost, try later.
      if (stopped) return { ...emptyRun(), stop: { kind: 'aborted' } };
      logger.error({ error: String(error) }, 'sync run failed unexpectedly');
      result = { ...emptyRun(), stop: { kind: 'failed', code: 'internal', detail: scrubCredentials(String(error)).slice(0, 500) } };
    }
    return finish(result, transport);
  }

  /**
   * A heartbeat answer that compared replaces what was kept, even when the run failed after
   * it; one without a comparison leaves the last one for `status` to show.
   */
  function keepReconciliation(result: RunResult): void {
    if (result.reconciliation === undefined) return;
    try {
      saveReconciliation(deps.state, { checkedAtMs: now(), days: result.reconciliation });
    } catch (error) {
      logger.error({ error: String(error) }, 'could not save the reconciliation');
    }
  }

  /** Records a run's outcome, purges, sends survey contacts when worth it, and schedules the next. */
  async function finish(result: RunResult, transport: UploadTransport | null): Promise<RunResult> {
    if (stopped) return result;
    keepReconciliation(result);
    // The ratings alone decide the state and the next attempt; contacts come after.
    const delay = afterRun(result);
    if (result.stop.kind !== 'done' && result.stop.kind !== 'aborted') {
      logger.warn({ stop: result.stop, delivered: result.delivered, nextInMs: delay }, 'sync stopped early');
    }
    // The uploader's trace in the kiosk's log file: counts only, once per run that moved something.
    if (result.delivered + result.rejected > 0) {
      logger.info({ delivered: result.delivered, rejected: result.rejected, dossierRated: result.dossierRated, requests: result.requests }, 'ratings uploaded');
    }
    try {
      await foldAnswers(true);
    } catch (error) {
      logger.error({ error: String(error) }, 'folding upload answers failed; tried again later');
    }
    try {
      await purgeIfDue();
    } catch (error) {
      logger.error({ error: String(error) }, 'retention purge failed');
    }
    if (delay === null) return result;
    if (!deps.contactQueries || !transport || !serverWorthTrying(result.stop)) {
      schedule(delay);
      return result;
    }
    const contactsFrom = now();
    const contacts = await uploadContactsSafely(deps.contactQueries, transport);
    if (stopped) return result;
    // Time spent on contacts comes off the wait, so the ratings' next attempt is not late.
    schedule(Math.max(0, delay - (now() - contactsFrom)));
    return contacts ? { ...result, contacts } : result;
  }

  /** Whether the ratings' outcome leaves any point in calling the same server again now. */
  function serverWorthTrying(stop: RunResult['stop']): boolean {
    if (stop.kind === 'done') return true;
    if (stop.kind !== 'failed') return false; // aborted, refused credentials, asked to wait
    return !isTransportFailure(stop.code);
  }

  /** Never throws: a failure is logged (no number, no detail that could hold one) and retried next run. */
  async function uploadContactsSafely(queries: ContactUploadQueries, transport: UploadTransport): Promise<ContactRunResult | null> {
    try {
      const c = await uploadContacts({ ...endpoint(transport, controller?.signal), queries, batchSize: server.batchSize });
      if (c.delivered > 0) logger.info({ count: c.delivered }, 'survey contacts delivered');
      if (c.stop.kind === 'failed')
        logger.warn({ code: c.stop.code, status: c.stop.status, delivered: c.delivered }, 'survey contact upload stopped; retried next run');
      return c;
    } catch (error) {
      // The kind of error only: a message might quote a row.
      const kind = error instanceof Error ? String((error as { code?: unknown }).code ?? error.name) : typeof error;
      if (!stopped) logger.error({ error: kind }, 'survey contact upload failed; retried next run');
      return null;
    }
  }

  /** Runs now unless a run is already going, in which case it joins that one. */
  function runOnce(): Promise<RunResult> {
    if (inFlight) return inFlight;
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
    inFlight = execute().finally(() => {
      inFlight = null;
      controller = null;
    });
    return inFlight;
  }

  return {
    start(): void {
      if (started || stopped) return;
      started = true;
      // A run killed mid-way left "syncing" behind; it is not true any more.
      if (state.state === 'syncing') persist({ ...state, state: 'idle' });
      // Answers a stopped or killed uploader left unfolded.
      if (deps.queries.ledgerSize() > 0) scheduleFold();
      schedule(deps.startDelayMs ?? Math.min(intervalMs, 5000));
    },
    /** Synchronous so that the caller may close the database right after. */
    stop(): void {
      stopped = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      if (foldTimer !== null) timers.clearTimeout(foldTimer);
      foldTimer = null;
      controller?.abort();
      testsAbort.abort();
      deps.transports.close();
    },
    runOnce,
    /** One heartbeat through the current route; changes nothing, runs beside a sync. */
    testConnection(): Promise<ConnectionTest> {
      if (stopped) return Promise.resolve({ ok: false, kind: 'internal', detail: 'uploads stopped', ms: 0, via: 'direct', routeSource: 'none' });
      return testConnection({
        transports: deps.transports,
        queries: deps.queries,
        serverUrl: server.url,
        token: server.token,
        timeoutMs: server.timeoutSeconds * 1000,
        kioskId: config.kiosk.id,
        unitCode: config.unit.code,
        appVersion: deps.appVersion,
        isoTime: (ms) => isoInZone(ms, config.timezone)!,
        now,
        signal: testsAbort.signal,
        dayCountWindow,
        reasons: config.reasons,
      });
    },
    /** Resolves once no run is in flight (after stop(), the in-flight one is aborted). */
    async idle(): Promise<void> {
      await inFlight?.catch(() => {});
    },
    state: (): PersistedSyncState => state,
  };
}

export type UploadScheduler = ReturnType<typeof createUploadScheduler>;
