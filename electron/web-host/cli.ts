// `npm run start:web -- [--port N] [--config FILE] [--data-dir DIR]`: the kiosk in a browser.
// Prints the ready line on stdout only once the server accepts requests; logs go to stderr.
// The ready line's address carries the per-start token in its fragment: it is the one way
// the token leaves this process, so only whoever started the host can open a working kiosk.
// A kiosk that cannot store ratings (broken config, unusable database) still serves its error
// screen, but never says "ready": stdout has the error and the error screen's address instead.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import type { KioskError } from '../../shared/errors';
import { createKioskBackend } from '../services/backend';
import { KIOSK_LOCATION_OPTIONS, locationArgv, parseFlags, UsageError } from '../services/command-line';
import { configProblemLines } from '../services/config-loader';
import { resolveKioskPaths, webHostPathDefaults } from '../services/paths';
import { ensureRendererBuilt } from './renderer-build';
import { startWebHost } from './web-host';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const argv = process.argv.slice(2);
const logger = pino({ level: process.env.KIOSK_LOG_LEVEL ?? 'info' }, pino.destination(2));

const USAGE = 'Usage: npm run start:web -- [--port N] [--config FILE] [--data-dir DIR]';

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535 (got "${text}")`);
  return port;
}

let flags;
let port;
try {
  flags = parseFlags(argv, { ...KIOSK_LOCATION_OPTIONS, port: { type: 'string' } });
  port = parsePort(flags.port ?? '0');
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`${error.message}\n${USAGE}\n`);
  process.exit(2);
}

const paths = resolveKioskPaths(locationArgv(flags), process.env, webHostPathDefaults(repoRoot));
const appVersion = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const rendererDir = ensureRendererBuilt(repoRoot);
// "Thoát ứng dụng" in the admin area stops this host the way SIGTERM does: the server
// closes, the database is closed cleanly and the process exits 0. The page is told first
// (the backend answers before it asks), and shows that the kiosk has stopped.
const requestExit = () => {
  process.stdout.write('Kiosk stopped: quit from the admin area.\n');
  void shutdown();
};
const backend = createKioskBackend({ paths, appVersion, logger, requestExit });
if (backend.startupError) {
  // Keep serving: the screen shows the error in Vietnamese so staff see it at the counter.
  logger.error({ error: backend.startupError, configPath: paths.configPath }, 'kiosk started with an error');
} else {
  logger.info({ dataDir: paths.dataDir, config: backend.configSource === 'demo' ? 'embedded demo' : paths.configPath }, 'kiosk backend ready');
}

/** What stdout says instead of the ready line: the fault in one line each, then where it is shown. */
function notReadyLines(error: KioskError, configPath: string): string[] {
  if (error.code === 'CONFIG_INVALID') {
    return [`Kiosk NOT ready: the configuration ${configPath} cannot be used; ratings are not stored.`, ...configProblemLines(error).map((l) => `  ${l}`)];
  }
  return [`Kiosk NOT ready: ${error.code}${error.detail ? ` — ${error.detail}` : ''}; ratings are not stored.`];
}

const host = await startWebHost({ handlers: backend.handlers, exportFiles: backend.exports, speechAudio: backend.speechAudio, rendererDir, logger, port });
if (backend.startupError) {
  const lines = [...notReadyLines(backend.startupError, paths.configPath), `Error screen at ${host.pageUrl}`];
  process.stdout.write(`${lines.join('\n')}\n`);
} else {
  process.stdout.write(`Kiosk ready at ${host.pageUrl}\n`);
}

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  await host.close();
  backend.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
