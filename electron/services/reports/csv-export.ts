// Individual ratings as CSV for Excel on Windows and for scripts: UTF-8 with a BOM (without
// it Excel reads Vietnamese as mojibake), RFC 4180 quoting of every text field (shared/csv-field.ts), CRLF line
// ends, the columns documented in docs/exports.md, and the separator the configuration asks for
// (`exports.csvSeparator`: "," by default, ";" where Excel's list separator is ";").
import type { Writable } from 'node:stream';
import type { ExportRatingRow } from '../db/tally-queries';
import { DETAIL_HEADERS, detailRow, type DetailCell } from './detail-rows';
import type { ReportNames } from './report-context';
import { csvField, csvRecord, type CsvSeparator } from '../../../shared/csv-field';

export { csvField, type CsvSeparator };

export const CSV_BOM = '\uFEFF';

export function csvLine(cells: readonly DetailCell[], separator: CsvSeparator = ','): string {
  return csvRecord(cells, separator);
}

/** Writes, and waits for room when the output asks; fails (never hangs) when the output breaks. */
async function write(out: Writable, chunk: string): Promise<void> {
  if (out.write(chunk)) return;
  if (out.destroyed) throw out.errored ?? new Error('the output was closed');
  await new Promise<void>((resolve, reject) => {
    const settle = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onError = (error: Error) => settle(error);
    const onClose = () => settle(out.errored ?? new Error('the output was closed'));
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

/** Writes the whole file to `out` (ends it) and returns the number of ratings written. */
export async function writeRatingsCsv(rows: Iterable<ExportRatingRow>, names: ReportNames, out: Writable, separator: CsvSeparator = ','): Promise<number> {
  let n = 0;
  let buffer = CSV_BOM + csvLine(DETAIL_HEADERS, separator);
  for (const r of rows) {
    buffer += csvLine(detailRow(r, names), separator);
    n++;
    // Batching keeps write() calls few; awaiting drain keeps memory flat on big ranges.
    if (buffer.length > 64 * 1024) {
      await write(out, buffer);
      buffer = '';
    }
  }
  await write(out, buffer);
  await new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(resolve);
  });
  return n;
}
