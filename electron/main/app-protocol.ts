// The renderer is served from a privileged `app://kiosk/` origin instead of file://, so
// the CSP 'self', the IPC sender check and navigation guards all have one exact origin to
// compare with. Files come only from the built renderer folder.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import { SPEECH_AUDIO_ROUTE } from '../../shared/speech-prompts';
import { readSpeechAudio, type SpeechAudioFiles } from '../services/speech-audio';

export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

export { CONTENT_SECURITY_POLICY };

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
};

export function mimeTypeFor(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** True when `url` belongs to the kiosk's own origin (used for navigation and IPC checks). */
export function isAppUrl(url: string | null | undefined): boolean {
  return typeof url === 'string' && url.startsWith(`${APP_ORIGIN}/`);
}

/**
 * Maps an app:// URL to a file inside `rootDir`, or null when the URL names another host,
 * escapes the root (`..`, encoded or not), or is malformed. `rootDir` must be absolute.
 */
export function resolveAppFile(url: string, rootDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.hostname !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // Encoded dot segments and backslashes survive URL parsing; on Windows `\` separates too.
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const segments = pathname.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.' || /^[A-Za-z]:$/.test(s))) return null;
  if (segments.length === 0) segments.push('index.html');
  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...segments);
  if (!file.startsWith(root + path.sep)) return null;
  return file;
}

function headersFor(contentType: string): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    // A kiosk update replaces the files on disk; never serve a stale copy from cache.
    'cache-control': 'no-cache',
  };
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: headersFor('text/plain; charset=utf-8') });
}

/** The backend's recorded prompts; a getter, since the protocol is installed before the backend starts. */
export type SpeechAudioSource = () => Pick<SpeechAudioFiles, 'lookup'> | null;

/**
 * A recording the backend listed at start (`app://kiosk/speech-audio/<lang>/<prompt>.<ext>`),
 * looked up by its exact path: the files beside the configuration are reachable only this way.
 */
async function speechAudioResponse(request: Request, speechAudio: SpeechAudioSource): Promise<Response> {
  const entry = speechAudio()?.lookup(new URL(request.url).pathname) ?? null;
  const bytes = entry ? await readSpeechAudio(entry) : null;
  if (!entry || !bytes) return textResponse(404, 'not found');
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(bytes), { status: 200, headers: headersFor(entry.mime) });
}

function isSpeechAudioUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.hostname === APP_HOST && parsed.pathname.startsWith(SPEECH_AUDIO_ROUTE);
  } catch {
    return false;
  }
}

/** The request handler for `protocol.handle(APP_SCHEME, …)`, kept free of Electron. */
export function createAppRequestHandler(
  rootDir: string,
  readFile: (file: string) => Promise<Uint8Array> = fs.readFile,
  speechAudio: SpeechAudioSource = () => null,
) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'method not allowed');
    if (isSpeechAudioUrl(request.url)) return speechAudioResponse(request, speechAudio);
    const file = resolveAppFile(request.url, rootDir);
    if (!file) return textResponse(403, 'forbidden');
    let body: Uint8Array;
    try {
      body = await readFile(file);
    } catch {
      return textResponse(404, 'not found');
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers: headersFor(mimeTypeFor(file)) });
  };
}

/** Must run before `app` is ready: privileges can only be granted at start-up. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true },
    },
  ]);
}

export function installAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string, speechAudio: SpeechAudioSource = () => null): void {
  protocol.handle(APP_SCHEME, createAppRequestHandler(rootDir, fs.readFile, speechAudio));
}
