// Individual ratings as CSV for Excel on Windows and for scripts: UTF-8 with a BOM (without
// it Excel reads Vietnamese as mojibake), RFC 4180 quoting, CRLF line ends, and the
// columns documented in docs/exports.md.
import type { Writable } from 'node:stream';
import type { ExportRatingRow } from '../db/tally-queries';
import { DETAIL_HEADERS, detailRow, type DetailCell } from './detail-rows';
import type { ReportNames } from './report-context';

export const CSV_BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;
// A citizen's comment starting with "=" would run as a formula when the file is opened in
// Excel; a leading apostrophe keeps it text (OWASP's advice for CSV injection).
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: DetailCell): string {
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly DetailCell[]): string {
  return `${cells.map(csvField).join(',')}\r\n`;
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
}

/** Writes the whole file to `out` (ends it) and returns the number of ratings written. */
export async function writeRatingsCsv(
  rows: Iterable<ExportRatingRow>,
  names: ReportNames,
  out: Writable,
): Promise<number> {
  let n = 0;
  let buffer = CSV_BOM + csvLine(DETAIL_HEADERS);
  for (const r of rows) {
    buffer += csvLine(detailRow(r, names));
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
