// Where data and config live. Flags win over environment variables, which win over the
// shell's defaults (Electron: userData / ProgramData; web host and CLI: ./.kiosk-data).
import path from 'node:path';

export interface KioskPaths {
  dataDir: string;
  /** The config file to read; may not exist (then the demo default is used). */
  configPath: string;
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
  const configPath = path.resolve(
    flagValue(argv, 'config') ?? env.KIOSK_CONFIG ?? defaults.configPath ?? path.join(dataDir, 'config.json'),
  );
  return { dataDir, configPath };
}
