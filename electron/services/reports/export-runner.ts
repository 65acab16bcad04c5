// The main thread's side of exports: each export runs in its own worker thread
// (export-worker.ts) that writes the file into the export folder, and the main thread only
// registers the finished file for its shell to hand over. A worker that crashes, or that
// has not finished within the time limit, is ended and answered with EXPORT_FAILED: the
// screen shows the error instead of waiting forever.
import type { Worker } from 'node:worker_threads';
import type { KioskConfig } from '../../../shared/config-schema';
import { fail, ok, type Result } from '../../../shared/errors';
import type { ExportOutput } from '../../../shared/kiosk-api';
import type { Logger } from '../logger';
import type { WorkerSource } from '../sync/worker-entry';
import { runWorkerJob } from '../worker-job';
import type { ExportFiles } from './export-files';
import { EXPORT_WORKER_MARK, type ExportJob, type ExportWorkerData, type ExportWorkerToMain } from './export-messages';
import { exportWorkerSource } from './export-worker-entry';
import { REPORT_MIME, reportFileName, type ReportFormat } from './report-format';

/**
 * Below the screen's own limit for the call (SLOW_CALL_TIMEOUT_MS), so the reception head
 * reads "Không xuất được báo cáo" rather than a timeout, and far above what a month takes.
 */
export const EXPORT_TIMEOUT_MS = 240_000;

export interface ExportRunnerDeps {
  /** The kiosk's database file; each worker opens its own read-only connection to it. */
  dbFile: string;
  config: KioskConfig;
  files: ExportFiles;
  logger: Logger;
  now?: () => number;
  fontDir?: string;
  timeoutMs?: number;
  workerSource?: WorkerSource;
  /** Told of each worker started (tests use it to kill one mid-export). */
  onWorker?: (worker: Worker) => void;
}

export function createExportRunner(deps: ExportRunnerDeps) {
  const { logger, files } = deps;
  const now = deps.now ?? Date.now;
  const timeoutMs = deps.timeoutMs ?? EXPORT_TIMEOUT_MS;
  const source = deps.workerSource ?? exportWorkerSource();
  const running = new Set<Worker>();
  let closed = false;

  /** Resolves once the worker has exited, so a failed export's file is no longer open when it is removed. */
  function inWorker(job: ExportJob): Promise<Result<{ bytes: number }>> {
    const workerData: ExportWorkerData = { mark: EXPORT_WORKER_MARK, job };
    return runWorkerJob<{ bytes: number }, ExportWorkerToMain>({
      source,
      workerData,
      timeoutMs,
      logger,
      describe: { format: job.format, from: job.from, to: job.to },
      name: 'export',
      answerOf: (m) => {
        if (m.type !== 'log') return m.result;
        logger[m.level]({ ...m.fields, thread: 'export-worker' }, m.msg);
        return null;
      },
      failure: (detail) => fail('EXPORT_FAILED', { detail }),
      running,
      onWorker: deps.onWorker,
    });
  }

  return {
    async run(format: ReportFormat, from: string, to: string): Promise<Result<ExportOutput>> {
      if (closed) return fail('EXPORT_FAILED', { detail: 'the kiosk is shutting down' });
      const slot = files.slot(format);
      const job: ExportJob = { dbFile: deps.dbFile, config: deps.config, format, from, to, file: slot.file, generatedAtMs: now(), fontDir: deps.fontDir };
      const written = await inWorker(job);
      if (!written.ok || closed) {
        await files.discard(slot.file);
        return written.ok ? fail('EXPORT_FAILED', { detail: 'the kiosk is shutting down' }) : written;
      }
      const meta = { fileName: reportFileName(format, from, to), mime: REPORT_MIME[format], bytes: written.value.bytes };
      files.add(slot, meta);
      logger.info({ format, from, to, bytes: meta.bytes }, 'report exported; waiting for hand-over');
      return ok({ ...meta, fileId: slot.fileId });
    },
    running: (): number => running.size,
    /** Ends every export in flight; their callers get EXPORT_FAILED. */
    close(): void {
      closed = true;
      for (const w of running) void w.terminate();
    },
  };
}

export type ExportRunner = ReturnType<typeof createExportRunner>;
