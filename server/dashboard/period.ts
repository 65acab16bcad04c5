// The period a dashboard page covers, in the receiver's own calendar (utcOffsetMinutes,
// Vietnam's +07:00 by default): "today" turns at local midnight, not at UTC's.
import { DashboardError } from './errors';

export const PERIOD_KINDS = ['today', 'yesterday', '7d', 'month', 'range'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** A year, leap day included: a longer range is refused rather than read. */
export const MAX_RANGE_DAYS = 366;

export interface Period {
  kind: PeriodKind;
  /** YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

export function isCalendarDay(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(v);
}

export function localDay(epochMs: number, utcOffsetMinutes: number): string {
  return new Date(epochMs + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function dayCount(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** Reads period, from and to from a query; refuses (400) anything it cannot take as it is. */
export function parsePeriod(query: URLSearchParams, nowMs: number, utcOffsetMinutes: number): Period {
  const kind = query.get('period') ?? 'today';
  const today = localDay(nowMs, utcOffsetMinutes);
  switch (kind) {
    case 'today':
      return { kind, from: today, to: today };
    case 'yesterday': {
      const d = addDays(today, -1);
      return { kind, from: d, to: d };
    }
    case '7d':
      return { kind, from: addDays(today, -6), to: today };
    case 'month':
      return { kind, from: `${today.slice(0, 8)}01`, to: today };
    case 'range': {
      const from = query.get('from') ?? '';
      const to = query.get('to') ?? '';
      if (!isCalendarDay(from) || !isCalendarDay(to)) throw new DashboardError(400, 'badDate');
      if (from > to) throw new DashboardError(400, 'fromAfterTo');
      if (dayCount(from, to) > MAX_RANGE_DAYS) throw new DashboardError(400, 'rangeTooLong', { max: MAX_RANGE_DAYS });
      return { kind, from, to };
    }
    default:
      throw new DashboardError(400, 'badPeriod');
  }
}

/** The query string that gives this period again (for links that change something else). */
export function periodQuery(p: Period): Record<string, string> {
  return p.kind === 'range' ? { period: p.kind, from: p.from, to: p.to } : { period: p.kind };
}
