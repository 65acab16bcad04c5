// How much room text takes in the Excel report, measured with Tinos, whose advance widths
// are Times New Roman's (pdf-fonts.ts). A spreadsheet written by a library has no laid-out
// text: neither Excel nor LibreOffice grows a row with explicit cells for wrapped text when
// printing, so the writer sets every row's height and every column's width itself, and
// decides where the summary's pages break (xlsx-summary-sheet.ts).
import PDFDocument from 'pdfkit';
import type { FontStyle, ReportFontFiles } from './pdf-fonts';
import { registerReportFonts, textWidth } from './pdf-text';

/**
 * Pixels per unit of column width: Excel counts widths in the widest digit of the workbook's
 * default font, which the report sets to Times New Roman 12 pt (8 px at 96 dpi).
 */
export const PX_PER_WIDTH_UNIT = 8;
export const PT_PER_PX = 0.75;
/** Excel keeps about 2 px of padding each side of a cell's text. */
const CELL_PADDING_PX = 5;
/** Excel lays text out in whole pixels and hinted glyphs: wrap a little early rather than clip. */
const WRAP_SLACK = 0.95;
/**
 * Times New Roman's line, per point of type: its Windows ascent and descent (1825 + 443 units
 * of 2048), which is how far apart Excel sets the lines of a wrapped cell.
 */
const LINE_PER_EM = 2268 / 2048;
/** Room above and below the lines of a row (3 px gives Excel's own 15.75 pt rows at 12 pt). */
const ROW_PADDING_PX = 4;

/** Points available for text in a column (or merged columns) `units` wide. */
export function textPoints(units: number): number {
  return Math.max(1, units * PX_PER_WIDTH_UNIT - CELL_PADDING_PX) * PT_PER_PX;
}

/** The column width, in Excel's units, that shows `points` of text on one line. */
export function unitsFor(points: number): number {
  return Math.ceil(((points / WRAP_SLACK / PT_PER_PX + CELL_PADDING_PX) / PX_PER_WIDTH_UNIT) * 4) / 4;
}

/** The height of a row holding `lines` lines at `size` points, in whole pixels as Excel draws them. */
export function rowHeight(lines: number, size: number): number {
  const linePx = Math.ceil((size / PT_PER_PX) * LINE_PER_EM);
  return (lines * linePx + ROW_PADDING_PX) * PT_PER_PX;
}

export interface TextMetrics {
  /** Width in points of `text` on one line. */
  width(text: string, size: number, style?: FontStyle): number;
  /** Lines `text` takes when wrapped at word boundaries (and at its own line breaks) in `points`. */
  lines(text: string, points: number, size: number, style?: FontStyle): number;
}

export function createTextMetrics(fonts: ReportFontFiles): TextMetrics {
  // pdfkit only as fontkit's front end: the document is never written.
  const doc = new PDFDocument({ autoFirstPage: false });
  registerReportFonts(doc, fonts);
  // Advance widths at 1 pt, per character: the detail sheet measures a comment per row, and
  // a cached sum is far cheaper than laying the whole string out each time.
  const advances: Record<FontStyle, Map<string, number>> = { regular: new Map(), bold: new Map(), italic: new Map() };
  const advance = (ch: string, style: FontStyle): number => {
    const cache = advances[style];
    let w = cache.get(ch);
    if (w === undefined) cache.set(ch, (w = textWidth(doc, ch, { style, size: 1 })));
    return w;
  };
  const width = (text: string, size: number, style: FontStyle = 'regular'): number => {
    let w = 0;
    for (const ch of text.normalize('NFC')) w += advance(ch, style);
    return w * size;
  };
  const lines = (text: string, points: number, size: number, style: FontStyle = 'regular'): number => {
    const room = points * WRAP_SLACK;
    const space = width(' ', size, style);
    let count = 0;
    for (const paragraph of text.split(/\r\n|\r|\n/)) {
      let used = 0;
      count++;
      for (const word of paragraph.split(/[ \t]+/).filter(Boolean)) {
        const w = width(word, size, style);
        if (used > 0 && used + space + w <= room) {
          used += space + w;
          continue;
        }
        if (used > 0) count++;
        // A word wider than the cell is broken across lines.
        const extra = Math.max(0, Math.ceil(w / room) - 1);
        count += extra;
        used = w - extra * room;
      }
    }
    return count;
  };
  return { width, lines };
}
