// What the admin commands share: finding the kiosk's data and config the way the shells do
// (--data-dir / KIOSK_DATA_DIR, --config / KIOSK_CONFIG, flags win), opening the existing
// database without creating anything, the day range with today as the default, and turning
// errors into exit codes.
import fs from 'node:fs';
import path from 'node:path';
import type { KioskConfig } from '../../../shared/config-schema';
import { zonedParts } from '../../../shared/local-time';
import { locationArgv, UsageError } from '../../services/command-line';
import { loadConfig } from '../../services/config-loader';
import { DATABASE_FILE_NAME, openDatabase, type Db } from '../../services/db/database';
import { resolveKioskPaths } from '../../services/paths';
import { isIsoDay } from '../../services/reports/report-format';
import { MAX_RANGE_DAYS, rangeLength } from '../../services/reports/tally-service';

/** The web host's default too, so a command run from the project finds the same kiosk. */
const DEFAULT_DATA_DIR = '.kiosk-data';

export interface KioskLocation {
  'data-dir'?: string;
  config?: string;
}

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

/** The config (from --config, KIOSK_CONFIG or DIR/config.json) and the data folder; throws UsageError. */
export function loadKioskConfig(location: KioskLocation, env: NodeJS.ProcessEnv): { config: KioskConfig; dataDir: string } {
  const paths = resolveKioskPaths(locationArgv(location), env, { dataDir: DEFAULT_DATA_DIR });
  // A named file that is missing is an error there too, never the demo unit on real data.
  const loaded = loadConfig(paths.configPath, { named: paths.configNamed ?? false });
  if (!loaded.ok) {
    const { field, detail, params } = loaded.error;
    throw new UsageError(params?.problem === 'missing_file' ? (detail ?? 'config file not found') : `config invalid: ${field ?? ''} — ${detail ?? loaded.error.code}`);
  }
  return { config: loaded.value.config, dataDir: paths.dataDir };
}

/** Opens the existing database only: a mistyped --data-dir must not create an empty kiosk. */
export function openExistingDatabase(dataDir: string): Db {
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  if (!fs.existsSync(file)) throw new UsageError(`no kiosk database at ${file} (check --data-dir or KIOSK_DATA_DIR)`);
  return openDatabase(file);
}

export function openKioskData(location: KioskLocation, env: NodeJS.ProcessEnv): OpenedKioskData {
  const { config, dataDir } = loadKioskConfig(location, env);
  return { db: openExistingDatabase(dataDir), config };
}

/** As openKioskData, plus the --from/--to day range (today when both are absent). */
export function openKioskForReport(flags: KioskLocation & DayRangeFlags, env: NodeJS.ProcessEnv, nowMs: number): OpenedReportKiosk {
  const { config, dataDir } = loadKioskConfig(flags, env);
  const today = zonedParts(nowMs, config.timezone).day;
  if ((flags.from === undefined) !== (flags.to === undefined)) throw new UsageError('give both --from and --to (or neither, for today)');
  const from = flags.from ?? today;
  const to = flags.to ?? today;
  for (const [name, day] of [['from', from], ['to', to]] as const) {
    if (!isIsoDay(day)) throw new UsageError(`--${name} must be a real date as YYYY-MM-DD, got "${day}"`);
  }
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  if (rangeLength(from, to) > MAX_RANGE_DAYS) throw new UsageError(`the range may span at most ${MAX_RANGE_DAYS} days`);
  return { db: openExistingDatabase(dataDir), config, from, to };
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
