// Calendar arithmetic on YYYY-MM-DD strings in the kiosk's own zone. Days are plain
// labels, so the maths runs in UTC where no day is ever 23 or 25 hours long.
import { zonedParts } from '../../../shared/local-time';

/** Only until getBootstrap has answered: after that the config's own `timezone` is used. */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface DayRange {
  from: string;
  to: string;
}

export type RangePreset = 'today' | 'yesterday' | 'last7' | 'thisMonth';
export const RANGE_PRESETS: readonly RangePreset[] = ['today', 'yesterday', 'last7', 'thisMonth'];

export function todayIn(timeZone: string, nowMs: number = Date.now()): string {
  return zonedParts(nowMs, timeZone).day;
}

function toUtcMs(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

function fromUtcMs(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return fromUtcMs(toUtcMs(day) + n * 86_400_000);
}

export function presetRange(preset: RangePreset, today: string): DayRange {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday': {
      const y = addDays(today, -1);
      return { from: y, to: y };
    }
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'thisMonth':
      return { from: `${today.slice(0, 8)}01`, to: today };
  }
}

export function matchingPreset(range: DayRange, today: string): RangePreset | null {
  return (
    RANGE_PRESETS.find((p) => {
      const r = presetRange(p, today);
      return r.from === range.from && r.to === range.to;
    }) ?? null
  );
}

export interface MonthRef {
  year: number;
  /** 1..12 */
  month: number;
}

export function monthOf(day: string): MonthRef {
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) };
}

export function shiftMonth(ref: MonthRef, delta: number): MonthRef {
  const index = ref.year * 12 + (ref.month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** Weeks of a month, Monday first (Vietnamese calendars start on Monday); null pads. */
export function monthWeeks(ref: MonthRef): Array<Array<string | null>> {
  const first = Date.UTC(ref.year, ref.month - 1, 1);
  const daysInMonth = new Date(Date.UTC(ref.year, ref.month, 0)).getUTCDate();
  const lead = (new Date(first).getUTCDay() + 6) % 7;
  const cells: Array<string | null> = Array.from({ length: lead }, () => null);
  for (let d = 0; d < daysInMonth; d++) cells.push(fromUtcMs(first + d * 86_400_000));
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: Array<Array<string | null>> = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}
