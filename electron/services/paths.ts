// Where data and config live. Flags win over environment variables, which win over the
// shell's defaults (Electron: ProgramData on Windows, userData elsewhere; web host:
// <repo>/.kiosk-data). Both
// shells' defaults are computed here, without Electron, so that `npm run admin` finds a
// kiosk exactly where that kiosk looks. Whether the config was named matters: only an
// unnamed default may be absent (the demo).
import path from 'node:path';

/** ASCII folder name used for userData and ProgramData (the product name has diacritics). */
export const APP_DIR_NAME = 'SatisfactionKiosk';
/** The web host's data folder inside the project, when no --data-dir is given. */
export const WEB_HOST_DATA_DIR_NAME = '.kiosk-data';
export const CONFIG_FILE_NAME = 'config.json';

export interface KioskPaths {
  dataDir: string;
  /** The config file to read. */
  configPath: string;
  /**
   * True when --config or KIOSK_CONFIG named configPath: a missing file is then an error.
   * False or absent: the shell's default path, where no file means the embedded demo unit.
   */
  configNamed?: boolean;
}

export interface PathDefaults {
  dataDir: string;
  configPath?: string;
}

export function flagValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === `--${name}`) return argv[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

export function resolveKioskPaths(argv: readonly string[], env: NodeJS.ProcessEnv, defaults: PathDefaults): KioskPaths {
  const dataDir = path.resolve(flagValue(argv, 'data-dir') ?? env.KIOSK_DATA_DIR ?? defaults.dataDir);
  const named = flagValue(argv, 'config') ?? env.KIOSK_CONFIG;
  const configPath = path.resolve(named ?? defaults.configPath ?? path.join(dataDir, CONFIG_FILE_NAME));
  return { dataDir, configPath, configNamed: named !== undefined };
}

/** Path rules of the platform the kiosk runs on (a test may ask for Windows on Linux). */
function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

export interface PlatformInput {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The user's home folder (os.homedir()). */
  home: string;
}

/**
 * Electron's `app.getPath('appData')` worked out the way Electron documents it: %APPDATA% on
 * Windows, ~/Library/Application Support on macOS, $XDG_CONFIG_HOME or ~/.config elsewhere.
 */
export function electronAppDataDir({ platform, env, home }: PlatformInput): string {
  const p = pathFor(platform);
  if (platform === 'win32') return env.APPDATA ?? p.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return p.join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || p.join(home, '.config');
}

/** The Electron kiosk's userData, as start-kiosk.ts sets it: Chromium's profile, and its ratings and logs except on Windows. */
export function electronUserDataDir(input: PlatformInput): string {
  return pathFor(input.platform).join(electronAppDataDir(input), APP_DIR_NAME);
}

/** The ratings database's folder inside the machine-wide folder on Windows. */
export const WINDOWS_DATA_DIR_NAME = 'data';
export const LOGS_DIR_NAME = 'logs';

/**
 * %ProgramData%\SatisfactionKiosk: the machine-wide folder IT manages on Windows, whichever
 * account the kiosk runs under (the installer creates it and sets its permissions).
 */
export function windowsProgramDataDir(env: NodeJS.ProcessEnv): string {
  const programData = env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData';
  return path.win32.join(programData, APP_DIR_NAME);
}

/** The machine-wide config IT manages on Windows. */
export function windowsProgramDataConfig(env: NodeJS.ProcessEnv): string {
  return path.win32.join(windowsProgramDataDir(env), CONFIG_FILE_NAME);
}

export interface ElectronDefaultsInput {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  userData: string;
}

/**
 * The Electron kiosk's defaults. Windows: everything machine-wide under
 * %ProgramData%\SatisfactionKiosk (config.json, data\), so the ratings do not belong to one
 * user's profile. Elsewhere: config and ratings in userData.
 */
export function electronPathDefaults({ env, platform, userData }: ElectronDefaultsInput): PathDefaults {
  if (platform === 'win32') {
    const root = windowsProgramDataDir(env);
    return { dataDir: path.win32.join(root, WINDOWS_DATA_DIR_NAME), configPath: path.win32.join(root, CONFIG_FILE_NAME) };
  }
  return { dataDir: userData, configPath: pathFor(platform).join(userData, CONFIG_FILE_NAME) };
}

/** Where the Electron kiosk writes its rotating logs: %ProgramData%\SatisfactionKiosk\logs on Windows, userData/logs elsewhere. */
export function electronLogsDir({ env, platform, userData }: ElectronDefaultsInput): string {
  if (platform === 'win32') return path.win32.join(windowsProgramDataDir(env), LOGS_DIR_NAME);
  return pathFor(platform).join(userData, LOGS_DIR_NAME);
}

/** The web host's defaults: `<repo>/.kiosk-data`, with the config inside it. */
export function webHostPathDefaults(repoRoot: string): PathDefaults {
  return { dataDir: path.join(repoRoot, WEB_HOST_DATA_DIR_NAME) };
}
