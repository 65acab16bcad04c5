// One rating as a row of cells, shared by the CSV file and the Excel "Chi tiết" sheet so
// both carry the same documented columns (docs/exports.md) in the same order.
import { vi } from '../../../shared/i18n/vi';
import { formatDayVi, isoWithOffset } from '../../../shared/local-time';
import type { ExportRatingRow } from '../db/tally-queries';
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
  'dossier',
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

export function detailCells(r: ExportRatingRow, counterNames: ReadonlyMap<string, string>): Record<DetailColumn, DetailCell> {
  const iso = isoWithOffset(r.created_at_ms, r.utc_offset_min);
  return {
    seq: r.seq,
    date: formatDayVi(r.local_day),
    time: iso.slice(11, 19),
    level: r.level,
    levelLabel: levelLabel(r.level),
    reasons: parseReasons(r.reasons).map(reasonLabel).join('; '),
    comment: r.comment ?? '',
    counter: r.counter_id === null ? '' : (counterNames.get(r.counter_id) ?? r.counter_id),
    officer: r.officer_id ?? '',
    dossier: r.dossier_code ?? '',
    flagged: r.misuse_flag ? vi.report.detail.yes : vi.report.detail.no,
    scale: r.scale,
    language: r.language,
    kiosk: r.kiosk_id,
    timestamp: iso.slice(0, 19) + iso.slice(23),
    id: r.id,
  };
}

export function detailRow(r: ExportRatingRow, counterNames: ReadonlyMap<string, string>): DetailCell[] {
  const cells = detailCells(r, counterNames);
  return DETAIL_COLUMNS.map((c) => cells[c]);
}
