// The reference receiver: tokens, strict validation (nothing stored on a refusal),
// idempotency by id with conflict detection, and the heartbeat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, STORAGES, TEST_KIOSK_TOKEN, TEST_READER_TOKEN, type TestReceiver } from '../../support/city-server';
import { batch, post, wireRating } from './receiver-helpers';

describe.each(STORAGES)('on %s', (storage) => {
  let city: TestReceiver;
  beforeAll(async () => {
    city = await startReceiver(storage, {
      kiosks: [
        { kioskId: 'kiosk-01', unitCode: 'UNIT-A', token: TEST_KIOSK_TOKEN },
        { kioskId: 'kiosk-02', unitCode: 'UNIT-A', token: 'kiosk-02-token-0123456789' },
      ],
      maxBodyBytes: 64 * 1024,
    });
  });
  afterAll(async () => {
    await city.close();
  });

  const BATCH = '/v1/ratings/batch';

  describe('receiver tokens', () => {
    it('refuses a missing or unknown token (401), another kiosk or a reader token (403), and stores nothing', async () => {
      const b = batch([wireRating({ seq: 1 })]);
      expect((await post(city.url, BATCH, b, null)).status).toBe(401);
      expect((await post(city.url, BATCH, b, 'x'.repeat(30))).status).toBe(401);
      expect((await post(city.url, BATCH, b, `${TEST_KIOSK_TOKEN} extra`)).status).toBe(401);
      const other = await post(city.url, BATCH, b, 'kiosk-02-token-0123456789');
      expect(other).toMatchObject({ status: 403, json: { error: { code: 'forbidden', field: 'kioskId' } } });
      expect((await post(city.url, BATCH, b, TEST_READER_TOKEN)).status).toBe(403);
      expect((await city.stored()).has((b.ratings[0] as { id: string }).id)).toBe(false);
    });
  });

  describe('receiver validation', () => {
    const bad: Array<[string, (r: ReturnType<typeof wireRating>) => unknown, string]> = [
      ['level off the 3-level scale', (r) => ({ ...r, level: 3 }), 'ratings.1.level'],
      ['level out of range', (r) => ({ ...r, scale: 5, level: 6 }), 'ratings.1.level'],
      ['id not a uuid', (r) => ({ ...r, id: 'abc' }), 'ratings.1.id'],
      ['createdAt without offset', (r) => ({ ...r, createdAt: '2026-03-02T09:15:00' }), 'ratings.1.createdAt'],
      // A unit's own keys are accepted (`rude` would be one): only a malformed key is refused.
      ['reason that is not a key', (r) => ({ ...r, reasons: ['Thái độ'] }), 'ratings.1.reasons.0'],
      ['repeated reason', (r) => ({ ...r, reasons: ['late', 'late'] }), 'ratings.1.reasons'],
      ['comment too long', (r) => ({ ...r, comment: 'x'.repeat(501) }), 'ratings.1.comment'],
      ['unknown key', (r) => ({ ...r, phone: '0900000000' }), 'ratings.1.phone'],
      ['missing field', (r) => ({ ...r, misuseFlag: undefined }), 'ratings.1.misuseFlag'],
      ['seq not an integer', (r) => ({ ...r, seq: 1.5 }), 'ratings.1.seq'],
    ];
    it.each(bad)('refuses a batch with one rating having %s, names the field, stores none of it', async (_name, spoil, field) => {
      const good = wireRating({ seq: 1 });
      const r2 = wireRating({ seq: 2 });
      const res = await post(city.url, BATCH, batch([good, spoil(r2)]), TEST_KIOSK_TOKEN);
      expect(res.status).toBe(400);
      expect(res.json.error).toMatchObject({ code: 'invalid_request', field });
      expect((await city.stored()).has(good.id)).toBe(false);
    });

    it('refuses a bad envelope, bad JSON, a wrong content type, duplicate ids and an oversized body', async () => {
      const r = wireRating({ seq: 1 });
      const cases: Array<[unknown, number, string | undefined, Record<string, string>?]> = [
        [batch([r], { protocol: 2 }), 400, 'protocol'],
        [batch([r], { sentAt: 'yesterday' }), 400, 'sentAt'],
        [batch([]), 400, 'ratings'],
        [batch([r, r]), 400, 'ratings'],
        [batch([r], { extra: 1 }), 400, 'extra'],
        ['{"protocol":1,', 400, '(body)'],
        [batch([r]), 415, undefined, { 'content-type': 'text/plain' }],
      ];
      for (const [body, status, field, headers] of cases) {
        const res = await post(city.url, BATCH, body, TEST_KIOSK_TOKEN, headers);
        expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status);
        if (field) expect(res.json.error?.field).toBe(field);
      }
      const big = batch(Array.from({ length: 400 }, (_, i) => wireRating({ seq: i + 1, comment: 'x'.repeat(300) })));
      const res = await post(city.url, BATCH, big, TEST_KIOSK_TOKEN);
      expect(res).toMatchObject({ status: 413, json: { error: { code: 'payload_too_large' } } });
      expect((await city.stored()).has(r.id)).toBe(false);
    });

    it('answers 404 and 405 with JSON errors', async () => {
      expect((await post(city.url, '/v1/nothing', {}, TEST_KIOSK_TOKEN)).json.error?.code).toBe('not_found');
      const res = await fetch(new URL(BATCH, city.url));
      expect(res.status).toBe(405);
    });
  });

  describe('receiver idempotency', () => {
    it('accepts new ids, reports the same content again as duplicates and other content as a conflict', async () => {
      const a = wireRating({ seq: 10, reasons: ['late', 'fees'], comment: 'Chờ lâu', level: 2 });
      const b = wireRating({ seq: 11 });
      const first = await post(city.url, BATCH, batch([a, b]), TEST_KIOSK_TOKEN);
      expect(first).toMatchObject({ status: 200, json: { accepted: [a.id, b.id], duplicates: [], rejected: [] } });
      const c = wireRating({ seq: 12 });
      // Same content with the keys in another order is still the same rating.
      const aReordered = Object.fromEntries(Object.entries(a).reverse());
      const again = await post(city.url, BATCH, batch([aReordered, { ...b, level: 4 }, c]), TEST_KIOSK_TOKEN);
      expect(again).toMatchObject({
        status: 200,
        json: { accepted: [c.id], duplicates: [a.id], rejected: [{ id: b.id, reason: 'conflict' }] },
      });
      // The first content stays.
      expect(JSON.parse((await city.stored()).get(b.id)!)[6]).toBe(5);
      // A kiosk speaks only for the unit its token is bound to: nothing of the batch is stored.
      const before = await city.count();
      const moved = await post(city.url, BATCH, batch([a, wireRating({ seq: 13 })], { unitCode: 'UNIT-B' }), TEST_KIOSK_TOKEN);
      expect(moved).toMatchObject({ status: 403, json: { error: { code: 'forbidden', field: 'unitCode' } } });
      expect(await city.count()).toBe(before);
    });
  });

  describe('receiver heartbeat', () => {
    it('answers with its time and records the kiosk', async () => {
      const body = {
        protocol: 1,
        kioskId: 'kiosk-01',
        unitCode: 'UNIT-A',
        kioskTime: new Date(Date.now() - 90_000).toISOString(),
        queueDepth: 3,
        oldestPendingAt: '2026-03-02T09:15:00.000+07:00',
        lastDeliveryAt: null,
        appVersion: '0.1.0',
      };
      const before = Date.now();
      const res = await post(city.url, '/v1/kiosks/heartbeat', body, TEST_KIOSK_TOKEN);
      expect(res.status).toBe(200);
      const t = Date.parse(res.json.serverTime as string);
      expect(t).toBeGreaterThanOrEqual(before - 5);
      expect(t).toBeLessThanOrEqual(Date.now() + 5);
      const [row] = await city.query<{ clock_skew_ms: number; heartbeat: string }>(`SELECT * FROM kiosks WHERE kiosk_id = 'kiosk-01'`);
      expect(row!.clock_skew_ms).toBeGreaterThan(89_000);
      expect(JSON.parse(row!.heartbeat)).toMatchObject({ queueDepth: 3 });
      expect((await post(city.url, '/v1/kiosks/heartbeat', { ...body, queueDepth: -1 }, TEST_KIOSK_TOKEN)).json.error?.field).toBe('queueDepth');
      expect((await post(city.url, '/v1/kiosks/heartbeat', body, 'kiosk-02-token-0123456789')).status).toBe(403);
    });
  });
});
