// The web host's half of exportReport: the backend's export worker has written the file and
// answered with its id; the page then fetches it once, here, at GET /exports/<fileId>, with
// the same per-start token as /api (so no other local program or page can collect a report),
// and saves it through a Blob. The file is deleted once sent, whether or not the page kept it.
import crypto from 'node:crypto';
import type http from 'node:http';
import { pipeline } from 'node:stream';
import fs from 'node:fs';
import { fail, type Result } from '../../shared/errors';
import type { Logger } from '../services/logger';
import type { ExportFiles } from '../services/reports/export-files';

export const EXPORT_DOWNLOAD_PREFIX = '/exports/';

export interface ExportDownloadDeps {
  /** The backend's finished exports; without them (start-up failed) every download is 404. */
  files: Pick<ExportFiles, 'take'> | null | undefined;
  token: string;
  /** The header the token travels in, as for /api. */
  tokenHeader: string;
  /** Origins the host accepts once it is listening. */
  origins: () => ReadonlySet<string>;
  logger: Logger;
}

type Route = (req: http.IncomingMessage, res: http.ServerResponse, urlPath: string) => Promise<void>;

function sameToken(given: unknown, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** Refusals hang up, as the host's own do: a refused client gets no open socket to hold. */
function refuse(res: http.ServerResponse, status: number, body: Result<never>, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  const socket = res.socket;
  res.once('finish', () => socket?.destroy());
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
    Connection: 'close',
  });
  res.end(text);
}

/** `attachment` with the name twice: plain ASCII for old clients, RFC 5987 UTF-8 for the rest. */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

async function serve(deps: ExportDownloadDeps, req: http.IncomingMessage, res: http.ServerResponse, fileId: string): Promise<void> {
  // GET only: a HEAD would spend the one collection without delivering the file.
  if (req.method !== 'GET') {
    refuse(res, 405, fail('INVALID_INPUT', { detail: 'use GET' }), { Allow: 'GET' });
    return;
  }
  if (!sameToken(req.headers[deps.tokenHeader], deps.token)) {
    refuse(res, 401, fail('UNAUTHORIZED'));
    return;
  }
  if (req.headers.origin !== undefined && !deps.origins().has(req.headers.origin)) {
    refuse(res, 403, fail('FORBIDDEN', { detail: 'cross-origin request' }));
    return;
  }
  const taken = deps.files?.take(fileId) ?? null;
  if (!taken) {
    refuse(res, 404, fail('NOT_FOUND', { detail: 'no such export, or it was already collected or has expired' }));
    return;
  }
  let body: fs.ReadStream;
  try {
    body = fs.createReadStream(taken.file);
    await new Promise<void>((resolve, reject) => {
      body.once('open', () => resolve());
      body.once('error', reject);
    });
  } catch (error) {
    deps.logger.error({ fileId, error: String(error) }, 'export file could not be read');
    await taken.dispose();
    refuse(res, 404, fail('NOT_FOUND', { detail: 'the export file is gone' }));
    return;
  }
  res.writeHead(200, {
    'Content-Type': taken.mime,
    'Content-Length': taken.bytes,
    'Content-Disposition': attachmentHeader(taken.fileName),
    'Cache-Control': 'no-store',
  });
  pipeline(body, res, (error) => {
    if (error) deps.logger.warn({ fileId, error: String(error) }, 'export download interrupted');
    else deps.logger.info({ fileId, bytes: taken.bytes }, 'report downloaded');
    void taken.dispose();
  });
}

/** `next` (the host's static files), with GET /exports/<fileId> answered first. */
export function withExportDownloads(next: Route, deps: ExportDownloadDeps): Route {
  return async (req, res, urlPath) => {
    if (!urlPath.startsWith(EXPORT_DOWNLOAD_PREFIX)) return next(req, res, urlPath);
    await serve(deps, req, res, urlPath.slice(EXPORT_DOWNLOAD_PREFIX.length));
  };
}
