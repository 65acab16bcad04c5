// What `status` and `sync` share: the kiosk's data and config found as the other commands
// find them, and its sync service on the existing database.
import pino from 'pino';
import packageJson from '../../../package.json' with { type: 'json' };
import type { KioskConfig } from '../../../shared/config-schema';
import type { Db } from '../../services/db/database';
import type { Logger } from '../../services/logger';
import type { SyncService } from '../../services/sync/sync-service';
import { loadKioskConfig, openKioskDatabase, type KioskLocation } from './report-command-support';

export interface OpenedKiosk {
  db: Db;
  config: KioskConfig;
  logger: Logger;
  sync: SyncService;
}

/** Throws UsageError when the config or the database cannot be found or read, or do not belong together. */
export async function openKioskForSync(location: KioskLocation, env: NodeJS.ProcessEnv): Promise<OpenedKiosk> {
  // Loaded here, not at the top: every admin command starts through the same registry, and
  // only these two need the HTTP client the sync service brings.
  const { createSyncService } = await import('../../services/sync/sync-service');
  const loaded = loadKioskConfig(location, env);
  const { config } = loaded;
  const db = openKioskDatabase(loaded);
  const logger = pino({ level: env.KIOSK_LOG_LEVEL ?? 'warn' }, pino.destination(2));
  return { db, config, logger, sync: createSyncService({ db, config, appVersion: packageJson.version, logger }) };
}
