// File logging for the Electron main process. electron-log's Node flavour writes and rotates
// the file without reaching into Electron itself, so this stays testable outside Electron.
import path from 'node:path';
import electronLog from 'electron-log/node';
import type { Logger } from '../services/logger';
import { APP_DIR_NAME } from './app-paths';

/** Rotate at ~5 MB: electron-log keeps one previous file (main.old.log), ~10 MB at most. */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_FILE_NAME = 'main.log';

interface LogTarget {
  info(...params: unknown[]): void;
  warn(...params: unknown[]): void;
  error(...params: unknown[]): void;
}

/** Services log pino-style (object, message); electron-log wants (message, ...data). */
export function adaptLogger(target: LogTarget): Logger {
  const forward = (level: keyof LogTarget) => (obj: object | string, msg?: string) => {
    if (typeof obj === 'string') target[level](obj, ...(msg === undefined ? [] : [msg]));
    else target[level](msg ?? '', obj);
  };
  return { info: forward('info'), warn: forward('warn'), error: forward('error') };
}

export interface ElectronLogger {
  logger: Logger;
  file: string;
}

export function createElectronLogger(logsDir: string, options: { console?: boolean } = {}): ElectronLogger {
  const file = path.join(logsDir, LOG_FILE_NAME);
  const log = electronLog.create({ logId: `kiosk-main:${file}` });
  log.transports.file.setAppName(APP_DIR_NAME);
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = LOG_MAX_BYTES;
  log.transports.file.level = 'info';
  log.transports.console.level = options.console === false ? false : 'info';
  return { logger: adaptLogger(log), file };
}
