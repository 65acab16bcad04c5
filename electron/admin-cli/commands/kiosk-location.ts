// Which kiosk an admin command reads, found where that kiosk itself looks: the same flags and
// environment variables (--data-dir / KIOSK_DATA_DIR, --config / KIOSK_CONFIG, flags win)
// and the same default paths (services/paths.ts). Without --data-dir it takes the kiosk on
// this machine that has a database: the web host's <repo>/.kiosk-data or the Electron kiosk's
// data folder (%ProgramData%\SatisfactionKiosk\data on Windows, userData elsewhere); with
// both, it asks which. Then the config that kiosk reads:
//
//   - the web host's folder, or any folder named by --data-dir: DIR/config.json;
//   - the Electron kiosk's data folder: its own default (on Windows %ProgramData%\…\config.json);
//   - on Windows, a named folder without config.json: the ProgramData file, as the installed
//     kiosk reads it whatever its --data-dir (a folder copied from a kiosk comes without it).
//
// No file at all is the embedded demo unit, as for the kiosk, and the database check in
// kiosk-identity.ts then refuses a database that another unit or kiosk wrote.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../../services/command-line';
import { DATABASE_FILE_NAME } from '../../services/db/database';
import {
  CONFIG_FILE_NAME,
  electronPathDefaults,
  electronUserDataDir,
  webHostPathDefaults,
  windowsProgramDataConfig,
  type PlatformInput,
} from '../../services/paths';

export interface KioskLocation {
  'data-dir'?: string;
  config?: string;
}

/** The project folder: `npm run start:web` keeps its data in <repo>/.kiosk-data wherever it was started from. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export type KioskShell = 'web host' | 'Electron kiosk';

export interface FoundKiosk {
  dataDir: string;
  /** Null: no file where the kiosk looks, so it runs (and the command reads as) the demo unit. */
  configPath: string | null;
  /** True when --config or KIOSK_CONFIG named the file: it must then exist. */
  configNamed: boolean;
  /** How the config was chosen (or, without one, where none was found), for `check-config` and error messages. */
  configReason: string;
  /** The shell whose default folder this is; null for a folder named by --data-dir or KIOSK_DATA_DIR elsewhere. */
  shell: KioskShell | null;
}

export interface LocateOptions extends PlatformInput {
  repoRoot: string;
  exists(file: string): boolean;
}

export function defaultLocateOptions(env: NodeJS.ProcessEnv): LocateOptions {
  return { platform: process.platform, env, home: os.homedir(), repoRoot: REPO_ROOT, exists: (file) => fs.existsSync(file) };
}

interface Layout {
  shell: KioskShell;
  dataDir: string;
  /** Where this shell reads its config when nothing names one. */
  configPath: string;
}

/** Path rules of the kiosk's platform: the host's own in use, Windows' in a test on Linux. */
function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

function defaultLayouts(o: LocateOptions): Layout[] {
  const p = pathFor(o.platform);
  const web = p.resolve(webHostPathDefaults(o.repoRoot).dataDir);
  const userData = p.resolve(electronUserDataDir(o));
  const electron = electronPathDefaults({ env: o.env, platform: o.platform, userData });
  return [
    { shell: 'web host', dataDir: web, configPath: p.join(web, CONFIG_FILE_NAME) },
    { shell: 'Electron kiosk', dataDir: p.resolve(electron.dataDir), configPath: p.resolve(electron.configPath!) },
  ];
}

/**
 * Throws UsageError when no data folder was named and this machine has two kiosks, or none
 * (unless `needDatabase` is false: then the kiosk of this platform, the Electron kiosk on
 * Windows and the web host elsewhere, for checking a config before the first start).
 */
export function locateKiosk(location: KioskLocation, o: LocateOptions, { needDatabase = true } = {}): FoundKiosk {
  const p = pathFor(o.platform);
  const databaseIn = (dir: string) => p.join(dir, DATABASE_FILE_NAME);
  const layouts = defaultLayouts(o);
  const dataNamed = location['data-dir'] ?? o.env.KIOSK_DATA_DIR;
  let dataDir: string;
  let shell: KioskShell | null;
  if (dataNamed !== undefined) {
    dataDir = p.resolve(dataNamed);
    shell = layouts.find((l) => l.dataDir === dataDir)?.shell ?? null;
  } else {
    const found = layouts.filter((l) => o.exists(databaseIn(l.dataDir)));
    if (found.length > 1) {
      const both = found.map((l) => `${l.dataDir} (${l.shell})`).join(' and ');
      throw new UsageError(`two kiosks on this machine: ${both}; choose one with --data-dir DIR or KIOSK_DATA_DIR`);
    }
    if (found.length === 0 && !needDatabase) found.push(layouts.find((l) => l.shell === (o.platform === 'win32' ? 'Electron kiosk' : 'web host'))!);
    if (found.length === 0) {
      const looked = layouts.map((l) => `${databaseIn(l.dataDir)} (${l.shell})`).join(' or ');
      throw new UsageError(`no kiosk database at ${looked} (give --data-dir DIR or KIOSK_DATA_DIR)`);
    }
    dataDir = found[0]!.dataDir;
    shell = found[0]!.shell;
  }

  // The flag, then the variable, as the shells read them (services/paths.ts).
  const configNamed = location.config ?? o.env.KIOSK_CONFIG;
  if (configNamed !== undefined) {
    const by = location.config !== undefined ? '--config' : 'KIOSK_CONFIG';
    return { dataDir, configPath: p.resolve(configNamed), configNamed: true, configReason: `named by ${by}`, shell };
  }
  const candidates: Array<{ file: string; reason: string }> = [];
  const layout = layouts.find((l) => l.shell === shell);
  if (layout) candidates.push({ file: layout.configPath, reason: `the ${layout.shell}'s default` });
  else {
    candidates.push({ file: p.join(dataDir, CONFIG_FILE_NAME), reason: 'in the data folder' });
    if (o.platform === 'win32') candidates.push({ file: windowsProgramDataConfig(o.env), reason: "the installed kiosk's (ProgramData)" });
  }
  const chosen = candidates.find((c) => o.exists(c.file));
  if (chosen) return { dataDir, configPath: chosen.file, configNamed: false, configReason: chosen.reason, shell };
  const looked = candidates.map((c) => c.file).join(' or ');
  return { dataDir, configPath: null, configNamed: false, configReason: `no file at ${looked}`, shell };
}

/** The config as a message names it: its path, or the demo unit and where no file was found. */
export function configLabel(found: FoundKiosk): string {
  return found.configPath ?? `the embedded demo unit: ${found.configReason}`;
}
