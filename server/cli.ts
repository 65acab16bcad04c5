// `npm run city-server -- [--port N] [--host H] [--data-dir DIR] [--tokens FILE]`
// Prints "City server ready at http://HOST:PORT/" once it accepts requests.
import path from 'node:path';
import pino from 'pino';
import { createCityServer } from './city-server';
import { loadTokensFile } from './tokens';

function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  if (i !== -1) return argv[i + 1];
  return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

async function main(argv: string[]): Promise<void> {
  const dataDir = path.resolve(flag(argv, 'data-dir') ?? '.city-data');
  const tokensFile = path.resolve(flag(argv, 'tokens') ?? path.join(dataDir, 'tokens.json'));
  const portText = flag(argv, 'port') ?? '8787';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got ${portText}`);
  const maxBodyText = flag(argv, 'max-body-bytes');
  const maxBody = maxBodyText === undefined ? undefined : Number(maxBodyText);
  if (maxBody !== undefined && (!Number.isInteger(maxBody) || maxBody < 1024)) {
    throw new Error(`--max-body-bytes must be a whole number of at least 1024, got ${maxBodyText}`);
  }
  const logger = pino({ base: undefined }, pino.destination(2));
  const server = await createCityServer({
    dataDir,
    tokens: loadTokensFile(tokensFile),
    port,
    host: flag(argv, 'host') ?? '127.0.0.1',
    logger,
    maxBodyBytes: maxBody,
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
