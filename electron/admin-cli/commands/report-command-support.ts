// What the admin commands share: finding the kiosk's data and config where the kiosk itself
// looks (kiosk-location.ts), opening the existing database without creating anything and
// refusing one that another unit or kiosk wrote (kiosk-identity.ts), the day range with today
// as the default, and turning errors into exit codes.
import fs from 'node:fs';
import path from 'node:path';
import type { KioskConfig } from '../../../shared/config-schema';
import { zonedParts } from '../../../shared/local-time';
import { UsageError } from '../../services/command-line';
import { configProblemLines, loadConfig } from '../../services/config-loader';
import { DATABASE_FILE_NAME, openDatabase, type Db } from '../../services/db/database';
import { isIsoDay } from '../../services/reports/report-format';
import { MAX_RANGE_DAYS, rangeLength } from '../../services/reports/tally-service';
import { identityMismatch } from './kiosk-identity';
import { configLabel, defaultLocateOptions, locateKiosk, type FoundKiosk, type KioskLocation } from './kiosk-location';

export type { KioskLocation } from './kiosk-location';

export interface DayRangeFlags {
  from?: string;
  to?: string;
}

export interface OpenedKioskData {
  db: Db;
  config: KioskConfig;
}

export interface OpenedReportKiosk extends OpenedKioskData {
  from: string;
  to: string;
}

export interface LoadedKioskConfig {
  config: KioskConfig;
  dataDir: string;
  found: FoundKiosk;
}

/** The config the kiosk reads (see kiosk-location.ts) and its data folder; throws UsageError. */
export function loadKioskConfig(location: KioskLocation, env: NodeJS.ProcessEnv): LoadedKioskConfig {
  const found = locateKiosk(location, defaultLocateOptions(env));
  // A named file that is missing is an error, as for the kiosk: never the demo unit on real data.
  const loaded = loadConfig(found.configPath, { named: found.configNamed });
  if (!loaded.ok) throw new UsageError(configProblemLines(loaded.error).join('\n'));
  return { config: loaded.value.config, dataDir: found.dataDir, found };
}

/** Opens the existing database only: a mistyped --data-dir must not create an empty kiosk. */
export function openExistingDatabase(dataDir: string): Db {
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  if (!fs.existsSync(file)) throw new UsageError(`no kiosk database at ${file} (check --data-dir or KIOSK_DATA_DIR)`);
  return openDatabase(file);
}

/** The kiosk's database, refused (closed, UsageError) when another unit or kiosk than the config's wrote it. */
export function openKioskDatabase(loaded: LoadedKioskConfig): Db {
  const db = openExistingDatabase(loaded.dataDir);
  const mismatch = identityMismatch(db, loaded.config, configLabel(loaded.found));
  if (mismatch !== null) {
    db.close();
    throw new UsageError(mismatch);
  }
  return db;
}

export function openKioskData(location: KioskLocation, env: NodeJS.ProcessEnv): OpenedKioskData {
  const loaded = loadKioskConfig(location, env);
  return { db: openKioskDatabase(loaded), config: loaded.config };
}

/** As openKioskData, plus the --from/--to day range (today when both are absent). */
export function openKioskForReport(flags: KioskLocation & DayRangeFlags, env: NodeJS.ProcessEnv, nowMs: number): OpenedReportKiosk {
  const loaded = loadKioskConfig(flags, env);
  const { config } = loaded;
  const today = zonedParts(nowMs, config.timezone).day;
  if ((flags.from === undefined) !== (flags.to === undefined)) throw new UsageError('give both --from and --to (or neither, for today)');
  const from = flags.from ?? today;
  const to = flags.to ?? today;
  for (const [name, day] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!isIsoDay(day)) throw new UsageError(`--${name} must be a real date as YYYY-MM-DD, got "${day}"`);
  }
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  if (rangeLength(from, to) > MAX_RANGE_DAYS) throw new UsageError(`the range may span at most ${MAX_RANGE_DAYS} days`);
  return { db: openKioskDatabase(loaded), config, from, to };
}

/** Runs a command body: a UsageError is exit 2 with one clear line and the usage, any other error exit 1. */
export async function runCommand(usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n${usage}\n`);
      return 2;
    }
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
