// Where data and config live. Flags win over environment variables, which win over the
// shell's defaults (Electron: userData / ProgramData; web host and CLI: ./.kiosk-data).
// Whether the config was named matters: only an unnamed default may be absent (the demo).
import path from 'node:path';

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
  const configPath = path.resolve(named ?? defaults.configPath ?? path.join(dataDir, 'config.json'));
  return { dataDir, configPath, configNamed: named !== undefined };
}
