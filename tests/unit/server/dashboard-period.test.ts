// The dashboard's periods are the receiver's calendar days (+07:00 by default): "today"
// turns at local midnight, which is 17:00 UTC the day before.
import { describe, expect, it } from 'vitest';
import { DashboardError } from '../../../server/dashboard/errors';
import { daysOf, MAX_RANGE_DAYS, parsePeriod } from '../../../server/dashboard/period';

const VN = 420;
const q = (s: string) => new URLSearchParams(s);
const at = (iso: string) => Date.parse(iso);

function refusal(fn: () => unknown): DashboardError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DashboardError) return error;
    throw error;
  }
  throw new Error('expected a DashboardError');
}

describe('dashboard periods', () => {
  it('takes today from the receiver offset, not UTC, on both sides of local midnight', () => {
    // 23:59:59 on 30 Nov in Vietnam is still 30 Nov; one second later it is 1 Dec (17:00 UTC).
    expect(parsePeriod(q('period=today'), at('2026-11-30T16:59:59Z'), VN)).toEqual({ kind: 'today', from: '2026-11-30', to: '2026-11-30' });
    expect(parsePeriod(q('period=today'), at('2026-11-30T17:00:00Z'), VN)).toEqual({ kind: 'today', from: '2026-12-01', to: '2026-12-01' });
    // The default period is today.
    expect(parsePeriod(q(''), at('2026-11-30T17:00:00Z'), VN)).toMatchObject({ kind: 'today', from: '2026-12-01' });
    // At UTC it would still be 30 Nov: the offset decides.
    expect(parsePeriod(q('period=today'), at('2026-11-30T17:00:00Z'), 0).from).toBe('2026-11-30');
  });

  it('gives yesterday, the last 7 days and this month, across month and year ends', () => {
    const newYear = at('2026-12-31T17:30:00Z'); // 00:30 on 1 Jan 2027 in Vietnam
    expect(parsePeriod(q('period=yesterday'), newYear, VN)).toEqual({ kind: 'yesterday', from: '2026-12-31', to: '2026-12-31' });
    expect(parsePeriod(q('period=7d'), newYear, VN)).toEqual({ kind: '7d', from: '2026-12-26', to: '2027-01-01' });
    expect(parsePeriod(q('period=month'), newYear, VN)).toEqual({ kind: 'month', from: '2027-01-01', to: '2027-01-01' });
    expect(parsePeriod(q('period=month'), at('2028-02-29T05:00:00Z'), VN)).toEqual({ kind: 'month', from: '2028-02-01', to: '2028-02-29' });
    expect(daysOf('2026-12-26', '2027-01-01')).toHaveLength(7);
  });

  it('takes a chosen range as given, up to a year, and ignores from/to for the named periods', () => {
    const now = at('2026-12-01T03:00:00Z');
    expect(parsePeriod(q('period=range&from=2026-01-01&to=2026-12-31'), now, VN)).toEqual({ kind: 'range', from: '2026-01-01', to: '2026-12-31' });
    expect(parsePeriod(q('period=range&from=2028-01-01&to=2028-12-31'), now, VN).to).toBe('2028-12-31'); // 366 days, leap year
    expect(parsePeriod(q('period=range&from=2026-05-05&to=2026-05-05'), now, VN).from).toBe('2026-05-05');
    expect(parsePeriod(q('period=today&from=garbage&to=<x>'), now, VN)).toEqual({ kind: 'today', from: '2026-12-01', to: '2026-12-01' });
  });

  it('refuses bad input with 400 and the message key to show', () => {
    const now = at('2026-12-01T03:00:00Z');
    const cases: [string, string][] = [
      ['period=week', 'badPeriod'],
      ['period=', 'badPeriod'],
      ['period=range', 'badDate'],
      ['period=range&from=2026-02-30&to=2026-03-01', 'badDate'],
      ['period=range&from=2026-1-1&to=2026-01-02', 'badDate'],
      ['period=range&from=2026-01-01&to=2026-01-01T00:00', 'badDate'],
      ['period=range&from=2026-03-02&to=2026-03-01', 'fromAfterTo'],
      ['period=range&from=2026-01-01&to=2027-01-02', 'rangeTooLong'],
    ];
    for (const [query, key] of cases) {
      const e = refusal(() => parsePeriod(q(query), now, VN));
      expect([query, e.status, e.key]).toEqual([query, 400, key]);
    }
    expect(refusal(() => parsePeriod(q('period=range&from=2025-01-01&to=2026-12-31'), now, VN)).params).toEqual({ max: MAX_RANGE_DAYS });
  });
});
