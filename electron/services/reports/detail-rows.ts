// One rating as a row of cells, shared by the CSV file and the Excel "Chi tiết" sheet so
// both carry the same documented columns (docs/exports.md) in the same order.
import { vi } from '../../../shared/i18n/vi';
import { formatDayVi, isoWithOffset } from '../../../shared/local-time';
import { REASON_CODES } from '../../../shared/rating-scale';
import type { ExportRatingRow } from '../db/tally-queries';
import type { ReportNames } from './report-context';
import { levelLabel, reasonLabel } from './report-format';

export const DETAIL_COLUMNS = [
  'seq',
  'date',
  'time',
  'level',
  'levelLabel',
  'reasons',
  'comment',
  'counter',
  'officer',
  'officerId',
  'dossier',
  'capture',
  'flagged',
  'scale',
  'language',
  'kiosk',
  'timestamp',
  'id',
] as const;
export type DetailColumn = (typeof DETAIL_COLUMNS)[number];

export const DETAIL_HEADERS: readonly string[] = DETAIL_COLUMNS.map((c) => vi.report.detail[c]);

export type DetailCell = string | number;

export function parseReasons(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * A rating's reasons in `order` (the period's, from section VI), whatever order they were
 * tapped in; a code the list does not know keeps its place after the known ones.
 */
export function orderedRatingReasons(reasons: readonly string[], order: readonly string[] = REASON_CODES): string[] {
  const rank = (code: string) => {
    const i = order.indexOf(code);
    return i < 0 ? order.length : i;
  };
  return [...reasons].sort((a, b) => rank(a) - rank(b));
}

const nameOf = (id: string | null, names: ReadonlyMap<string, string>): string => (id === null ? '' : (names.get(id) ?? id));

export function detailCells(r: ExportRatingRow, names: ReportNames): Record<DetailColumn, DetailCell> {
  const iso = isoWithOffset(r.created_at_ms, r.utc_offset_min);
  return {
    seq: r.seq,
    date: formatDayVi(r.local_day),
    time: iso.slice(11, 19),
    level: r.level,
    levelLabel: levelLabel(r.level),
    reasons: orderedRatingReasons(parseReasons(r.reasons), names.reasonOrder)
      .map((code) => reasonLabel(code, names.reasons))
      .join('; '),
    comment: r.comment ?? '',
    counter: nameOf(r.counter_id, names.counterNames),
    officer: nameOf(r.officer_id, names.officerNames),
    officerId: r.officer_id ?? '',
    dossier: r.dossier_code ?? '',
    // A value outside the schema's CHECK cannot be stored; the fallback only guards the type.
    capture: vi.report.detail.captureKinds[r.dossier_capture] ?? r.dossier_capture,
    flagged: r.misuse_flag ? vi.report.detail.yes : vi.report.detail.no,
    scale: r.scale,
    language: r.language,
    kiosk: r.kiosk_id,
    timestamp: iso.slice(0, 19) + iso.slice(23),
    id: r.id,
  };
}

export function detailRow(r: ExportRatingRow, names: ReportNames): DetailCell[] {
  const cells = detailCells(r, names);
  return DETAIL_COLUMNS.map((c) => cells[c]);
}
