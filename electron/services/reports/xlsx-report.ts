// The Excel report: the summary sheet to sign first, then "Chi tiết" with one row per
// rating. exceljs's streaming WorkbookWriter commits each detail row as it goes, so memory
// stays flat however many ratings the range holds.
import { once } from 'node:events';
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

type EntryStream = NodeJS.EventEmitter & { _writableState?: { needDrain?: boolean } };

/**
 * The zip entry stream the sheet is feeding, when it has asked its writer to wait.
 * exceljs's sheet stream writes into archiver's entry stream without heeding the `false`
 * that write() returns, so a fast row loop would queue the whole sheet in memory. The
 * entry stream still records the request (needDrain), and we heed it on exceljs's behalf.
 * Internal fields, hence the defensive probing; tests/unit/reports/xlsx-backpressure.test.ts
 * fails if an upgrade hides them.
 */
function congestedEntry(ws: ExcelJS.Worksheet): EntryStream | undefined {
  const pipes = (ws as unknown as { stream?: { pipes?: EntryStream[] } }).stream?.pipes ?? [];
  return pipes.find((p) => p._writableState?.needDrain === true);
}

/** Waits while the zip is behind; `stop` aborts the wait when the output breaks (no drain will come). */
async function letZipCatchUp(ws: ExcelJS.Worksheet, stop: AbortSignal): Promise<void> {
  for (let entry = congestedEntry(ws); entry; entry = congestedEntry(ws)) await once(entry, 'drain', { signal: stop });
}

/** Writes the workbook to `out` and resolves once it is complete; returns the detail row count. */
export async function writeXlsxReport(ctx: ReportContext, ratings: Iterable<ExportRatingRow>, out: Writable): Promise<number> {
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
    n++;
    await letZipCatchUp(detail, outputFailed.signal);
  }
  detail.commit();
  await wb.commit();
  await done;
  return n;
}
