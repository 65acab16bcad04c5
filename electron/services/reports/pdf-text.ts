// Text drawing for pdfkit across the two font subset files (see pdf-fonts.ts): each string
// is cut into runs by which subset holds the glyph, and runs are placed one after another.
// pdfkit's own wrapping cannot switch fonts mid-line, so wrapping is done here, by words.
import type PDFDocument from 'pdfkit';
import type { FontStyle, FontSubset, ReportFontFiles } from './pdf-fonts';

type Doc = InstanceType<typeof PDFDocument>;

/** Code points of fontsource's "vietnamese" subset (its unicode.json); all else is "latin". */
const VIETNAMESE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0102, 0x0103],
  [0x0110, 0x0111],
  [0x0128, 0x0129],
  [0x0168, 0x0169],
  [0x01a0, 0x01a1],
  [0x01af, 0x01b0],
  [0x0300, 0x0301],
  [0x0303, 0x0303],
  [0x0309, 0x0309],
  [0x0323, 0x0323],
  [0x1ea0, 0x1ef9],
  [0x20ab, 0x20ab],
];

export function subsetOf(codePoint: number): FontSubset {
  return VIETNAMESE_RANGES.some(([a, b]) => codePoint >= a && codePoint <= b) ? 'vietnamese' : 'latin';
}

export interface TextStyle {
  style?: FontStyle;
  size?: number;
}

const fontName = (style: FontStyle, subset: FontSubset) => `tinos-${style}-${subset}`;

export function registerReportFonts(doc: Doc, fonts: ReportFontFiles): void {
  for (const style of ['regular', 'bold', 'italic'] as const) {
    for (const subset of ['latin', 'vietnamese'] as const) doc.registerFont(fontName(style, subset), fonts[style][subset]);
  }
}

/** Splits NFC text into runs of one subset each (decomposed input would need the combining marks). */
export function fontRuns(text: string): Array<{ subset: FontSubset; text: string }> {
  const runs: Array<{ subset: FontSubset; text: string }> = [];
  for (const ch of text.normalize('NFC')) {
    const subset = subsetOf(ch.codePointAt(0)!);
    const last = runs.at(-1);
    if (last && last.subset === subset) last.text += ch;
    else runs.push({ subset, text: ch });
  }
  return runs;
}

export function textWidth(doc: Doc, text: string, t: TextStyle = {}): number {
  let w = 0;
  for (const run of fontRuns(text)) {
    doc.font(fontName(t.style ?? 'regular', run.subset)).fontSize(t.size ?? 10);
    w += doc.widthOfString(run.text);
  }
  return w;
}

/** Close to Word's single spacing for Times New Roman (1.15), with a little air for the marks above Ấ, Ể, Ỗ. */
export function lineHeight(t: TextStyle = {}): number {
  return (t.size ?? 10) * 1.2;
}

/**
 * Greedy word wrap; a single word wider than the box stays on its own line. Each word is
 * measured once and a line's width is the sum of its words and spaces (measuring every
 * candidate line again made long tables slow to lay out).
 */
export function wrapText(doc: Doc, text: string, width: number, t: TextStyle = {}): string[] {
  const lines: string[] = [];
  const space = textWidth(doc, ' ', t);
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const w = textWidth(doc, word, t);
      if (line && used + space + w > width) {
        lines.push(line);
        line = word;
        used = w;
      } else {
        line = line ? `${line} ${word}` : word;
        used += (used ? space : 0) + w;
      }
    }
    lines.push(line);
  }
  return lines;
}

export function drawLine(doc: Doc, text: string, x: number, y: number, t: TextStyle = {}): void {
  let cx = x;
  for (const run of fontRuns(text)) {
    doc.font(fontName(t.style ?? 'regular', run.subset)).fontSize(t.size ?? 10);
    doc.text(run.text, cx, y, { lineBreak: false });
    cx += doc.widthOfString(run.text);
  }
}

export interface BoxOptions extends TextStyle {
  width: number;
  align?: 'left' | 'center' | 'right';
}

/** Draws wrapped text in a box of the given width; returns the height it took. */
export function drawText(doc: Doc, text: string, x: number, y: number, o: BoxOptions): number {
  const lines = wrapText(doc, text, o.width, o);
  const lh = lineHeight(o);
  lines.forEach((line, i) => {
    const w = textWidth(doc, line, o);
    const dx = o.align === 'center' ? (o.width - w) / 2 : o.align === 'right' ? o.width - w : 0;
    const ly = y + i * lh;
    drawLine(doc, line, x + dx, ly, o);
  });
  return lines.length * lh;
}

/** One line centred in a box, its spaces kept (drawText's wrapping would collapse a run of them). */
export function drawCentredLine(doc: Doc, text: string, x: number, y: number, width: number, t: TextStyle = {}): number {
  drawLine(doc, text, x + (width - textWidth(doc, text, t)) / 2, y, t);
  return lineHeight(t);
}

export function textHeight(doc: Doc, text: string, o: BoxOptions): number {
  return wrapText(doc, text, o.width, o).length * lineHeight(o);
}
