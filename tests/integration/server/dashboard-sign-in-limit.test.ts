// Guessing reader tokens through the dashboard's sign-in form, over real HTTP on both storages:
// ten failed sign-ins from one address in a window, then that address is refused (429, even
// with the right token) until the window passes; other addresses are not; parallel guesses
// cannot slip past the count. Clients connect from other loopback addresses (127.0.0.x) to be
// other addresses; the receiver's clock is the test's.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SIGN_IN_LIMIT } from '../../../server/rate-limits';
import { startReceiver, STORAGES, TEST_KIOSK_TOKEN, TEST_READER_TOKEN, type TestReceiver } from '../../support/city-server';

const WINDOW_MS = DEFAULT_SIGN_IN_LIMIT.windowMinutes * 60_000;
// Five minutes into a window: ten minutes of it are left.
const WINDOW_START = Math.floor(Date.parse('2026-12-01T03:00:00Z') / WINDOW_MS) * WINDOW_MS;
const WRONG = 'reader-token-0123456789abX';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** A sign-in form post from `from`, a loopback address of the test's choosing. */
function signIn(base: string, token: string, from: string, query = '', headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(`/dashboard/login${query}`, base);
  const body = `token=${encodeURIComponent(token)}`;
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method: 'POST',
        localAddress: from,
        // A fresh connection each time: the address belongs to the connection.
        agent: false,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), origin: url.origin, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe.each(STORAGES)('dashboard sign-in limit on %s', (storage) => {
  let city: TestReceiver;
  let clock = WINDOW_START + 5 * 60_000;
  const logs: { obj: unknown; msg?: string }[] = [];
  const log = (obj: object | string, msg?: string) => void logs.push({ obj, msg });

  beforeAll(async () => {
    city = await startReceiver(storage, { now: () => clock, logger: { info: log, warn: log, error: log } });
  });

  afterAll(async () => {
    await city?.close();
  });

  it('refuses the 11th sign-in from an address after 10 failures, even with the right token, with 429, Retry-After and a page in Vietnamese', async () => {
    const from = '127.0.0.1';
    for (let i = 1; i <= DEFAULT_SIGN_IN_LIMIT.failures; i++) expect((await signIn(city.url, WRONG, from)).status, `failure ${i}`).toBe(401);
    const refused = await signIn(city.url, TEST_READER_TOKEN, from);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('600');
    expect(refused.headers['set-cookie']).toBeUndefined();
    expect(refused.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(refused.text).toContain('Quá nhiều lần đăng nhập sai. Vui lòng thử lại sau 10 phút.');
    // Refused attempts count nothing more, and say so in the reader's language.
    const english = await signIn(city.url, WRONG, from, '?lang=en');
    expect(english.status).toBe(429);
    expect(english.text).toContain('Too many failed sign-ins. Please try again in 10 min.');
    // Logged with the address, never with a token, right or wrong.
    const refusals = logs.filter((l) => l.msg === 'dashboard sign-in refused: too many failed sign-ins');
    expect(refusals).toHaveLength(2);
    expect(refusals[0]!.obj).toEqual({ client: from, retryAfterSeconds: 600 });
    const written = JSON.stringify(logs);
    expect(written).not.toContain(TEST_READER_TOKEN);
    expect(written).not.toContain(WRONG);
  });

  it('lets other addresses sign in and count their own failures meanwhile; their success does not clear the refused address', async () => {
    const signedIn = await signIn(city.url, TEST_READER_TOKEN, '127.0.0.2');
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers['set-cookie']?.[0]).toMatch(/^dashboard_session=/);
    expect((await signIn(city.url, WRONG, '127.0.0.3')).status).toBe(401);
    expect((await signIn(city.url, TEST_READER_TOKEN, '127.0.0.1')).status).toBe(429);
  });

  it('counts a kiosk’s token as a failure, and a success as none', async () => {
    const from = '127.0.0.4';
    for (let i = 1; i < DEFAULT_SIGN_IN_LIMIT.failures; i++) expect((await signIn(city.url, i % 2 ? WRONG : TEST_KIOSK_TOKEN, from)).status).toBe(401);
    // Nine failures, then a success: the tenth failure is still allowed, and refused after it.
    expect((await signIn(city.url, TEST_READER_TOKEN, from)).status).toBe(303);
    expect((await signIn(city.url, WRONG, from)).status).toBe(401);
    expect((await signIn(city.url, TEST_READER_TOKEN, from)).status).toBe(429);
  });

  it('lets exactly ten of twenty guesses sent at once through to be checked', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, () => signIn(city.url, WRONG, '127.0.0.5')));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array<number>(10).fill(401), ...Array<number>(10).fill(429)]);
  });

  it('lets the refused address in again once the window has passed', async () => {
    clock = WINDOW_START + WINDOW_MS - 1_000;
    const late = await signIn(city.url, TEST_READER_TOKEN, '127.0.0.1');
    expect(late.status).toBe(429);
    expect(late.headers['retry-after']).toBe('1');
    expect(late.text).toContain('Vui lòng thử lại sau 1 phút.');
    clock = WINDOW_START + WINDOW_MS;
    expect((await signIn(city.url, TEST_READER_TOKEN, '127.0.0.1')).status).toBe(303);
    // A fresh window: ten failures again before the next refusal.
    for (let i = 1; i <= DEFAULT_SIGN_IN_LIMIT.failures; i++) expect((await signIn(city.url, WRONG, '127.0.0.1')).status).toBe(401);
    expect((await signIn(city.url, WRONG, '127.0.0.1')).status).toBe(429);
  });

  it('behind a proxy IT named (--trusted-proxy) counts each client it forwards; from anyone else X-Forwarded-For is ignored', async () => {
    const behind = await startReceiver(storage, { now: () => clock, dashboard: { trustedProxies: ['127.0.0.9'] } });
    try {
      const proxy = '127.0.0.9';
      // The proxy appends the address it saw; what the client wrote before it counts for nothing.
      const via = (client: string, written = '') => ({ 'x-forwarded-for': written ? `${written}, ${client}` : client });
      for (let i = 1; i <= DEFAULT_SIGN_IN_LIMIT.failures; i++) {
        expect((await signIn(behind.url, WRONG, proxy, '', via('203.0.113.5', `198.51.100.${i}`))).status, `failure ${i}`).toBe(401);
      }
      expect((await signIn(behind.url, TEST_READER_TOKEN, proxy, '', via('203.0.113.5'))).status).toBe(429);
      // Another citizen of the province behind the same proxy still signs in.
      expect((await signIn(behind.url, TEST_READER_TOKEN, proxy, '', via('203.0.113.6'))).status).toBe(303);
      // Not a trusted proxy: its header is its own to write, and it is counted as itself.
      const other = '127.0.0.8';
      for (let i = 1; i <= DEFAULT_SIGN_IN_LIMIT.failures; i++) {
        expect((await signIn(behind.url, WRONG, other, '', { 'x-forwarded-for': `203.0.113.${100 + i}` })).status).toBe(401);
      }
      expect((await signIn(behind.url, TEST_READER_TOKEN, other, '', { 'x-forwarded-for': '203.0.113.200' })).status).toBe(429);
    } finally {
      await behind.close();
    }
  });
});
