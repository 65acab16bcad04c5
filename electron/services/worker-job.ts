// One slow job (an export, a database check, the diagnostics zip) in a worker thread of its
// own, so the thread that answers citizens' taps never does it. The job is answered once:
// with the worker's own answer, or, when the worker crashes, stops without answering or has
// not answered in time (it is then ended), with the caller's failure. The promise settles only
// after the worker has exited, so a failed job's file is no longer open when it is removed.
import { Worker } from 'node:worker_threads';
import type { Result } from '../../shared/errors';
import type { Logger } from './logger';
import type { WorkerSource } from './sync/worker-entry';

export interface WorkerJob<T, M> {
  source: WorkerSource;
  workerData: unknown;
  timeoutMs: number;
  logger: Logger;
  /** What the job is, in its log lines. */
  describe: Record<string, unknown>;
  /** The job's name in messages: "the export", "diagnostics inspect". */
  name: string;
  /** The answer in a worker's message, or null for a message that is not one (a log line). */
  answerOf(message: M): Result<T> | null;
  /** The answer when the worker gave none. */
  failure(detail: string): Result<T>;
  /** Every worker in flight, for the runner to end them when it closes. */
  running: Set<Worker>;
  onWorker?: (worker: Worker) => void;
}

export function runWorkerJob<T, M>(job: WorkerJob<T, M>): Promise<Result<T>> {
  return new Promise((resolve) => {
    const w = new Worker(job.source.file, { execArgv: job.source.execArgv, workerData: job.workerData });
    job.running.add(w);
    let answer: Result<T> | null = null;
    let error: string | null = null;
    const timer = setTimeout(() => {
      job.logger.error({ ...job.describe, timeoutMs: job.timeoutMs }, `${job.name} took too long; ending its worker`);
      answer ??= job.failure(`the ${job.name} did not finish within ${Math.ceil(job.timeoutMs / 1000)} s`);
      void w.terminate();
    }, job.timeoutMs);
    w.on('message', (m: M) => {
      const a = job.answerOf(m);
      if (!a) return;
      answer ??= a;
      // Its work is done and its file closed; ending it now spares waiting for its event loop to empty.
      void w.terminate();
    });
    w.on('error', (e) => {
      error = e instanceof Error ? e.message : String(e);
    });
    w.once('exit', (code) => {
      clearTimeout(timer);
      job.running.delete(w);
      if (!answer) {
        job.logger.error({ ...job.describe, exitCode: code, error }, `${job.name} worker stopped before finishing`);
        answer = job.failure(`the ${job.name} worker stopped (exit code ${code})${error ? `: ${error}` : ''}`);
      }
      resolve(answer);
    });
    job.onWorker?.(w);
  });
}
