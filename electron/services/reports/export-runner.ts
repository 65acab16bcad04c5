// The main thread's side of exports: each export runs in its own worker thread
// (export-worker.ts) that writes the file into the export folder, and the main thread only
// registers the finished file for its shell to hand over. A worker that crashes, or that
// has not finished within the time limit, is ended and answered with EXPORT_FAILED: the
// screen shows the error instead of waiting forever.
import { Worker } from 'node:worker_threads';
import type { KioskConfig } from '../../../shared/config-schema';
import { fail, ok, type Result } from '../../../shared/errors';
import type { ExportOutput } from '../../../shared/kiosk-api';
import type { Logger } from '../logger';
import type { WorkerSource } from '../sync/worker-entry';
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
    return new Promise((resolve) => {
      const workerData: ExportWorkerData = { mark: EXPORT_WORKER_MARK, job };
      const w = new Worker(source.file, { execArgv: source.execArgv, workerData });
      running.add(w);
      let answer: Result<{ bytes: number }> | null = null;
      let error: string | null = null;
      const timer = setTimeout(() => {
        logger.error({ format: job.format, from: job.from, to: job.to, timeoutMs }, 'export took too long; ending its worker');
        answer ??= fail('EXPORT_FAILED', { detail: `the export did not finish within ${Math.ceil(timeoutMs / 1000)} s` });
        void w.terminate();
      }, timeoutMs);
      w.on('message', (m: ExportWorkerToMain) => {
        if (m.type === 'log') {
          logger[m.level]({ ...m.fields, thread: 'export-worker' }, m.msg);
          return;
        }
        answer ??= m.result;
        // Its work is done and its file closed; ending it now spares waiting for its event loop to empty.
        void w.terminate();
      });
      w.on('error', (e) => {
        error = e instanceof Error ? e.message : String(e);
      });
      w.once('exit', (code) => {
        clearTimeout(timer);
        running.delete(w);
        if (!answer) {
          logger.error({ exitCode: code, error, format: job.format }, 'export worker stopped before finishing');
          answer = fail('EXPORT_FAILED', { detail: `the export worker stopped (exit code ${code})${error ? `: ${error}` : ''}` });
        }
        resolve(answer);
      });
      deps.onWorker?.(w);
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
