// Starts the real web host (`npm run start:web`) as a child process on a free port with a
// temporary data directory, the way a person or a kiosk supervisor would start it.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Result } from '../../shared/errors';
import { tempDir } from './temp-db';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface StartWebHostOptions {
  /** Written as <dataDir>/config.json; omit to use the embedded demo config. */
  config?: object;
  /** Raw text for the config file (for invalid-JSON tests); wins over `config`. */
  configText?: string;
  dataDir?: string;
  env?: Record<string, string>;
  args?: string[];
}

export interface WebHost {
  /** The origin's root, `http://127.0.0.1:PORT/`, with no token. */
  url: string;
  /** What a kiosk's browser opens: `url#token=…`, as printed on the ready line. */
  pageUrl: string;
  token: string;
  dataDir: string;
  configPath: string;
  child: ChildProcess;
  /** Everything the host wrote to stderr (its log). */
  stderr(): string;
  call<T = unknown>(method: string, input?: unknown): Promise<Result<T>>;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

export async function startWebHost(options: StartWebHostOptions = {}): Promise<WebHost> {
  // Kept after stop(): tests read the stored ratings and restart hosts on the same data.
  const dataDir = options.dataDir ?? tempDir('kiosk-test-').dir;
  fs.mkdirSync(dataDir, { recursive: true });
  const configPath = path.join(dataDir, 'config.json');
  if (options.configText !== undefined) fs.writeFileSync(configPath, options.configText);
  else if (options.config) fs.writeFileSync(configPath, JSON.stringify(options.config, null, 2));
  // Named only when written: a named file that does not exist is an error, not the demo.
  const configArgs = options.configText !== undefined || options.config ? ['--config', configPath] : [];

  // Node itself with tsx as a loader, not tsx's CLI: the CLI is a wrapper process, and a
  // SIGKILL to it would leave the real host running as an orphan.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/web-host/cli.ts', '--port', '0', '--data-dir', dataDir, ...configArgs, ...(options.args ?? [])],
    { cwd: REPO_ROOT, env: { ...process.env, KIOSK_LOG_LEVEL: 'warn', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
  });

  // The token reaches only whoever started the host: in the fragment of the ready line's address.
  const pageUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start in time:\n${stderr}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      // A kiosk that cannot store ratings prints its error and "Error screen at" instead.
      const m = /(?:Kiosk ready|Error screen) at (http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web host exited with ${code} before it was ready:\n${stderr}`));
    });
  });
  const url = pageUrl.slice(0, pageUrl.indexOf('#'));
  const token = new URLSearchParams(new URL(pageUrl).hash.slice(1)).get('token')!;

  return {
    url,
    pageUrl,
    token,
    dataDir,
    configPath,
    child,
    stderr: () => stderr,
    async call<T>(method: string, input: unknown = {}): Promise<Result<T>> {
      const res = await fetch(new URL(`api/${method}`, url), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Kiosk-Token': token },
        body: JSON.stringify(input),
      });
      return (await res.json()) as Result<T>;
    },
    async stop() {
      child.kill('SIGTERM');
      await waitForExit(child);
    },
    async kill() {
      child.kill('SIGKILL');
      await waitForExit(child);
    },
  };
}
