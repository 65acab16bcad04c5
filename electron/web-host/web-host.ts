// The browser shell: serves the built renderer and the KioskApi over HTTP on 127.0.0.1.
// Every API call must carry the per-start token. The token is never served: it travels only
// in the fragment of the page address the host prints at start (`…/#token=…`), which the
// kiosk's browser is opened with and which browsers never send over HTTP, so other local
// programs and web pages cannot submit or read ratings.
//
// Whatever arrives on the socket, the host answers with a status and keeps running: a
// malformed request line or header is refused by Node's parser (`clientError`), every other
// refusal goes through `refuse`, which also hangs up so a refused client cannot hold the
// connection by trickling a body nobody will read.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { type Duplex, pipeline } from 'node:stream';
import { dispatchKioskCall } from '../../shared/dispatch';
import { fail, type Result } from '../../shared/errors';
import type { KioskHandlers } from '../../shared/kiosk-api';
import type { Logger } from '../services/logger';
import { isJsonMediaType } from '../../shared/media-type';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import type { ExportFiles } from '../services/reports/export-files';
import { withExportDownloads } from './export-downloads';
import { readSpeechAudio, type SpeechAudioFiles } from '../services/speech-audio';
import { SPEECH_AUDIO_ROUTE } from '../../shared/speech-prompts';

export const TOKEN_HEADER = 'x-kiosk-token';
/** The page address carries the token as `#token=…`; the renderer reads and removes it. */
export const TOKEN_FRAGMENT_KEY = 'token';
export const MAX_BODY_BYTES = 64 * 1024;

export interface WebHostLimits {
  /** Open sockets at once; the kiosk's one browser needs a handful (Chromium opens up to 6). */
  maxConnections: number;
  /** Time for a client to send its request headers. */
  headersTimeoutMs: number;
  /** Time for a client to send its whole request, body included. */
  requestTimeoutMs: number;
  /** Size of the request line and headers together. */
  maxHeaderBytes: number;
}

export const DEFAULT_WEB_HOST_LIMITS: WebHostLimits = {
  maxConnections: 32,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxHeaderBytes: 16 * 1024,
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export interface WebHostOptions {
  handlers: KioskHandlers;
  rendererDir: string;
  logger: Logger;
  port?: number;
  /** Fixed only in tests; a fresh random token otherwise. */
  token?: string;
  /** Tests shorten these to see them act; the defaults suit the kiosk. */
  limits?: Partial<WebHostLimits>;
  /** The backend's finished exports, collected by the page at GET /exports/<fileId>. */
  exportFiles?: Pick<ExportFiles, 'take'> | null;
  /** The unit's recorded prompts listed at start, served at /speech-audio/<lang>/<prompt>.<ext>. */
  speechAudio?: Pick<SpeechAudioFiles, 'lookup'> | null;
}

export interface WebHost {
  /** The origin's root, `http://127.0.0.1:PORT/`, without the token. */
  url: string;
  /** What the kiosk's browser opens: `url` with the token in the fragment. */
  pageUrl: string;
  token: string;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------
// Answers

type Headers = Record<string, string | number>;

function jsonResponse(res: http.ServerResponse, status: number, body: Result<unknown>, headers: Headers = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * Answers a request the host will not serve and hangs up once the answer is out, so the
 * rest of its body is never read: a client trickling one would otherwise keep the socket.
 */
function refuse(res: http.ServerResponse, status: number, body: Result<unknown>, headers: Headers = {}): void {
  const socket: Socket | null = res.socket;
  res.once('finish', () => socket?.destroy());
  jsonResponse(res, status, body, { ...headers, Connection: 'close' });
}

// ---------------------------------------------------------------------------------------
// Security checks

function tokensEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

/** What the host accepts once it knows its port: DNS rebinding arrives with a foreign Host. */
interface Audience {
  hosts: ReadonlySet<string>;
  origins: ReadonlySet<string>;
}

function audienceFor(port: number): Audience {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  return { hosts, origins: new Set([...hosts].map((h) => `http://${h}`)) };
}

/** A refusal for an API request that must not reach the contract, or null when it may. */
function apiRequestRefusal(req: http.IncomingMessage, token: string, audience: Audience): { status: number; body: Result<never> } | null {
  const given = req.headers[TOKEN_HEADER];
  if (typeof given !== 'string' || !tokensEqual(given, token)) return { status: 401, body: fail('UNAUTHORIZED') };
  if (req.headers.origin !== undefined && !audience.origins.has(req.headers.origin)) {
    return { status: 403, body: fail('FORBIDDEN', { detail: 'cross-origin request' }) };
  }
  if (!isJsonMediaType(req.headers['content-type'])) {
    return { status: 415, body: fail('INVALID_INPUT', { field: '(body)', detail: 'Content-Type must be application/json' }) };
  }
  return null;
}

function hasBody(req: http.IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** The path of an origin-form request target (`/…`), or null for any other form. */
function requestPath(target: string | undefined): string | null {
  if (!target?.startsWith('/')) return null;
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

// ---------------------------------------------------------------------------------------
// API route: POST /api/<method>

const tooLarge = () => fail('INVALID_INPUT', { field: '(body)', detail: `body larger than ${MAX_BODY_BYTES} bytes` });

/** The body as text, or null as soon as it passes the limit (the rest is left unread). */
function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.off('data', onData);
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

type ApiRoute = (req: http.IncomingMessage, res: http.ServerResponse, method: string) => Promise<void>;

function apiRoute(handlers: KioskHandlers, logger: Logger, token: string, audience: () => Audience): ApiRoute {
  return async (req, res, method) => {
    if (req.method !== 'POST') {
      refuse(res, 405, fail('INVALID_INPUT', { detail: 'use POST' }), { Allow: 'POST' });
      return;
    }
    const refusal = apiRequestRefusal(req, token, audience());
    if (refusal) {
      refuse(res, refusal.status, refusal.body);
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      refuse(res, 413, tooLarge());
      return;
    }
    const text = await readBody(req);
    if (text === null) {
      refuse(res, 413, tooLarge());
      return;
    }
    let input: unknown;
    try {
      input = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      refuse(res, 400, fail('INVALID_INPUT', { field: '(body)', detail: 'body is not valid JSON' }));
      return;
    }
    const result = await dispatchKioskCall(handlers, method, input, (m, error) => logger.error({ method: m, err: error }, 'unexpected error in API handler'));
    if (!result.ok && result.error.code === 'NOT_FOUND') refuse(res, 404, result);
    else jsonResponse(res, 200, result);
  };
}

// ---------------------------------------------------------------------------------------
// Static files: the built renderer

/** Resolves a URL path inside rootDir, or null for anything that escapes it. */
export function resolveStaticFile(rootDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = path.resolve(rootDir, relative);
  const root = path.resolve(rootDir);
  return full.startsWith(root + path.sep) ? full : null;
}

function isMalformedPath(urlPath: string): boolean {
  try {
    return decodeURIComponent(urlPath).includes('\0');
  } catch {
    return true;
  }
}

type StaticRoute = (req: http.IncomingMessage, res: http.ServerResponse, urlPath: string) => Promise<void>;

async function fileStats(file: string | null): Promise<fs.Stats | null> {
  if (file === null) return null;
  try {
    const stats = await fs.promises.stat(file);
    return stats.isFile() ? stats : null;
  } catch {
    return null;
  }
}

function staticFiles(rendererDir: string, logger: Logger): StaticRoute {
  const indexPath = path.join(rendererDir, 'index.html');
  if (!fs.existsSync(indexPath)) throw new Error(`renderer not built: ${indexPath} is missing (npm run build:renderer)`);
  // Served as built: the token is never written into any file the host serves.
  const indexHtml = fs.readFileSync(indexPath);
  const csp = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY };

  return async (req, res, urlPath) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refuse(res, 405, fail('INVALID_INPUT', { detail: 'use GET or HEAD' }), { Allow: 'GET, HEAD' });
      return;
    }
    if (hasBody(req)) {
      refuse(res, 400, fail('INVALID_INPUT', { field: '(body)', detail: 'a GET or HEAD request carries no body' }));
      return;
    }
    if (isMalformedPath(urlPath)) {
      refuse(res, 400, fail('INVALID_INPUT', { detail: 'malformed path' }));
      return;
    }
    if (urlPath === '/' || urlPath === '/index.html') {
      res.writeHead(200, { ...csp, 'Content-Type': MIME['.html']!, 'Cache-Control': 'no-store', 'Content-Length': indexHtml.length });
      res.end(req.method === 'HEAD' ? undefined : indexHtml);
      return;
    }
    const file = resolveStaticFile(rendererDir, urlPath);
    const stats = await fileStats(file);
    if (file === null || stats === null) {
      refuse(res, 404, fail('NOT_FOUND', { detail: 'no such file' }), csp);
      return;
    }
    res.writeHead(200, {
      ...csp,
      'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'public, max-age=3600',
      'Content-Length': stats.size,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // A file that vanishes or turns unreadable mid-way ends this answer, not the host.
    pipeline(fs.createReadStream(file), res, (streamError) => {
      if (streamError && streamError.code !== 'ERR_STREAM_PREMATURE_CLOSE') logger.warn({ err: streamError, file }, 'static file read failed');
    });
  };
}

// ---------------------------------------------------------------------------------------
// Recorded speech prompts: GET /speech-audio/<lang>/<prompt>.<ext>

/**
 * Serves only the recordings the backend listed at start, by their exact path, so no request
 * reaches any other file. No token: an <audio> element cannot send one, and a prompt such as
 * "Ông/Bà có hài lòng…" is no secret; the Host check above still keeps other sites out.
 */
function withSpeechAudio(next: StaticRoute, files: Pick<SpeechAudioFiles, 'lookup'> | null | undefined): StaticRoute {
  return async (req, res, urlPath) => {
    if (!urlPath.startsWith(SPEECH_AUDIO_ROUTE)) return next(req, res, urlPath);
    const csp = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      refuse(res, 405, fail('INVALID_INPUT', { detail: 'use GET or HEAD' }), { Allow: 'GET, HEAD' });
      return;
    }
    const entry = files?.lookup(urlPath) ?? null;
    const bytes = entry ? await readSpeechAudio(entry) : null;
    if (!entry || !bytes) {
      refuse(res, 404, fail('NOT_FOUND', { detail: 'no such recording' }), csp);
      return;
    }
    res.writeHead(200, {
      ...csp,
      'Content-Type': entry.mime,
      // A unit may re-record a prompt; the next start lists the new file.
      'Cache-Control': 'no-cache',
      'Accept-Ranges': 'none',
      'Content-Length': bytes.length,
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  };
}

// ---------------------------------------------------------------------------------------
// The server: routing, connection limits, listening

/** How long a hung-up client's remaining bytes are read and dropped before the socket goes. */
const LINGER_MS = 1_000;

const hungUp = new WeakSet<Duplex>();

/**
 * A bare status line for a socket no response object owns, then the socket is closed. Such a
 * client is often still sending (an oversized header): closing with its bytes unread makes
 * the kernel answer with a reset, which can discard the status before the client reads it.
 * So what still arrives is read and dropped, for a moment at most, and then the socket goes.
 */
function hangUp(socket: Duplex, status: string): void {
  // Node's parser stays failed and reports every further chunk as another client error:
  // those belong to the hang-up already under way, which must not be cut short by a reset.
  if (hungUp.has(socket)) return;
  hungUp.add(socket);
  // Bytes already written belong to an earlier answer on this connection: do not mix in.
  if (!socket.writable || (socket as Partial<Socket>).bytesWritten) {
    socket.destroy();
    return;
  }
  const timer = setTimeout(() => socket.destroy(), LINGER_MS);
  socket.once('close', () => clearTimeout(timer));
  socket.once('end', () => socket.destroy());
  socket.on('data', () => {});
  socket.resume();
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function setCommonHeaders(res: http.ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
}

function createServer(limits: WebHostLimits, audience: () => Audience, api: ApiRoute, statics: StaticRoute, logger: Logger): http.Server {
  const server = http.createServer(
    {
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      requestTimeout: limits.requestTimeoutMs,
      // Node enforces both timeouts only this often (30 s by default).
      connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 4))),
      maxHeaderSize: limits.maxHeaderBytes,
    },
    (req, res) => {
      route(req, res).catch((error: unknown) => failed(res, error));
    },
  );

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    setCommonHeaders(res);
    if (!audience().hosts.has(req.headers.host ?? '')) {
      refuse(res, 403, fail('FORBIDDEN', { detail: 'unexpected Host header' }));
      return;
    }
    const urlPath = requestPath(req.url);
    if (urlPath === null) {
      refuse(res, 400, fail('INVALID_INPUT', { detail: 'the request target must be a path' }));
      return;
    }
    const apiMatch = /^\/api\/([A-Za-z]+)$/.exec(urlPath);
    if (apiMatch) await api(req, res, apiMatch[1]!);
    else await statics(req, res, urlPath);
  }

  function failed(res: http.ServerResponse, error: unknown): void {
    logger.error({ err: error }, 'web host request failed');
    if (res.headersSent) res.destroy();
    else refuse(res, 500, fail('INTERNAL'));
  }

  // Requests Node's parser refuses (bad request line, bad or oversized headers, timeouts)
  // never reach the handler above; nor do CONNECT and Upgrade requests, which the kiosk
  // never makes. Each gets a status line and the socket is closed.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET') socket.destroy();
    else
      hangUp(
        socket,
        error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? '408 Request Timeout'
          : error.code === 'HPE_HEADER_OVERFLOW'
            ? '431 Request Header Fields Too Large'
            : '400 Bad Request',
      );
  });
  server.on('connect', (_req, socket: Duplex) => hangUp(socket, '405 Method Not Allowed'));
  server.on('upgrade', (_req, socket: Duplex) => hangUp(socket, '400 Bad Request'));
  server.maxConnections = limits.maxConnections;
  return server;
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const limits = { ...DEFAULT_WEB_HOST_LIMITS, ...options.limits };
  // Known once listening; nothing is answered before that.
  let audience: Audience = { hosts: new Set(), origins: new Set() };
  // Export downloads (export-downloads.ts) are answered before the static files: GET
  // /exports/<fileId>, once, with the same token check as /api.
  const statics = withExportDownloads(withSpeechAudio(staticFiles(options.rendererDir, options.logger), options.speechAudio), {
    files: options.exportFiles,
    token,
    tokenHeader: TOKEN_HEADER,
    origins: () => audience.origins,
    logger: options.logger,
  });
  const api = apiRoute(options.handlers, options.logger, token, () => audience);
  const server = createServer(limits, () => audience, api, statics, options.logger);
  const port = await listen(server, options.port ?? 0);
  audience = audienceFor(port);
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    pageUrl: `${url}#${TOKEN_FRAGMENT_KEY}=${token}`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
