// The receiver's trust boundary: a kiosk's token speaks for one kiosk of one unit, ratings
// dated outside a sane window are refused one by one, a flooding kiosk is slowed with 429,
// free text is cleaned, and requests that are not even well-formed never take it down.
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendOversizedHead } from '../../support/oversized-head';
import { startReceiver, STORAGES, TEST_KIOSK_TOKEN, TEST_READER_TOKEN, type TestReceiver } from '../../support/city-server';
import { batch, get, post, wireRating } from './receiver-helpers';

const BATCH = '/v1/ratings/batch';
const OTHER_TOKEN = 'kiosk-02-token-0123456789';
const DAY = 86_400_000;
/** 2026-12-04 10:00 in Vietnam: the receiver's clock in these tests. */
const NOW = Date.parse('2026-12-04T10:00:00+07:00');
const at = (ms: number) => new Date(ms).toISOString();

describe.each(STORAGES)('on %s', (storage) => {
  let city: TestReceiver | null = null;
  afterEach(async () => {
    await city?.close();
    city = null;
  });

  async function start(over: Parameters<typeof startReceiver>[1] = {}) {
    city = await startReceiver(storage, {
      kiosks: [
        { kioskId: 'kiosk-01', unitCode: 'UNIT-A', token: TEST_KIOSK_TOKEN },
        { kioskId: 'kiosk-02', unitCode: 'UNIT-B', token: OTHER_TOKEN },
      ],
      now: () => NOW,
      ...over,
    });
    return city;
  }

  /**
   * Sends raw bytes and resolves with everything the server wrote before it closed the socket.
   * `keepSending` trickles on the real clock on purpose: a slow client against the receiver's
   * real deadlines is the case under test.
   */
  function raw(url: string, bytes: string, keepSending?: { chunk: string; everyMs: number }): Promise<{ text: string; closedAfterMs: number }> {
    const u = new URL(url);
    return new Promise((resolve) => {
      const t0 = Date.now();
      let text = '';
      let timer: NodeJS.Timeout | undefined;
      const socket = net.connect(Number(u.port), u.hostname, () => {
        socket.write(bytes);
        if (keepSending) timer = setInterval(() => socket.writable && socket.write(keepSending.chunk), keepSending.everyMs);
      });
      socket.on('data', (d) => (text += d.toString('latin1')));
      socket.on('error', () => {});
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ text, closedAfterMs: Date.now() - t0 });
      });
    });
  }

  describe('a kiosk token is bound to its kiosk and unit', () => {
    it('refuses a batch, a heartbeat and contacts that claim another unit or kiosk, and stores nothing', async () => {
      const c = await start();
      const r = wireRating({ seq: 1, createdAt: at(NOW - DAY) });
      const cases = [
        [batch([r], { unitCode: 'UNIT-B' }), TEST_KIOSK_TOKEN, 'unitCode'],
        [batch([r], { kioskId: 'kiosk-02', unitCode: 'UNIT-B' }), TEST_KIOSK_TOKEN, 'kioskId'],
        [batch([r], { kioskId: 'kiosk-01', unitCode: 'UNIT-A' }), OTHER_TOKEN, 'kioskId'],
      ] as const;
      for (const [body, token, field] of cases) {
        const res = await post(c.url, BATCH, body, token);
        expect(res, JSON.stringify({ field })).toMatchObject({ status: 403, json: { error: { code: 'forbidden', field } } });
      }
      const heartbeat = {
        protocol: 1,
        kioskId: 'kiosk-01',
        unitCode: 'UNIT-B',
        kioskTime: at(NOW),
        queueDepth: 0,
        oldestPendingAt: null,
        lastDeliveryAt: null,
        appVersion: '0.1.0',
      };
      expect((await post(c.url, '/v1/kiosks/heartbeat', heartbeat, TEST_KIOSK_TOKEN)).status).toBe(403);
      const contact = { id: wireRating({ seq: 1 }).id, phone: '0912345678', createdAt: at(NOW), consentVersion: 'v1' };
      const contacts = { protocol: 1, kioskId: 'kiosk-01', unitCode: 'UNIT-B', sentAt: at(NOW), contacts: [contact] };
      expect((await post(c.url, '/v1/contacts', contacts, TEST_KIOSK_TOKEN)).status).toBe(403);
      expect(await c.count()).toBe(0);
      expect(await c.query('SELECT COUNT(*) AS n FROM kiosks')).toEqual([{ n: 0 }]);
      expect(await c.query('SELECT COUNT(*) AS n FROM contacts')).toEqual([{ n: 0 }]);
    });

    it('will not start from a tokens file whose kiosk names no unit', async () => {
      await expect(startReceiver(storage, { kiosks: [{ kioskId: 'kiosk-01', token: TEST_KIOSK_TOKEN } as never] })).rejects.toThrow(/kiosks\.0\.unitCode/);
    });
  });

  describe('the window of accepted rating times', () => {
    it('rejects, one by one, ratings dated more than 400 days back or more than a day ahead, and stores the rest', async () => {
      const c = await start({ acceptWindow: { maxAgeDays: 400, maxAheadDays: 1 } });
      const ok = [wireRating({ seq: 1, createdAt: at(NOW - 399 * DAY) }), wireRating({ seq: 2, createdAt: at(NOW + DAY - 60_000) })];
      const old = wireRating({ seq: 3, createdAt: '2020-01-01T08:00:00.000+07:00' });
      const ahead = wireRating({ seq: 4, createdAt: '2099-01-01T08:00:00.000+07:00' });
      const res = await post(c.url, BATCH, batch([ok[0], old, ok[1], ahead]), TEST_KIOSK_TOKEN);
      expect(res.status).toBe(200);
      expect(res.json.accepted).toEqual([ok[0]!.id, ok[1]!.id]);
      expect(res.json.rejected).toEqual([
        { id: old.id, reason: 'created_at_too_old' },
        { id: ahead.id, reason: 'created_at_in_future' },
      ]);
      expect([...(await c.stored()).keys()].sort()).toEqual([ok[0]!.id, ok[1]!.id].sort());
      // A batch with nothing in the window is still answered, rating by rating.
      const none = await post(c.url, BATCH, batch([old]), TEST_KIOSK_TOKEN);
      expect(none).toMatchObject({ status: 200, json: { accepted: [], rejected: [{ id: old.id, reason: 'created_at_too_old' }] } });
    });

    it('tallies by the day of receipt as well as by the kiosk’s own day', async () => {
      let now = NOW;
      const c = await start({ now: () => now });
      // A kiosk whose clock ran two days behind: its own day says 2 December.
      const r = wireRating({ seq: 1, createdAt: '2026-12-02T10:00:00.000+07:00', level: 5 });
      expect((await post(c.url, BATCH, batch([r]), TEST_KIOSK_TOKEN)).status).toBe(200);
      now = Date.parse('2026-12-04T23:59:00+07:00');
      const late = wireRating({ seq: 2, createdAt: '2026-12-04T23:58:00.000+07:00', level: 2 });
      expect((await post(c.url, BATCH, batch([late]), TEST_KIOSK_TOKEN)).status).toBe(200);
      const tally = async (q: string) => JSON.parse((await get(c.url, `/v1/tally?${q}`, TEST_READER_TOKEN)).text) as { total: number; by: string };
      expect(await tally('from=2026-12-04&to=2026-12-04')).toMatchObject({ by: 'created', total: 1 });
      expect(await tally('from=2026-12-04&to=2026-12-04&by=received')).toMatchObject({ by: 'received', total: 2 });
      expect(await tally('from=2026-12-02&to=2026-12-02&by=received')).toMatchObject({ total: 0 });
      expect((await get(c.url, '/v1/tally?from=2026-12-04&to=2026-12-04&by=sent', TEST_READER_TOKEN)).status).toBe(400);
    });
  });

  describe('per-kiosk limits', () => {
    it('answers 429 with Retry-After past the requests per minute, for that kiosk only, and lets it in again next minute', async () => {
      let now = NOW - (NOW % 60_000) + 15_000;
      const c = await start({ now: () => now, rateLimits: { requestsPerMinute: 3, ratingsPerDay: 1_000 } });
      const send = (seq: number, token = TEST_KIOSK_TOKEN, over = {}) => post(c.url, BATCH, batch([wireRating({ seq, createdAt: at(now) })], over), token);
      for (let i = 1; i <= 3; i++) expect((await send(i)).status).toBe(200);
      const refused = await fetch(new URL(BATCH, c.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_KIOSK_TOKEN}` },
        body: JSON.stringify(batch([wireRating({ seq: 4, createdAt: at(now) })])),
      });
      expect(refused.status).toBe(429);
      expect(refused.headers.get('retry-after')).toBe('45');
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
      expect((await send(5, OTHER_TOKEN, { kioskId: 'kiosk-02', unitCode: 'UNIT-B' })).status).toBe(200);
      now += 45_000;
      expect((await send(6)).status).toBe(200);
      expect(await c.count()).toBe(5);
    });

    it('answers 429 past the ratings per day, storing none of the batch that would pass it', async () => {
      const c = await start({ rateLimits: { requestsPerMinute: 100, ratingsPerDay: 5 } });
      const rs = Array.from({ length: 6 }, (_, i) => wireRating({ seq: i + 1, createdAt: at(NOW - 60_000) }));
      expect((await post(c.url, BATCH, batch(rs.slice(0, 4)), TEST_KIOSK_TOKEN)).status).toBe(200);
      const over = await post(c.url, BATCH, batch(rs.slice(4, 6)), TEST_KIOSK_TOKEN);
      expect(over).toMatchObject({ status: 429, json: { error: { code: 'too_many_requests' } } });
      expect(await c.count()).toBe(4);
      expect((await post(c.url, BATCH, batch(rs.slice(4, 5)), TEST_KIOSK_TOKEN)).status).toBe(200);
    });
  });

  describe('free text from kiosks', () => {
    it('stores comments without control characters or bidi overrides, keeps line breaks, and sees a re-send as a duplicate', async () => {
      const c = await start();
      const r = wireRating({
        seq: 1,
        createdAt: at(NOW - 60_000),
        level: 2,
        reasons: ['late'],
        comment: 'Chờ\u0000 lâu\u0007\r\nquá\u001b \u202Efed',
        dossierCode: 'ABC\u0000-1',
      });
      const first = await post(c.url, BATCH, batch([r]), TEST_KIOSK_TOKEN);
      expect(first).toMatchObject({ status: 200, json: { accepted: [r.id] } });
      const content = JSON.parse((await c.stored()).get(r.id)!) as unknown[];
      expect(content[8]).toBe('Chờ lâu\nquá fed');
      expect(content[12]).toBe('ABC-1');
      const again = await post(c.url, BATCH, batch([r]), TEST_KIOSK_TOKEN);
      expect(again).toMatchObject({ status: 200, json: { duplicates: [r.id] } });
      const csv = (await get(c.url, '/v1/export.csv?from=2026-12-04&to=2026-12-04', TEST_READER_TOKEN)).text;
      expect(csv).not.toMatch(/[\u0000-\u0009\u000b\u000c\u000e-\u001f\u202a-\u202e]/);
    });
  });

  /** Splits one CSV line the way a spreadsheet does (RFC 4180 quotes) with the given separator. */
  function cells(line: string, sep: string): string[] {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted && ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') {
        quoted = !quoted;
      } else if (ch === sep && !quoted) {
        out.push(cur);
        cur = '';
      } else {
        cur += ch;
      }
    }
    return [...out, cur];
  }

  describe('the city CSV where Excel splits on ";"', () => {
    it('keeps "Tot lam;=2+3" in one cell, so no cell starts a formula, with either separator', async () => {
      const c = await start();
      const r = wireRating({ seq: 1, createdAt: at(NOW - 60_000), level: 2, reasons: ['late'], comment: 'Tot lam;=2+3' });
      expect((await post(c.url, BATCH, batch([r]), TEST_KIOSK_TOKEN)).status).toBe(200);
      const csv = (await get(c.url, '/v1/export.csv?from=2026-12-04&to=2026-12-04', TEST_READER_TOKEN)).text.replace(/^\uFEFF/, '');
      const line = csv.split('\r\n')[1]!;
      for (const sep of [',', ';']) {
        const split = cells(line, sep);
        expect(
          split.some((x) => /^[=+\-@]/.test(x)),
          `${sep}: ${JSON.stringify(split)}`,
        ).toBe(false);
      }
      expect(cells(line, ',')[9]).toBe('Tot lam;=2+3');
    });
  });

  describe('requests that are not well-formed', () => {
    it.each([
      ['GET //[ HTTP/1.1', 400],
      ['GET //evil.example/v1/health HTTP/1.1', 400],
      ['GET http://[::1 HTTP/1.1', 400],
      ['GET * HTTP/1.1', 400],
      ['GET /v1/tally?from=%E0%A4%A&to=2026-12-04 HTTP/1.1', 401],
      ['GET /v1/%2e%2e/%2e%2e/etc/passwd HTTP/1.1', 404],
    ])('answers %s with %i and keeps serving', async (line, status) => {
      const c = await start();
      const res = await raw(c.url, `${line}\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      expect(res.text).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect((await get(c.url, '/v1/health', null)).status).toBe(200);
    });

    it('answers an oversized header with 431 and reads on while the client is still sending, instead of resetting it', async () => {
      const c = await start();
      const { reply, reset } = await sendOversizedHead(Number(new URL(c.url).port), '127.0.0.1');
      expect(reply).toMatch(/^HTTP\/1\.1 431 /);
      expect(reset).toBe(false);
      expect((await get(c.url, '/v1/health', null)).status).toBe(200);
    });

    it('refuses application/jsonp, text/json and a charset other than UTF-8 with 415', async () => {
      const c = await start();
      const body = batch([wireRating({ seq: 1, createdAt: at(NOW) })]);
      for (const type of ['application/jsonp', 'text/json', 'application/json-patch+json', 'application/json; charset=latin1']) {
        const res = await post(c.url, BATCH, body, TEST_KIOSK_TOKEN, { 'content-type': type });
        expect(res.status, type).toBe(415);
      }
      expect((await post(c.url, BATCH, body, TEST_KIOSK_TOKEN, { 'content-type': 'Application/JSON; charset="UTF-8"' })).status).toBe(200);
      expect(await c.count()).toBe(1);
    });

    it('answers an unauthenticated client trickling a body with 401 and closes the connection instead of reading on', async () => {
      const c = await start({ lingerMs: 200, requestTimeoutMs: 30_000 });
      const head = `POST ${BATCH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{`;
      const res = await raw(c.url, head, { chunk: ' ', everyMs: 20 });
      expect(res.text).toMatch(/^HTTP\/1\.1 401 /);
      expect(res.text).toMatch(/connection: close/i);
      // Cut off long before the 30-second request deadline.
      expect(res.closedAfterMs).toBeLessThan(10_000);
    });

    it('refuses a body as soon as it passes the limit, without waiting for the rest', async () => {
      const c = await start({ maxBodyBytes: 4096, lingerMs: 200, requestTimeoutMs: 30_000 });
      // No Content-Length: chunked, so only the bytes themselves can show the size.
      const head = `POST ${BATCH} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TEST_KIOSK_TOKEN}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
      const chunk = `1000\r\n${'x'.repeat(4096)}\r\n`;
      const res = await raw(c.url, head + chunk + chunk, { chunk, everyMs: 20 });
      expect(res.text).toMatch(/^HTTP\/1\.1 413 /);
      // Cut off soon after the answer, not when the client stops sending.
      expect(res.closedAfterMs).toBeLessThan(3_000);
      expect(await c.count()).toBe(0);
    });
  });
});
