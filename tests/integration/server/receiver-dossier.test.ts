// One rating per unit and dossier code, across the unit's kiosks: the first received stays
// in ratings; a later id is kept apart, answered `dossierRated` every time it comes again,
// and left out of the tally and the export.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver, STORAGES, TEST_KIOSK_TOKEN, TEST_READER_TOKEN, type TestReceiver } from '../../support/city-server';
import { batch, get, post, wireRating } from './receiver-helpers';

const KIOSK_2_TOKEN = 'kiosk-02-token-0123456789';
const KIOSK_3_TOKEN = 'kiosk-03-token-0123456789';
const BATCH = '/v1/ratings/batch';
const DOSSIER = '000.00.12.H21-260302-0042';

describe.each(STORAGES)('on %s', (storage) => {
  let city: TestReceiver;
  beforeEach(async () => {
    city = await startReceiver(storage, {
      kiosks: [
        { kioskId: 'kiosk-01', unitCode: 'UNIT-A', token: TEST_KIOSK_TOKEN },
        { kioskId: 'kiosk-02', unitCode: 'UNIT-A', token: KIOSK_2_TOKEN },
        { kioskId: 'kiosk-03', unitCode: 'UNIT-B', token: KIOSK_3_TOKEN },
      ],
    });
  });
  afterEach(async () => {
    await city.close();
  });

  const fromKiosk2 = (ratings: unknown[]) => batch(ratings, { kioskId: 'kiosk-02' });
  const repeats = () => city.query<{ id: string; kiosk_id: string; content: string }>('SELECT id, kiosk_id, content FROM ratings_dossier_repeat ORDER BY id');

  describe('one rating per unit and dossier code', () => {
    it('keeps the first received from any kiosk of the unit; the second is answered dossierRated, kept apart and never tallied or exported', async () => {
      const first = wireRating({ seq: 1, level: 5, dossierCode: DOSSIER, dossierCapture: 'qr' });
      const second = wireRating({ seq: 7, level: 2, dossierCode: DOSSIER, dossierCapture: 'typed', comment: 'Chờ lâu' });
      const a = await post(city.url, BATCH, batch([first]), TEST_KIOSK_TOKEN);
      expect(a).toMatchObject({ status: 200, json: { accepted: [first.id], duplicates: [], dossierRated: [], rejected: [] } });
      const b = await post(city.url, BATCH, fromKiosk2([second]), KIOSK_2_TOKEN);
      expect(b).toMatchObject({ status: 200, json: { accepted: [], duplicates: [], dossierRated: [second.id], rejected: [] } });

      expect([...(await city.stored()).keys()]).toEqual([first.id]);
      expect(await repeats()).toEqual([{ id: second.id, kiosk_id: 'kiosk-02', content: expect.stringContaining('"Chờ lâu"') }]);
      const tally = JSON.parse((await get(city.url, '/v1/tally?from=2026-03-01&to=2026-03-31', TEST_READER_TOKEN)).text);
      expect(tally).toMatchObject({ total: 1, units: [{ unitCode: 'UNIT-A', total: 1, levels: { 2: 0, 5: 1 } }] });
      const csv = (await get(city.url, '/v1/export.csv?from=2026-03-01&to=2026-03-31', TEST_READER_TOKEN)).text;
      expect(csv).toContain(first.id);
      expect(csv).not.toContain(second.id);
      expect(csv.split('\r\n').filter(Boolean)).toHaveLength(2);
    });

    it('answers a re-sent id the same way every time, and a changed one as a conflict that moves nothing', async () => {
      const first = wireRating({ seq: 1, dossierCode: DOSSIER });
      const second = wireRating({ seq: 2, dossierCode: DOSSIER });
      await post(city.url, BATCH, batch([first]), TEST_KIOSK_TOKEN);
      await post(city.url, BATCH, fromKiosk2([second]), KIOSK_2_TOKEN);
      const again = await post(city.url, BATCH, fromKiosk2([second]), KIOSK_2_TOKEN);
      expect(again.json).toEqual({ accepted: [], duplicates: [], dossierRated: [second.id], rejected: [] });
      const firstAgain = await post(city.url, BATCH, batch([first]), TEST_KIOSK_TOKEN);
      expect(firstAgain.json).toEqual({ accepted: [], duplicates: [first.id], dossierRated: [], rejected: [] });
      // Other content under the kept-apart id, even with a dossier nobody rated: a conflict,
      // and it must not slip into ratings.
      for (const changed of [
        { ...second, level: 4 },
        { ...second, dossierCode: 'OTHER-1' },
        { ...second, dossierCode: null },
      ]) {
        const res = await post(city.url, BATCH, fromKiosk2([changed]), KIOSK_2_TOKEN);
        expect(res.json).toEqual({ accepted: [], duplicates: [], dossierRated: [], rejected: [{ id: second.id, reason: 'conflict' }] });
      }
      expect([...(await city.stored()).keys()]).toEqual([first.id]);
      expect((await repeats()).map((r) => r.id)).toEqual([second.id]);
      expect(JSON.parse((await repeats())[0]!.content)[6]).toBe(second.level);
    });

    it('is per unit and per code: another unit, another code and no code at all are accepted; one batch may hold both', async () => {
      const a = wireRating({ seq: 1, dossierCode: DOSSIER });
      const otherUnit = wireRating({ seq: 1, dossierCode: DOSSIER });
      const otherCode = wireRating({ seq: 2, dossierCode: `${DOSSIER}-B` });
      const none = [wireRating({ seq: 3 }), wireRating({ seq: 4 })];
      const sameInBatch = wireRating({ seq: 5, dossierCode: DOSSIER });
      const res = await post(city.url, BATCH, batch([a, otherCode, ...none, sameInBatch]), TEST_KIOSK_TOKEN);
      expect(res.json).toEqual({ accepted: [a.id, otherCode.id, none[0]!.id, none[1]!.id], duplicates: [], dossierRated: [sameInBatch.id], rejected: [] });
      const b = await post(city.url, BATCH, batch([otherUnit], { kioskId: 'kiosk-03', unitCode: 'UNIT-B' }), KIOSK_3_TOKEN);
      expect(b.json).toMatchObject({ accepted: [otherUnit.id], dossierRated: [] });
      expect(await city.count()).toBe(5);
    });

    it('settles kiosks racing for one dossier in the same group commit: exactly one keeps it', async () => {
      const racers = Array.from({ length: 6 }, (_, i) => wireRating({ seq: 1, level: i % 2 ? 5 : 2, dossierCode: DOSSIER }));
      const tokens = [TEST_KIOSK_TOKEN, KIOSK_2_TOKEN];
      const answers = await Promise.all(racers.map((r, i) => post(city.url, BATCH, batch([r], { kioskId: `kiosk-0${(i % 2) + 1}` }), tokens[i % 2]!)));
      expect(answers.every((a) => a.status === 200)).toBe(true);
      const accepted = answers.flatMap((a) => a.json.accepted as string[]);
      const rated = answers.flatMap((a) => a.json.dossierRated as string[]);
      expect(accepted).toHaveLength(1);
      expect(new Set([...accepted, ...rated])).toEqual(new Set(racers.map((r) => r.id)));
      expect(await city.count()).toBe(1);
      expect(await repeats()).toHaveLength(5);
      expect(await city.integrityCheck()).toBe('ok');
    });
  });
});
