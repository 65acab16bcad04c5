// The browser shell: serves the built renderer and the KioskApi over HTTP on 127.0.0.1.
// Every API call must carry the per-start token that only the served page receives, so
// other local programs and web pages cannot submit or read ratings.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { dispatchKioskCall } from '../../shared/dispatch';
import { fail, type Result } from '../../shared/errors';
import type { KioskHandlers } from '../../shared/kiosk-api';
import type { Logger } from '../services/logger';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';


export const TOKEN_HEADER = 'x-kiosk-token';
export const TOKEN_PLACEHOLDER = '%KIOSK_TOKEN%';
const MAX_BODY_BYTES = 64 * 1024;

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
}

export interface WebHost {
  url: string;
  token: string;
  close(): Promise<void>;
}

function tokensEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

function sendJson(res: http.ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is drained and dropped, so the client still gets its 413.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

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

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  const indexPath = path.join(options.rendererDir, 'index.html');
  if (!fs.existsSync(indexPath)) throw new Error(`renderer not built: ${indexPath} is missing (npm run build:renderer)`);
  const indexHtml = fs.readFileSync(indexPath, 'utf8').replace(TOKEN_PLACEHOLDER, token);
  let origin = '';
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, method: string): Promise<void> {
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string' || !tokensEqual(given, token)) {
      sendJson(res, 401, fail('UNAUTHORIZED'));
      return;
    }
    if (req.headers.origin && !allowedOrigins.has(req.headers.origin)) {
      sendJson(res, 403, fail('FORBIDDEN', { detail: 'cross-origin request' }));
      return;
    }
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      sendJson(res, 415, fail('INVALID_INPUT', { field: '(body)', detail: 'Content-Type must be application/json' }));
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    const text = declared > MAX_BODY_BYTES ? null : await readBody(req);
    if (text === null) {
      res.setHeader('Connection', 'close');
      sendJson(res, 413, fail('INVALID_INPUT', { field: '(body)', detail: `body larger than ${MAX_BODY_BYTES} bytes` }));
      return;
    }
    let input: unknown;
    try {
      input = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      sendJson(res, 400, fail('INVALID_INPUT', { field: '(body)', detail: 'body is not valid JSON' }));
      return;
    }
    const result = await dispatchKioskCall(options.handlers, method, input, (m, error) =>
      options.logger.error({ method: m, err: error }, 'unexpected error in API handler'),
    );
    sendJson(res, result.ok || result.error.code !== 'NOT_FOUND' ? 200 : 404, result);
  }

  function handleStatic(req: http.IncomingMessage, res: http.ServerResponse, urlPath: string): void {
    const headers = { 'Content-Security-Policy': CONTENT_SECURITY_POLICY };
    if (urlPath === '/' || urlPath === '/index.html') {
      res.writeHead(200, { ...headers, 'Content-Type': MIME['.html']!, 'Cache-Control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : indexHtml);
      return;
    }
    const file = resolveStaticFile(options.rendererDir, urlPath);
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    res.writeHead(200, {
      ...headers,
      'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'public, max-age=3600',
    });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
  }

  const server = http.createServer((req, res) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    // A DNS-rebinding page would arrive with a foreign Host header.
    if (!allowedHosts.has(req.headers.host ?? '')) {
      sendJson(res, 403, fail('FORBIDDEN', { detail: 'unexpected Host header' }));
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    const apiMatch = /^\/api\/([A-Za-z]+)$/.exec(url.pathname);
    if (apiMatch) {
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        sendJson(res, 405, fail('INVALID_INPUT', { detail: 'use POST' }));
        return;
      }
      handleApi(req, res, apiMatch[1]!).catch((error: unknown) => {
        options.logger.error({ err: error }, 'API request failed');
        if (!res.headersSent) sendJson(res, 500, fail('INTERNAL'));
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    handleStatic(req, res, url.pathname);
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));
  return {
    url: `${origin}/`,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
