// What the reception head sees and exports. Figures are the department's own continuous
// satisfaction tally, not the Ministry's sampled SIPAS index.
import { type Level, REASON_CODES, type ReasonCode } from './rating-scale';

/** Percent with two decimals, the precision printed in reports (82,66 %); null when whole is 0. */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part / whole) * 10_000) / 100;
}

export interface LevelCount {
  level: Level;
  count: number;
  /** Share of the (unflagged) total, 0..100, null when the total is 0. */
  percent: number | null;
}

export interface GroupTally {
  total: number;
  levels: LevelCount[];
  /** (4 + 5) / total as 0..100, null when the total is 0 or below the minimum count. */
  satisfiedRate: number | null;
  dissatisfiedRate: number | null;
}

export interface Tally extends GroupTally {
  from: string;
  to: string;
  timezone: string;
  /** Ratings flagged as misuse in the range; excluded from every other figure. */
  flagged: number;
  byCounter: Array<GroupTally & { counterId: string | null; counterName: string }>;
  /**
   * Officers below the minimum count get `enough: false` and null rates. The name comes
   * from the configuration; an officer no longer configured is named by their id.
   */
  byOfficer: Array<GroupTally & { officerId: string; officerName: string; enough: boolean }>;
  byHour: Array<{ hour: number; total: number; satisfied: number }>;
  byReason: Array<{ reason: ReasonCode; count: number }>;
  byDay: Array<{ day: string; total: number; satisfiedRate: number | null }>;
}

/** Position of a reason in the reference list, with "other" pinned after every named reason. */
function reasonRank(reason: ReasonCode): number {
  // "Lý do khác" says least about what to fix, so on a tie it goes last even if the
  // reference list is ever reordered.
  if (reason === 'other') return REASON_CODES.length;
  const i = REASON_CODES.indexOf(reason);
  return i < 0 ? REASON_CODES.length - 1 : i;
}

/**
 * The one order in which reasons are shown everywhere (admin screen, xlsx, PDF, CSV header,
 * command line): by count, descending, then by the reference order of the reasons
 * (REASON_CODES), with "other" last among equal counts. Returns a new array; rows keep
 * their other fields.
 */
export function orderReasons<T extends { reason: ReasonCode; count: number }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => b.count - a.count || reasonRank(a.reason) - reasonRank(b.reason));
}

/**
 * Every reason code in the order of `orderReasons`, reasons without a count in `rows`
 * counting as 0: for column headers, where every reason needs a column.
 */
export function orderedReasonCodes(rows: ReadonlyArray<{ reason: ReasonCode; count: number }>): ReasonCode[] {
  const counts = new Map<ReasonCode, number>();
  for (const r of rows) counts.set(r.reason, (counts.get(r.reason) ?? 0) + r.count);
  return orderReasons(REASON_CODES.map((reason) => ({ reason, count: counts.get(reason) ?? 0 }))).map((r) => r.reason);
}
