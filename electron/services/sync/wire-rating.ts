// A stored rating as it travels in protocol v1. The mapping is deliberately unvalidated:
// a malformed row is for the server to refuse (400, then bisection marks it rejected), so
// that one bad record is isolated by the same path whatever made it bad. One exception:
// a comment stored before the kiosk cleaned free text travels cleaned (shared/text-clean),
// as the receiver would store it, rather than cost the rating its place in the tally.
import { isoWithOffset } from '../../../shared/local-time';
import { cleanText } from '../../../shared/text-clean';
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

function wireComment(comment: string | null): string | null {
  return comment === null ? null : cleanText(comment, { multiline: true });
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
