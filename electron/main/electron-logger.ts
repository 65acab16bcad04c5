// File logging for the Electron main process. electron-log's Node flavour writes and rotates
// the file without reaching into Electron itself, so this stays testable outside Electron.
// Every line passes the redactor first (log-redaction.ts), including the lines the upload
// and export workers forward to the main thread.
import fs from 'node:fs';
import path from 'node:path';
import electronLog from 'electron-log/node';
import type { KioskConfig } from '../../shared/config-schema';
import type { Logger } from '../services/logger';
import { APP_DIR_NAME } from './app-paths';
import { createRedactor, redactingLogger, type Redactor } from './log-redaction';

/** main.log is archived at ~5 MB as main.1.log … main.5.log: ~30 MB at most on a kiosk left alone for years. */
export const LOG_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_ARCHIVES = 5;
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

/** main.log → main.1.log, main.1.log → main.2.log, …; the oldest archive is dropped. */
export function archiveLog(file: string, keep: number): void {
  const { dir, name, ext } = path.parse(file);
  const archive = (i: number) => path.join(dir, `${name}.${i}${ext}`);
  fs.rmSync(archive(keep), { force: true });
  for (let i = keep - 1; i >= 1; i--) {
    if (fs.existsSync(archive(i))) fs.renameSync(archive(i), archive(i + 1));
  }
  fs.renameSync(file, archive(1));
}

/** The shell's logger: the services' interface, told the configuration once it is loaded (its secrets are then blanked by value). */
export interface ShellLogger extends Logger {
  useConfig(config: KioskConfig): void;
}

export interface ElectronLogger {
  logger: ShellLogger;
  file: string;
  redactor: Redactor;
}

export interface ElectronLoggerOptions {
  console?: boolean;
  /** Tests rotate at a few kilobytes. */
  maxBytes?: number;
  archives?: number;
}

export function createElectronLogger(logsDir: string, options: ElectronLoggerOptions = {}): ElectronLogger {
  const file = path.join(logsDir, LOG_FILE_NAME);
  const keep = options.archives ?? LOG_ARCHIVES;
  const log = electronLog.create({ logId: `kiosk-main:${file}` });
  log.transports.file.setAppName(APP_DIR_NAME);
  log.transports.file.resolvePathFn = () => file;
  log.transports.file.maxSize = options.maxBytes ?? LOG_MAX_BYTES;
  log.transports.file.archiveLogFn = (current) => {
    try {
      archiveLog(current.path, keep);
    } catch (error) {
      // A file held open elsewhere (a viewer on Windows): keep the newest part, as electron-log
      // itself does, rather than grow without bound.
      console.error('could not rotate the log', error);
      const croppable = current as typeof current & { crop?: (bytes: number) => void };
      if (croppable.crop) croppable.crop(Math.round((options.maxBytes ?? LOG_MAX_BYTES) / 4));
      else current.clear();
    }
  };
  log.transports.file.level = 'info';
  log.transports.console.level = options.console === false ? false : 'info';
  const redactor = createRedactor();
  const logger = redactingLogger(adaptLogger(log), redactor);
  return { logger: { ...logger, useConfig: (config) => redactor.useConfig(config) }, file, redactor };
}
