// Where the Electron kiosk keeps its files. Ratings and logs live in the kiosk user's
// userData; on Windows the config sits machine-wide in ProgramData so IT can manage it
// (and the installer creates that folder). --config / KIOSK_CONFIG / --data-dir still win.
import path from 'node:path';
import { resolveKioskPaths, type KioskPaths, type PathDefaults } from '../services/paths';

/** ASCII folder name used for userData and ProgramData (the product name has diacritics). */
export const APP_DIR_NAME = 'SatisfactionKiosk';

export interface ElectronPathInput {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  userData: string;
}

export function electronPathDefaults({ env, platform, userData }: Omit<ElectronPathInput, 'argv'>): PathDefaults {
  if (platform === 'win32') {
    const programData = env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData';
    return { dataDir: userData, configPath: path.win32.join(programData, APP_DIR_NAME, 'config.json') };
  }
  return { dataDir: userData, configPath: path.join(userData, 'config.json') };
}

export function resolveElectronPaths(input: ElectronPathInput): KioskPaths {
  return resolveKioskPaths(input.argv, input.env, electronPathDefaults(input));
}

export function logsDirFor(userData: string): string {
  return path.join(userData, 'logs');
}
