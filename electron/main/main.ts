// Entry point of the Electron main process (built to dist/electron/main.js, next to
// preload.cjs; the renderer is built to dist/renderer).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createElectronLogger } from './electron-logger';
import { startKiosk } from './start-kiosk';

const here = path.dirname(fileURLToPath(import.meta.url));

startKiosk({
  argv: process.argv,
  env: process.env,
  platform: process.platform,
  proc: process,
  createLogger: (logsDir) => createElectronLogger(logsDir).logger,
  rendererDir: path.join(here, '..', 'renderer'),
  preloadPath: path.join(here, 'preload.cjs'),
});
