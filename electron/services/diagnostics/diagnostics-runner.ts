// The main thread's side of the diagnostics worker: each job runs in a worker thread of its
// own (diagnostics-worker.ts), so neither a quick_check of a large database nor packing the
// logs ever holds up a citizen's tap. A worker that crashes, or has not answered in time, is
// ended and its job answered with an error the screen can show.
import type { Worker } from 'node:worker_threads';
import { fail, type Result } from '../../../shared/errors';
import type { Logger } from '../logger';
import type { WorkerSource } from '../sync/worker-entry';
import { runWorkerJob } from '../worker-job';
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
    const workerData: DiagnosticsWorkerData = { mark: DIAGNOSTICS_WORKER_MARK, job };
    return runWorkerJob<DatabaseInspection | { bytes: number }, DiagnosticsWorkerToMain>({
      source,
      workerData,
      timeoutMs,
      logger: deps.logger,
      describe: { job: job.kind },
      name: `diagnostics ${job.kind}`,
      answerOf: (m) => m.result,
      failure: (detail) => fail('INTERNAL', { detail }),
      running,
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
