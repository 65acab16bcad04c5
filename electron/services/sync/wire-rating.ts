// A stored rating as it travels in protocol v1. The mapping is deliberately unvalidated:
// a malformed row is for the server to refuse (400, then bisection marks it rejected), so
// that one bad record is isolated by the same path whatever made it bad. One exception:
// comments stored before control characters and bidi overrides were refused at the kiosk
// would cost the whole rating its place in the city's tally, so those characters travel
// as spaces (the kiosk's own copy keeps them).
import { isoWithOffset } from '../../../shared/local-time';
import { COMMENT_FORBIDDEN_CHARS } from '../../../shared/rating-scale';
import type { WireRating } from '../../../shared/upload-protocol';
import type { UploadRow } from '../db/upload-queries';

function parseReasons(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? (v as string[]) : [];
  } catch {
    return [];
  }
}

const FORBIDDEN_ALL = new RegExp(COMMENT_FORBIDDEN_CHARS.source, 'gu');

function wireComment(comment: string | null): string | null {
  // Each forbidden character is one UTF-16 unit, so the length limit holds as it did.
  return comment === null || !COMMENT_FORBIDDEN_CHARS.test(comment) ? comment : comment.replace(FORBIDDEN_ALL, ' ');
}

export function toWireRating(row: UploadRow): WireRating {
  return {
    id: row.id,
    seq: row.seq,
    createdAt: isoWithOffset(row.created_at_ms, row.utc_offset_min),
    scale: row.scale as 3 | 5,
    level: row.level,
    reasons: parseReasons(row.reasons) as WireRating['reasons'],
    comment: wireComment(row.comment),
    language: row.language as WireRating['language'],
    counterId: row.counter_id,
    officerId: row.officer_id,
    dossierCode: row.dossier_code,
    dossierCapture: row.dossier_capture as WireRating['dossierCapture'],
    appVersion: row.app_version,
    misuseFlag: row.misuse_flag === 1,
    clockOffsetMs: row.clock_offset_ms,
  };
}
