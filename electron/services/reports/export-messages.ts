// Everything that crosses between the main thread and an export worker, declared once.
// Both sides are this program, so the messages are typed rather than validated; they carry
// only structured-clone data. One worker makes one file: the job travels as workerData and
// the worker answers with a single `done`, so a worker that exits without one has failed.
import type { KioskConfig } from '../../../shared/config-schema';
import type { Result } from '../../../shared/errors';
import type { ReportFormat } from './report-format';

/** workerData's mark, so that the worker's module only serves when started as one. */
export const EXPORT_WORKER_MARK = 'kiosk-export-worker';

export interface ExportJob {
  /** The kiosk's database file; the worker opens its own read-only connection to it. */
  dbFile: string;
  config: KioskConfig;
  format: ReportFormat;
  from: string;
  to: string;
  /** Where to write the finished file (a fresh name in the export folder). */
  file: string;
  /** The moment the report says it was made ("ngày … tháng … năm …"). */
  generatedAtMs: number;
  /** The report font's folder (Tinos WOFF files), when module resolution cannot find it. */
  fontDir?: string;
}

export interface ExportWorkerData {
  mark: typeof EXPORT_WORKER_MARK;
  job: ExportJob;
}

export type ExportLogLevel = 'info' | 'warn' | 'error';

export type ExportWorkerToMain =
  /** The file is complete (and closed) at job.file, or the error that stopped it. */
  { type: 'done'; result: Result<{ bytes: number }> } | { type: 'log'; level: ExportLogLevel; msg: string; fields: object };
