// The reference city receiver as a library: tests start it in-process, server/cli.ts
// starts it for real. Timeouts bound how long a slow client can hold a connection, and a
// handler's failure answers 500 without taking the process down.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createDashboard, type DashboardOptions } from './dashboard/dashboard';
import { HttpError, sendError, sendJson } from './http-io';
import { openPostgresStorage } from './pg-store';
import { DEFAULT_RATE_LIMITS, RateLimitError, type RateLimits } from './rate-limits';
import { openReceiverDb, type ReceiverDb } from './receiver-db';
import { DEFAULT_ACCEPT_WINDOW, HEALTH_TIMEOUT_MS, route, storageProbe, type AcceptWindow } from './receiver-routes';
import type { ReceiverStorage } from './receiver-storage';
import { createSqliteStorage } from './receiver-store';
import { buildTokenIndex, unitNamesOf, type Principal, type TokensFile } from './tokens';

export interface ReceiverLogger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export interface CityServerOptions {
  /**
   * Where ratings are stored, first given wins: a storage the caller opened and closes, a
   * PostgreSQL URL (postgres://user:password@host:port/db), an open SQLite database, or a
   * data directory where the receiver opens its embedded SQLite file.
   */
  storage?: ReceiverStorage;
  databaseUrl?: string;
  /** Connections to PostgreSQL this process holds at most (default 10). */
  databasePoolSize?: number;
  dataDir?: string;
  db?: ReceiverDb;
  tokens: TokensFile | Map<string, Principal>;
  port?: number;
  host?: string;
  logger?: ReceiverLogger;
  now?: () => number;
  maxBodyBytes?: number;
  /** Whole request (headers and body) must arrive within this. */
  requestTimeoutMs?: number;
  headersTimeoutMs?: number;
  /** How old or how far ahead a rating's own time may be (default 400 days back, 1 day ahead). */
  acceptWindow?: AcceptWindow;
  /** Per-kiosk requests per minute and ratings per day. */
  rateLimits?: RateLimits;
  /** The receiver's zone for tallies by day of receipt (default +07:00, Vietnam). */
  utcOffsetMinutes?: number;
  /** Open connections at most; more are refused by the OS backlog until one closes. */
  maxConnections?: number;
  /** After refusing a request whose body was not read, how long the client has to read the answer. */
  lingerMs?: number;
  /** The city staff's dashboard under /dashboard; unit names default to the tokens file's `units`. */
  dashboard?: DashboardOptions;
}

export interface CityServer {
  url: string;
  storage: ReceiverStorage;
  close(): Promise<void>;
}

const quiet: ReceiverLogger = { info() {}, warn() {}, error() {} };

export async function createCityServer(opts: CityServerOptions): Promise<CityServer> {
  if (!opts.storage && !opts.databaseUrl && !opts.db && !opts.dataDir) throw new Error('createCityServer needs storage, databaseUrl, db or dataDir');
  const logger = opts.logger ?? quiet;
  // Tokens first: a bad tokens file must not leave a database opened behind it.
  const tokens = opts.tokens instanceof Map ? opts.tokens : buildTokenIndex(opts.tokens);
  const ownsStorage = !opts.storage;
  const storage =
    opts.storage ??
    (opts.databaseUrl
      ? await openPostgresStorage(opts.databaseUrl, {
          poolSize: opts.databasePoolSize,
          onIdleError: (error) => logger.warn({ error: error.message }, 'database connection lost while idle'),
        })
      : createSqliteStorage(opts.db ?? openReceiverDb(opts.dataDir!), { closeDb: !opts.db }));
  const now = opts.now ?? Date.now;
  const utcOffsetMinutes = opts.utcOffsetMinutes ?? 420;
  const unitNames = opts.dashboard?.unitNames ?? (opts.tokens instanceof Map ? undefined : unitNamesOf(opts.tokens));
  const deps = {
    store: storage,
    tokens,
    maxBodyBytes: opts.maxBodyBytes ?? 8 * 1024 * 1024,
    now,
    acceptWindow: opts.acceptWindow ?? DEFAULT_ACCEPT_WINDOW,
    limits: storage.rateLimiter(opts.rateLimits ?? DEFAULT_RATE_LIMITS),
    utcOffsetMinutes,
    logger,
    probeStorage: storageProbe(storage, HEALTH_TIMEOUT_MS),
    dashboard: createDashboard({
      store: storage,
      tokens,
      now,
      utcOffsetMinutes,
      logger,
      options: { ...opts.dashboard, unitNames },
    }),
  };
  const lingerMs = opts.lingerMs ?? 2_000;
  const requestTimeout = opts.requestTimeoutMs ?? 60_000;
  const server = http.createServer(
    {
      requestTimeout,
      headersTimeout: Math.min(opts.headersTimeoutMs ?? 15_000, requestTimeout),
      // Node checks both timeouts only this often (30 s by default).
      connectionsCheckingInterval: Math.max(50, Math.min(2_000, Math.floor(requestTimeout / 4))),
      keepAliveTimeout: 5_000,
      maxHeaderSize: 16 * 1024,
    },
    (req, res) => {
      route(deps, req, res).catch((error: unknown) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        if (error instanceof HttpError) {
          if (error.status >= 500) logger.error({ error: error.message }, 'request failed');
          else if (error.status === 401 || error.status === 403 || error.status === 429)
            logger.warn({ code: error.code, url: req.url?.slice(0, 200) }, 'request refused');
          const headers: Record<string, string> = error instanceof RateLimitError ? { 'retry-after': String(error.retryAfterSeconds) } : {};
          if (req.complete) {
            sendError(res, error, headers);
            return;
          }
          // A refused request's body is not worth reading, and a client trickling one must
          // not hold a connection: answer, close, and cut it off if it keeps sending.
          // Taken before answering: once the answer is out, Node may already have let go of req.socket.
          const socket = req.socket as typeof req.socket | null;
          sendError(res, error, { ...headers, connection: 'close' });
          req.resume();
          res.once('finish', () => setTimeout(() => socket?.destroy(), lingerMs).unref());
          return;
        }
        logger.error({ error: error instanceof Error ? error.stack : String(error), url: req.url }, 'unexpected error');
        sendJson(res, 500, { error: { code: 'internal', detail: 'unexpected server error' } });
      });
    },
  );
  // Node's parser stays failed and reports every further chunk of the same request again:
  // only the first report is answered, and the rest of the request is read and dropped until
  // the client hangs up or the linger ends, so that the answer is not lost to a reset.
  const hungUp = new WeakSet<Duplex>();
  server.on('clientError', (error, socket) => {
    if (hungUp.has(socket)) return;
    hungUp.add(socket);
    const code = (error as { code?: string }).code;
    const status =
      code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    if (socket.writable) {
      const timer = setTimeout(() => socket.destroy(), lingerMs).unref();
      socket.once('close', () => clearTimeout(timer));
      socket.once('end', () => socket.destroy());
      socket.on('data', () => {});
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    } else socket.destroy();
    logger.warn({ error: (error as Error).message, code }, 'client error');
  });
  server.timeout = requestTimeout;
  server.maxConnections = opts.maxConnections ?? 1_000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    if (ownsStorage) await storage.close();
    throw error;
  }
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  const url = `http://${host}:${addr.port}/`;
  logger.info({ url, storage: storage.kind }, 'city server listening');

  return {
    url,
    storage,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (ownsStorage) await storage.close();
    },
  };
}
