// Composition root shared by both shells (Electron main and the web host): opens the
// database, loads the config and returns the contract's handlers. When the config or the
// database is unusable, every handler answers with that error and nothing is stored.
import path from 'node:path';
import { BUILT_IN_LANGUAGES, toPublicConfig, type KioskConfig } from '../../shared/config-schema';
import { fail, KioskFailure, ok, type KioskError, type Result } from '../../shared/errors';
import type { KioskHandlers } from '../../shared/kiosk-api';
import { KIOSK_METHODS } from '../../shared/kiosk-methods';
import { checkpointQuietly, DATABASE_FILE_NAME, type Db } from './db/database';
import { openKioskDatabase } from './db/open-kiosk-database';
import { readStorageRecovery, storageStatusOf, type StorageRecovery } from './db/storage-status';
import { createSyncStateQueries } from './db/sync-state-queries';
import { loadReconciliation, reconciliationStatus } from './sync/sync-state';
import { createRatingStore } from './db/rating-store';
import { loadConfig, type LoadedConfig } from './config-loader';
import type { Logger } from './logger';
import type { KioskPaths } from './paths';
import { createAdminService } from './admin/admin-service';
import { createContactService } from './contact-service';
import { createCounterHandlers } from './counter/counter-handlers';
import { createDossierService } from './counter/dossier-service';
import { createDutyService } from './counter/duty-service';
import { createAdminQueries } from './db/admin-queries';
import { createRatingService } from './rating-service';
import { createExportFiles, exportFilesDir, type ExportFiles } from './reports/export-files';
import { createExportRunner } from './reports/export-runner';
import { createWorkerSyncService } from './sync/worker-sync-service';
import { connectionCheckOf } from './diagnostics/connection-check';
import { createDiagnosticsRunner } from './diagnostics/diagnostics-runner';
import { createDiagnosticsService } from './diagnostics/diagnostics-service';
import { languagesDirOf, NO_SPEECH_AUDIO, scanSpeechAudio, type SpeechAudioFiles } from './speech-audio';
import { loadLanguagePacks, logLanguagePacks } from './language-packs';

export interface BackendDeps {
  paths: KioskPaths;
  appVersion: string;
  logger: Logger;
  now?: () => number;
  /** The misuse guard's clock, which must never go backwards; performance.now() by default. */
  monotonicNow?: () => number;
  /** The report font's folder (Tinos WOFF files) for PDF and Excel exports, when module resolution cannot find it. */
  fontDir?: string;
  /** How the shell quits when IT asks from the admin area (Electron: app.exit(0)); without it adminExit answers NOT_SUPPORTED. */
  requestExit?: () => void;
  /** Where the shell writes its log files, for the diagnostics screen and zip; absent when it logs elsewhere. */
  logsDir?: string;
  /**
   * The system's proxy for a URL in PAC form ("PROXY host:3128; DIRECT"); Electron passes
   * session.defaultSession.resolveProxy. Uploads follow it unless `server.proxy` is set;
   * without it (web host) they go direct.
   */
  resolveSystemProxy?: (url: string) => Promise<string>;
}

export interface KioskBackend {
  handlers: KioskHandlers;
  /** Null when start-up failed (config or database); `startupError` says why. */
  db: Db | null;
  config: KioskConfig | null;
  configSource: LoadedConfig['source'] | null;
  startupError: KioskError | null;
  /** Finished export files, for the shell to hand over by id; null when start-up failed. */
  exports: ExportFiles | null;
  /** The unit's recorded prompts, for the shell to serve under /speech-audio/; none when start-up failed. */
  speechAudio: SpeechAudioFiles;
  close(): void;
}

const CHECKPOINT_INTERVAL_MS = 60_000;
/** Survey phone numbers are purged this often (and at start), whatever else the kiosk does. */
const CONTACT_PURGE_INTERVAL_MS = 3600_000;

function failingHandlers(error: KioskError): KioskHandlers {
  const handler = () => ({ ok: false as const, error });
  return Object.fromEntries(KIOSK_METHODS.map((m) => [m, handler])) as unknown as KioskHandlers;
}

/** A kiosk that could not start: every handler answers `error`, nothing is stored or served. */
function failedBackend(error: KioskError, config: KioskBackend['config'], configSource: KioskBackend['configSource']): KioskBackend {
  return { handlers: failingHandlers(error), db: null, config, configSource, startupError: error, exports: null, speechAudio: NO_SPEECH_AUDIO, close() {} };
}

export function createKioskBackend(deps: BackendDeps): KioskBackend {
  const now = deps.now ?? Date.now;
  const loaded = loadConfig(deps.paths.configPath, { named: deps.paths.configNamed ?? false });
  if (!loaded.ok) {
    deps.logger.error({ error: loaded.error }, 'configuration invalid; kiosk will not store ratings');
    return failedBackend(loaded.error, null, null);
  }
  const { config } = loaded.value;
  const dbFile = path.join(deps.paths.dataDir, DATABASE_FILE_NAME);
  let db: Db;
  let storageRecovery: StorageRecovery | null;
  try {
    // A damaged database is replaced here (see open-kiosk-database.ts); the replacement,
    // this time or at an earlier start, stays in the status IT sees.
    db = openKioskDatabase(dbFile, { now, logger: deps.logger }).db;
    storageRecovery = readStorageRecovery(db);
  } catch (error) {
    const e: KioskError = error instanceof KioskFailure ? error.error : { code: 'DATABASE_ERROR', detail: String(error) };
    deps.logger.error({ error: e }, 'database unusable; kiosk will not store ratings');
    return failedBackend(e, config, loaded.value.source);
  }
  // Uploads run in their own thread on their own connection; taps never wait on them.
  const sync = createWorkerSyncService({ db, dbFile, config, appVersion: deps.appVersion, logger: deps.logger, resolveSystemProxy: deps.resolveSystemProxy });
  const store = createRatingStore(db);
  const duty = createDutyService({ kv: createAdminQueries(db), config, now });
  const dossiers = createDossierService({ config, store, duty, logger: deps.logger });
  const ratings = createRatingService({
    store,
    config,
    appVersion: deps.appVersion,
    now,
    monotonicNow: deps.monotonicNow,
    clockOffsetMs: sync.clockOffsetMs,
    duty,
    dossiers,
  });
  const contacts = createContactService({ db, config, now });
  // Exports are written by worker threads on read-only connections; taps never wait on them.
  const exportFiles = createExportFiles({ dir: exportFilesDir(deps.paths.dataDir), logger: deps.logger });
  const exporter = createExportRunner({ dbFile, config, files: exportFiles, logger: deps.logger, now, fontDir: deps.fontDir });
  // Language packs beside the configuration: a bad one is left out and reported, never fatal.
  const languagesDir = languagesDirOf(deps.paths);
  const languagePacks = loadLanguagePacks(languagesDir, config.languages);
  logLanguagePacks(languagePacks, deps.logger);
  // Diagnostics read the database on read-only connections in worker threads, like exports.
  const diagnosticsRunner = createDiagnosticsRunner({ logger: deps.logger });
  const diagnostics = createDiagnosticsService({
    config,
    configSource: loaded.value.source,
    configPath: loaded.value.path,
    dataDir: deps.paths.dataDir,
    dbFile,
    appVersion: deps.appVersion,
    logsDir: deps.logsDir ?? null,
    languagePacks: { dir: languagesDir, packs: languagePacks.reports },
    systemProxy: deps.resolveSystemProxy !== undefined,
    syncStatus: () => sync.status(),
    storage: () => storageStatusOf(storageRecovery, storageFullAtMs, config.timezone),
    checkConnection: () => connectionCheckOf(sync, config),
    files: exportFiles,
    runner: diagnosticsRunner,
    now,
    logger: deps.logger,
  });
  const admin = createAdminService({ db, config, now, logger: deps.logger, duty, exporter, diagnostics, requestExit: deps.requestExit });
  const purgeContacts = () => {
    try {
      const n = contacts.purge();
      if (n > 0) deps.logger.info({ purged: n }, 'survey contacts past their retention deleted');
    } catch (error) {
      deps.logger.error({ err: error }, 'survey contact purge failed; retried within the hour');
    }
  };
  purgeContacts();
  const purgeTimer = setInterval(purgeContacts, CONTACT_PURGE_INTERVAL_MS);
  purgeTimer.unref();
  // Keeps WAL checkpoints out of the citizens' taps (see applyPragmas).
  const checkpointTimer = setInterval(() => {
    try {
      checkpointQuietly(db);
    } catch (error) {
      deps.logger.warn({ err: error }, 'WAL checkpoint failed; SQLite will retry on its own');
    }
  }, CHECKPOINT_INTERVAL_MS);
  checkpointTimer.unref();

  // Anything a citizen gave that a full disk refused (a rating, its reasons or comment, a
  // survey number) goes on the log and into the status IT sees: each means the disk is full.
  let storageFullAtMs: number | null = null;
  const noteStorageFull =
    <I, T>(what: string, handler: (input: I) => Result<T>) =>
    (input: I): Result<T> => {
      const result = handler(input);
      if (!result.ok && result.error.code === 'STORAGE_FULL') {
        storageFullAtMs = now();
        deps.logger.error({ error: result.error }, `disk full: ${what} could not be saved`);
      }
      return result;
    };

  // The upload worker writes the server's last comparison; the admin panel reads it here.
  const syncState = createSyncStateQueries(db);
  const speechAudio = scanSpeechAudio(languagesDirOf(deps.paths), deps.logger);
  const rateAndNoteStorageFull = noteStorageFull('a rating', ratings.submit);
  const handlers: KioskHandlers = {
    getBootstrap: () =>
      ok({
        config: { ...toPublicConfig(config), languages: languagePacks.offered },
        appVersion: deps.appVersion,
        speechAudio: speechAudio.catalog,
        languagePacks: languagePacks.packs,
      }),
    // A pack's code is recorded only when this kiosk offers that pack; built-in codes as before.
    submitRating: (input) =>
      (BUILT_IN_LANGUAGES as readonly string[]).includes(input.language) || languagePacks.offered.includes(input.language)
        ? rateAndNoteStorageFull(input)
        : fail('INVALID_INPUT', { field: 'language', detail: `"${input.language}" is not a language this kiosk offers` }),
    amendRating: noteStorageFull("a rating's reasons or comment", ratings.amend),
    getSyncStatus: () =>
      ok({
        ...sync.status(),
        storage: storageStatusOf(storageRecovery, storageFullAtMs, config.timezone),
        reconciliation: reconciliationStatus(loadReconciliation(syncState), config.timezone),
      }),
    holdForComment: noteStorageFull('a hold for a comment', ratings.holdForComment),
    submitContact: noteStorageFull('a survey contact', contacts.submit),
    ...admin.handlers,
    ...createCounterHandlers({ duty, dossiers, touchSession: admin.touch, logger: deps.logger }),
  };

  sync.start();
  return {
    handlers,
    db,
    config,
    configSource: loaded.value.source,
    startupError: null,
    exports: exportFiles,
    speechAudio,
    close() {
      clearInterval(checkpointTimer);
      clearInterval(purgeTimer);
      exporter.close();
      diagnosticsRunner.close();
      exportFiles.close();
      sync.stop();
      db.close();
    },
  };
}
