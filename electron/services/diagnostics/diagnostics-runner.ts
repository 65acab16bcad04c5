// The main thread's side of the diagnostics worker: each job runs in a worker thread of its
// own (diagnostics-worker.ts), so neither a quick_check of a large database nor packing the
// logs ever holds up a citizen's tap. A worker that crashes, or has not answered in time, is
// ended and its job answered with an error the screen can show.
import { Worker } from 'node:worker_threads';
import { fail, type Result } from '../../../shared/errors';
import type { Logger } from '../logger';
import type { WorkerSource } from '../sync/worker-entry';
import {
  DIAGNOSTICS_WORKER_MARK,
  type BundleJob,
  type DatabaseInspection,
  type DiagnosticsJob,
  type DiagnosticsWorkerData,
  type DiagnosticsWorkerToMain,
} from './diagnostics-messages';
import { diagnosticsWorkerSource } from './diagnostics-worker-entry';

/** Far above what a check of a year's ratings takes, below the screen's own limit for the call. */
export const DIAGNOSTICS_TIMEOUT_MS = 60_000;

export interface DiagnosticsRunnerDeps {
  logger: Logger;
  timeoutMs?: number;
  workerSource?: WorkerSource;
}

export function createDiagnosticsRunner(deps: DiagnosticsRunnerDeps) {
  const timeoutMs = deps.timeoutMs ?? DIAGNOSTICS_TIMEOUT_MS;
  const source = deps.workerSource ?? diagnosticsWorkerSource();
  const running = new Set<Worker>();
  let closed = false;

  function run(job: DiagnosticsJob): Promise<Result<DatabaseInspection | { bytes: number }>> {
    if (closed) return Promise.resolve(fail('INTERNAL', { detail: 'the kiosk is shutting down' }));
    return new Promise((resolve) => {
      const workerData: DiagnosticsWorkerData = { mark: DIAGNOSTICS_WORKER_MARK, job };
      const w = new Worker(source.file, { execArgv: source.execArgv, workerData });
      running.add(w);
      let answer: Result<DatabaseInspection | { bytes: number }> | null = null;
      let error: string | null = null;
      const timer = setTimeout(() => {
        deps.logger.error({ job: job.kind, timeoutMs }, 'diagnostics took too long; ending its worker');
        answer ??= fail('INTERNAL', { detail: `diagnostics ${job.kind} did not finish within ${Math.ceil(timeoutMs / 1000)} s` });
        void w.terminate();
      }, timeoutMs);
      w.on('message', (m: DiagnosticsWorkerToMain) => {
        answer ??= m.result;
        void w.terminate();
      });
      w.on('error', (e) => {
        error = e instanceof Error ? e.message : String(e);
      });
      w.once('exit', (code) => {
        clearTimeout(timer);
        running.delete(w);
        if (!answer) {
          deps.logger.error({ exitCode: code, error, job: job.kind }, 'diagnostics worker stopped before answering');
          answer = fail('INTERNAL', { detail: `the diagnostics worker stopped (exit code ${code})${error ? `: ${error}` : ''}` });
        }
        resolve(answer);
      });
    });
  }

  return {
    inspect: (dbFile: string) => run({ kind: 'inspect', dbFile }) as Promise<Result<DatabaseInspection>>,
    bundle: (job: Omit<BundleJob, 'kind'>) => run({ kind: 'bundle', ...job }) as Promise<Result<{ bytes: number }>>,
    running: (): number => running.size,
    close(): void {
      closed = true;
      for (const w of running) void w.terminate();
    },
  };
}

export type DiagnosticsRunner = ReturnType<typeof createDiagnosticsRunner>;
