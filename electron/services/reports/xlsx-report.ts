// The Excel report: the summary sheet to sign first, then "Chi tiết" with one row per
// rating. exceljs's streaming WorkbookWriter commits each detail row as it goes, so memory
// stays flat however many ratings the range holds. Both sheets are set up to print: Times
// New Roman (the workbook's default font too, so text a clerk types in matches), A4 with
// the margins of Decree 30/2020/NĐ-CP, rows as tall as their wrapped text (xlsx-metrics.ts).
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { vi } from '../../../shared/i18n/vi';
import type { ExportRatingRow } from '../db/tally-queries';
import { DETAIL_COLUMNS, DETAIL_HEADERS, type DetailColumn, detailRow } from './detail-rows';
import { loadReportFonts } from './pdf-fonts';
import type { ReportContext } from './report-context';
import { levelLabel } from './report-format';
import { createTextMetrics, rowHeight, type TextMetrics, textPoints, unitsFor } from './xlsx-metrics';
import { A4_FIT_TO_WIDTH, PAGE_NUMBER_HEADER, printArea, REPORT_FONT, SUMMARY_HEADER_FOOTER, writeSummarySheet } from './xlsx-summary-sheet';
import { sheetStreamOf, useSheetStreams, type SheetStream } from './xlsx-sheet-stream';

/** The workbook's default font (Excel's "Normal" style): the one column widths are counted in. */
const DEFAULT_FONT: Partial<ExcelJS.Font> = { name: REPORT_FONT, size: 12, family: 1 };
const DETAIL_SIZE = 11;
/**
 * The columns a person reads, printed; the rest (scale, language, kiosk, ISO instant, rating
 * id) are for scripts and stay outside the print area, so that the printed list keeps
 * legible type when fitted to the page's width.
 */
export const DETAIL_PRINTED_COLUMNS = DETAIL_COLUMNS.slice(0, DETAIL_COLUMNS.indexOf('flagged') + 1);
/** Free text, wrapped in a column of this width (Excel's units) rather than widening it. */
const DETAIL_WRAPPED: Partial<Record<DetailColumn, number>> = { reasons: 20, comment: 22 };
/** Columns as wide as their longest value up to a limit, wrapped beyond it. */
const DETAIL_CAPPED: Partial<Record<DetailColumn, number>> = { counter: 22, officer: 22 };

/**
 * Shared style objects for the detail cells: exceljs caches style ids by object identity,
 * and a fresh object per cell made style lookup the most expensive part of the export.
 */
const DETAIL_CELL_STYLE: Partial<ExcelJS.Style> = {
  font: { name: REPORT_FONT, size: DETAIL_SIZE },
  alignment: { vertical: 'top' },
};
const DETAIL_WRAP_STYLE: Partial<ExcelJS.Style> = {
  font: { name: REPORT_FONT, size: DETAIL_SIZE },
  alignment: { vertical: 'top', wrapText: true },
};
const DETAIL_HEAD_STYLE: Partial<ExcelJS.Style> = {
  font: { name: REPORT_FONT, size: DETAIL_SIZE, bold: true },
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } },
  border: { bottom: { style: 'thin' } },
};

/** The longest value each fixed-format column can hold, to size it without reading the ratings first. */
function detailSamples(ctx: ReportContext): Record<DetailColumn, string[]> {
  const d = vi.report.detail;
  return {
    seq: ['9999999'],
    date: ['30/12/2026'],
    time: ['23:59:59'],
    level: ['5'],
    // The scale's levels and any other level in the range (tally-service.ts).
    levelLabel: ctx.tally.levels.map((l) => levelLabel(l.level)),
    reasons: [],
    comment: [],
    counter: [...ctx.counterNames.values(), vi.report.unknownCounter],
    officer: [...ctx.officerNames.values()],
    officerId: [...ctx.officerNames.keys()],
    dossier: ['000.00.12.H21-261115-0001'],
    capture: Object.values(d.captureKinds),
    flagged: [d.yes, d.no],
    scale: ['5'],
    language: ['vi'],
    kiosk: ['kiosk-01'],
    timestamp: ['2026-12-01T14:05:00+07:00'],
    id: ['019a0000-0000-7000-8000-000000000001'],
  };
}

interface DetailLayout {
  widths: number[];
  headerHeight: number;
  /** Index and text width (points) of each column whose text may wrap. */
  wrapped: Array<{ index: number; points: number }>;
}

/**
 * Column widths that fit the data: each fixed-format column as wide as its longest value or
 * the longest word of its header, names as the configuration's longest (up to a limit), free
 * text wrapped in a set width. The header row is as tall as its most wrapped label.
 */
export function detailLayout(ctx: ReportContext, metrics: TextMetrics): DetailLayout {
  const samples = detailSamples(ctx);
  const widths = DETAIL_COLUMNS.map((c, i) => {
    const fixed = DETAIL_WRAPPED[c];
    if (fixed) return fixed;
    const words = DETAIL_HEADERS[i]!.split(' ').map((word) => metrics.width(word, DETAIL_SIZE, 'bold'));
    const values = samples[c].map((v) => metrics.width(v, DETAIL_SIZE));
    const units = unitsFor(Math.max(...words, ...values));
    return Math.min(units, DETAIL_CAPPED[c] ?? units);
  });
  const headerLines = Math.max(...DETAIL_HEADERS.map((h, i) => metrics.lines(h, textPoints(widths[i]!), DETAIL_SIZE, 'bold')));
  const wrapped = DETAIL_COLUMNS.flatMap((c, index) =>
    DETAIL_WRAPPED[c] || DETAIL_CAPPED[c] || c === 'dossier' ? [{ index, points: textPoints(widths[index]!) }] : [],
  );
  return { widths, headerHeight: rowHeight(headerLines, DETAIL_SIZE), wrapped };
}

/** Sets font 0, the workbook's default, before any cell takes the library's Calibri. */
function setDefaultFont(wb: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const styles = (wb as unknown as { styles?: { model?: { fonts?: unknown[] }; _addFont?: (f: Partial<ExcelJS.Font>) => number } }).styles;
  if (!styles?._addFont || styles.model?.fonts?.length !== 0) throw new Error('exceljs style manager changed: the default font cannot be set');
  styles._addFont(DEFAULT_FONT);
}

/**
 * Waits while the zip is behind: exceljs writes each row without heeding what write()
 * returns, so the row loop heeds it on exceljs's behalf. `stop` aborts the wait when the
 * output breaks (no drain will come).
 */
async function letZipCatchUp(sheet: SheetStream, stop: AbortSignal): Promise<void> {
  while (sheet.writableNeedDrain) await once(sheet, 'drain', { signal: stop });
}

/** Height of a detail row: one line, or as many as its longest wrapped text takes. */
function detailRowHeight(cells: ReadonlyArray<string | number>, layout: DetailLayout, metrics: TextMetrics): number | undefined {
  let lines = 1;
  for (const { index, points } of layout.wrapped) {
    const v = cells[index];
    if (typeof v === 'string' && v !== '') lines = Math.max(lines, metrics.lines(v, points, DETAIL_SIZE));
  }
  // Single-line rows keep the sheet's default height: nothing written, nothing to maintain.
  return lines > 1 ? rowHeight(lines, DETAIL_SIZE) : undefined;
}

/**
 * Writes the workbook to `out` and resolves once it is complete; returns the detail row count.
 * `metrics` measures text for row heights and column widths (Tinos, from the bundled fonts by default).
 */
export async function writeXlsxReport(
  ctx: ReportContext,
  ratings: Iterable<ExportRatingRow>,
  out: Writable,
  metrics: TextMetrics = createTextMetrics(loadReportFonts()),
): Promise<number> {
  const done = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
  });
  // The row loop may stop on the same error before it reaches `await done`.
  done.catch(() => undefined);
  const outputFailed = new AbortController();
  out.once('error', (error) => outputFailed.abort(error));
  // archiver buffers 1 MB of compressed output by default (tens of MB of sheet XML) before
  // it stops pulling; 64 kB is plenty to keep a file or a USB stick busy.
  const zip = { zlib: { level: 1 }, highWaterMark: 64 * 1024 };
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip });
  useSheetStreams(wb);
  setDefaultFont(wb);
  wb.creator = ctx.unitName;
  wb.created = new Date(ctx.generatedAtMs);

  const summary = wb.addWorksheet(vi.report.sheets.summary, {
    pageSetup: { ...A4_FIT_TO_WIDTH },
    headerFooter: { ...SUMMARY_HEADER_FOOTER },
    views: [{ showGridLines: false }],
  });
  writeSummarySheet(summary, ctx, metrics);
  summary.commit();

  const layout = detailLayout(ctx, metrics);
  const detail = wb.addWorksheet(vi.report.sheets.detail, {
    pageSetup: { ...A4_FIT_TO_WIDTH, orientation: 'landscape', printTitlesRow: '1:1' },
    // A listing has no first page of its own to keep clear: every page is numbered.
    headerFooter: { oddHeader: PAGE_NUMBER_HEADER },
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  const detailStream = sheetStreamOf(detail);
  detail.columns = layout.widths.map((width) => ({ width }));
  const head = detail.addRow([...DETAIL_HEADERS]);
  head.eachCell((cell) => {
    cell.style = DETAIL_HEAD_STYLE;
  });
  head.height = layout.headerHeight;
  head.commit();
  const wrapsAt = new Set(layout.wrapped.map((w) => w.index + 1));
  let n = 0;
  for (const r of ratings) {
    const cells = detailRow(r, ctx);
    const row = detail.addRow(cells);
    row.eachCell((cell, c) => {
      cell.style = wrapsAt.has(c) ? DETAIL_WRAP_STYLE : DETAIL_CELL_STYLE;
    });
    const height = detailRowHeight(cells, layout, metrics);
    if (height !== undefined) row.height = height;
    row.commit();
    n++;
    await letZipCatchUp(detailStream, outputFailed.signal);
  }
  // Read by the workbook's commit below, after the rows: only now is the last row known.
  detail.pageSetup.printArea = printArea(DETAIL_PRINTED_COLUMNS.length, n + 1);
  detail.commit();
  await wb.commit();
  await done;
  return n;
}
