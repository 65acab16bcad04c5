// What the reception head sees and exports. Figures are the department's own continuous
// satisfaction tally, not the Ministry's sampled SIPAS index.
import type { Level, ReasonCode } from './rating-scale';

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
