// `npm run admin -- check-config [--data-dir DIR] [--config FILE] [--json]`: which config the
// kiosk reads, and every fault of it with the technical detail the start-up screen leaves out
// (zod's code, the field's path, the limits). Also says whether the kiosk's database was
// written by the unit and kiosk this config names. It changes nothing: the database is opened
// read-only, and the file is never quoted (it holds the upload token).
// Exit 0 the config is valid and fits the database (the last line is "OK"), 1 it is not, 2 bad
// arguments.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { KioskConfig } from '../../../shared/config-schema';
import type { KioskErrorIssue } from '../../../shared/errors';
import { KIOSK_LOCATION_OPTIONS, parseFlags } from '../../services/command-line';
import { loadConfig } from '../../services/config-loader';
import { DATABASE_FILE_NAME } from '../../services/db/database';
import { hostOf } from '../../services/diagnostics/config-summary';
import { redactUrl } from '../../services/diagnostics/redaction';
import { configIdentity, readDatabaseIdentity, type KioskIdentity } from './kiosk-identity';
import { configLabel, defaultLocateOptions, locateKiosk } from './kiosk-location';
import { runCommand } from './report-command-support';
import type { AdminCommand } from './types';

const USAGE = 'Usage: npm run admin -- check-config [--data-dir DIR] [--config FILE] [--json]';

interface DatabaseReport {
  path: string;
  exists: boolean;
  /** The unit and kiosk of its newest rating or contact; null for none (or an unreadable file: see `error`). */
  writtenBy: KioskIdentity | null;
  error?: string;
}

function inspectDatabase(dataDir: string): DatabaseReport {
  const file = path.join(dataDir, DATABASE_FILE_NAME);
  if (!fs.existsSync(file)) return { path: file, exists: false, writtenBy: null };
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return { path: file, exists: true, writtenBy: readDatabaseIdentity(db) };
    } finally {
      db.close();
    }
  } catch (error) {
    // A database from before survey contacts, or a damaged one: the kiosk repairs or migrates it at its start.
    return { path: file, exists: true, writtenBy: null, error: error instanceof Error ? error.message : String(error) };
  }
}

const who = (id: KioskIdentity) => `unit "${id.unitCode}", kiosk "${id.kioskId}"`;

function issueLine(i: KioskErrorIssue): string {
  const params = Object.keys(i.params).length > 0 ? ` ${JSON.stringify(i.params)}` : '';
  return `  - ${i.field}: ${i.detail} [${i.problem}; zod ${i.code}]${params}`;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** ISO weekdays as runs: [1,2,3,4,5] → "Mon-Fri", [1,3] → "Mon,Wed". */
function dayRuns(days: readonly number[]): string {
  const runs: Array<[number, number]> = [];
  for (const d of [...days].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && d === last[1] + 1) last[1] = d;
    else runs.push([d, d]);
  }
  if (runs.length === 0) return 'no days';
  return runs.map(([a, b]) => (a === b ? WEEKDAYS[a - 1] : `${WEEKDAYS[a - 1]}-${WEEKDAYS[b - 1]}`)).join(',');
}

/** The configuration in one line for IT: never the token, the PIN hashes or the proxy's credentials. */
function summary(config: KioskConfig): string {
  const h = config.officeHours;
  return [
    who(configIdentity(config)),
    `scale ${config.scale}`,
    config.server.url ? `uploads to ${redactUrl(config.server.url)}` : 'uploads off',
    config.server.proxy ? `proxy ${hostOf(config.server.proxy)}` : 'no proxy set',
    `office hours ${dayRuns(h.days)} ${h.start}-${h.end} ${config.timezone}`,
    config.updates.url ? `updates from ${redactUrl(config.updates.url)}` : 'updates off',
    `CSV separator "${config.exports.csvSeparator}"`,
  ].join(', ');
}

export const checkConfigCommand: AdminCommand = {
  name: 'check-config',
  summary: "check the kiosk's configuration: every problem with its technical detail, and whether it fits the database",
  run: (argv) =>
    runCommand(USAGE, async () => {
      const flags = parseFlags(argv, { ...KIOSK_LOCATION_OPTIONS, json: { type: 'boolean' } });
      const found = locateKiosk(flags, defaultLocateOptions(process.env), { needDatabase: false });
      const database = inspectDatabase(found.dataDir);
      const loaded = loadConfig(found.configPath, { named: found.configNamed });
      const issues = loaded.ok ? [] : (loaded.error.issues ?? []);
      const config = loaded.ok ? loaded.value.config : null;
      const written = database.writtenBy;
      const mismatch =
        config !== null && written !== null && (written.unitCode !== config.unit.code || written.kioskId !== config.kiosk.id)
          ? `the database was written by ${who(written)}, but this configuration is for ${who(configIdentity(config))}`
          : null;
      const ok = loaded.ok && mismatch === null;

      if (flags.json) {
        const report = {
          ok,
          dataDir: found.dataDir,
          shell: found.shell,
          database,
          config: { path: found.configPath, named: found.configNamed, reason: found.configReason, source: loaded.ok ? loaded.value.source : null },
          issues,
          mismatch,
        };
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return ok ? 0 : 1;
      }
      const lines = [
        `data folder: ${found.dataDir}${found.shell ? ` (${found.shell})` : ''}`,
        `database:    ${database.exists ? database.path : `none yet at ${database.path}`}${written ? ` (written by ${who(written)})` : ''}${database.error ? ` (cannot read: ${database.error})` : ''}`,
        `config:      ${configLabel(found)}${found.configPath ? ` (${found.configReason})` : ''}`,
      ];
      if (config) lines.push(`valid:       ${summary(config)}`);
      else lines.push(`invalid: ${issues.length} ${issues.length === 1 ? 'problem' : 'problems'}`, ...issues.map(issueLine));
      if (mismatch) lines.push(`mismatch:    ${mismatch}`);
      if (ok) lines.push('OK');
      process.stdout.write(`${lines.join('\n')}\n`);
      return ok ? 0 : 1;
    }),
};
