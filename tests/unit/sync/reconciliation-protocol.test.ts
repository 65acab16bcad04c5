// The reconciliation fields of the heartbeat (shared/upload-protocol.ts): both optional, so
// old kiosks and old receivers keep working; strict where the kiosk writes, lenient where
// it reads; and the one comparison rule every receiver storage uses.
import { describe, expect, it } from 'vitest';
import {
  heartbeatRequestSchema,
  heartbeatResponseSchema,
  MAX_RECONCILIATION_DAYS,
  reconcileDayCounts,
  reconciliationSchema,
  type DayCount,
} from '../../../shared/upload-protocol';

const heartbeat = {
  protocol: 1,
  kioskId: 'kiosk-01',
  unitCode: 'PKU',
  kioskTime: '2026-03-20T10:00:00.000+07:00',
  queueDepth: 2,
  oldestPendingAt: null,
  lastDeliveryAt: null,
  appVersion: '1.0.0',
};
const day = (d: string, delivered: number, pending = 0, rejected = 0): DayCount => ({
  day: d,
  stored: delivered + pending + rejected,
  delivered,
  pending,
  rejected,
});

describe('heartbeat request: dayCounts', () => {
  it('is optional: a heartbeat from a kiosk before reconciliation is still valid', () => {
    expect(heartbeatRequestSchema.safeParse(heartbeat).success).toBe(true);
    expect(heartbeatRequestSchema.safeParse({ ...heartbeat, dayCounts: [day('2026-03-20', 3, 2)] }).success).toBe(true);
    expect(heartbeatRequestSchema.safeParse({ ...heartbeat, dayCounts: [] }).success).toBe(true);
  });

  it.each([
    ['stored not the sum of the states', [{ ...day('2026-03-20', 3), stored: 4 }], 'dayCounts.0.stored'],
    ['a day twice', [day('2026-03-19', 1), day('2026-03-19', 2)], 'dayCounts'],
    ['a day that does not exist', [day('2026-02-30', 1)], 'dayCounts.0.day'],
    ['a negative count', [{ day: '2026-03-20', stored: -1, delivered: -1, pending: 0, rejected: 0 }], 'dayCounts.0.delivered'],
    ['an unknown key', [{ ...day('2026-03-20', 1), flagged: 0 }], 'dayCounts.0'],
    ['more days than allowed', Array.from({ length: MAX_RECONCILIATION_DAYS + 1 }, (_, i) => day(`2026-01-${String(i + 1).padStart(2, '0')}`, 0)), 'dayCounts'],
  ])('refuses %s', (_what, dayCounts, field) => {
    const r = heartbeatRequestSchema.safeParse({ ...heartbeat, dayCounts });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toContain(field);
  });
});

describe('heartbeat answer: reconciliation', () => {
  it('is optional, and lenient on keys a later receiver may add', () => {
    expect(heartbeatResponseSchema.parse({ serverTime: '2026-03-20T03:00:00.000Z' })).toEqual({ serverTime: '2026-03-20T03:00:00.000Z' });
    const answer = reconciliationSchema.parse([{ day: '2026-03-10', kioskDelivered: 10, serverReceived: 8, note: 'later field' }]);
    expect(answer).toEqual([{ day: '2026-03-10', kioskDelivered: 10, serverReceived: 8 }]);
  });

  it.each([
    ['not an array', { day: '2026-03-10' }],
    ['a count as text', [{ day: '2026-03-10', kioskDelivered: '10', serverReceived: 8 }]],
    ['a day missing', [{ kioskDelivered: 10, serverReceived: 8 }]],
    ['a day twice', [0, 1].map(() => ({ day: '2026-03-10', kioskDelivered: 10, serverReceived: 8 }))],
  ])('is malformed when %s', (_what, reconciliation) => {
    expect(reconciliationSchema.safeParse(reconciliation).success).toBe(false);
  });
});

describe('reconcileDayCounts (the receiver side of the comparison)', () => {
  const held: Record<string, number> = { '2026-03-10': 8, '2026-03-11': 5, '2026-03-12': 7, '2026-03-13': 4, '2026-03-15': 2 };
  const serverReceived = (d: string) => held[d] ?? 0;

  it('reports a day where the server holds fewer than delivered, or more than delivered and pending together', () => {
    const kiosk = [
      day('2026-03-15', 0), // the server holds 2 the kiosk never delivered nor has pending
      day('2026-03-10', 10), // two delivered ratings missing at the server
      day('2026-03-11', 5, 0, 3), // rejected ones are never at the server
      day('2026-03-12', 5, 2), // a batch stored whose ack was lost: pending here, held there
      day('2026-03-13', 4, 1), // the pending one not sent yet
      day('2026-03-14', 0), // nothing on either side
    ];
    expect(reconcileDayCounts(kiosk, serverReceived)).toEqual([
      { day: '2026-03-10', kioskDelivered: 10, serverReceived: 8 },
      { day: '2026-03-15', kioskDelivered: 0, serverReceived: 2 },
    ]);
    expect(reconciliationSchema.safeParse(reconcileDayCounts(kiosk, serverReceived)).success).toBe(true);
  });

  it('answers [] when every day agrees, and compares only the days the kiosk reported', () => {
    expect(reconcileDayCounts([day('2026-03-11', 5), day('2026-03-13', 4)], serverReceived)).toEqual([]);
    expect(reconcileDayCounts([], serverReceived)).toEqual([]);
  });
});
