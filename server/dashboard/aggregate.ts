// The dashboard's figures from the storage's roll-up rows: the same rules as the kiosk's
// reports and the /v1/tally answer (misuse-flagged ratings counted apart and left out of
// every other figure; satisfied = levels 4 and 5 over the unflagged total).
import { reasonText, type ReasonDefinition, type SipasFactor } from '../../shared/rating-scale';
import { orderReasons, percent } from '../../shared/tally';
import type { DayUnitRow, ReasonTallyRow, StaffRow } from '../receiver-storage';
import { DashboardError } from './errors';

export type LevelCounts = { 1: number; 2: number; 3: number; 4: number; 5: number };

export interface GroupFigures {
  levels: LevelCounts;
  total: number;
  flagged: number;
  satisfiedRate: number | null;
}

export interface UnitSummary extends GroupFigures {
  unitCode: string;
  unitName: string;
}

const noLevels = (): LevelCounts => ({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 });
const empty = (): GroupFigures => ({ levels: noLevels(), total: 0, flagged: 0, satisfiedRate: null });

function add(g: GroupFigures, row: { level: number; misuse_flag: number; n: number }): void {
  const n = Number(row.n);
  if (row.misuse_flag) g.flagged += n;
  else if (row.level >= 1 && row.level <= 5) {
    g.levels[row.level as keyof LevelCounts] += n;
    g.total += n;
  }
}

function finish<T extends GroupFigures>(g: T): T {
  g.satisfiedRate = percent(g.levels[4] + g.levels[5], g.total);
  return g;
}

/**
 * One row per unit: every unit the registry knows (zeros when it sent nothing), and any
 * other unit that has ratings in the period, named by its code.
 */
export function summarizeUnits(rows: readonly DayUnitRow[], unitNames: ReadonlyMap<string, string>): UnitSummary[] {
  const units = new Map<string, UnitSummary>();
  const unit = (code: string) => {
    let u = units.get(code);
    if (!u) units.set(code, (u = { unitCode: code, unitName: unitNames.get(code) ?? code, ...empty() }));
    return u;
  };
  for (const code of unitNames.keys()) unit(code);
  for (const row of rows) add(unit(row.unit_code), row);
  return [...units.values()].map(finish);
}

export function totalOf(groups: readonly GroupFigures[]): GroupFigures {
  const t = empty();
  for (const g of groups) {
    for (const l of [1, 2, 3, 4, 5] as const) t.levels[l] += g.levels[l];
    t.total += g.total;
    t.flagged += g.flagged;
  }
  return finish(t);
}

export interface DayFigures {
  day: string;
  total: number;
  satisfied: number;
  satisfiedRate: number | null;
}

/** Every day of the period, days without a rating included, so a silent day shows as one. */
export function dayTrend(rows: readonly DayUnitRow[], days: readonly string[]): DayFigures[] {
  const byDay = new Map(days.map((day) => [day, { day, total: 0, satisfied: 0, satisfiedRate: null as number | null }]));
  for (const row of rows) {
    const d = byDay.get(row.local_day);
    if (!d || row.misuse_flag || row.level < 1 || row.level > 5) continue;
    d.total += Number(row.n);
    if (row.level >= 4) d.satisfied += Number(row.n);
  }
  return [...byDay.values()].map((d) => ({ ...d, satisfiedRate: percent(d.satisfied, d.total) }));
}

export const SORT_KEYS = ['unit', 'total', 'rate', 'flagged', 'l1', 'l2', 'l3', 'l4', 'l5'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface Sort {
  key: SortKey;
  dir: 'asc' | 'desc';
}

export function parseSort(query: URLSearchParams): Sort {
  const key = query.get('sort') ?? 'unit';
  const dir = query.get('dir') ?? (key === 'unit' ? 'asc' : 'desc');
  if (!(SORT_KEYS as readonly string[]).includes(key) || (dir !== 'asc' && dir !== 'desc')) throw new DashboardError(400, 'badSort');
  return { key: key as SortKey, dir };
}

function sortValue(u: UnitSummary, key: SortKey): number | null {
  switch (key) {
    case 'total':
      return u.total;
    case 'rate':
      return u.satisfiedRate;
    case 'flagged':
      return u.flagged;
    case 'unit':
      return null;
    default:
      return u.levels[Number(key.slice(1)) as keyof LevelCounts];
  }
}

const collator = new Intl.Collator('vi', { numeric: true });

/** Units with no rate (nothing rated) go last either way; ties keep the units' alphabetical order. */
export function sortUnits(units: readonly UnitSummary[], sort: Sort): UnitSummary[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  const byName = (a: UnitSummary, b: UnitSummary) => collator.compare(a.unitName, b.unitName) || collator.compare(a.unitCode, b.unitCode);
  return [...units].sort((a, b) => {
    if (sort.key === 'unit') return sign * byName(a, b);
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    if (va === null || vb === null) return va === vb ? byName(a, b) : va === null ? 1 : -1;
    return sign * (va - vb) || byName(a, b);
  });
}

export interface CounterFigures extends GroupFigures {
  /** '' where the rating named no counter. */
  counterId: string;
}

export interface OfficerFigures extends GroupFigures {
  officerId: string;
  /** Below the minimum count an officer's rate is not shown (null), as in the kiosk's reports. */
  enough: boolean;
}

export function staffSummary(rows: readonly StaffRow[], officerMinRatings: number): { counters: CounterFigures[]; officers: OfficerFigures[] } {
  const counters = new Map<string, CounterFigures>();
  const officers = new Map<string, OfficerFigures>();
  for (const row of rows) {
    let c = counters.get(row.counter_id);
    if (!c) counters.set(row.counter_id, (c = { counterId: row.counter_id, ...empty() }));
    add(c, row);
    let o = officers.get(row.officer_id);
    if (!o) officers.set(row.officer_id, (o = { officerId: row.officer_id, enough: false, ...empty() }));
    add(o, row);
  }
  // Named groups in their natural order ("Q2" before "Q10"); the unnamed one last.
  const order = (a: string, b: string) => (a === '' ? 1 : b === '' ? -1 : collator.compare(a, b));
  return {
    counters: [...counters.values()].map(finish).sort((a, b) => order(a.counterId, b.counterId)),
    officers: [...officers.values()]
      .map((o) => {
        finish(o);
        o.enough = o.total >= officerMinRatings;
        if (!o.enough) o.satisfiedRate = null;
        return o;
      })
      .sort((a, b) => order(a.officerId, b.officerId)),
  };
}

export interface ReasonFigures {
  key: string;
  label: string;
  factor: SipasFactor | null;
  /** Unflagged ratings naming the reason (one rating may name several). */
  count: number;
  /** Of `total`, the unflagged ratings of the same units and period, in percent. */
  share: number | null;
}

/**
 * One row per reason key over the given rows (one unit's, or every unit's summed), named in
 * `lang` (Vietnamese where that label is missing), in the kiosk reports' order: by count,
 * then the reference order, "other" last.
 */
export function reasonSummary(rows: readonly ReasonTallyRow[], describe: (key: string) => ReasonDefinition, lang: string, total: number): ReasonFigures[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.reason_key, (counts.get(row.reason_key) ?? 0) + Number(row.n));
  return orderReasons([...counts].map(([reason, count]) => ({ reason, count }))).map(({ reason, count }) => {
    const d = describe(reason);
    return { key: reason, label: reasonText(d, lang), factor: d.factor, count, share: percent(count, total) };
  });
}
