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
  // Advance widths at 1 pt, per code point. The detail sheet measures every row of a
  // month's export, so measuring walks the text by index and sums cached numbers: no
  // per-character strings, no split arrays, nothing for the collector to chase per row.
  const advances: Record<FontStyle, Map<number, number>> = { regular: new Map(), bold: new Map(), italic: new Map() };
  const advance = (codePoint: number, style: FontStyle): number => {
    const cache = advances[style];
    let w = cache.get(codePoint);
    if (w === undefined) cache.set(codePoint, (w = textWidth(doc, String.fromCodePoint(codePoint), { style, size: 1 })));
    return w;
  };
  const width = (text: string, size: number, style: FontStyle = 'regular'): number => {
    const nfc = text.normalize('NFC');
    let w = 0;
    for (let i = 0; i < nfc.length; i++) {
      const cp = nfc.codePointAt(i)!;
      if (cp > 0xffff) i++;
      w += advance(cp, style);
    }
    return w * size;
  };
  const lines = (text: string, points: number, size: number, style: FontStyle = 'regular'): number => {
    const nfc = text.normalize('NFC');
    const room = points * WRAP_SLACK;
    const space = advance(0x20, style) * size;
    let count = 1;
    let used = 0;
    // The current word's advance at 1 pt, summed as width() sums it, so both agree to the bit.
    let word = 0;
    let inWord = false;
    const endWord = () => {
      if (!inWord) return;
      const w = word * size;
      word = 0;
      inWord = false;
      if (used > 0 && used + space + w <= room) {
        used += space + w;
        return;
      }
      if (used > 0) count++;
      // A word wider than the cell is broken across lines.
      const extra = Math.max(0, Math.ceil(w / room) - 1);
      count += extra;
      used = w - extra * room;
    };
    for (let i = 0; i < nfc.length; i++) {
      const cp = nfc.codePointAt(i)!;
      if (cp > 0xffff) i++;
      if (cp === 0x0a || cp === 0x0d) {
        endWord();
        // "\r\n" is one line break.
        if (cp === 0x0d && nfc.charCodeAt(i + 1) === 0x0a) i++;
        count++;
        used = 0;
      } else if (cp === 0x20 || cp === 0x09) {
        endWord();
      } else {
        word += advance(cp, style);
        inWord = true;
      }
    }
    endWord();
    return count;
  };
  return { width, lines };
}
