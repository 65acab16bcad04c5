// Dashboard sessions that any receiver process can check without shared memory: the cookie
// is the reader's name and an expiry, signed with HMAC-SHA256 under a key derived from that
// reader's token. Removing or rotating the token changes the key, which ends its sessions.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Principal } from '../tokens';

export const SESSION_COOKIE = 'dashboard_session';
export const LANG_COOKIE = 'lang';
export const SESSION_LIFETIME_MS = 12 * 3_600_000;

/** Reader name → the session keys of that name's tokens (names need not be unique). */
export type SessionKeys = Map<string, Buffer[]>;

const KEY_LABEL = 'city-dashboard-session-v1';

/** The key for sessions opened with the token whose SHA-256 (hex) is `tokenDigest`. */
export function sessionKey(tokenDigest: string): Buffer {
  return createHmac('sha256', Buffer.from(tokenDigest, 'hex')).update(KEY_LABEL).digest();
}

export function sessionKeys(tokens: Map<string, Principal>): SessionKeys {
  const keys: SessionKeys = new Map();
  for (const [digest, who] of tokens) {
    if (who.kind !== 'reader') continue;
    const list = keys.get(who.name) ?? [];
    list.push(sessionKey(digest));
    keys.set(who.name, list);
  }
  return keys;
}

const mac = (key: Buffer, name: string, expiresAtMs: number) => createHmac('sha256', key).update(`${name}\n${expiresAtMs}`).digest();

export function signSession(name: string, key: Buffer, expiresAtMs: number): string {
  return `${Buffer.from(name, 'utf8').toString('base64url')}.${expiresAtMs}.${mac(key, name, expiresAtMs).toString('base64url')}`;
}

/** The reader a cookie value speaks for, or null: malformed, expired, forged, or its token gone. */
export function verifySession(value: string, keys: SessionKeys, nowMs: number): string | null {
  const m = /^([A-Za-z0-9_-]{1,600})\.(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!m) return null;
  const name = Buffer.from(m[1]!, 'base64url').toString('utf8');
  const expiresAtMs = Number(m[2]);
  // An expiry beyond one lifetime from now was never issued by a receiver whose clock is right.
  if (!(expiresAtMs > nowMs) || expiresAtMs > nowMs + SESSION_LIFETIME_MS) return null;
  const given = Buffer.from(m[3]!, 'base64url');
  for (const key of keys.get(name) ?? []) {
    const want = mac(key, name, expiresAtMs);
    if (given.length === want.length && timingSafeEqual(given, want)) return name;
  }
  return null;
}

/** Cookie header → name → value; the first of a repeated name wins, as browsers send the most specific first. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (name && !out.has(name)) out.set(name, value);
  }
  return out;
}

export interface CookieOptions {
  maxAgeSeconds: number;
  secure: boolean;
}

/** Always HttpOnly, SameSite=Strict and confined to the dashboard's paths. */
export function setCookie(name: string, value: string, o: CookieOptions): string {
  return [`${name}=${value}`, `Max-Age=${o.maxAgeSeconds}`, 'Path=/dashboard', 'HttpOnly', 'SameSite=Strict', ...(o.secure ? ['Secure'] : [])].join('; ');
}
