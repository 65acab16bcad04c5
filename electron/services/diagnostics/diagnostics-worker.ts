// The diagnostics worker: a worker_threads thread that does one slow job away from the thread
// that answers citizens' taps, either checking the database (quick_check and the queue counts
// on a read-only connection) or packing the zip for IT. It talks to the main thread only
// through the messages in diagnostics-messages.ts.
// Plain Node: the Electron build bundles this file on its own (dist/electron/diagnostics-worker.js).
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { fail, ok, type Result } from '../../../shared/errors';
import { buildDiagnosticsZip, readRecentLogs } from './diagnostics-bundle';
import {
  DIAGNOSTICS_WORKER_MARK,
  type BundleJob,
  type DatabaseInspection,
  type DiagnosticsJob,
  type DiagnosticsWorkerData,
  type DiagnosticsWorkerToMain,
} from './diagnostics-messages';
import { inspectDatabase } from './database-inspection';

/** Writes the zip to job.file ('wx': never over a file it did not create) and answers its size. */
export function writeDiagnosticsZip(job: BundleJob, now: Date = new Date()): { bytes: number } {
  const bytes = buildDiagnosticsZip({ diagnostics: job.diagnostics, config: job.config, logs: readRecentLogs(job.logsDir), now });
  fs.writeFileSync(job.file, bytes, { flag: 'wx' });
  return { bytes: bytes.length };
}

export function runDiagnosticsJob(job: DiagnosticsJob): Result<DatabaseInspection | { bytes: number }> {
  try {
    return ok(job.kind === 'inspect' ? inspectDatabase(job.dbFile) : writeDiagnosticsZip(job));
  } catch (error) {
    return fail('INTERNAL', { detail: `diagnostics ${job.kind}: ${error instanceof Error ? error.message : String(error)}` });
  }
}

// Only when started as a diagnostics worker: importing this module elsewhere does nothing.
const data = workerData as Partial<DiagnosticsWorkerData> | null;
if (parentPort && data?.mark === DIAGNOSTICS_WORKER_MARK && data.job) {
  const post = (m: DiagnosticsWorkerToMain) => parentPort!.postMessage(m);
  post({ type: 'done', result: runDiagnosticsJob(data.job) });
}
