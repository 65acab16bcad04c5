// Reconciliation, receiver side: a kiosk's heartbeat says how many ratings it holds as
// delivered (and pending) per local day; the receiver answers with the days where what it
// holds from that kiosk disagrees, so the kiosk's `admin status` can show "máy chủ đã nhận
// X/Y lượt ngày …". The same answers from both storages.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startReceiver, STORAGES, TEST_KIOSK_TOKEN, type TestReceiver } from '../../support/city-server';
import { batch, post, wireRating } from './receiver-helpers';

const KIOSK_2_TOKEN = 'kiosk-02-token-0123456789';
const HEARTBEAT = '/v1/kiosks/heartbeat';

const heartbeat = (dayCounts?: unknown[], kioskId = 'kiosk-01') => ({
  protocol: 1,
  kioskId,
  unitCode: 'UNIT-A',
  kioskTime: new Date().toISOString(),
  queueDepth: 0,
  oldestPendingAt: null,
  lastDeliveryAt: null,
  appVersion: '0.1.0',
  ...(dayCounts ? { dayCounts } : {}),
});

const day = (d: string, delivered: number, pending = 0, rejected = 0) => ({ day: d, stored: delivered + pending + rejected, delivered, pending, rejected });

describe.each(STORAGES)('on %s', (storage) => {
  let city: TestReceiver;
  beforeEach(async () => {
    city = await startReceiver(storage, {
      kiosks: [
        { kioskId: 'kiosk-01', unitCode: 'UNIT-A', token: TEST_KIOSK_TOKEN },
        { kioskId: 'kiosk-02', unitCode: 'UNIT-A', token: KIOSK_2_TOKEN },
      ],
    });
    // kiosk-01: 3 ratings on 2 March (one of them a dossier's later rating, kept apart) and 1 on 3 March.
    const dossier = '000.00.12.H21-260302-0042';
    await post(city.url, '/v1/ratings/batch', batch([wireRating({ seq: 1, dossierCode: dossier })], { kioskId: 'kiosk-02' }), KIOSK_2_TOKEN);
    const ratings = [
      wireRating({ seq: 1 }),
      wireRating({ seq: 2 }),
      wireRating({ seq: 3, dossierCode: dossier }),
      wireRating({ seq: 4, createdAt: '2026-03-03T08:00:00.000+07:00' }),
    ];
    const stored = await post(city.url, '/v1/ratings/batch', batch(ratings), TEST_KIOSK_TOKEN);
    expect(stored.json).toMatchObject({ accepted: [ratings[0]!.id, ratings[1]!.id, ratings[3]!.id], dossierRated: [ratings[2]!.id] });
  });
  afterEach(async () => {
    await city.close();
  });

  it('answers an empty list when every reported day agrees, counting kept-apart ratings and never another kiosk’s', async () => {
    const res = await post(city.url, HEARTBEAT, heartbeat([day('2026-03-01', 0), day('2026-03-02', 3), day('2026-03-03', 1)]), TEST_KIOSK_TOKEN);
    expect(res.status).toBe(200);
    expect(res.json.reconciliation).toEqual([]);
  });

  it('lists the days the server holds fewer than the kiosk delivered, or more than it ever sent', async () => {
    const res = await post(city.url, HEARTBEAT, heartbeat([day('2026-03-01', 2), day('2026-03-02', 5), day('2026-03-03', 0)]), TEST_KIOSK_TOKEN);
    expect(res.json.reconciliation).toEqual([
      { day: '2026-03-01', kioskDelivered: 2, serverReceived: 0 },
      { day: '2026-03-02', kioskDelivered: 5, serverReceived: 3 },
      { day: '2026-03-03', kioskDelivered: 0, serverReceived: 1 },
    ]);
  });

  it('takes a stored batch whose answer was lost (still pending on the kiosk) as no discrepancy', async () => {
    const res = await post(city.url, HEARTBEAT, heartbeat([day('2026-03-02', 1, 2), day('2026-03-03', 0, 1)]), TEST_KIOSK_TOKEN);
    expect(res.json.reconciliation).toEqual([]);
  });

  it('answers a kiosk that reports no days as before, without a reconciliation', async () => {
    const res = await post(city.url, HEARTBEAT, heartbeat(), TEST_KIOSK_TOKEN);
    expect(res.status).toBe(200);
    expect(res.json).not.toHaveProperty('reconciliation');
  });
});
