// What `tally`, `export`, `hash-pin` and `contacts` share: strict flag parsing (an unknown or
// incomplete flag is an exit-2 usage error, never silently ignored), the day range with
// today as the default, and opening the kiosk's existing database and config without
// creating anything.
import fs from 'node:fs';
import path from 'node:path';
import type { KioskConfig } from '../../../shared/config-schema';
import { zonedParts } from '../../../shared/local-time';
import { loadConfig } from '../../services/config-loader';
import { DATABASE_FILE_NAME, openDatabase, type Db } from '../../services/db/database';
import { resolveKioskPaths } from '../../services/paths';
import { isIsoDay } from '../../services/reports/report-format';
import { MAX_RANGE_DAYS, rangeLength } from '../../services/reports/tally-service';

export class UsageError extends Error {}

export interface ParsedFlags {
  values: Map<string, string>;
  switches: Set<string>;
}

export function parseFlags(argv: readonly string[], valueFlags: readonly string[], switchFlags: readonly string[] = []): ParsedFlags {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const m = /^--([a-z-]+)(?:=(.*))?$/s.exec(arg);
    if (!m) throw new UsageError(`unexpected argument "${arg}"`);
    const [, name, inline] = m as unknown as [string, string, string | undefined];
    if (switchFlags.includes(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      switches.add(name);
    } else if (valueFlags.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${name} needs a value`);
      if (values.has(name)) throw new UsageError(`--${name} given twice`);
      values.set(name, value);
    } else throw new UsageError(`unknown flag --${name}`);
  }
  return { values, switches };
}

export interface OpenedKioskData {
  db: Db;
  config: KioskConfig;
}

export interface OpenedReportKiosk extends OpenedKioskData {
  from: string;
  to: string;
}

/** Where to look when --data-dir is absent, as `status` and `sync` do; without it the flag is required. */
export interface DataDirFallback {
  env: NodeJS.ProcessEnv;
  dataDir: string;
}

/** The config (from --config or DIR/config.json) and the data folder; throws UsageError. */
function loadKioskConfig(flags: ParsedFlags, fallback?: DataDirFallback): { config: KioskConfig; dataDir: string } {
  const dataDir = flags.values.get('data-dir');
  if (!dataDir && !fallback) throw new UsageError('--data-dir DIR is required (the kiosk data folder holding ratings.db)');
  const configFlag = flags.values.get('config');
  if (configFlag !== undefined && !fs.existsSync(configFlag)) throw new UsageError(`config file not found: ${configFlag}`);
  const argv = [...(dataDir ? ['--data-dir', dataDir] : []), ...(configFlag ? ['--config', configFlag] : [])];
  const paths = resolveKioskPaths(argv, fallback?.env ?? {}, { dataDir: dataDir ?? fallback?.dataDir ?? '' });
  const loaded = loadConfig(paths.configPath);
  if (!loaded.ok) throw new UsageError(`config invalid: ${loaded.error.field ?? ''} — ${loaded.error.detail ?? loaded.error.code}`);
  return { config: loaded.value.config, dataDir: paths.dataDir };
}

/** Opens the existing database only: a mistyped --data-dir must not create an empty kiosk. */
function openExistingDatabase(dataDir: string): Db {
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  if (!fs.existsSync(file)) throw new UsageError(`no kiosk database at ${file} (check --data-dir)`);
  return openDatabase(file);
}

/** Resolves paths like the shells do; throws UsageError for anything the caller must fix. */
export function openKioskData(flags: ParsedFlags, fallback?: DataDirFallback): OpenedKioskData {
  const { config, dataDir } = loadKioskConfig(flags, fallback);
  return { db: openExistingDatabase(dataDir), config };
}

/** As openKioskData, plus the --from/--to day range (today when both are absent). */
export function openKioskForReport(flags: ParsedFlags, nowMs: number): OpenedReportKiosk {
  const { config, dataDir } = loadKioskConfig(flags);
  const today = zonedParts(nowMs, config.timezone).day;
  if (flags.values.has('from') !== flags.values.has('to')) throw new UsageError('give both --from and --to (or neither, for today)');
  const from = flags.values.get('from') ?? today;
  const to = flags.values.get('to') ?? today;
  for (const [name, day] of [['from', from], ['to', to]] as const) {
    if (!isIsoDay(day)) throw new UsageError(`--${name} must be a real date as YYYY-MM-DD, got "${day}"`);
  }
  if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
  if (rangeLength(from, to) > MAX_RANGE_DAYS) throw new UsageError(`the range may span at most ${MAX_RANGE_DAYS} days`);
  return { db: openExistingDatabase(dataDir), config, from, to };
}

/** Runs a report command body, turning usage errors into exit code 2 with one clear line. */
export async function runReportCommand(usage: string, body: () => Promise<number>): Promise<number> {
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
