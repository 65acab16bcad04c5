// Property-based fuzzing of every receiver route, over real HTTP: whatever arrives, the answer
// is a JSON error in the 4xx range or a valid answer, the receiver keeps running, and a
// refused request stores nothing. Short by default (FUZZ_RUNS, default 200 per property);
// SOAK=1 runs ten times as many on a random seed, printed so a failure can be replayed with FUZZ_SEED.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzParams, nastyValue } from '../../support/fuzz';
import { startReceiver, STORAGES, TEST_KIOSK_TOKEN, TEST_READER_TOKEN, type TestReceiver } from '../../support/city-server';
import { batch, wireRating } from './receiver-helpers';

const params = fuzzParams('receiver-fuzz', 200);

describe.each(STORAGES)('on %s', (storage) => {
  let city: TestReceiver;
  beforeAll(async () => {
    city = await startReceiver(storage, { kiosks: [{ kioskId: 'kiosk-01', unitCode: 'UNIT-A', token: TEST_KIOSK_TOKEN }] });
  });
  afterAll(async () => {
    await city.close();
  });

  const rows = async () =>
    Number(
      (
        await city.query<{ n: number }>(
          'SELECT (SELECT COUNT(*) FROM ratings) + (SELECT COUNT(*) FROM ratings_dossier_repeat) + (SELECT COUNT(*) FROM contacts) + (SELECT COUNT(*) FROM kiosks) AS n',
        )
      )[0]!.n,
    );

  async function send(path: string, body: string, headers: Record<string, string> = {}) {
    const res = await fetch(new URL(path, city.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_KIOSK_TOKEN}`, ...headers },
      body,
    });
    const text = await res.text();
    return { status: res.status, text };
  }

  /** Every answer is JSON; every refusal is a 4xx with the protocol's error body. */
  function expectWellFormed(r: { status: number; text: string }) {
    expect(r.status, r.text).toBeLessThan(500);
    const json = JSON.parse(r.text) as { error?: { code?: unknown } };
    if (r.status >= 400) expect(typeof json.error?.code).toBe('string');
  }

  const ROUTES = ['/v1/ratings/batch', '/v1/kiosks/heartbeat', '/v1/contacts'] as const;

  describe('receiver fuzzing', () => {
    it('answers arbitrary JSON on every upload route with a 4xx JSON error and stores nothing', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...ROUTES), nastyValue, async (route, value) => {
          const before = await rows();
          const r = await send(route, JSON.stringify(value) ?? 'null');
          expectWellFormed(r);
          expect(r.status).toBeGreaterThanOrEqual(400);
          expect(await rows()).toBe(before);
        }),
        params,
      );
    });

    it('answers bodies that are not JSON, or not UTF-8, with 400 and stores nothing', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...ROUTES), fc.string({ unit: 'binary', maxLength: 200 }), async (route, text) => {
          fc.pre(!isJson(text));
          const before = await rows();
          const r = await send(route, text);
          expectWellFormed(r);
          expect(r.status).toBe(400);
          expect(await rows()).toBe(before);
        }),
        params,
      );
    });

    it('takes a valid batch with one field spoiled either whole (200) or not at all (4xx)', async () => {
      const target = fc.oneof(
        fc.record({ where: fc.constant('rating' as const), field: fc.constantFrom(...Object.keys(wireRating({ seq: 1 }))) }),
        fc.record({ where: fc.constant('envelope' as const), field: fc.constantFrom('protocol', 'kioskId', 'unitCode', 'sentAt', 'ratings', '__proto__') }),
      );
      let seq = 1;
      await fc.assert(
        fc.asyncProperty(target, nastyValue, async ({ where, field }, value) => {
          const now = new Date().toISOString();
          const ratings = [wireRating({ seq: seq++, createdAt: now }), wireRating({ seq: seq++, createdAt: now })];
          const body =
            where === 'envelope'
              ? { ...batch(ratings, { unitCode: 'UNIT-A' }), [field]: value }
              : batch([ratings[0], { ...ratings[1], [field]: value }], { unitCode: 'UNIT-A' });
          const before = await rows();
          const r = await send('/v1/ratings/batch', JSON.stringify(body));
          expectWellFormed(r);
          if (r.status === 200) {
            const ack = JSON.parse(r.text) as { accepted: string[] };
            // Whatever passed validation is stored, and nothing besides.
            expect((await rows()) - before).toBe(ack.accepted.length);
          } else expect(await rows()).toBe(before);
        }),
        params,
      );
    });

    it('answers arbitrary paths, queries and methods with a 4xx or a valid read, never a 5xx', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
          fc.constantFrom('/v1/tally', '/v1/export.csv', '/v1/health', '/v1/ratings/batch', '/', '/v2/x'),
          fc.string({ maxLength: 60 }),
          fc.constantFrom(TEST_READER_TOKEN, TEST_KIOSK_TOKEN, 'nonsense-token-0123456789', ''),
          async (method, path, query, token) => {
            const url = `${city.url.replace(/\/$/, '')}${path}?${encodeURIComponent(query).replace(/%3D/g, '=').replace(/%26/g, '&')}`;
            const res = await fetch(url, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
            const text = await res.text();
            expect(res.status, text).toBeLessThan(500);
          },
        ),
        params,
      );
    });
  });
});

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
