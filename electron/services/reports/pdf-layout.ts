// Page flow and ruled tables for the PDF report: a cursor that starts a new page when the
// next block does not fit, and tables that repeat their header row on each new page.
import type PDFDocument from 'pdfkit';
import { drawText, textHeight, type TextStyle } from './pdf-text';

type Doc = InstanceType<typeof PDFDocument>;

export const PAGE = { width: 595.28, height: 841.89, left: 56, right: 42, top: 42, bottom: 48 } as const;
export const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

export interface Cursor {
  doc: Doc;
  y: number;
}

/** Moves to a new page unless `height` still fits on this one. */
export function ensureRoom(c: Cursor, height: number): void {
  if (c.y + height > PAGE.height - PAGE.bottom) {
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
const SIZE = 9;

function rowHeight(doc: Doc, widths: number[], cells: string[], style: TextStyle['style']): number {
  const heights = cells.map((text, i) => textHeight(doc, text, { width: widths[i]! - 2 * PAD, size: SIZE, style }));
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
      size: SIZE,
      style: row.style,
      align: shade ? 'center' : (columns[i]!.align ?? 'left'),
    });
    x += w;
  });
  c.y += h;
}

export function drawTable(c: Cursor, columns: TableColumn[], rows: TableRow[]): void {
  const widths = columns.map((col) => col.share * CONTENT_WIDTH);
  const header: TableRow = { cells: columns.map((col) => col.label), style: 'bold' };
  const headerHeight = rowHeight(c.doc, widths, header.cells, 'bold');
  const first = rows[0] ? rowHeight(c.doc, widths, rows[0].cells, rows[0].style) : 0;
  ensureRoom(c, headerHeight + first);
  drawRow(c, widths, columns, header, headerHeight, true);
  for (const row of rows) {
    const h = rowHeight(c.doc, widths, row.cells, row.style);
    if (c.y + h > PAGE.height - PAGE.bottom) {
      c.doc.addPage();
      c.y = PAGE.top;
      drawRow(c, widths, columns, header, headerHeight, true);
    }
    drawRow(c, widths, columns, row, h, false);
  }
}
