// Where the Electron kiosk keeps its files. Ratings and logs live in the kiosk user's
// userData; on Windows the config sits machine-wide in ProgramData so IT can manage it
// (and the installer creates that folder). --config / KIOSK_CONFIG / --data-dir still win.
// The defaults themselves live in services/paths.ts, so `npm run admin` finds the same files.
import path from 'node:path';
import { electronPathDefaults, resolveKioskPaths, type KioskPaths } from '../services/paths';

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

export function logsDirFor(userData: string): string {
  return path.join(userData, 'logs');
}
