// Upload protocol v1 (docs/upload-protocol.md): the wire types and their runtime schemas,
// shared so that the kiosk and the reference receiver validate against one definition.
import { z } from 'zod';
import { LANGUAGES } from './config-schema';
import { COMMENT_MAX_LENGTH, LEVELS_BY_SCALE, REASON_CODES } from './rating-scale';

export const PROTOCOL_VERSION = 1;
export const MAX_BATCH_RATINGS = 5000;

const identifier = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash or underscore (1-64)');
/** ISO 8601 with an explicit offset (the kiosk sends its local one, e.g. +07:00). */
export const isoWithOffsetSchema = z.iso.datetime({ offset: true, message: 'an ISO 8601 time with an offset' });

export const wireRatingSchema = z
  .object({
    id: z.uuid(),
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    createdAt: isoWithOffsetSchema,
    scale: z.union([z.literal(3), z.literal(5)]),
    level: z.number().int().min(1).max(5),
    reasons: z
      .array(z.enum(REASON_CODES))
      .max(REASON_CODES.length)
      .refine((r) => new Set(r).size === r.length, 'reasons must not repeat'),
    comment: z.string().max(COMMENT_MAX_LENGTH).nullable(),
    language: z.enum(LANGUAGES),
    counterId: identifier.nullable(),
    officerId: identifier.nullable(),
    dossierCode: z.string().min(1).max(100).nullable(),
    dossierCapture: z.enum(['qr', 'barcode', 'typed', 'none']),
    appVersion: z.string().min(1).max(50),
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

export const batchRequestSchema = z
  .object({
    protocol: z.literal(PROTOCOL_VERSION),
    kioskId: identifier,
    unitCode: identifier,
    sentAt: isoWithOffsetSchema,
    ratings: z
      .array(wireRatingSchema)
      .min(1)
      .max(MAX_BATCH_RATINGS)
      .refine((rs) => new Set(rs.map((r) => r.id)).size === rs.length, 'rating ids must be unique within a batch'),
  })
  .strict();
export type BatchRequest = z.output<typeof batchRequestSchema>;

const ackId = z.string().max(100);
/** Lenient on extra keys so that a later server can add fields without breaking kiosks. */
export const batchResponseSchema = z.object({
  accepted: z.array(ackId).max(MAX_BATCH_RATINGS),
  duplicates: z.array(ackId).max(MAX_BATCH_RATINGS),
  rejected: z.array(z.object({ id: ackId, reason: z.string().max(500) })).max(MAX_BATCH_RATINGS),
});
export type BatchResponse = z.output<typeof batchResponseSchema>;

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
    appVersion: z.string().min(1).max(50),
  })
  .strict();
export type HeartbeatRequest = z.output<typeof heartbeatRequestSchema>;

export const heartbeatResponseSchema = z.object({ serverTime: isoWithOffsetSchema });
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
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];
