// POST /v1/contacts: survey phone numbers, same tokens as the batches, stored in a table of
// their own that neither the tally nor the export reads.
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, STORAGES, TEST_KIOSK_TOKEN, TEST_READER_TOKEN, type TestReceiver } from '../../support/city-server';
import { batch, get, post, wireRating } from './receiver-helpers';

const CONTACTS = '/v1/contacts';
const KIOSK_2_TOKEN = 'kiosk-02-token-0123456789';

describe.each(STORAGES)('on %s', (storage) => {
  let city: TestReceiver;
  beforeAll(async () => {
    city = await startReceiver(storage, {
      kiosks: [
        { kioskId: 'kiosk-01', unitCode: 'UNIT-A', token: TEST_KIOSK_TOKEN },
        { kioskId: 'kiosk-02', unitCode: 'UNIT-A', token: KIOSK_2_TOKEN },
      ],
    });
  });
  afterAll(async () => {
    await city.close();
  });

  const contact = (over: Record<string, unknown> = {}) => ({
    id: uuidv7(),
    phone: '0912345678',
    createdAt: '2026-03-02T09:16:00.000+07:00',
    consentVersion: 'v1',
    ...over,
  });
  const contactBatch = (contacts: unknown[], over: Record<string, unknown> = {}) => {
    const { ratings: _ratings, ...envelope } = batch([], over);
    return { ...envelope, contacts };
  };
  const storedContacts = () =>
    city.query<{ id: string; kiosk_id: string; unit_code: string; phone: string; created_at: string; consent_version: string }>(
      'SELECT id, kiosk_id, unit_code, phone, created_at, consent_version FROM contacts ORDER BY id',
    );

  describe('POST /v1/contacts', () => {
    it('stores numbers apart from ratings: accepted, then duplicates; never in ratings, tally or export', async () => {
      const rating = wireRating({ seq: 1 });
      expect((await post(city.url, '/v1/ratings/batch', batch([rating]), TEST_KIOSK_TOKEN)).status).toBe(200);
      const a = contact();
      const b = contact({ phone: '02693812345', consentVersion: 'v2-2026' });
      const res = await post(city.url, CONTACTS, contactBatch([a, b]), TEST_KIOSK_TOKEN);
      expect(res).toMatchObject({ status: 200, json: { accepted: [a.id, b.id], duplicates: [] } });
      expect(await storedContacts()).toEqual([
        { id: a.id, kiosk_id: 'kiosk-01', unit_code: 'UNIT-A', phone: '0912345678', created_at: a.createdAt, consent_version: 'v1' },
        { id: b.id, kiosk_id: 'kiosk-01', unit_code: 'UNIT-A', phone: '02693812345', created_at: b.createdAt, consent_version: 'v2-2026' },
      ]);
      const c = contact({ phone: '0987654321' });
      const again = await post(city.url, CONTACTS, contactBatch([b, c]), TEST_KIOSK_TOKEN);
      expect(again.json).toEqual({ accepted: [c.id], duplicates: [b.id] });

      expect([...(await city.stored()).keys()]).toEqual([rating.id]);
      expect([...(await city.stored()).values()].join('')).not.toMatch(/0912345678|02693812345/);
      const tally = JSON.parse((await get(city.url, '/v1/tally?from=2026-03-01&to=2026-03-31', TEST_READER_TOKEN)).text);
      expect(tally).toMatchObject({ total: 1 });
      const csv = (await get(city.url, '/v1/export.csv?from=2026-03-01&to=2026-03-31', TEST_READER_TOKEN)).text;
      expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);
      expect(csv).not.toMatch(/0912345678|02693812345|0987654321/);
    });

    it('takes the same tokens as batches: 401 without one, 403 for another kiosk or a reader', async () => {
      const body = contactBatch([contact({ phone: '0911111111' })]);
      expect((await post(city.url, CONTACTS, body, null)).status).toBe(401);
      expect(await post(city.url, CONTACTS, body, KIOSK_2_TOKEN)).toMatchObject({ status: 403, json: { error: { field: 'kioskId' } } });
      expect((await post(city.url, CONTACTS, body, TEST_READER_TOKEN)).status).toBe(403);
      expect((await fetch(new URL(CONTACTS, city.url))).status).toBe(405);
      expect((await storedContacts()).some((c) => c.phone === '0911111111')).toBe(false);
    });

    it('validates strictly, names the field, stores nothing of a refused batch and never echoes a number', async () => {
      const good = contact({ phone: '0922222222' });
      const cases: Array<[string, unknown, string]> = [
        ['phone without the leading 0', contactBatch([good, contact({ phone: '912345678' })]), 'contacts.1.phone'],
        ['phone in international form', contactBatch([good, contact({ phone: '+84912345678' })]), 'contacts.1.phone'],
        ['phone too long', contactBatch([good, contact({ phone: '091234567890' })]), 'contacts.1.phone'],
        ['phone with separators', contactBatch([good, contact({ phone: '0912-345-678' })]), 'contacts.1.phone'],
        ['id not a uuid', contactBatch([good, contact({ id: 'c1' })]), 'contacts.1.id'],
        ['createdAt without offset', contactBatch([good, contact({ createdAt: '2026-03-02T09:16:00' })]), 'contacts.1.createdAt'],
        ['empty consent version', contactBatch([good, contact({ consentVersion: '' })]), 'contacts.1.consentVersion'],
        ['consent version too long', contactBatch([good, contact({ consentVersion: 'v'.repeat(51) })]), 'contacts.1.consentVersion'],
        ['unknown key', contactBatch([good, contact({ ratingId: 'r1' })]), 'contacts.1.ratingId'],
        ['no contacts', contactBatch([]), 'contacts'],
        ['too many contacts', contactBatch(Array.from({ length: 501 }, () => contact())), 'contacts'],
        ['repeated id', contactBatch([good, { ...good }]), 'contacts'],
        ['a rating envelope', batch([wireRating({ seq: 1 })]), 'contacts'],
        ['an unknown envelope key', { ...contactBatch([good]), extra: 1 }, 'extra'],
      ];
      for (const [name, body, field] of cases) {
        const res = await post(city.url, CONTACTS, body, TEST_KIOSK_TOKEN);
        expect(res.status, name).toBe(400);
        expect(res.json.error, name).toMatchObject({ code: 'invalid_request', field });
        expect(res.text, name).not.toMatch(/0912-345-678|\+84912345678|091234567890|912345678"/);
      }
      expect((await storedContacts()).some((c) => c.phone === '0922222222')).toBe(false);
    });
  });
});
