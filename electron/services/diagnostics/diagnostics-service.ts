// The diagnostics screen's figures and the zip for IT, put together from what the backend
// already knows (configuration, upload state, storage faults) and what a worker reads off the
// database (quick_check, queue counts). The slow parts run in worker threads; what is left on
// this thread is a few stat calls.
import fs from 'node:fs';
import type { KioskConfig } from '../../../shared/config-schema';
import { fail, ok, type Result } from '../../../shared/errors';
import type { ConnectionCheck, Diagnostics, DiagnosticsDatabase, ExportOutput, StorageStatus, SyncStatus } from '../../../shared/kiosk-api';
import { zonedParts } from '../../../shared/local-time';
import type { Logger } from '../logger';
import type { ExportFiles } from '../reports/export-files';
import { isoInZone } from '../sync/sync-state';
import { summarizeConfig } from './config-summary';
import type { DatabaseInspection } from './diagnostics-messages';
import type { DiagnosticsRunner } from './diagnostics-runner';

export const DIAGNOSTICS_MIME = 'application/zip';

export interface DiagnosticsServiceDeps {
  config: KioskConfig;
  configSource: 'file' | 'demo';
  configPath: string | null;
  dataDir: string;
  dbFile: string;
  appVersion: string;
  /** Where the shell writes its log files; null when it has none (the web host logs to stderr). */
  logsDir: string | null;
  /** The language packs checked at start and their folder (language-packs.ts). */
  languagePacks: Diagnostics['languagePacks'];
  /** The shell follows the system's proxy settings when server.proxy is empty (Electron). */
  systemProxy: boolean;
  syncStatus: () => SyncStatus;
  storage: () => StorageStatus;
  /** One request to the city server now (the sync service's heartbeat), as the contract words it. */
  checkConnection: () => Promise<ConnectionCheck>;
  files: Pick<ExportFiles, 'slot' | 'add' | 'discard'>;
  runner: Pick<DiagnosticsRunner, 'inspect' | 'bundle'>;
  now: () => number;
  logger: Logger;
  /** fs.promises.statfs by default; tests give a full or a missing disk. */
  statfs?: (dir: string) => Promise<{ bavail: number; blocks: number; bsize: number }>;
}

async function fileSize(file: string): Promise<number> {
  try {
    return (await fs.promises.stat(file)).size;
  } catch {
    return 0;
  }
}

/** "chan-doan-<kiosk>-YYYYMMDD-HHMM.zip" in the unit's time zone: ASCII, sorts by time. */
export function diagnosticsFileName(kioskId: string, nowMs: number, timeZone: string): string {
  const z = zonedParts(nowMs, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `chan-doan-${kioskId}-${z.day.replaceAll('-', '')}-${pad(z.hour)}${pad(z.minute)}.zip`;
}

export function createDiagnosticsService(deps: DiagnosticsServiceDeps) {
  const { config, logger } = deps;
  const statfs = deps.statfs ?? ((dir: string) => fs.promises.statfs(dir));

  async function disk(): Promise<Diagnostics['disk']> {
    try {
      const s = await statfs(deps.dataDir);
      return { dataDir: deps.dataDir, freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
    } catch (error) {
      logger.warn({ dir: deps.dataDir, error: String(error) }, 'free disk space unknown');
      return { dataDir: deps.dataDir, freeBytes: null, totalBytes: null };
    }
  }

  async function collect(): Promise<Result<Diagnostics>> {
    const [inspected, dbBytes, walBytes, space] = await Promise.all([
      deps.runner.inspect(deps.dbFile),
      fileSize(deps.dbFile),
      fileSize(`${deps.dbFile}-wal`),
      disk(),
    ]);
    const sync = deps.syncStatus();
    // A check that could not run still leaves the rest of the screen worth reading: the
    // queue's pending and rejected counts are then the main connection's.
    const inspection: Omit<DatabaseInspection, 'counts'> & { counts: { pending: number; delivered: number | null; rejected: number } } = inspected.ok
      ? inspected.value
      : {
          schemaVersion: null,
          integrity: 'unchecked',
          integrityDetail: inspected.error.detail ?? inspected.error.code,
          counts: { pending: sync.pending, delivered: null, rejected: sync.rejected },
        };
    const database: DiagnosticsDatabase = {
      file: deps.dbFile,
      bytes: dbBytes + walBytes,
      walBytes,
      schemaVersion: inspection.schemaVersion,
      integrity: inspection.integrity,
      integrityDetail: inspection.integrityDetail,
    };
    return ok({
      generatedAt: isoInZone(deps.now(), config.timezone)!,
      appVersion: deps.appVersion,
      config: summarizeConfig({ config, source: deps.configSource, path: deps.configPath, systemProxy: deps.systemProxy }),
      database,
      uploads: {
        state: sync.state,
        ...inspection.counts,
        oldestPendingAt: sync.oldestPendingAt,
        lastAttemptAt: sync.lastAttemptAt,
        lastSuccessAt: sync.lastSuccessAt,
        lastError: sync.lastError,
        nextAttemptAt: sync.nextAttemptAt,
      },
      clockOffsetMs: sync.clockOffsetMs,
      storage: deps.storage(),
      disk: space,
      logsDir: deps.logsDir,
      languagePacks: deps.languagePacks,
    });
  }

  async function exportZip(): Promise<Result<ExportOutput>> {
    const diagnostics = await collect();
    if (!diagnostics.ok) return diagnostics;
    const slot = deps.files.slot('zip');
    const written = await deps.runner.bundle({ diagnostics: diagnostics.value, config, logsDir: deps.logsDir, file: slot.file });
    if (!written.ok) {
      await deps.files.discard(slot.file);
      logger.error({ error: written.error }, 'diagnostics zip not written');
      return fail('EXPORT_FAILED', { detail: written.error.detail ?? written.error.code });
    }
    const meta = { fileName: diagnosticsFileName(config.kiosk.id, deps.now(), config.timezone), mime: DIAGNOSTICS_MIME, bytes: written.value.bytes };
    deps.files.add(slot, meta);
    logger.info({ bytes: meta.bytes }, 'diagnostics zip made; waiting for hand-over');
    return ok({ ...meta, fileId: slot.fileId });
  }

  async function testConnection(): Promise<Result<ConnectionCheck>> {
    const check = await deps.checkConnection();
    logger.info(
      { kind: check.kind, ms: check.ms, via: check.via, proxy: check.proxy, httpStatus: check.httpStatus },
      'connection test from the diagnostics screen',
    );
    return ok(check);
  }

  return { collect, exportZip, testConnection };
}

export type DiagnosticsService = ReturnType<typeof createDiagnosticsService>;
