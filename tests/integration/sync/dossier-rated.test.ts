// Two kiosks of one unit rate the same dossier: the receiver keeps the first, answers the
// second `dossierRated`, and that kiosk marks it delivered with the note, leaving nothing
// pending, whatever path (plain answer, partial ack, bisection) brought the answer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../electron/services/logger';
import { startCityServer, TEST_KIOSK_TOKEN, TEST_READER_TOKEN, type TestCityServer } from '../../support/city-server';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { insertRatings, type FixtureRating } from '../../support/rating-fixtures';
import { get } from '../server/receiver-helpers';
import { kioskUnderTest, testConfig, type KioskUnderTest } from './kiosk-under-test';

const KIOSK_2_TOKEN = 'kiosk-02-token-0123456789';
const DOSSIER = '000.00.12.H21-260302-0042';
const SECRET_COMMENT = 'Không muốn ai đọc điều này';

let city: TestCityServer;
let proxy: FaultProxy | null = null;
const kiosks: KioskUnderTest[] = [];
let logs: { level: string; obj: unknown; msg?: string }[];

beforeEach(async () => {
  city = await startCityServer({
    kiosks: [
      { kioskId: 'kiosk-01', unitCode: 'TEST-UNIT', token: TEST_KIOSK_TOKEN },
      { kioskId: 'kiosk-02', unitCode: 'TEST-UNIT', token: KIOSK_2_TOKEN },
    ],
  });
  logs = [];
});
afterEach(async () => {
  for (const k of kiosks.splice(0)) await k.close();
  await proxy?.close();
  proxy = null;
  await city.close();
});

const recordingLogger: Logger = {
  info: (obj, msg) => void logs.push({ level: 'info', obj, msg }),
  warn: (obj, msg) => void logs.push({ level: 'warn', obj, msg }),
  error: (obj, msg) => void logs.push({ level: 'error', obj, msg }),
};

function kiosk(id: 'kiosk-01' | 'kiosk-02', url = city.url, server: Parameters<typeof testConfig>[1] = {}): KioskUnderTest {
  const config = testConfig(url, { ...server, token: id === 'kiosk-01' ? TEST_KIOSK_TOKEN : KIOSK_2_TOKEN }, { kiosk: { id } });
  const k = kioskUnderTest(config, { logger: recordingLogger });
  kiosks.push(k);
  return k;
}

function rate(k: KioskUnderTest, rows: Omit<FixtureRating, 'at'>[]): void {
  const t = Date.now() - 60_000;
  insertRatings(
    k.db,
    rows.map((r, i) => ({ ...r, at: t + i })),
    { kioskId: k.config.kiosk.id, unitCode: 'TEST-UNIT' },
  );
}

const row = (k: KioskUnderTest, dossier: string) => k.rows().find((r) => r.dossier_code === dossier)!;
const repeatIds = () =>
  city.db
    .prepare<[], { id: string }>('SELECT id FROM ratings_dossier_repeat')
    .all()
    .map((r) => r.id);

describe('a dossier rated at two kiosks of one unit', () => {
  it('the second kiosk marks its rating delivered with the note, logs the count only, and leaves nothing pending', async () => {
    const first = kiosk('kiosk-01');
    const second = kiosk('kiosk-02');
    rate(first, [{ level: 5, dossierCode: DOSSIER }]);
    rate(second, [{ level: 4 }, { level: 2, dossierCode: DOSSIER, comment: SECRET_COMMENT, reasons: ['late'] }, { level: 5 }]);
    expect(await first.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 1, dossierRated: 0 });
    const r = await second.sync.syncNow();
    expect(r).toMatchObject({ stop: { kind: 'done' }, delivered: 3, rejected: 0, dossierRated: 1 });

    const mine = row(second, DOSSIER);
    expect(mine).toMatchObject({ upload_state: 'delivered', delivery_note: 'dossier_rated', reject_reason: null });
    expect(mine.delivered_at_ms).toBeGreaterThan(0);
    expect(
      second
        .rows()
        .filter((x) => x.id !== mine.id)
        .every((x) => x.upload_state === 'delivered' && x.delivery_note === null),
    ).toBe(true);
    expect(second.sync.status()).toMatchObject({ state: 'idle', pending: 0, rejected: 0, lastError: null });
    expect(repeatIds()).toEqual([mine.id]);
    expect(city.stored().has(mine.id)).toBe(false);
    expect(city.stored().has(row(first, DOSSIER).id)).toBe(true);

    const tally = JSON.parse((await get(city.url, '/v1/tally?from=2000-01-01&to=2099-12-31', TEST_READER_TOKEN)).text);
    expect(tally).toMatchObject({ total: 3, units: [{ unitCode: 'TEST-UNIT', total: 3, levels: { 2: 0, 4: 1, 5: 2 } }] });

    const noted = logs.filter((l) => JSON.stringify(l.obj).includes('"count":1') && /dossier/.test(l.msg ?? ''));
    expect(noted).toHaveLength(1);
    expect(JSON.stringify(logs)).not.toContain(SECRET_COMMENT);
    // Settled for good: the next run sends nothing but the heartbeat.
    expect(await second.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, requests: 1, delivered: 0 });
  });

  it('a lost answer is harmless: the re-sent rating is answered dossierRated again and settles the same way', async () => {
    const first = kiosk('kiosk-01');
    const second = kiosk('kiosk-02');
    rate(first, [{ level: 5, dossierCode: DOSSIER }]);
    rate(second, [{ level: 2, dossierCode: DOSSIER }]);
    await first.sync.syncNow();
    // A batch holding only the already-rated dossier is progress, not "no_progress".
    expect(await second.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 1, dossierRated: 1 });
    second.db.prepare(`UPDATE ratings SET upload_state = 'pending', delivered_at_ms = NULL, delivery_note = NULL`).run();
    expect(await second.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 1, dossierRated: 1 });
    expect(row(second, DOSSIER)).toMatchObject({ upload_state: 'delivered', delivery_note: 'dossier_rated' });
    expect(repeatIds()).toHaveLength(1);
    expect(city.count()).toBe(1);
  });

  it('after a partial ack the left-over rating is sent again and settles as dossierRated', async () => {
    const first = kiosk('kiosk-01');
    rate(first, [{ level: 5, dossierCode: DOSSIER }]);
    await first.sync.syncNow();
    proxy = await startFaultProxy(city.url);
    const second = kiosk('kiosk-02', proxy.url);
    rate(second, [{ level: 5 }, { level: 4 }, { level: 2, dossierCode: DOSSIER }, { level: 5 }, { level: 4 }]);
    // The proxy's partial answer keeps 2 of the accepted ids and drops the dossierRated list.
    proxy.enqueue({ kind: 'partial', keep: 2 });
    expect(await second.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 5, dossierRated: 1 });
    expect(proxy.log.filter((e) => e.path.startsWith('/v1/ratings/batch'))).toHaveLength(2);
    expect(row(second, DOSSIER)).toMatchObject({ upload_state: 'delivered', delivery_note: 'dossier_rated' });
    expect(second.sync.status()).toMatchObject({ pending: 0, rejected: 0 });
  });

  it('bisection around a refused rating settles the already-rated dossier as delivered, not rejected', async () => {
    const first = kiosk('kiosk-01');
    rate(first, [{ level: 5, dossierCode: DOSSIER }]);
    await first.sync.syncNow();
    const second = kiosk('kiosk-02', city.url, { batchSize: 16 });
    rate(second, [...Array.from({ length: 6 }, () => ({ level: 5 as const })), { level: 2, dossierCode: DOSSIER }, { level: 4 }]);
    // Level 3 is not on the 3-level scale: the receiver refuses the whole batch (400).
    second.db.prepare('UPDATE ratings SET level = 3 WHERE seq = 2').run();
    expect(await second.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 7, rejected: 1, dossierRated: 1 });
    expect(row(second, DOSSIER)).toMatchObject({ upload_state: 'delivered', delivery_note: 'dossier_rated' });
    expect(
      second
        .rows()
        .filter((r) => r.upload_state === 'rejected')
        .map((r) => r.seq),
    ).toEqual([2]);
  });
});
