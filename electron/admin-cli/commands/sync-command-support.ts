// What `status` and `sync` share: find the kiosk's data and config the way the shells do,
// open the existing database (never create one in a mistyped directory), and its sync service.
import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import packageJson from '../../../package.json' with { type: 'json' };
import type { KioskConfig } from '../../../shared/config-schema';
import { loadConfig } from '../../services/config-loader';
import { DATABASE_FILE_NAME, openDatabase, type Db } from '../../services/db/database';
import type { Logger } from '../../services/logger';
import { resolveKioskPaths } from '../../services/paths';
import { createSyncService, type SyncService } from '../../services/sync/sync-service';

export interface OpenedKiosk {
  db: Db;
  config: KioskConfig;
  logger: Logger;
  sync: SyncService;
}

/** Null after writing the reason to stderr (the caller exits 2). */
export function openKioskForSync(argv: string[]): OpenedKiosk | null {
  const paths = resolveKioskPaths(argv, process.env, { dataDir: '.kiosk-data' });
  const loaded = loadConfig(paths.configPath);
  if (!loaded.ok) {
    process.stderr.write(`config invalid: ${loaded.error.field ?? ''} ${loaded.error.detail ?? loaded.error.code}\n`);
    return null;
  }
  const file = path.join(paths.dataDir, DATABASE_FILE_NAME);
  if (!fs.existsSync(file)) {
    process.stderr.write(`no kiosk database at ${file} (check --data-dir)\n`);
    return null;
  }
  const db = openDatabase(file);
  const config = loaded.value.config;
  const logger = pino({ level: process.env.KIOSK_LOG_LEVEL ?? 'warn' }, pino.destination(2));
  return { db, config, logger, sync: createSyncService({ db, config, appVersion: packageJson.version, logger }) };
}
