// Sessions are checked by any receiver process from the cookie alone: signed with a key
// derived from the reader's token, expiring after 12 hours, void once the token is gone.
import { describe, expect, it } from 'vitest';
import { parseCookies, SESSION_LIFETIME_MS, sessionKey, sessionKeys, setCookie, signSession, verifySession } from '../../../server/dashboard/session';
import { buildTokenIndex, tokenDigest } from '../../../server/tokens';

const READER = 'reader-token-0123456789abc';
const KIOSK = 'kiosk-token-0123456789abcd';
const index = (readerToken: string) =>
  buildTokenIndex({ kiosks: [{ kioskId: 'k1', unitCode: 'PKU', token: KIOSK }], readers: [{ name: 'Sở Nội vụ', token: readerToken }] });
const T0 = Date.parse('2026-12-01T02:00:00Z');

describe('dashboard sessions', () => {
  const keys = sessionKeys(index(READER));
  const cookie = signSession('Sở Nội vụ', sessionKey(tokenDigest(READER)), T0 + SESSION_LIFETIME_MS);

  it('names the reader until the session expires, and no longer', () => {
    expect(verifySession(cookie, keys, T0)).toBe('Sở Nội vụ');
    expect(verifySession(cookie, keys, T0 + SESSION_LIFETIME_MS - 1)).toBe('Sở Nội vụ');
    expect(verifySession(cookie, keys, T0 + SESSION_LIFETIME_MS)).toBeNull();
  });

  it('refuses a tampered name, expiry or signature', () => {
    const [name, expiry, mac] = cookie.split('.') as [string, string, string];
    const otherName = Buffer.from('Admin', 'utf8').toString('base64url');
    expect(verifySession(`${otherName}.${expiry}.${mac}`, keys, T0)).toBeNull();
    expect(verifySession(`${name}.${Number(expiry) + 1}.${mac}`, keys, T0)).toBeNull();
    const flipped = mac.slice(0, -2) + (mac.at(-2) === 'A' ? 'B' : 'A') + mac.at(-1);
    expect(verifySession(`${name}.${expiry}.${flipped}`, keys, T0)).toBeNull();
    for (const junk of ['', '..', 'a.b.c', `${name}.${expiry}`, `${cookie}.x`, `${name}.-1.${mac}`]) expect(verifySession(junk, keys, T0)).toBeNull();
  });

  it('refuses an expiry further ahead than one lifetime, even correctly signed', () => {
    const far = signSession('Sở Nội vụ', sessionKey(tokenDigest(READER)), T0 + SESSION_LIFETIME_MS + 60_000);
    expect(verifySession(far, keys, T0)).toBeNull();
  });

  it('ends every session of a token when the token is rotated or removed', () => {
    expect(verifySession(cookie, sessionKeys(index('reader-token-rotated-000000')), T0)).toBeNull();
    expect(verifySession(cookie, sessionKeys(buildTokenIndex({ kiosks: [], readers: [] })), T0)).toBeNull();
  });

  it('never derives a session key from a kiosk token', () => {
    const forged = signSession('k1', sessionKey(tokenDigest(KIOSK)), T0 + 1000);
    expect(verifySession(forged, keys, T0)).toBeNull();
    expect([...keys.keys()]).toEqual(['Sở Nội vụ']);
  });

  it('accepts either token of two readers sharing a name', () => {
    const two = sessionKeys(
      buildTokenIndex({
        readers: [
          { name: 'x', token: 'reader-a-0123456789' },
          { name: 'x', token: 'reader-b-0123456789' },
        ],
      }),
    );
    expect(verifySession(signSession('x', sessionKey(tokenDigest('reader-b-0123456789')), T0 + 1000), two, T0)).toBe('x');
  });

  it('writes cookies HttpOnly, SameSite=Strict, on /dashboard, Secure only when asked', () => {
    expect(setCookie('s', 'v', { maxAgeSeconds: 43200, secure: false })).toBe('s=v; Max-Age=43200; Path=/dashboard; HttpOnly; SameSite=Strict');
    expect(setCookie('s', '', { maxAgeSeconds: 0, secure: true })).toBe('s=; Max-Age=0; Path=/dashboard; HttpOnly; SameSite=Strict; Secure');
  });

  it('reads a Cookie header, first value of a name winning', () => {
    const c = parseCookies('a=1; dashboard_session=x.y.z; a=2;junk; =v; lang=en');
    expect(Object.fromEntries(c)).toEqual({ a: '1', dashboard_session: 'x.y.z', lang: 'en' });
    expect(parseCookies(undefined).size).toBe(0);
  });
});
