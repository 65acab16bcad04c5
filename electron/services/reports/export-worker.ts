// The export worker: a worker_threads thread that writes one report file from its own
// read-only connection to the kiosk's WAL database, so that a month's export never stalls
// the thread that answers a citizen's tap. The main thread only hands over the finished
// file. It talks to the main thread only through the messages in export-messages.ts.
// Plain Node: the Electron build bundles this file on its own (dist/electron/export-worker.js).
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { fail, ok, type Result } from '../../../shared/errors';
import type { Db } from '../db/database';
import { forwardingLogger, type Logger } from '../logger';
import { EXPORT_WORKER_MARK, type ExportJob, type ExportWorkerData, type ExportWorkerToMain } from './export-messages';
import { createExportService } from './export-service';

/** Read-only: the worker can never change a rating, and its cursor never blocks the tap connection's writes. */
export function openExportReader(dbFile: string): Db {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

const failed = (stage: string, error: unknown) => fail('EXPORT_FAILED', { detail: `${stage}: ${error instanceof Error ? error.message : String(error)}` });

/** Writes the job's file and closes it; resolves to its size, or to the error that stopped it. */
export async function runExportJob(job: ExportJob, logger: Logger): Promise<Result<{ bytes: number }>> {
  let db: Db;
  try {
    db = openExportReader(job.dbFile);
  } catch (error) {
    return failed('database', error);
  }
  try {
    // Opened here, synchronously, so that a folder that vanished fails now rather than
    // inside the stream; 'wx' never writes over a file it did not create.
    const out = fs.createWriteStream(job.file, { fd: fs.openSync(job.file, 'wx') });
    const closed = new Promise<void>((resolve) => out.once('close', resolve));
    const exporter = createExportService({ db, config: job.config, now: () => job.generatedAtMs, logger, fontDir: job.fontDir });
    const written = await exporter.writeTo(job.format, job.from, job.to, out);
    await closed;
    if (!written.ok) return written;
    return ok({ bytes: fs.statSync(job.file).size });
  } catch (error) {
    return failed('file', error);
  } finally {
    db.close();
  }
}

// Only when started as an export worker: importing this module elsewhere does nothing.
const data = workerData as Partial<ExportWorkerData> | null;
if (parentPort && data?.mark === EXPORT_WORKER_MARK && data.job) {
  const port = parentPort;
  const post = (m: ExportWorkerToMain) => port.postMessage(m);
  runExportJob(data.job, forwardingLogger(post)).then(
    (result) => post({ type: 'done', result }),
    (error: unknown) => post({ type: 'done', result: failed('worker', error) }),
  );
}
