// The diagnostics screen's formats: sizes as Windows shows them with the Vietnamese decimal
// comma, office days as runs, the clock offset in words and the right direction.
import { describe, expect, it } from 'vitest';
import { clockOffsetWords, formatBytes, formatNumber, weekdayRuns } from '../../../renderer/src/admin/diagnostics-format';

describe('formatBytes', () => {
  it.each([
    [0, 'vi', '0 byte'],
    [512, 'vi', '512 byte'],
    [1536, 'vi', '1,5 kB'],
    [1024 * 1024 * 12.25, 'vi', '12,3 MB'],
    [1024 ** 3 * 118.4, 'vi', '118 GB'],
    [1024 ** 3 * 1.5, 'en', '1.5 GB'],
  ])('%d bytes in %s is %s', (bytes, language, expected) => {
    expect(formatBytes(bytes, language).replace(/\u00a0/g, ' ')).toBe(expected);
  });
});

describe('formatNumber', () => {
  it('uses the dot for thousands and the comma for decimals in vi', () => {
    expect(formatNumber(1250, 'vi')).toBe('1.250');
    expect(formatNumber(2.46, 'vi', 1)).toBe('2,5');
    expect(formatNumber(1250, 'en')).toBe('1,250');
  });
});

describe('weekdayRuns', () => {
  it('groups consecutive ISO weekdays, in order, without repeats or impossible days', () => {
    expect(weekdayRuns([1, 2, 3, 4, 5])).toEqual([{ from: 1, to: 5 }]);
    expect(weekdayRuns([6, 1, 3, 2, 3, 9])).toEqual([
      { from: 1, to: 3 },
      { from: 6, to: 6 },
    ]);
    expect(weekdayRuns([])).toEqual([]);
  });
});

describe('clockOffsetWords', () => {
  it('says the kiosk clock is slow when the server is ahead, and counts minutes past two', () => {
    expect(clockOffsetWords(null, 'vi')).toEqual({ kind: 'unknown' });
    expect(clockOffsetWords(-999, 'vi')).toEqual({ kind: 'same' });
    expect(clockOffsetWords(2_460, 'vi')).toEqual({ kind: 'slow', unit: 'seconds', n: '2,5' });
    expect(clockOffsetWords(-45_000, 'vi')).toEqual({ kind: 'fast', unit: 'seconds', n: '45' });
    expect(clockOffsetWords(-3_600_000, 'vi')).toEqual({ kind: 'fast', unit: 'minutes', n: '60' });
  });
});
