// Page flow and ruled tables for the PDF report: a cursor that starts a new page when the
// next block does not fit, and tables that repeat their header row on each new page.
// The page is Decree 30/2020/NĐ-CP's (Appendix I): A4 portrait, margins 20 mm top and
// bottom, 30 mm left (the side that is bound), 15 mm right, within the ranges it allows.
import type PDFDocument from 'pdfkit';
import { drawText, textHeight, type TextStyle } from './pdf-text';

type Doc = InstanceType<typeof PDFDocument>;

const MM = 72 / 25.4;

export const PAGE = { width: 595.28, height: 841.89, left: 30 * MM, right: 15 * MM, top: 20 * MM, bottom: 20 * MM } as const;
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
/** Where the body ends; a block that would cross it goes to the next page. */
export const CONTENT_BOTTOM = PAGE.height - PAGE.bottom;

export interface Cursor {
  doc: Doc;
  y: number;
}

/** Moves to a new page unless `height` still fits on this one. */
export function ensureRoom(c: Cursor, height: number): void {
  if (c.y + height > CONTENT_BOTTOM) {
    c.doc.addPage();
    c.y = PAGE.top;
  }
}

export interface TableColumn {
  label: string;
  /** Share of the content width; the shares of a table add up to 1. */
  share: number;
  align?: 'left' | 'center' | 'right';
}

export interface TableRow {
  cells: string[];
  style?: TextStyle['style'];
}

const PAD = 3;
/** Tables are a point smaller than the 13 pt body so that a five-level table fits 165 mm. */
export const TABLE_SIZE = 12;

function rowHeight(doc: Doc, widths: number[], cells: string[], style: TextStyle['style']): number {
  const heights = cells.map((text, i) => textHeight(doc, text, { width: widths[i]! - 2 * PAD, size: TABLE_SIZE, style }));
  return Math.max(...heights) + 2 * PAD;
}

function drawRow(c: Cursor, widths: number[], columns: TableColumn[], row: TableRow, h: number, shade: boolean): void {
  const { doc } = c;
  let x = PAGE.left;
  widths.forEach((w, i) => {
    if (shade) doc.rect(x, c.y, w, h).fillColor('#eeeeee').fill();
    doc.fillColor('#000000');
    doc.rect(x, c.y, w, h).lineWidth(0.5).strokeColor('#000000').stroke();
    drawText(doc, row.cells[i] ?? '', x + PAD, c.y + PAD, {
      width: w - 2 * PAD,
      size: TABLE_SIZE,
      style: row.style,
      align: shade ? 'center' : (columns[i]!.align ?? 'left'),
    });
    x += w;
  });
  c.y += h;
}

const widthsOf = (columns: TableColumn[]) => columns.map((col) => col.share * CONTENT_WIDTH);
const headerOf = (columns: TableColumn[]): TableRow => ({ cells: columns.map((col) => col.label), style: 'bold' });

/**
 * The height of the header row and the first data row (both rows of a two-row table, whose
 * last row must not go on alone): what must follow a section heading on its page, so that
 * a heading is never the last line of a page.
 */
export function tableStartHeight(doc: Doc, columns: TableColumn[], rows: TableRow[]): number {
  const widths = widthsOf(columns);
  const start = rows.length === 2 ? rows : rows.slice(0, 1);
  return rowHeight(doc, widths, headerOf(columns).cells, 'bold') + start.reduce((h, r) => h + rowHeight(doc, widths, r.cells, r.style), 0);
}

/**
 * Draws the table, its header row repeated on each page it runs on. `keepLastWith` points
 * must follow the table on the page of its last two rows (what comes after it and must not
 * stand alone: the note and the signatures after the last table).
 */
export function drawTable(c: Cursor, columns: TableColumn[], rows: TableRow[], keepLastWith = 0): void {
  const widths = widthsOf(columns);
  const header = headerOf(columns);
  const headerHeight = rowHeight(c.doc, widths, header.cells, 'bold');
  ensureRoom(c, tableStartHeight(c.doc, columns, rows));
  drawRow(c, widths, columns, header, headerHeight, true);
  const heights = rows.map((row) => rowHeight(c.doc, widths, row.cells, row.style));
  for (const [i, row] of rows.entries()) {
    const h = heights[i]!;
    // A table's last row never goes alone to the next page: the row before it goes too.
    const lastLeftAlone = i === rows.length - 2 && i > 0 && c.y + h + heights[i + 1]! + keepLastWith > CONTENT_BOTTOM;
    if (c.y + h > CONTENT_BOTTOM || lastLeftAlone) {
      c.doc.addPage();
      c.y = PAGE.top;
      drawRow(c, widths, columns, header, headerHeight, true);
    }
    drawRow(c, widths, columns, row, h, false);
  }
}
