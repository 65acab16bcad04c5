// Vietnamese formatting shared by the Excel, PDF and CSV outputs and the CLI table:
// dd/mm/yyyy dates, comma decimals (82,66), dot thousands (1.250), official labels.
import { vi } from '../../../shared/i18n/vi';
import { formatDayVi, zonedParts } from '../../../shared/local-time';
import { describeReason, LEVEL_KEYS, type Level, type ReasonDefinition } from '../../../shared/rating-scale';

export type ReportFormat = 'xlsx' | 'csv' | 'pdf';

export const REPORT_MIME: Record<ReportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

/** Fills `{{name}}` placeholders, the i18next syntax the resource files use. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function isIsoDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().startsWith(s);
}

export function levelLabel(level: number): string {
  const key = LEVEL_KEYS[level as Level];
  return key ? vi.citizen.levels[key] : String(level);
}

/**
 * A reason's Vietnamese label (reports are signed in Vietnamese): the configured one from
 * `reasons` (a tally's catalog), else a retired default's, else the key itself.
 */
export function reasonLabel(code: string, reasons: readonly ReasonDefinition[] = []): string {
  return describeReason(code, reasons).labels.vi;
}

/** The SIPAS factor a reason feeds, as printed in the reason section: "A"…"D", or "—" for none. */
export function reasonFactor(code: string, reasons: readonly ReasonDefinition[] = []): string {
  return describeReason(code, reasons).factor ?? '—';
}

export function formatIntVi(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** 82.66 → "82,66"; null (no ratings, or too few) → "—". */
export function formatPercentVi(p: number | null): string {
  return p === null ? '—' : p.toFixed(2).replace('.', ',');
}

/** "Gia Lai, ngày 01 tháng 12 năm 2026" for the moment the report is made, in the kiosk's zone. */
export function dateLine(place: string, epochMs: number, timeZone: string): string {
  const [yyyy, mm, dd] = zonedParts(epochMs, timeZone).day.split('-');
  return fill(vi.report.dateLine, { place, dd: dd!, mm: mm!, yyyy: yyyy! });
}

/** "Số:          /BC-TTPVHCC": the number is left blank for the clerk who files the report. */
export function numberLine(abbreviation: string | undefined): string {
  return fill(vi.report.number, { abbr: abbreviation || vi.report.abbreviationBlank });
}

export function periodLine(from: string, to: string): string {
  return fill(vi.report.period, { from: formatDayVi(from), to: formatDayVi(to) });
}

export function hourRange(hour: number): string {
  return fill(vi.report.hourRange, { from: String(hour).padStart(2, '0') });
}

export function reportFileName(format: ReportFormat, from: string, to: string): string {
  const stem = format === 'csv' ? vi.report.detailFileName : vi.report.fileName;
  return `${fill(stem, { from, to })}.${format}`;
}
