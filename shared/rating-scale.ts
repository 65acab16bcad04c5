// The rating scale from ../shared/reference/rating-scale.md. Values are always stored 1..5
// with the scale they were given on, so 3- and 5-level kiosks tally the same way.

export const SCALES = ['3', '5'] as const;
export type Scale = (typeof SCALES)[number];

export const LEVELS = [5, 4, 3, 2, 1] as const;
export type Level = (typeof LEVELS)[number];

/** Reading order on screen: most satisfied first (left, or top in portrait). */
export const LEVELS_BY_SCALE: Record<Scale, readonly Level[]> = {
  '3': [5, 4, 2],
  '5': [5, 4, 3, 2, 1],
};

export const LEVEL_KEYS = {
  5: 'very_satisfied',
  4: 'satisfied',
  3: 'neutral',
  2: 'not_satisfied',
  1: 'very_dissatisfied',
} as const satisfies Record<Level, string>;
export type LevelKey = (typeof LEVEL_KEYS)[Level];

export const REASON_CODES = ['late', 'repeat_visits', 'staff_attitude', 'paperwork', 'fees', 'result_error', 'waiting_facilities', 'other'] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** SIPAS factor each reason feeds (A access, B procedures, C civil servants, D results). */
export const REASON_SIPAS: Record<ReasonCode, 'A' | 'B' | 'C' | 'D' | null> = {
  late: 'D',
  repeat_visits: 'B',
  staff_attitude: 'C',
  paperwork: 'B',
  fees: 'B',
  result_error: 'D',
  waiting_facilities: 'A',
  other: null,
};

export const COMMENT_MAX_LENGTH = 500;

export function isLevelOnScale(level: number, scale: Scale): level is Level {
  return (LEVELS_BY_SCALE[scale] as readonly number[]).includes(level);
}

/** A rating of 3 or below asks what was not satisfactory. */
export function needsFollowUp(level: Level): boolean {
  return level <= 3;
}

/** Satisfied levels for the satisfaction rate: (4 + 5) / N. */
export function isSatisfied(level: Level): boolean {
  return level >= 4;
}
