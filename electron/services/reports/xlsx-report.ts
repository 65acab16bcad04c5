// The Excel report: the summary sheet to sign first, then "Chi tiết" with one row per
// rating. exceljs's streaming WorkbookWriter commits each detail row as it goes, so memory
// stays flat however many ratings the range holds.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { vi } from '../../../shared/i18n/vi';
import type { ExportRatingRow } from '../db/tally-queries';
import { DETAIL_COLUMNS, DETAIL_HEADERS, detailRow } from './detail-rows';
import type { ReportContext } from './report-context';
import { A4_FIT_TO_WIDTH, writeSummarySheet } from './xlsx-summary-sheet';

const DETAIL_WIDTHS: Record<(typeof DETAIL_COLUMNS)[number], number> = {
  seq: 9,
  date: 12,
  time: 10,
  level: 8,
  levelLabel: 18,
  reasons: 40,
  comment: 40,
  counter: 14,
  officer: 22,
  officerId: 12,
  dossier: 26,
  capture: 12,
  flagged: 10,
  scale: 8,
  language: 8,
  kiosk: 16,
  timestamp: 26,
  id: 38,
};
/**
 * One style object shared by every detail cell: exceljs caches style ids by object identity,
 * and a fresh object per cell made style lookup the most expensive part of the export.
 */
const DETAIL_CELL_STYLE: Partial<ExcelJS.Style> = {};

/** Check the zip backlog this often (rows). */
const ROWS_PER_CHECK = 500;
/** Bytes of sheet XML allowed to wait for compression before the writer pauses. */
const MAX_BACKLOG = 1 << 20;

type InternalStream = { _writableState?: { length?: number }; _readableState?: { length?: number } };

/**
 * Bytes of sheet XML handed to the zip stream but not yet compressed. exceljs's sheet
 * stream writes into archiver's entry stream without heeding its backpressure, so a fast
 * row loop would queue the whole sheet in memory; we read the entry stream's buffer
 * (internal fields, hence the defensive probing) and wait for it to drain.
 */
function zipBacklog(ws: ExcelJS.Worksheet): number {
  const pipes = (ws as unknown as { stream?: { pipes?: InternalStream[] } }).stream?.pipes ?? [];
  return pipes.reduce((sum, p) => sum + (p._writableState?.length ?? 0) + (p._readableState?.length ?? 0), 0);
}

async function letZipCatchUp(ws: ExcelJS.Worksheet): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  // Bounded wait: if the probe ever misreads, the export slows down but still finishes.
  for (let i = 0; i < 2000 && zipBacklog(ws) > MAX_BACKLOG; i++) await new Promise<void>((resolve) => setTimeout(resolve, 1));
}

/** Writes the workbook to `out` and resolves once it is complete; returns the detail row count. */
export async function writeXlsxReport(ctx: ReportContext, ratings: Iterable<ExportRatingRow>, out: Writable): Promise<number> {
  const done = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  wb.creator = ctx.unitName;
  wb.created = new Date(ctx.generatedAtMs);

  const summary = wb.addWorksheet(vi.report.sheets.summary, { pageSetup: { ...A4_FIT_TO_WIDTH }, views: [{ showGridLines: false }] });
  writeSummarySheet(summary, ctx);
  summary.commit();

  const detail = wb.addWorksheet(vi.report.sheets.detail, {
    pageSetup: { ...A4_FIT_TO_WIDTH, orientation: 'landscape', printTitlesRow: '1:1' },
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  detail.columns = DETAIL_COLUMNS.map((c) => ({ width: DETAIL_WIDTHS[c] }));
  const head = detail.addRow([...DETAIL_HEADERS]);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', wrapText: true };
  head.commit();
  let n = 0;
  for (const r of ratings) {
    const row = detail.addRow(detailRow(r, ctx));
    row.eachCell((cell) => {
      cell.style = DETAIL_CELL_STYLE;
    });
    row.commit();
    if (++n % ROWS_PER_CHECK === 0) await letZipCatchUp(detail);
  }
  detail.commit();
  await wb.commit();
  await done;
  return n;
}
