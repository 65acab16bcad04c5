// Everything that crosses between the main thread and a diagnostics worker, declared once.
// Both sides are this program, so the messages are typed rather than validated; they carry
// only structured-clone data. One worker does one job: the job travels as workerData and the
// worker answers with a single `done`, so a worker that exits without one has failed.
import type { KioskConfig } from '../../../shared/config-schema';
import type { Result } from '../../../shared/errors';
import type { Diagnostics } from '../../../shared/kiosk-api';

/** workerData's mark, so that the worker's module only serves when started as one. */
export const DIAGNOSTICS_WORKER_MARK = 'kiosk-diagnostics-worker';

/** What the database says about itself, read on a read-only connection. */
export interface DatabaseInspection {
  schemaVersion: number | null;
  integrity: 'ok' | 'damaged' | 'unchecked';
  integrityDetail: string | null;
  counts: { pending: number; delivered: number; rejected: number };
}

export interface InspectJob {
  kind: 'inspect';
  dbFile: string;
}

/** The zip for IT: the diagnostics, the configuration and the recent logs, all redacted. */
export interface BundleJob {
  kind: 'bundle';
  diagnostics: Diagnostics;
  config: KioskConfig;
  logsDir: string | null;
  /** Where to write the zip (a fresh name in the export folder). */
  file: string;
}

export type DiagnosticsJob = InspectJob | BundleJob;

export interface DiagnosticsWorkerData {
  mark: typeof DIAGNOSTICS_WORKER_MARK;
  job: DiagnosticsJob;
}

export interface DiagnosticsWorkerToMain {
  type: 'done';
  result: Result<DatabaseInspection | { bytes: number }>;
}
