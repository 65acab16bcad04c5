// Reconciliation over real HTTP on 127.0.0.1: the heartbeat carries the kiosk's per-day
// counts; a comparison in the answer is kept for `status`, an answer without one keeps what
// was kept, a malformed one is ignored with a log line, and neither a receiver from before
// day counts nor today's reference receiver (which does not compare yet) is disturbed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_REASONS } from '../../../shared/rating-scale';
import { heartbeatRequestSchema, PROTOCOL_VERSION, type DayCount } from '../../../shared/upload-protocol';
import { createSyncStateQueries } from '../../../electron/services/db/sync-state-queries';
import { createUploadQueries } from '../../../electron/services/db/upload-queries';
import type { Logger } from '../../../electron/services/logger';
import { heartbeatBody } from '../../../electron/services/sync/sync-run';
import { isoInZone, loadReconciliation, saveReconciliation } from '../../../electron/services/sync/sync-state';
import { startCityServer, TEST_KIOSK_TOKEN } from '../../support/city-server';
import { insertRatings } from '../../support/rating-fixtures';
import { TEST_KIOSK_ID, TEST_UNIT_CODE } from '../../support/test-config';
import { kioskUnderTest, testConfig, type KioskUnderTest } from './kiosk-under-test';
import { startRecordingReceiver, type RecordingReceiver } from './recording-receiver';

const NOW = Date.parse('2026-03-20T10:00:00+07:00');
const logs: { level: string; msg: string | undefined }[] = [];
const recordingLogger: Logger = {
  info: (_obj, msg) => void logs.push({ level: 'info', msg }),
  warn: (_obj, msg) => void logs.push({ level: 'warn', msg }),
  error: (_obj, msg) => void logs.push({ level: 'error', msg }),
};

let receiver: RecordingReceiver;
let k: KioskUnderTest | null = null;

beforeEach(async () => {
  logs.length = 0;
  receiver = await startRecordingReceiver();
});
afterEach(async () => {
  await k?.close();
  k = null;
  await receiver.close();
});

function kiosk(url: string): KioskUnderTest {
  k = kioskUnderTest(testConfig(url), { logger: recordingLogger, now: () => NOW });
  return k;
}

/**
 * Three ratings on the 19th (one delivered and one rejected already, one pending), two pending
 * today and, unless the receiver only knows this kiosk, another kiosk's on the 19th.
 */
function seed(kut: KioskUnderTest, otherKiosk = true): void {
  const at = ['2026-03-19T08:00:00+07:00', '2026-03-19T09:00:00+07:00', '2026-03-19T10:00:00+07:00', '2026-03-20T08:00:00+07:00', '2026-03-20T09:00:00+07:00'];
  insertRatings(
    kut.db,
    at.map((a) => ({ at: a, level: 4 as const })),
    { kioskId: TEST_KIOSK_ID, unitCode: TEST_UNIT_CODE },
  );
  if (otherKiosk) insertRatings(kut.db, [{ at: '2026-03-19T11:00:00+07:00', level: 5 }], { kioskId: 'kiosk-02', unitCode: TEST_UNIT_CODE });
  const [a, b] = kut.rows();
  createUploadQueries(kut.db).recordAck([a!.id], [{ id: b!.id, reason: 'earlier refusal' }], NOW - 86_400_000);
}

const dayCounts = (hb: Record<string, unknown> | undefined) => hb?.dayCounts as DayCount[] | undefined;
const kept = (kut: KioskUnderTest) => loadReconciliation(createSyncStateQueries(kut.db));
const mismatch = { day: '2026-03-19', kioskDelivered: 1, serverReceived: 0 };
/** A seeded kiosk's sync against a receiver that refuses newer heartbeat fields: it still delivers, and logs nothing amiss. */
async function syncAgainstOlder(answer: 'refuseDayCounts' | 'refuseReasons') {
  const kut = kiosk(receiver.url);
  seed(kut);
  receiver.answer = answer;
  const run = await kut.sync.syncNow();
  expect(run).toMatchObject({ stop: { kind: 'done' }, delivered: 4 });
  expect(logs.filter((l) => l.level !== 'info')).toEqual([]);
  return { kut, run };
}
/** Per heartbeat received: whether it carried the reasons catalogue, and the day counts. */
const fieldsSent = () => receiver.heartbeats.map((h) => ['reasons' in h, 'dayCounts' in h]);

describe('heartbeat day counts', () => {
  it('carries every day of the window, before the drain and after it', async () => {
    const kut = kiosk(receiver.url);
    seed(kut);
    // The kiosk-02 rating went in the first run's batches too (batches are per kiosk id).
    expect(await kut.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 4 });
    const first = receiver.heartbeats[0];
    expect(heartbeatRequestSchema.safeParse(first).success).toBe(true);
    expect(first).toMatchObject({ protocol: PROTOCOL_VERSION, kioskId: TEST_KIOSK_ID, unitCode: TEST_UNIT_CODE, queueDepth: 4 });
    const days = dayCounts(first)!;
    expect(days.map((d) => d.day)).toEqual(Array.from({ length: 14 }, (_, i) => `2026-03-${String(7 + i).padStart(2, '0')}`));
    expect(days.filter((d) => d.stored > 0)).toEqual([
      { day: '2026-03-19', stored: 3, delivered: 1, pending: 1, rejected: 1 },
      { day: '2026-03-20', stored: 2, delivered: 0, pending: 2, rejected: 0 },
    ]);

    await kut.sync.syncNow();
    expect(dayCounts(receiver.heartbeats[1])!.filter((d) => d.stored > 0)).toEqual([
      { day: '2026-03-19', stored: 3, delivered: 2, pending: 0, rejected: 1 },
      { day: '2026-03-20', stored: 2, delivered: 2, pending: 0, rejected: 0 },
    ]);
  });

  it('the heartbeat carries the configured reasons catalogue, in screen order, as the protocol takes it', async () => {
    const kut = kiosk(receiver.url);
    await kut.sync.syncNow();
    expect(await kut.sync.testConnection()).toMatchObject({ ok: true });
    expect(receiver.heartbeats).toHaveLength(2);
    for (const hb of receiver.heartbeats) {
      expect(hb.reasons).toEqual(DEFAULT_REASONS.map((r) => ({ key: r.key, factor: r.factor, labels: r.labels })));
      expect(heartbeatRequestSchema.safeParse(hb).success).toBe(true);
    }
  });

  it('sends them in the connection test too, which keeps nothing of the answer', async () => {
    const kut = kiosk(receiver.url);
    receiver.answer = () => ({ reconciliation: [mismatch] });
    expect(await kut.sync.testConnection()).toMatchObject({ ok: true, httpStatus: 200 });
    expect(dayCounts(receiver.heartbeats[0])).toHaveLength(14);
    expect(kept(kut)).toBeNull();
  });
});

describe('the reconciliation in the answer', () => {
  it('is kept; an answer without it keeps it; [] clears it; a malformed one is ignored with a log line', async () => {
    const kut = kiosk(receiver.url);
    seed(kut);

    receiver.answer = (body) =>
      // Computed from what the kiosk said, as a receiver does: it holds none of the 19th's.
      ({
        reconciliation: dayCounts(body)!
          .filter((d) => d.delivered > 0)
          .map((d) => ({ day: d.day, kioskDelivered: d.delivered, serverReceived: 0 })),
      });
    expect((await kut.sync.syncNow())?.stop.kind).toBe('done');
    expect(kept(kut)).toEqual({ checkedAtMs: NOW, days: [mismatch] });

    receiver.answer = () => ({});
    const quiet = await kut.sync.syncNow();
    expect(quiet).toMatchObject({ stop: { kind: 'done' } });
    expect(quiet?.clockOffsetMs).toEqual(expect.any(Number));
    expect(kept(kut)).toEqual({ checkedAtMs: NOW, days: [mismatch] });

    for (const malformed of [{ day: '2026-03-19' }, [{ day: '2026-03-19', kioskDelivered: '1', serverReceived: 0 }], 'all good', null]) {
      receiver.answer = () => ({ reconciliation: malformed });
      const run = await kut.sync.syncNow();
      // The heartbeat still counts: its clock is taken and the sync goes on.
      expect(run).toMatchObject({ stop: { kind: 'done' } });
      expect(run?.clockOffsetMs).toEqual(expect.any(Number));
      expect(kept(kut)).toEqual({ checkedAtMs: NOW, days: [mismatch] });
    }
    expect(logs.filter((l) => l.msg === 'heartbeat reconciliation not understood; ignored')).toHaveLength(4);
    expect(logs.filter((l) => l.msg === 'heartbeat not understood; uploading anyway')).toEqual([]);

    receiver.answer = () => ({ reconciliation: [] });
    await kut.sync.syncNow();
    expect(kept(kut)).toEqual({ checkedAtMs: NOW, days: [] });
  });

  it('a receiver from before day counts refuses the field: the heartbeat is sent again without it', async () => {
    const { kut, run } = await syncAgainstOlder('refuseDayCounts');
    expect(run?.clockOffsetMs).toEqual(expect.any(Number));
    // The newest field first: without the reasons catalogue, then without the day counts too.
    expect(fieldsSent()).toEqual([
      [true, true],
      [false, true],
      [false, false],
    ]);
    expect(heartbeatRequestSchema.safeParse(receiver.heartbeats[2]).success).toBe(true);
    expect(kept(kut)).toBeNull();
  });

  it('a receiver from before the reasons catalogue refuses it: sent again without it, the day counts still on', async () => {
    await syncAgainstOlder('refuseReasons');
    expect(fieldsSent()).toEqual([
      [true, true],
      [false, true],
    ]);
  });
});

describe("today's reference receiver", () => {
  it('the reference receiver compares the day counts: the rating delivered elsewhere shows, pending ones do not', async () => {
    const city = await startCityServer();
    try {
      const kut = kiosk(city.url);
      seed(kut, false);
      const state = createSyncStateQueries(kut.db);
      saveReconciliation(state, { checkedAtMs: NOW - 3_600_000, days: [mismatch] });

      // Straight to the receiver, so no fallback can hide a refusal of the new field.
      const body = heartbeatBody({
        queries: createUploadQueries(kut.db),
        kioskId: TEST_KIOSK_ID,
        unitCode: TEST_UNIT_CODE,
        appVersion: '0.1.0-test',
        isoTime: (ms) => isoInZone(ms, kut.config.timezone)!,
        now: () => NOW,
        dayCountWindow: { timeZone: kut.config.timezone, retentionDays: kut.config.retentionDays },
        reasons: kut.config.reasons,
      });
      expect(body.dayCounts).toHaveLength(14);
      expect(body.reasons?.map((r) => r.key)).toEqual(DEFAULT_REASONS.map((r) => r.key));
      const res = await fetch(new URL('v1/kiosks/heartbeat', city.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_KIOSK_TOKEN}` },
        body: JSON.stringify({ protocol: PROTOCOL_VERSION, ...body, kioskTime: isoInZone(NOW, kut.config.timezone) }),
      });
      expect(res.status).toBe(200);
      // The rating acknowledged before (by another server) is missing here; the three pending ones are no discrepancy.
      expect(await res.json()).toEqual({ serverTime: expect.any(String), reconciliation: [mismatch] });

      const run = await kut.sync.syncNow();
      expect(run).toMatchObject({ stop: { kind: 'done' }, delivered: 3 });
      expect(run?.clockOffsetMs).toEqual(expect.any(Number));
      // The run's heartbeat comes before its uploads; the next run's sees them: 19 March holds
      // one of the kiosk's two, 20 March agrees.
      expect(loadReconciliation(state)?.days).toEqual([mismatch]);
      await kut.sync.syncNow();
      expect(loadReconciliation(state)?.days).toEqual([{ day: '2026-03-19', kioskDelivered: 2, serverReceived: 1 }]);
    } finally {
      await k?.close();
      k = null;
      await city.close();
    }
  });
});
