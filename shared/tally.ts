// What the reception head sees and exports. Figures are the department's own continuous
// satisfaction tally, not the Ministry's sampled SIPAS index.
import { DEFAULT_REASONS, describeReason, type Level, REASON_CODES, type ReasonDefinition } from './rating-scale';

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
  /** Counts by reason key, in the order of `orderReasons` with this tally's `reasons`. */
  byReason: Array<{ reason: string; count: number }>;
  /**
   * What each reason is called and which SIPAS factor it feeds: the configured reasons in
   * screen order, then keys found in the range that the configuration no longer has
   * (retired): a default one keeps its old labels, any other is named by its key.
   */
  reasons: ReasonDefinition[];
  byDay: Array<{ day: string; total: number; satisfiedRate: number | null }>;
}

/** The reason keys in a tally's own order (configured, then retired), for `orderReasons`. */
export function reasonOrder(t: Pick<Tally, 'reasons'>): string[] {
  return t.reasons.map((r) => r.key);
}

/**
 * Configured reasons first, in screen order, then every other key in `keys` (retired ones
 * in old data): a retired default in the reference order, any other by key.
 */
export function reasonCatalog(configured: readonly ReasonDefinition[], keys: Iterable<string>): ReasonDefinition[] {
  const known = new Set(configured.map((r) => r.key));
  const defaults = DEFAULT_REASONS.map((r) => r.key);
  const rank = (k: string) => (defaults.includes(k) ? defaults.indexOf(k) : defaults.length);
  const retired = [...new Set(keys)].filter((k) => !known.has(k)).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return [...configured, ...retired.map((k) => describeReason(k, []))];
}

/** Position of a reason in `order`, with "other" pinned after every named reason. */
function reasonRank(reason: string, order: readonly string[]): number {
  // "Lý do khác" says least about what to fix, so on a tie it goes last even if the
  // configured list puts it elsewhere.
  if (reason === 'other') return order.length + 1;
  const i = order.indexOf(reason);
  return i < 0 ? order.length : i;
}

/**
 * The one order in which reasons are shown everywhere (admin screen, xlsx, PDF, CSV,
 * command line): by count, descending, then by `order` (the tally's `reasons`: configured,
 * then retired; the reference list REASON_CODES by default), with "other" last among equal
 * counts and keys outside `order` after those in it, by key. Returns a new array; rows keep
 * their other fields.
 */
export function orderReasons<T extends { reason: string; count: number }>(rows: readonly T[], order: readonly string[] = REASON_CODES): T[] {
  return [...rows].sort(
    (a, b) => b.count - a.count || reasonRank(a.reason, order) - reasonRank(b.reason, order) || (a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0),
  );
}

/**
 * Every reason of `order`, and any other in `rows`, in the order of `orderReasons`, those
 * without a count in `rows` counting as 0: for column headers, where every reason needs a column.
 */
export function orderedReasonCodes(rows: ReadonlyArray<{ reason: string; count: number }>, order: readonly string[] = REASON_CODES): string[] {
  const counts = new Map<string, number>(order.map((k) => [k, 0]));
  for (const r of rows) counts.set(r.reason, (counts.get(r.reason) ?? 0) + r.count);
  return orderReasons(
    [...counts].map(([reason, count]) => ({ reason, count })),
    order,
  ).map((r) => r.reason);
}
