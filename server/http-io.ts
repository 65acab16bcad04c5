// Request and response plumbing: bounded JSON bodies and JSON errors in the protocol's
// shape, so every refusal says what was wrong and nothing half-read is ever stored.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isJsonMediaType } from '../shared/media-type';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail?: string,
    readonly field?: string,
  ) {
    super(`${status} ${code}${detail ? `: ${detail}` : ''}`);
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendError(res: ServerResponse, e: HttpError, extraHeaders: Record<string, string> = {}): void {
  const headers: Record<string, string> = { ...extraHeaders };
  if (e.status === 401) headers['www-authenticate'] = 'Bearer';
  sendJson(res, e.status, { error: { code: e.code, ...(e.detail ? { detail: e.detail } : {}), ...(e.field ? { field: e.field } : {}) } }, headers);
}

export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  if (!isJsonMediaType(req.headers['content-type'])) throw new HttpError(415, 'unsupported_media_type', 'send application/json');
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (declared > maxBytes) throw new HttpError(413, 'payload_too_large', `at most ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpError(413, 'payload_too_large', `at most ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_json', 'the body is not valid JSON', '(body)');
  }
}
