// What the city calls a reason key: the unit's last label, else (province-wide) the most
// recently sent one, else a retired default's own label, else the key; the dashboard's
// figures by reason follow the kiosk reports' order.
import { describe, expect, it } from 'vitest';
import { reasonSummary } from '../../../server/dashboard/aggregate';
import { reasonNames } from '../../../server/reason-labels';
import type { ReasonLabelRow } from '../../../server/receiver-storage';

const row = (unit: string, key: string, vi: string, at: number, factor: string | null = 'A', en?: string): ReasonLabelRow => ({
  unit_code: unit,
  reason_key: key,
  factor,
  labels: JSON.stringify(en ? { vi, en } : { vi }),
  updated_at_ms: at,
});

describe('reason names', () => {
  const names = reasonNames([
    row('PKU', 'late', 'Trễ hẹn (PKU)', 2_000, 'D', 'Late (PKU)'),
    row('AKH', 'late', 'Trễ hẹn (AKH)', 1_000, 'D'),
    row('AKH', 'long_queue', 'Xếp hàng lâu', 500),
    { ...row('IAG', 'broken', 'x', 9_000), labels: '{not json' },
    { ...row('IAG', 'no_vi', 'x', 9_000), labels: '{"en":"only English"}' },
  ]);

  it('names a key by its unit, else the retired default, else the key itself', () => {
    expect(names.ofUnit('PKU', 'late')).toEqual({ key: 'late', factor: 'D', labels: { vi: 'Trễ hẹn (PKU)', en: 'Late (PKU)' } });
    expect(names.ofUnit('AKH', 'late').labels.vi).toBe('Trễ hẹn (AKH)');
    // Another unit's own key is not borrowed; a default keeps its reference label and factor.
    expect(names.ofUnit('PKU', 'long_queue')).toEqual({ key: 'long_queue', factor: null, labels: { vi: 'long_queue' } });
    expect(names.ofUnit('PKU', 'paperwork')).toMatchObject({ factor: 'B', labels: { vi: 'Thủ tục, giấy tờ phức tạp hoặc ngoài quy định' } });
    // Unreadable stored labels never break a report: the fallback applies.
    expect(names.ofUnit('IAG', 'broken').labels.vi).toBe('broken');
    expect(names.ofUnit('IAG', 'no_vi').labels.vi).toBe('no_vi');
  });

  it('province-wide, the most recently sent label of a key wins', () => {
    expect(names.anyUnit('late').labels.vi).toBe('Trễ hẹn (PKU)');
    expect(names.anyUnit('long_queue').labels.vi).toBe('Xếp hàng lâu');
    expect(names.anyUnit('unknown_key')).toEqual({ key: 'unknown_key', factor: null, labels: { vi: 'unknown_key' } });
  });

  it('sums rows per key, sorts by count then the reference order ("other" last), labels in the language asked, shares of the total', () => {
    const rows = [
      { unit_code: 'AKH', reason_key: 'other', n: 2 },
      { unit_code: 'AKH', reason_key: 'late', n: 1 },
      { unit_code: 'PKU', reason_key: 'late', n: 1 },
      { unit_code: 'PKU', reason_key: 'long_queue', n: 3 },
    ];
    expect(reasonSummary(rows, names.anyUnit, 'en', 8)).toEqual([
      { key: 'long_queue', label: 'Xếp hàng lâu', factor: 'A', count: 3, share: 37.5 },
      { key: 'late', label: 'Late (PKU)', factor: 'D', count: 2, share: 25 },
      { key: 'other', label: 'Other', factor: null, count: 2, share: 25 },
    ]);
    expect(reasonSummary(rows, names.anyUnit, 'vi', 0).map((r) => r.share)).toEqual([null, null, null]);
  });
});
