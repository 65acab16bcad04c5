// The dashboard's figures follow the reports' rules: misuse-flagged ratings apart, satisfied
// = levels 4 + 5 over the rest, officers below the minimum without a rate.
import { describe, expect, it } from 'vitest';
import { dayTrend, parseSort, sortUnits, staffSummary, summarizeUnits, totalOf } from '../../../server/dashboard/aggregate';
import { DashboardError } from '../../../server/dashboard/errors';
import type { DayUnitRow, StaffRow } from '../../../server/receiver-storage';

const row = (local_day: string, unit_code: string, level: number, n: number, misuse_flag = 0): DayUnitRow => ({ local_day, unit_code, level, misuse_flag, n });

describe('dashboard figures', () => {
  const rows = [
    row('2026-12-01', 'B', 5, 3),
    row('2026-12-01', 'B', 2, 1),
    row('2026-12-02', 'B', 4, 2),
    row('2026-12-02', 'B', 5, 4, 1),
    row('2026-12-01', 'A', 1, 2),
    row('2026-12-02', 'X', 5, 1),
  ];
  const names = new Map([
    ['A', 'Phường An Khê'],
    ['B', 'Xã Biển Hồ'],
    ['C', 'Phường Chi Lăng'],
  ]);

  it('counts per unit with flagged ratings apart, every registered unit included', () => {
    const units = summarizeUnits(rows, names);
    const b = units.find((u) => u.unitCode === 'B')!;
    expect(b).toEqual({ unitCode: 'B', unitName: 'Xã Biển Hồ', levels: { 1: 0, 2: 1, 3: 0, 4: 2, 5: 3 }, total: 6, flagged: 4, satisfiedRate: 83.33 });
    expect(units.find((u) => u.unitCode === 'C')).toMatchObject({ total: 0, flagged: 0, satisfiedRate: null });
    // A unit with ratings but no name in the registry is shown by its code.
    expect(units.find((u) => u.unitCode === 'X')).toMatchObject({ unitName: 'X', total: 1, satisfiedRate: 100 });
    expect(totalOf(units)).toEqual({ levels: { 1: 2, 2: 1, 3: 0, 4: 2, 5: 4 }, total: 9, flagged: 4, satisfiedRate: 66.67 });
  });

  it('gives every day of the period, empty ones as zero without a rate', () => {
    expect(dayTrend(rows, ['2026-11-30', '2026-12-01', '2026-12-02'])).toEqual([
      { day: '2026-11-30', total: 0, satisfied: 0, satisfiedRate: null },
      { day: '2026-12-01', total: 6, satisfied: 3, satisfiedRate: 50 },
      { day: '2026-12-02', total: 3, satisfied: 3, satisfiedRate: 100 },
    ]);
  });

  it('sorts by any column either way, units without a rate last, ties by name', () => {
    const units = summarizeUnits(rows, names);
    const codes = (key: Parameters<typeof sortUnits>[1]) => sortUnits(units, key).map((u) => u.unitCode);
    // By name: "Phường An Khê", "Phường Chi Lăng", "X" (no name), "Xã Biển Hồ".
    expect(codes({ key: 'unit', dir: 'asc' })).toEqual(['A', 'C', 'X', 'B']);
    expect(codes({ key: 'unit', dir: 'desc' })).toEqual(['B', 'X', 'C', 'A']);
    expect(codes({ key: 'rate', dir: 'desc' })).toEqual(['X', 'B', 'A', 'C']);
    expect(codes({ key: 'rate', dir: 'asc' })).toEqual(['A', 'B', 'X', 'C']);
    expect(codes({ key: 'total', dir: 'desc' })).toEqual(['B', 'A', 'X', 'C']);
    expect(codes({ key: 'flagged', dir: 'desc' })).toEqual(['B', 'A', 'C', 'X']);
    expect(codes({ key: 'l1', dir: 'desc' })).toEqual(['A', 'C', 'X', 'B']);
  });

  it('reads sort and direction from the query, refusing anything else', () => {
    expect(parseSort(new URLSearchParams(''))).toEqual({ key: 'unit', dir: 'asc' });
    expect(parseSort(new URLSearchParams('sort=rate'))).toEqual({ key: 'rate', dir: 'desc' });
    expect(parseSort(new URLSearchParams('sort=l3&dir=asc'))).toEqual({ key: 'l3', dir: 'asc' });
    for (const bad of ['sort=name', 'sort=l6', 'sort=total&dir=up', 'sort=__proto__']) {
      expect(() => parseSort(new URLSearchParams(bad)), bad).toThrow(DashboardError);
    }
  });

  it('gives counters and officers, an officer below the minimum counted but without a rate', () => {
    const staff: StaffRow[] = [
      { counter_id: 'Q10', officer_id: 'cb-1', level: 5, misuse_flag: 0, n: 8 },
      { counter_id: 'Q10', officer_id: 'cb-1', level: 2, misuse_flag: 0, n: 2 },
      { counter_id: 'Q2', officer_id: 'cb-2', level: 4, misuse_flag: 0, n: 9 },
      { counter_id: 'Q2', officer_id: 'cb-2', level: 5, misuse_flag: 1, n: 5 },
      { counter_id: '', officer_id: '', level: 1, misuse_flag: 0, n: 1 },
    ];
    const { counters, officers } = staffSummary(staff, 10);
    expect(counters.map((c) => [c.counterId, c.total, c.flagged, c.satisfiedRate])).toEqual([
      ['Q2', 9, 5, 100],
      ['Q10', 10, 0, 80],
      ['', 1, 0, 0],
    ]);
    expect(officers.map((o) => [o.officerId, o.total, o.enough, o.satisfiedRate])).toEqual([
      ['cb-1', 10, true, 80],
      // Flagged ratings do not count toward the minimum either.
      ['cb-2', 9, false, null],
      ['', 1, false, null],
    ]);
  });
});
