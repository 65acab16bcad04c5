// Where the diagnostics worker's code is at run time. From source (the web host and tests run
// TypeScript through tsx) it is diagnostics-worker.ts next to this file, loaded with tsx's
// hook; in the Electron build this file is bundled into main.js and the worker into
// diagnostics-worker.js beside it (electron/vite.main.config.ts builds both).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerSource } from '../sync/worker-entry';

export function diagnosticsWorkerSource(moduleUrl: string = import.meta.url, execArgv: readonly string[] = process.execArgv): WorkerSource {
  const here = fileURLToPath(moduleUrl);
  let dir = path.dirname(here);
  if (!here.endsWith('.ts')) {
    // Should the bundler ever move this module into a shared chunk, the worker is still one folder up.
    if (path.basename(dir) === 'chunks') dir = path.dirname(dir);
    return { file: path.join(dir, 'diagnostics-worker.js') };
  }
  const file = path.join(dir, 'diagnostics-worker.ts');
  // `node --import tsx` and the tsx CLI pass their hook on to workers; a host that loads
  // TypeScript another way (Vitest) does not, so the worker registers tsx itself.
  return execArgv.some((a) => a.includes('tsx')) ? { file } : { file, execArgv: [...execArgv, '--import', 'tsx'] };
}
