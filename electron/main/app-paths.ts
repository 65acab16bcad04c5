// Where the Electron kiosk keeps its files. On Windows everything IT manages is machine-wide
// under %ProgramData%\SatisfactionKiosk (config.json, data\, logs\; the installer creates the
// folders and sets their permissions); elsewhere config, ratings and logs live in userData.
// --config / KIOSK_CONFIG / --data-dir / KIOSK_DATA_DIR still win. The defaults themselves
// live in services/paths.ts, so `npm run admin` finds the same files.
import path from 'node:path';
import { electronLogsDir, electronPathDefaults, flagValue, resolveKioskPaths, type KioskPaths } from '../services/paths';

export { APP_DIR_NAME, electronPathDefaults } from '../services/paths';

export interface ElectronPathInput {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  userData: string;
}

export function resolveElectronPaths(input: ElectronPathInput): KioskPaths {
  return resolveKioskPaths(input.argv, input.env, electronPathDefaults(input));
}

export function logsDirFor(input: Omit<ElectronPathInput, 'argv'>): string {
  return electronLogsDir(input);
}

/**
 * Before ProgramData, the Windows kiosk kept its ratings in its user's userData. When that
 * folder still holds a database and the default data folder is elsewhere, that database is
 * to be moved there (once: the move leaves nothing behind). A data folder named by flag or
 * variable is IT's choice and is left alone.
 */
export function legacyDataMove(input: ElectronPathInput): { from: string; to: string } | null {
  if (flagValue(input.argv, 'data-dir') !== undefined || input.env.KIOSK_DATA_DIR !== undefined) return null;
  const to = electronPathDefaults(input).dataDir;
  // Windows compares paths without regard to case.
  const key = (dir: string) => (input.platform === 'win32' ? path.win32.resolve(dir).toLowerCase() : path.posix.resolve(dir));
  if (key(to) === key(input.userData)) return null;
  return { from: input.userData, to };
}
