// Runs `npm run admin`'s entry point as a real process (`node --import tsx electron/admin-cli/cli.ts …`:
// one process, where the tsx command would start a second),
// the way IT or a scheduled job does, and returns its exit code and output.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './web-host';

const CLI = path.join(REPO_ROOT, 'electron', 'admin-cli', 'cli.ts');

export interface AdminRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runAdmin(args: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<AdminRun> {
  // The runner's own KIOSK_* variables must not point the CLI at another kiosk.
  const { KIOSK_DATA_DIR: _dir, KIOSK_CONFIG: _config, ...inherited } = process.env;
  return new Promise((resolve) => {
    const env = { ...inherited, ...options.env };
    const child = execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT, timeout: 60_000, env }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end(options.stdin ?? '');
  });
}
