// The rating scale from ../shared/reference/rating-scale.md. Values are always stored 1..5
// with the scale they were given on, so 3- and 5-level kiosks tally the same way.
import { z } from 'zod';
import { citizen as enCitizen } from './i18n/en/citizen';
import { citizen as viCitizen } from './i18n/vi/citizen';

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

/**
 * A reason's key as a unit configures it and as it is stored and uploaded: short ASCII, so it
 * is safe in JSON, file names, CSV and log lines, and can be quoted in an error.
 */
export const REASON_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
/** Most reasons a unit may configure (and a rating may carry): more would not fit one screen. */
export const MAX_REASONS = 12;
export const REASON_LABEL_MAX_LENGTH = 80;
/** SIPAS factors a reason may feed (see REASON_SIPAS); null: none in particular. */
export const SIPAS_FACTORS = ['A', 'B', 'C', 'D'] as const;
export type SipasFactor = (typeof SIPAS_FACTORS)[number];

/** A reason as stored and uploaded: one of REASON_CODES or a unit's own configured key. */
export type ReasonKey = string;

/** A reason's text per language code; Vietnamese is required and stands in for a missing one. */
export type ReasonLabels = { vi: string } & Partial<Record<string, string>>;

export interface ReasonDefinition {
  key: string;
  factor: SipasFactor | null;
  labels: ReasonLabels;
}

/**
 * The eight reasons of the reference list with the texts the kiosk has always shown: the
 * configuration's default, and how a retired one of them is still named in old data.
 */
export const DEFAULT_REASONS: readonly ReasonDefinition[] = REASON_CODES.map((key) => ({
  key,
  factor: REASON_SIPAS[key],
  labels: { vi: viCitizen.reasons[key], en: enCitizen.reasons[key] },
}));

/**
 * What to call a reason: the configured one's label in `language` (Vietnamese when it has
 * none), else a retired default reason's, else the key itself, so old data is never dropped.
 */
export function describeReason(key: string, configured: readonly ReasonDefinition[]): ReasonDefinition {
  return configured.find((r) => r.key === key) ?? DEFAULT_REASONS.find((r) => r.key === key) ?? { key, factor: null, labels: { vi: key } };
}

export function reasonText(reason: ReasonDefinition, language: string): string {
  return reason.labels[language] ?? reason.labels.vi;
}

/**
 * The reasons a rating carries, as the contract and the upload protocol accept them: any key
 * of the pattern, so a unit's own reasons and an older kiosk's both pass; whether a key is
 * configured is for the kiosk's backend to check, not for the wire.
 */
export const reasonKeysSchema = z
  .array(z.string().regex(REASON_KEY_PATTERN, 'a reason key: lower-case ASCII letter, then letters, digits or "_" (1-40)'))
  .max(MAX_REASONS)
  .refine((r) => new Set(r).size === r.length, 'reasons must not repeat');

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
