// Where the upload worker's code is at run time. From source (the web host and tests run
// TypeScript through tsx) it is upload-worker.ts next to this file, loaded with tsx's hook;
// in the Electron build this file is bundled into main.js and the worker into
// upload-worker.js beside it (electron/vite.main.config.ts builds both). Packaged, both sit
// inside app.asar, and the worker is started from there as is: Electron's asar support runs in
// worker threads too (see the note at asarUnpack in electron-builder.yml).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface WorkerSource {
  file: string;
  /** Node options for the worker thread; undefined inherits the main thread's. */
  execArgv?: string[];
}

export function uploadWorkerSource(moduleUrl: string = import.meta.url, execArgv: readonly string[] = process.execArgv): WorkerSource {
  const here = fileURLToPath(moduleUrl);
  const dir = path.dirname(here);
  if (!here.endsWith('.ts')) return { file: path.join(dir, 'upload-worker.js') };
  const file = path.join(dir, 'upload-worker.ts');
  // `node --import tsx` and the tsx CLI pass their hook on to workers; a host that loads
  // TypeScript another way (Vitest) does not, so the worker registers tsx itself.
  return execArgv.some((a) => a.includes('tsx')) ? { file } : { file, execArgv: [...execArgv, '--import', 'tsx'] };
}
