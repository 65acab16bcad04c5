// `npm run city-server -- [--port N] [--host H] [--data-dir DIR] [--tokens FILE] [--max-body-bytes N]
//   [--max-rating-age-days N] [--requests-per-minute N] [--ratings-per-day N]
//   [--database postgres://user:password@host:port/db] [--database-pool-size N]
//   [--dashboard-secure-cookie] [--officer-min-ratings N] [--silent-after-minutes N] [--trusted-proxy ADDRESS]…`
// Without --database (or DATABASE_URL), ratings go to the embedded SQLite file in the data
// directory. Prints "City server ready at http://HOST:PORT/" once it accepts requests. Exits 2
// when it cannot start: bad arguments, an unreadable tokens file, a port in use, a database
// it cannot reach or log in to (named without its password).
import { isIP } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createCityServer } from './city-server';
import { checkDatabaseUrl, redactDatabaseUrl } from './pg-db';
import { DEFAULT_RATE_LIMITS } from './rate-limits';
import { DEFAULT_ACCEPT_WINDOW } from './receiver-routes';
import { readTokensFile } from './tokens';

const USAGE =
  'Usage: npm run city-server -- [--port N] [--host H] [--data-dir DIR] [--tokens FILE] [--max-body-bytes N]' +
  ' [--max-rating-age-days N] [--requests-per-minute N] [--ratings-per-day N]' +
  ' [--database postgres://user:password@host:port/db] [--database-pool-size N]' +
  ' [--dashboard-secure-cookie] [--officer-min-ratings N] [--silent-after-minutes N] [--trusted-proxy ADDRESS]…\n' +
  'DATABASE_URL stands for --database; with neither, ratings are stored in SQLite under --data-dir.';

/** Strict: a misspelt flag stops the server instead of starting it on defaults. */
function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        tokens: { type: 'string' },
        'max-body-bytes': { type: 'string' },
        'max-rating-age-days': { type: 'string' },
        'requests-per-minute': { type: 'string' },
        'ratings-per-day': { type: 'string' },
        database: { type: 'string' },
        'database-pool-size': { type: 'string' },
        'dashboard-secure-cookie': { type: 'boolean' },
        'officer-min-ratings': { type: 'string' },
        'silent-after-minutes': { type: 'string' },
        'trusted-proxy': { type: 'string', multiple: true },
      },
    }).values;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    // Node adds lines of quoting advice; the first line names the flag and the fault.
    throw new Error(`${unknown ? `unknown flag ${unknown[1]}` : message.split('\n')[0]}\n${USAGE}`);
  }
}

async function main(argv: string[]): Promise<void> {
  const flags = parseFlags(argv);
  const dataDir = path.resolve(flags['data-dir'] ?? '.city-data');
  const tokensFile = path.resolve(flags.tokens ?? path.join(dataDir, 'tokens.json'));
  const portText = flags.port ?? '8787';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new Error(`--port must be 0..65535, got ${portText}`);
  const maxBodyText = flags['max-body-bytes'];
  const maxBody = maxBodyText === undefined ? undefined : Number(maxBodyText);
  if (maxBody !== undefined && (!Number.isInteger(maxBody) || maxBody < 1024)) {
    throw new Error(`--max-body-bytes must be a whole number of at least 1024, got ${maxBodyText}`);
  }
  const wholeFlag = (name: string, min: number): number | undefined => {
    const text = (flags as Record<string, string | boolean | undefined>)[name];
    if (typeof text === 'boolean') throw new Error(`--${name} takes a value`);
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}, got ${text}`);
    return n;
  };
  const maxAgeDays = wholeFlag('max-rating-age-days', 1);
  const requestsPerMinute = wholeFlag('requests-per-minute', 1);
  const ratingsPerDay = wholeFlag('ratings-per-day', 1);
  const databasePoolSize = wholeFlag('database-pool-size', 1);
  const officerMinRatings = wholeFlag('officer-min-ratings', 1);
  const silentAfterMinutes = wholeFlag('silent-after-minutes', 1);
  const trustedProxies = flags['trusted-proxy'] ?? [];
  for (const address of trustedProxies) {
    if (!isIP(address)) throw new Error(`--trusted-proxy must be an IP address, got ${address}`);
  }
  // An empty DATABASE_URL (a unit file's placeholder) means none, as if unset.
  const databaseUrl = flags.database ?? (process.env.DATABASE_URL || undefined);
  if (databaseUrl !== undefined) checkDatabaseUrl(databaseUrl);
  if (databasePoolSize !== undefined && databaseUrl === undefined) throw new Error('--database-pool-size needs --database or DATABASE_URL');
  // The file as written: its kiosk and reader tokens, and the unit names the dashboard shows.
  const tokens = readTokensFile(tokensFile);
  const logger = pino({ base: undefined }, pino.destination(2));
  if (databaseUrl !== undefined) logger.info({ database: redactDatabaseUrl(databaseUrl) }, 'storing in PostgreSQL');
  const server = await createCityServer({
    ...(databaseUrl === undefined ? { dataDir } : { databaseUrl, databasePoolSize }),
    tokens,
    port,
    host: flags.host ?? '127.0.0.1',
    logger,
    maxBodyBytes: maxBody,
    acceptWindow: { ...DEFAULT_ACCEPT_WINDOW, ...(maxAgeDays === undefined ? {} : { maxAgeDays }) },
    rateLimits: {
      requestsPerMinute: requestsPerMinute ?? DEFAULT_RATE_LIMITS.requestsPerMinute,
      ratingsPerDay: ratingsPerDay ?? DEFAULT_RATE_LIMITS.ratingsPerDay,
    },
    dashboard: { secureCookie: flags['dashboard-secure-cookie'] === true, officerMinRatings, silentAfterMinutes, trustedProxies },
  });
  process.stdout.write(`City server ready at ${server.url}\n`);
  const shutdown = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`city-server: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
