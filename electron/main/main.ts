// Entry point of the Electron main process (built to dist/electron/main.js, next to
// preload.cjs; the renderer is built to dist/renderer).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createElectronLogger } from './electron-logger';
import { startKiosk } from './start-kiosk';
import { isSystemUpdateRun, startSystemUpdate } from './system-update';

const here = path.dirname(fileURLToPath(import.meta.url));

if (isSystemUpdateRun(process.argv)) {
  // The SYSTEM task's update run: decided first, before the kiosk's single-instance lock,
  // window or database (system-update.ts).
  void startSystemUpdate({
    argv: process.argv,
    env: process.env,
    platform: process.platform,
    proc: process,
    createLogger: (logsDir) => createElectronLogger(logsDir).logger,
  });
} else {
  startKiosk({
    argv: process.argv,
    env: process.env,
    platform: process.platform,
    proc: process,
    createLogger: (logsDir) => createElectronLogger(logsDir).logger,
    rendererDir: path.join(here, '..', 'renderer'),
    preloadPath: path.join(here, 'preload.cjs'),
  });
}
