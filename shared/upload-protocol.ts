// Upload protocol v1 (docs/upload-protocol.md): the wire types and their runtime schemas,
// shared so that the kiosk and the reference receiver validate against one definition.
import { z } from 'zod';
import { regexes } from 'zod/v4/core';
import { isLanguageCode, LABEL_LANGUAGE_PATTERN, languageCodeSchema } from './config-schema';
import { COMMENT_MAX_LENGTH, LEVELS_BY_SCALE, MAX_REASONS, REASON_KEY_PATTERN, REASON_LABEL_MAX_LENGTH, reasonKeysSchema, SIPAS_FACTORS } from './rating-scale';
import { cleanText, isCleanText } from './text-clean';

export const PROTOCOL_VERSION = 1;
export const MAX_BATCH_RATINGS = 5000;
export const MAX_BATCH_CONTACTS = 500;

const identifier = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash or underscore (1-64)');
/**
 * Free text is cleaned, not refused (shared/text-clean.ts): a batch from a kiosk that let a
 * control character through is still delivered, and the stored text is safe to export.
 * Cleaned before the duplicate check, so a re-send compares equal.
 */
const wireText = (max: number, multiline: boolean) =>
  z
    .string()
    .max(max)
    .transform((s) => cleanText(s, { multiline }))
    .pipe(z.string().min(1, 'empty once control characters are removed'));
/** ISO 8601 with an explicit offset (the kiosk sends its local one, e.g. +07:00). */
export const isoWithOffsetSchema = z.iso.datetime({ offset: true, message: 'an ISO 8601 time with an offset' });

export const wireRatingSchema = z
  .object({
    id: z.uuid(),
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    createdAt: isoWithOffsetSchema,
    scale: z.union([z.literal(3), z.literal(5)]),
    level: z.number().int().min(1).max(5),
    /** Reason keys (a unit may configure its own); any key of the pattern, at most MAX_REASONS. */
    reasons: reasonKeysSchema,
    comment: z
      .string()
      .max(COMMENT_MAX_LENGTH)
      .transform((c) => cleanText(c, { multiline: true }))
      .nullable(),
    /** "vi", "en" or a language pack's code (docs/languages.md). */
    language: languageCodeSchema,
    counterId: identifier.nullable(),
    officerId: identifier.nullable(),
    dossierCode: wireText(100, false).nullable(),
    dossierCapture: z.enum(['qr', 'barcode', 'typed', 'none']),
    appVersion: wireText(50, false),
    misuseFlag: z.boolean(),
    /** Server − kiosk clock offset known when the rating was taken (null: none yet). */
    clockOffsetMs: z.number().int().min(-1e12).max(1e12).nullable(),
  })
  .strict()
  .refine((r) => (LEVELS_BY_SCALE[r.scale === 5 ? '5' : '3'] as readonly number[]).includes(r.level), {
    message: 'level is not on the rating scale',
    path: ['level'],
  });
export type WireRating = z.output<typeof wireRatingSchema>;

/** What every upload request carries around its items: who sends them, and when. */
const uploadEnvelope = {
  protocol: z.literal(PROTOCOL_VERSION),
  kioskId: identifier,
  unitCode: identifier,
  sentAt: isoWithOffsetSchema,
};

export const batchRequestSchema = z
  .object({
    ...uploadEnvelope,
    ratings: z
      .array(wireRatingSchema)
      .min(1)
      .max(MAX_BATCH_RATINGS)
      .refine((rs) => new Set(rs.map((r) => r.id)).size === rs.length, 'rating ids must be unique within a batch'),
  })
  .strict();
export type BatchRequest = z.output<typeof batchRequestSchema>;

// ---- fast path -------------------------------------------------------------------------
// Running the zod schema costs a few microseconds per rating, most of a receiver's CPU
// outside SQLite. isValidBatchFast() answers the common case, a well-formed batch, with
// plain checks. It may only ever say "valid" for input the schema accepts unchanged (text
// that cleaning would not change, so the transforms are no-ops), so it is conservative: anything
// unusual returns false and the caller runs the schema, which also words the error.

const IDENTIFIER_RE = /^[A-Za-z0-9._-]{1,64}$/;
// The very patterns zod's z.uuid() and z.iso.datetime({ offset: true }) use.
const UUID_RE = regexes.uuid();
const ISO_WITH_OFFSET_RE = regexes.datetime({ offset: true, local: false });
const CAPTURE_SET: ReadonlySet<unknown> = new Set(['qr', 'barcode', 'typed', 'none']);
const LEVELS_3: ReadonlySet<unknown> = new Set(LEVELS_BY_SCALE['3']);
const LEVELS_5: ReadonlySet<unknown> = new Set(LEVELS_BY_SCALE['5']);
const RATING_KEYS = Object.keys(wireRatingSchema.def.shape);
const BATCH_KEYS = Object.keys(batchRequestSchema.shape);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/** Exactly these own keys, no more (the schemas are strict). */
function hasExactKeys(o: Record<string, unknown>, keys: readonly string[]): boolean {
  let n = 0;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) return false;
    n++;
  }
  if (n !== keys.length) return false;
  for (const k of keys) if (!Object.hasOwn(o, k)) return false;
  return true;
}

const isIdentifierOrNull = (v: unknown) => v === null || (typeof v === 'string' && IDENTIFIER_RE.test(v));
const isInt = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;

function isValidRatingFast(v: unknown): boolean {
  if (!isPlainObject(v) || !hasExactKeys(v, RATING_KEYS)) return false;
  const { reasons, comment, dossierCode, appVersion, clockOffsetMs } = v;
  if (typeof v.id !== 'string' || !UUID_RE.test(v.id)) return false;
  if (!isInt(v.seq, 1, Number.MAX_SAFE_INTEGER)) return false;
  if (typeof v.createdAt !== 'string' || !ISO_WITH_OFFSET_RE.test(v.createdAt)) return false;
  if (v.scale === 3) {
    if (!LEVELS_3.has(v.level)) return false;
  } else if (v.scale === 5) {
    if (!LEVELS_5.has(v.level)) return false;
  } else return false;
  if (!Array.isArray(reasons) || reasons.length > MAX_REASONS) return false;
  for (let i = 0; i < reasons.length; i++) {
    const reason: unknown = reasons[i];
    if (typeof reason !== 'string' || !REASON_KEY_PATTERN.test(reason)) return false;
    for (let j = 0; j < i; j++) if (reasons[j] === reasons[i]) return false;
  }
  if (comment !== null && (typeof comment !== 'string' || comment.length > COMMENT_MAX_LENGTH || !isCleanText(comment, { multiline: true }))) {
    return false;
  }
  if (!isLanguageCode(v.language)) return false;
  if (!isIdentifierOrNull(v.counterId) || !isIdentifierOrNull(v.officerId)) return false;
  if (dossierCode !== null && (typeof dossierCode !== 'string' || dossierCode.length < 1 || dossierCode.length > 100 || !isCleanText(dossierCode))) {
    return false;
  }
  if (!CAPTURE_SET.has(v.dossierCapture)) return false;
  if (typeof appVersion !== 'string' || appVersion.length < 1 || appVersion.length > 50 || !isCleanText(appVersion)) return false;
  if (typeof v.misuseFlag !== 'boolean') return false;
  if (clockOffsetMs !== null && !isInt(clockOffsetMs, -1e12, 1e12)) return false;
  return true;
}

/**
 * True only for a batch that batchRequestSchema accepts as it is; false means "run the
 * schema" (which then either accepts it too or explains what is wrong).
 */
export function isValidBatchFast(v: unknown): v is BatchRequest {
  if (!isPlainObject(v) || !hasExactKeys(v, BATCH_KEYS)) return false;
  if (v.protocol !== PROTOCOL_VERSION) return false;
  if (typeof v.kioskId !== 'string' || !IDENTIFIER_RE.test(v.kioskId)) return false;
  if (typeof v.unitCode !== 'string' || !IDENTIFIER_RE.test(v.unitCode)) return false;
  if (typeof v.sentAt !== 'string' || !ISO_WITH_OFFSET_RE.test(v.sentAt)) return false;
  const ratings = v.ratings;
  if (!Array.isArray(ratings) || ratings.length < 1 || ratings.length > MAX_BATCH_RATINGS) return false;
  const ids = new Set<unknown>();
  for (const r of ratings) {
    if (!isValidRatingFast(r)) return false;
    ids.add((r as { id: unknown }).id);
  }
  return ids.size === ratings.length;
}

const ackId = z.string().max(100);
/** Lenient on extra keys so that a later server can add fields without breaking kiosks. */
export const batchResponseSchema = z.object({
  accepted: z.array(ackId).max(MAX_BATCH_RATINGS),
  duplicates: z.array(ackId).max(MAX_BATCH_RATINGS),
  /**
   * New ids whose unit and dossier code another id already rated: kept apart, not tallied.
   * A receiver older than this answer category does not send it.
   */
  dossierRated: z.array(ackId).max(MAX_BATCH_RATINGS).default([]),
  rejected: z.array(z.object({ id: ackId, reason: z.string().max(500) })).max(MAX_BATCH_RATINGS),
});
export type BatchResponse = z.output<typeof batchResponseSchema>;

// ---- survey contacts ---------------------------------------------------------------------
// Phone numbers left, with consent, for the city's follow-up survey. Personal data: a
// separate endpoint and table, never linked to a rating, so a rating stays anonymous.

export const PHONE_RE = /^0\d{9,10}$/;

export const wireContactSchema = z
  .object({
    id: z.uuid(),
    phone: z.string().regex(PHONE_RE, 'a Vietnamese phone number: 0 and 9 or 10 digits'),
    createdAt: isoWithOffsetSchema,
    /** Which consent text the citizen agreed to. */
    consentVersion: wireText(50, false),
  })
  .strict();
export type WireContact = z.output<typeof wireContactSchema>;

export const contactBatchRequestSchema = z
  .object({
    ...uploadEnvelope,
    contacts: z
      .array(wireContactSchema)
      .min(1)
      .max(MAX_BATCH_CONTACTS)
      .refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, 'contact ids must be unique within a batch'),
  })
  .strict();
export type ContactBatchRequest = z.output<typeof contactBatchRequestSchema>;

/** Lenient on extra keys, like the ratings answer. */
export const contactBatchResponseSchema = z.object({
  accepted: z.array(ackId).max(MAX_BATCH_CONTACTS),
  duplicates: z.array(ackId).max(MAX_BATCH_CONTACTS),
});
export type ContactBatchResponse = z.output<typeof contactBatchResponseSchema>;

// ---- reconciliation ------------------------------------------------------------------------
// The heartbeat carries the kiosk's own count of its ratings per local day; a receiver that
// compares answers with the days where what it holds for that kiosk differs. Both fields are
// optional, so kiosks and receivers from before either side of it keep working together.

/** Days a kiosk reports: today and the 13 before it, in its configured time zone. */
export const RECONCILIATION_DAYS = 14;
/** Room for a longer window later without a protocol change; more is refused. */
export const MAX_RECONCILIATION_DAYS = 31;

/** A rating's local day as its `createdAt` says it (the first 10 characters). */
export const calendarDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(d);
  }, 'a real calendar date');
const ratingCount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const uniqueDays = (days: readonly { day: string }[]) => new Set(days.map((d) => d.day)).size === days.length;

/** One local day of the kiosk's ratings for this kiosk and unit, by upload state. */
export const dayCountSchema = z
  .object({
    day: calendarDaySchema,
    /** Every rating the kiosk holds for the day: delivered + pending + rejected. */
    stored: ratingCount,
    /** Acknowledged by the receiver, the `dossierRated` ones included. */
    delivered: ratingCount,
    pending: ratingCount,
    rejected: ratingCount,
  })
  .strict()
  .refine((d) => d.stored === d.delivered + d.pending + d.rejected, { message: 'stored must be delivered + pending + rejected', path: ['stored'] });
export type DayCount = z.output<typeof dayCountSchema>;

export const dayCountsSchema = z.array(dayCountSchema).max(MAX_RECONCILIATION_DAYS).refine(uniqueDays, 'days must not repeat');

/** A day where the receiver holds another number of this kiosk's ratings than it delivered. */
export const reconciliationDaySchema = z.object({
  day: calendarDaySchema,
  /** The kiosk's `delivered` for the day, as the heartbeat reported it. */
  kioskDelivered: ratingCount,
  /** Ratings of this kiosk and unit for the day that the receiver holds (counted and kept apart). */
  serverReceived: ratingCount,
});
export type ReconciliationDay = z.output<typeof reconciliationDaySchema>;

/** Lenient on extra keys inside each day, like the other answers. */
export const reconciliationSchema = z.array(reconciliationDaySchema).max(MAX_RECONCILIATION_DAYS).refine(uniqueDays, 'days must not repeat');

/**
 * The days to report to the kiosk, given what the receiver holds per day for it. A day agrees
 * when the receiver holds at least what the kiosk delivered and no more than it delivered and
 * still has pending: a batch stored whose acknowledgement was lost is pending on the kiosk
 * until its re-send is answered "duplicate", and is no discrepancy.
 */
export function reconcileDayCounts(dayCounts: readonly DayCount[], serverReceived: (day: string) => number): ReconciliationDay[] {
  const out: ReconciliationDay[] = [];
  for (const d of dayCounts) {
    const held = serverReceived(d.day);
    if (held < d.delivered || held > d.delivered + d.pending) out.push({ day: d.day, kioskDelivered: d.delivered, serverReceived: held });
  }
  return out.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

// ---- the reasons catalogue -------------------------------------------------------------------
// Ratings carry reason keys only; the heartbeat tells the receiver what the kiosk's unit calls
// each key, so that the city's reports can name them. Bounded as the kiosk's configuration
// bounds them (shared/config-schema.ts), so a kiosk's valid configuration always passes.

/** Label languages one reason may carry: far more than any unit has, few enough to store per key. */
export const MAX_REASON_LABEL_LANGUAGES = 32;

const reasonLabelSchema = z
  .string()
  .max(REASON_LABEL_MAX_LENGTH * 4)
  .transform((s) => cleanText(s))
  .pipe(z.string().trim().min(1, 'an empty label').max(REASON_LABEL_MAX_LENGTH));

export const wireReasonSchema = z
  .object({
    key: z.string().regex(REASON_KEY_PATTERN, 'a reason key: lower-case ASCII letter, then letters, digits or "_" (1-40)'),
    factor: z.literal([...SIPAS_FACTORS, null], { error: 'one of "A", "B", "C", "D" (SIPAS factor) or null' }),
    labels: z
      .object({ vi: reasonLabelSchema })
      .catchall(reasonLabelSchema)
      .superRefine((labels, ctx) => {
        const languages = Object.keys(labels);
        if (languages.length > MAX_REASON_LABEL_LANGUAGES) ctx.addIssue({ code: 'custom', message: `at most ${MAX_REASON_LABEL_LANGUAGES} languages` });
        for (const language of languages) {
          if (!LABEL_LANGUAGE_PATTERN.test(language)) ctx.addIssue({ code: 'custom', path: [language], message: 'a language code such as "en"' });
        }
      }),
  })
  .strict();
export type WireReason = z.output<typeof wireReasonSchema>;

export const wireReasonsSchema = z
  .array(wireReasonSchema)
  .max(MAX_REASONS)
  .superRefine((list, ctx) => {
    list.forEach((r, i) => {
      if (list.findIndex((x) => x.key === r.key) < i) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: 'repeats the key of an earlier reason' });
    });
  });

export const heartbeatRequestSchema = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    kioskId: identifier,
    unitCode: identifier,
    /** The kiosk's own clock when it sent the request. */
    kioskTime: isoWithOffsetSchema,
    queueDepth: z.number().int().min(0),
    oldestPendingAt: isoWithOffsetSchema.nullable(),
    lastDeliveryAt: isoWithOffsetSchema.nullable(),
    appVersion: wireText(50, false),
    /** Every day of the kiosk's window, empty days included; absent from older kiosks. */
    dayCounts: dayCountsSchema.optional(),
    /** The kiosk's configured follow-up reasons, in screen order; absent from older kiosks. */
    reasons: wireReasonsSchema.optional(),
  })
  .strict();
export type HeartbeatRequest = z.output<typeof heartbeatRequestSchema>;

/**
 * `reconciliation` is present only from a receiver that compared the request's `dayCounts`
 * (`[]`: every day agrees). The kiosk reads it apart from `serverTime` (heartbeat.ts), so a
 * malformed one costs the comparison only, never the clock or the sync.
 */
export const heartbeatResponseSchema = z.object({ serverTime: isoWithOffsetSchema, reconciliation: reconciliationSchema.optional() });
export type HeartbeatResponse = z.output<typeof heartbeatResponseSchema>;

/** Body of every 4xx/5xx the reference receiver sends. `field` is a dotted path into the request. */
export const errorBodySchema = z.object({
  error: z.object({ code: z.string().max(100), detail: z.string().max(2000).optional(), field: z.string().max(200).optional() }),
});
export type ErrorBody = z.output<typeof errorBodySchema>;

/**
 * The content that must match for a re-sent id to count as a duplicate. Fixed field order,
 * so that two equal ratings always give the same string whatever order the JSON had.
 */
export function canonicalRatingContent(kioskId: string, unitCode: string, r: WireRating): string {
  return JSON.stringify([
    kioskId,
    unitCode,
    r.id,
    r.seq,
    r.createdAt,
    r.scale,
    r.level,
    r.reasons,
    r.comment,
    r.language,
    r.counterId,
    r.officerId,
    r.dossierCode,
    r.dossierCapture,
    r.appVersion,
    r.misuseFlag,
    r.clockOffsetMs,
  ]);
}

/** Codes the kiosk records as `SyncStatus.lastError.code` (i18n: sync.errors.<code>). */
export const SYNC_ERROR_CODES = [
  'network',
  'timeout',
  'server_error',
  'bad_response',
  'auth_failed',
  'throttled',
  'too_large',
  'bad_request',
  'no_progress',
  'internal',
  // The way to the server (#13): TLS, and the office proxy between the kiosk and the server.
  'tls',
  'proxy_unreachable',
  'proxy_auth',
  'proxy_refused',
  'proxy_timeout',
  'proxy_unsupported',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];
