// Run by `npm run pack:dir` (and, with `--platform win32`, by `npm run dist:win`) before
// electron-builder. electron-builder packages the app around
// an Electron release it downloads (from GitHub, or ELECTRON_MIRROR) unless that zip is in
// its cache already; offline, it fails minutes later with a stack trace that does not say
// so. This says it in one line, at once, and never downloads anything itself: it only looks
// in the cache and, when the zip is not there, whether the download host can be reached.
// Exit 0 go ahead, 1 the zip is missing and this machine cannot fetch it.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';
const CONNECT_TIMEOUT_MS = 4000;

/** The Electron version electron-builder packages: the installed `electron` package's. */
function electronVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** @electron/get's cache (env-paths "electron"), where electron-builder keeps the zips it fetched. */
function cacheRoot(env: NodeJS.ProcessEnv): string {
  if (env.electron_config_cache) return env.electron_config_cache;
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'electron', 'Cache');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'electron');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'electron');
}

/** The cached zip, if any: @electron/get files each under a folder named by its URL's hash. */
function cachedZip(root: string, fileName: string): string | null {
  if (!fs.existsSync(root)) return null;
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const file = path.join(root, entry.name, fileName);
    if (entry.isDirectory() && fs.existsSync(file)) return file;
  }
  return null;
}

/** The mirror as @electron/get reads it (.npmrc, then the environment), else GitHub. */
function mirrorUrl(env: NodeJS.ProcessEnv): URL {
  return new URL(env.npm_config_electron_mirror || env.NPM_CONFIG_ELECTRON_MIRROR || env.ELECTRON_MIRROR || DEFAULT_MIRROR);
}

/** Where the download's connection goes: the proxy electron-builder would use (from the environment), else the mirror itself. */
function firstHop(mirror: URL, env: NodeJS.ProcessEnv): URL {
  const proxy =
    mirror.protocol === 'https:'
      ? env.HTTPS_PROXY || env.https_proxy || env.npm_config_https_proxy || env.HTTP_PROXY || env.http_proxy || env.npm_config_proxy
      : env.HTTP_PROXY || env.http_proxy || env.npm_config_proxy;
  if (!proxy) return mirror;
  try {
    return new URL(proxy);
  } catch {
    return mirror;
  }
}

/** Opens (and closes) a TCP connection: enough to tell offline from online without fetching. */
function reachable(url: URL): Promise<boolean> {
  const port = Number(url.port || (url.protocol === 'http:' ? 80 : 443));
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Which Electron zip the packaging command needs: Linux for this machine's arch (pack:dir), or Windows x64 (dist:win). */
function target(argv: string[]): { command: string; fileName: (version: string) => string } {
  const at = argv.indexOf('--platform');
  if (at >= 0 && argv[at + 1] === 'win32') return { command: 'dist:win', fileName: (v) => `electron-v${v}-win32-x64.zip` };
  return { command: 'pack:dir', fileName: (v) => `electron-v${v}-linux-${process.arch}.zip` };
}

async function main(): Promise<number> {
  const version = electronVersion();
  const { command, fileName: zipName } = target(process.argv.slice(2));
  const fileName = zipName(version);
  const root = cacheRoot(process.env);
  if (cachedZip(root, fileName)) return 0;
  const mirror = mirrorUrl(process.env);
  if (await reachable(firstHop(mirror, process.env))) return 0;
  process.stderr.write(
    `${command} needs ${fileName}, which electron-builder downloads from ${mirror.host} and this machine cannot reach: ` +
      `run it once with internet access, or put that file in a subfolder of ${root} (or set ELECTRON_MIRROR).\n`,
  );
  return 1;
}

process.exitCode = await main();
