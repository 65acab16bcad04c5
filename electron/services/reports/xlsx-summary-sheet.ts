// The first sheet of the Excel report, laid out as Decree 30/2020/NĐ-CP (Appendix I) asks of
// a document a unit signs: the unit's name over its number line ("Số:      /BC-…") beside the
// national motto, the place and date, the title, the tables, the note that these are the
// department's own figures (not SIPAS) and the signature block; Times New Roman, A4 portrait
// with the Decree's margins, page numbers centred at the top from page 2 on. Totals and rates
// are formulas (with cached results) so an edited count recalculates.
// writeSummarySheet runs one named step per block, each writing below the last through a
// shared cursor (SummaryWriter) that also records how tall each row must be and which rows
// must share a page, and finally places the page breaks itself.
import type ExcelJS from 'exceljs';
import { vi } from '../../../shared/i18n/vi';
import { formatDayVi } from '../../../shared/local-time';
import { type GroupTally, orderReasons, reasonOrder, type Tally } from '../../../shared/tally';
import type { ReportContext } from './report-context';
import { dateLine, fill, hourRange, levelLabel, numberLine, periodLine, reasonFactor, reasonLabel } from './report-format';
import { PT_PER_PX, PX_PER_WIDTH_UNIT, rowHeight, type TextMetrics, textPoints } from './xlsx-metrics';

const R = vi.report;
export const REPORT_FONT = 'Times New Roman';
const PERCENT = '0.00%';
const INTEGER = '#,##0';
/** The heading and the signature block put the unit's side in columns 1..2, the rest right of it. */
const LEFT_BLOCK_END = 2;
/** Type sizes from the Decree's ranges: headings 12–13 pt, motto 13–14, title 14, body 13. */
const SIZE = { table: 12, unit: 12, nation: 12, motto: 13, number: 13, date: 13, title: 14, body: 13, note: 12 } as const;
const border: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

type Value = ExcelJS.CellValue;
interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  size?: number;
  align?: 'left' | 'center' | 'right';
  numFmt?: string;
  boxed?: boolean;
  fill?: string;
}

const TABLE_HEADER: CellStyle = { bold: true, align: 'center', boxed: true, fill: 'FFEFEFEF' };

const col = (n: number): string => String.fromCharCode(64 + n);
const ratio = (part: number, whole: number): number | string => (whole > 0 ? part / whole : '');

const MM_PER_INCH = 25.4;
/** Decree 30/2020/NĐ-CP's margins (mm), within its ranges; Excel wants inches. */
export const DECREE_MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15, header: 10, footer: 10 } as const;
const inches = (mm: number) => Math.round((mm / MM_PER_INCH) * 10_000) / 10_000;
export const DECREE_MARGINS: ExcelJS.Margins = {
  top: inches(DECREE_MARGINS_MM.top),
  bottom: inches(DECREE_MARGINS_MM.bottom),
  left: inches(DECREE_MARGINS_MM.left),
  right: inches(DECREE_MARGINS_MM.right),
  header: inches(DECREE_MARGINS_MM.header),
  footer: inches(DECREE_MARGINS_MM.footer),
};
const A4_MM = { width: 210, height: 297 } as const;
const PT_PER_MM = 72 / MM_PER_INCH;

export const A4_FIT_TO_WIDTH: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'portrait',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  margins: DECREE_MARGINS,
};

/** The page number, centred in the top margin (Times New Roman 13 pt): Excel's header codes. */
export const PAGE_NUMBER_HEADER = `&C&"${REPORT_FONT},Regular"&13&P`;

/** No number on the first page, as the Decree asks; the rest carry theirs at the top. */
export const SUMMARY_HEADER_FOOTER: Partial<ExcelJS.HeaderFooter> = { differentFirst: true, oddHeader: PAGE_NUMBER_HEADER };

/** Height of the printable area of an A4 portrait page inside the Decree's margins, in points. */
const PAGE_BODY_PT = (A4_MM.height - DECREE_MARGINS_MM.top - DECREE_MARGINS_MM.bottom) * PT_PER_MM;
/** Width of the same area: the columns add up to no more, so the sheet prints at 100 %. */
export const PAGE_WIDTH_PT = (A4_MM.width - DECREE_MARGINS_MM.left - DECREE_MARGINS_MM.right) * PT_PER_MM;
/**
 * Room kept free at the foot of every page: Excel and LibreOffice round row heights to
 * their own units, and a page that held one row less than counted would push the next
 * page's first row onto a page of its own.
 */
const PAGE_SLACK = 0.97;

export function summaryColumnCount(ctx: ReportContext): number {
  // STT | name | total | one column per level | satisfaction rate
  return 3 + ctx.tally.levels.length + 1;
}

/**
 * Column widths in Excel's units (8 px each): within the page's width at 100 %, so the
 * type prints at the size it is set in. Five levels leave the name column narrower.
 */
export function summaryColumnWidths(levels: number): number[] {
  const no = 5.5;
  const total = 9;
  const rate = 10;
  const name = levels > 3 ? 19 : 23;
  // Half a unit to spare for Excel's rounding of each column to whole pixels.
  const room = Math.floor(PAGE_WIDTH_PT / (PX_PER_WIDTH_UNIT * PT_PER_PX)) - 0.5 - no - total - rate - name;
  const level = Math.floor((room / levels) * 4) / 4;
  return [no, name, total, ...Array.from({ length: levels }, () => level), rate];
}

/** The sheet being written: the next free row, the cell helpers, and the rows' heights and page groups. */
class SummaryWriter {
  row = 1;
  /** Points each row needs for its tallest cell. */
  private readonly need = new Map<number, number>();
  /** Row ranges that must print on one page (a heading and its table's start; a table's last two rows; the closing). */
  private readonly keeps: Array<[number, number]> = [];

  constructor(
    readonly ws: ExcelJS.Worksheet,
    readonly widths: readonly number[],
    /** Columns of the widest table; full-width lines span them all. */
    readonly width: number,
    private readonly metrics: TextMetrics,
  ) {}

  /** Merged cells spanning several rows, and the height the rows must add up to. */
  private readonly blocks: Array<{ from: number; to: number; height: number }> = [];

  /** The height `value` needs wrapped across columns from..to. */
  private heightOf(from: number, to: number, value: Value, s: CellStyle): number {
    const size = s.size ?? SIZE.table;
    const text = typeof value === 'string' ? value : '';
    const span = this.widths.slice(from - 1, to).reduce((a, w) => a + w, 0);
    const style = s.bold ? 'bold' : s.italic ? 'italic' : 'regular';
    const lines = text ? this.metrics.lines(text, textPoints(span), size, style) : 1;
    return rowHeight(lines, size);
  }

  atLeast(r: number, height: number): void {
    this.need.set(r, Math.max(this.need.get(r) ?? 0, height));
  }

  keep(from: number, to: number): void {
    this.keeps.push([from, to]);
  }

  put(r: number, c: number, value: Value, s: CellStyle = {}, spanTo = c): ExcelJS.Cell {
    this.atLeast(r, this.heightOf(c, spanTo, value, s));
    return this.write(r, c, value, s);
  }

  private write(r: number, c: number, value: Value, s: CellStyle): ExcelJS.Cell {
    const cell = this.ws.getCell(r, c);
    cell.value = value;
    cell.font = { name: REPORT_FONT, size: s.size ?? SIZE.table, bold: s.bold, italic: s.italic, underline: s.underline };
    cell.alignment = { horizontal: s.align ?? 'left', vertical: 'middle', wrapText: true };
    if (s.numFmt) cell.numFmt = s.numFmt;
    if (s.boxed) cell.border = border;
    if (s.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: s.fill } };
    return cell;
  }

  merged(r: number, from: number, to: number, value: Value, s: CellStyle = {}): void {
    this.put(r, from, value, s, to);
    if (to > from) this.ws.mergeCells(r, from, r, to);
  }

  /** `value` merged over rows top..bottom and columns from..to; the rows grow together to hold it. */
  block(top: number, bottom: number, from: number, to: number, value: Value, s: CellStyle): void {
    this.write(top, from, value, s);
    this.ws.mergeCells(top, from, bottom, to);
    this.blocks.push({ from: top, to: bottom, height: this.heightOf(from, to, value, s) });
  }

  /** Draws the box of a cell that a merge covers (its own value is not written). */
  box(r: number, c: number): void {
    this.ws.getCell(r, c).border = border;
  }

  /** The first data row of the table being written (or last written). */
  tableStart = 0;

  /** A table's grey header row. */
  header(labels: readonly string[]): void {
    labels.forEach((l, i) => this.put(this.row, i + 1, l, TABLE_HEADER));
    this.row++;
    this.tableStart = this.row;
  }

  /** After a table's rows: its last row never goes alone to the next page, the row before it goes too. */
  endTable(): void {
    if (this.row - this.tableStart >= 2) this.keep(this.row - 2, this.row - 1);
  }

  /**
   * A blank line, then the section's title across the page, kept on one page with the
   * table's header and first row (the two rows below it): a heading is never the last line
   * of a page.
   */
  section(title: string): void {
    this.row++;
    this.keep(this.row, this.row + 2);
    this.merged(this.row++, 1, this.width, title, { bold: true, size: SIZE.body });
  }

  /** The "no data" row of an empty table `span` columns wide. */
  emptyRow(span: number): void {
    this.put(this.row, 1, '', { boxed: true });
    this.merged(this.row, 2, span, R.rows.none, { italic: true, align: 'center', boxed: true });
    for (let c = 3; c <= span; c++) this.box(this.row, c);
    this.row++;
  }

  /** Column widths, every row's height, the page breaks and the print area down to here. */
  finish(): void {
    this.ws.columns = this.widths.map((w) => ({ width: w }));
    const last = this.row - 1;
    const heights: number[] = [];
    for (let r = 1; r <= last; r++) heights[r] = this.need.get(r) ?? rowHeight(1, SIZE.table);
    for (const b of this.blocks) {
      let sum = 0;
      for (let r = b.from; r <= b.to; r++) sum += heights[r]!;
      if (sum < b.height) heights[b.to]! += b.height - sum;
    }
    for (let r = 1; r <= last; r++) this.ws.getRow(r).height = heights[r]!;
    const breaks = rowBreaksOf(this.ws);
    for (const r of pageBreaks(heights, last, this.keeps, PAGE_BODY_PT * PAGE_SLACK)) {
      // As Excel writes them: no min, max 16383 for "every column" (exceljs's addPageBreak writes 16838).
      breaks.push({ id: r, max: 16383, man: 1 } as ExcelJS.RowBreak);
    }
    // The rest of the page setup goes in at addWorksheet (the streaming writer emits fitToPage first).
    this.ws.pageSetup.printArea = printArea(this.width, last);
  }
}

/**
 * A print area from A1 to the given column and row, in the form exceljs turns into Excel's
 * own `$A$1:$G$97` (it adds only the `$` before each column; LibreOffice ignores the mixed
 * `$A1:$G97` it would write for "A1:G97").
 */
export function printArea(lastColumn: number, lastRow: number): string {
  return `A$1:${col(lastColumn)}$${lastRow}`;
}

/** The sheet's manual page breaks: a field of exceljs's worksheets that its types leave out. */
function rowBreaksOf(ws: ExcelJS.Worksheet): ExcelJS.RowBreak[] {
  const breaks = (ws as unknown as { rowBreaks?: ExcelJS.RowBreak[] }).rowBreaks;
  if (!Array.isArray(breaks)) throw new Error('exceljs worksheet has no rowBreaks: page breaks cannot be placed');
  return breaks;
}

/**
 * The rows after which a page ends: as many rows as fit, except that a group of rows that
 * must share a page starts a new one when it would not fit on this one.
 */
export function pageBreaks(heights: readonly number[], last: number, keeps: ReadonlyArray<readonly [number, number]>, capacity: number): number[] {
  // Overlapping groups are one: a heading kept with a table's first row, and that row kept
  // with the last one when the table has only two, all go together.
  const groupAt = new Map<number, number>();
  let open: [number, number] | undefined;
  for (const [from, to] of [...keeps].sort((a, b) => a[0] - b[0])) {
    if (open && from <= open[1]) open[1] = Math.max(open[1], to);
    else groupAt.set((open = [from, to])[0], to);
    groupAt.set(open[0], open[1]);
  }
  const breaks: number[] = [];
  let used = 0;
  let pageStart = 1;
  const sum = (from: number, to: number) => {
    let h = 0;
    for (let r = from; r <= Math.min(to, last); r++) h += heights[r] ?? 0;
    return h;
  };
  for (let r = 1; r <= last; r++) {
    const h = heights[r] ?? 0;
    const groupEnd = groupAt.get(r);
    const needed = groupEnd === undefined ? h : sum(r, groupEnd);
    if (r > pageStart && used + needed > capacity) {
      breaks.push(r - 1);
      used = 0;
      pageStart = r;
    }
    used += h;
  }
  return breaks;
}

/**
 * Left: the unit's name, a rule under it, "Số:      /BC-…". Right: the nation, the motto
 * (underlined: the Decree's rule of the motto's own length), the place and date in italics
 * on the number's line. Then the title and the period across the page.
 */
function writeHeading(w: SummaryWriter, ctx: ReportContext): void {
  const { width } = w;
  const top = w.row;
  // The unit's name spans the two rows beside the nation and the motto.
  w.block(top, top + 1, 1, LEFT_BLOCK_END, ctx.unitName.toUpperCase(), { bold: true, align: 'center', size: SIZE.unit });
  w.merged(top, LEFT_BLOCK_END + 1, width, R.nation, { bold: true, align: 'center', size: SIZE.nation });
  w.merged(top + 1, LEFT_BLOCK_END + 1, width, R.motto, { bold: true, underline: true, align: 'center', size: SIZE.motto });
  w.row = top + 2;
  // The short rule under the unit's name: the top edge of the name column in a thin row
  // (a cell's border is the only line every spreadsheet prints alike).
  w.ws.getCell(w.row, 2).border = { top: { style: 'thin' } };
  w.atLeast(w.row++, 6);
  w.merged(w.row, 1, LEFT_BLOCK_END, numberLine(ctx.abbreviation), { align: 'center', size: SIZE.number });
  w.merged(w.row++, LEFT_BLOCK_END + 1, width, dateLine(ctx.place, ctx.generatedAtMs, ctx.timezone), { italic: true, align: 'center', size: SIZE.date });
  w.row++;
  w.merged(w.row++, 1, width, R.title, { bold: true, align: 'center', size: SIZE.title });
  w.merged(w.row++, 1, width, periodLine(ctx.tally.from, ctx.tally.to), { italic: true, align: 'center', size: SIZE.date });
}

/** I. One row per level with its share, the total, the (dis)satisfaction rates and the flagged count. */
function writeOverallTable(w: SummaryWriter, t: Tally): void {
  w.section(R.sections.summary);
  w.header([R.columns.no, R.columns.level, R.columns.count, R.columns.percent]);
  const firstLevelRow = w.row;
  const levelRow = new Map<number, number>();
  const totalRow = firstLevelRow + t.levels.length;
  t.levels.forEach((l, i) => {
    levelRow.set(l.level, w.row);
    w.put(w.row, 1, i + 1, { align: 'center', boxed: true });
    w.put(w.row, 2, levelLabel(l.level), { boxed: true });
    w.put(w.row, 3, l.count, { align: 'right', numFmt: INTEGER, boxed: true });
    const share = { formula: `IF($C$${totalRow}=0,"",C${w.row}/$C$${totalRow})`, result: ratio(l.count, t.total) };
    w.put(w.row, 4, share, { align: 'right', numFmt: PERCENT, boxed: true });
    w.row++;
  });
  w.put(w.row, 1, '', { boxed: true });
  w.put(w.row, 2, R.rows.total, { bold: true, boxed: true });
  w.put(w.row, 3, { formula: `SUM(C${firstLevelRow}:C${totalRow - 1})`, result: t.total }, { bold: true, align: 'right', numFmt: INTEGER, boxed: true });
  w.put(w.row, 4, { formula: `IF(C${totalRow}=0,"",1)`, result: t.total > 0 ? 1 : '' }, { bold: true, align: 'right', numFmt: PERCENT, boxed: true });
  w.row++;

  const sumOf = (levels: number[]) => levels.filter((l) => levelRow.has(l)).map((l) => `C${levelRow.get(l)}`);
  const countOf = (levels: number[]) => t.levels.filter((l) => levels.includes(l.level)).reduce((a, l) => a + l.count, 0);
  const rateRow = (label: string, levels: number[]) => {
    const refs = sumOf(levels);
    const formula = refs.length ? `IF(C${totalRow}=0,"",(${refs.join('+')})/C${totalRow})` : '""';
    w.put(w.row, 1, '', { boxed: true });
    w.merged(w.row, 2, 3, label, { bold: true, boxed: true });
    w.box(w.row, 3);
    w.put(w.row, 4, { formula, result: ratio(countOf(levels), t.total) }, { bold: true, align: 'right', numFmt: PERCENT, boxed: true });
    w.row++;
  };
  rateRow(R.rows.satisfiedRate, [5, 4]);
  rateRow(R.rows.dissatisfiedRate, [2, 1]);
  w.put(w.row, 1, '', { boxed: true });
  w.merged(w.row, 2, 3, R.rows.flagged, { boxed: true });
  w.box(w.row, 3);
  w.put(w.row, 4, t.flagged, { align: 'right', numFmt: INTEGER, boxed: true });
  w.row++;
  w.endTable();
}

/** One counter's or officer's row: counts per level, the total and the rate as formulas. */
function writeGroupRow(w: SummaryWriter, i: number, name: string, g: GroupTally, enough: boolean): void {
  const { row } = w;
  const firstLevelCol = 4;
  const lastLevelCol = 3 + g.levels.length;
  w.put(row, 1, i + 1, { align: 'center', boxed: true });
  w.put(row, 2, name, { boxed: true });
  w.put(row, 3, { formula: `SUM(${col(firstLevelCol)}${row}:${col(lastLevelCol)}${row})`, result: g.total }, { align: 'right', numFmt: INTEGER, boxed: true });
  const satisfiedRefs: string[] = [];
  const satisfiedCount = g.levels.filter((l) => l.level >= 4).reduce((a, l) => a + l.count, 0);
  g.levels.forEach((l, j) => {
    w.put(row, firstLevelCol + j, l.count, { align: 'right', numFmt: INTEGER, boxed: true });
    if (l.level >= 4) satisfiedRefs.push(`${col(firstLevelCol + j)}${row}`);
  });
  const rateCol = lastLevelCol + 1;
  if (!enough) w.put(row, rateCol, R.notEnough, { italic: true, align: 'center', boxed: true, size: 10 });
  else {
    const formula = `IF(C${row}=0,"",(${satisfiedRefs.join('+') || '0'})/C${row})`;
    w.put(row, rateCol, { formula, result: ratio(satisfiedCount, g.total) }, { align: 'right', numFmt: PERCENT, boxed: true });
  }
  w.row++;
}

function writeGroupTable(w: SummaryWriter, t: Tally, title: string, nameColumn: string, rows: { name: string; g: GroupTally; enough: boolean }[]): void {
  w.section(title);
  w.header([R.columns.no, nameColumn, R.columns.total, ...t.levels.map((l) => levelLabel(l.level)), R.columns.satisfiedRate]);
  if (rows.length === 0) w.emptyRow(w.width);
  rows.forEach((r, i) => writeGroupRow(w, i, r.name, r.g, r.enough));
  w.endTable();
}

/** II. Per counter. */
function writeCounterTable(w: SummaryWriter, t: Tally): void {
  writeGroupTable(
    w,
    t,
    R.sections.byCounter,
    R.columns.counter,
    t.byCounter.map((c) => ({ name: c.counterName, g: c, enough: true })),
  );
}

/** III. Per officer, with rates only above the configured minimum, and the note saying so. */
function writeOfficerTable(w: SummaryWriter, ctx: ReportContext): void {
  const t = ctx.tally;
  writeGroupTable(
    w,
    t,
    R.sections.byOfficer,
    R.columns.officer,
    t.byOfficer.map((o) => ({ name: o.officerName, g: o, enough: o.enough })),
  );
  w.merged(w.row++, 1, w.width, fill(R.officerNote, { n: ctx.officerMinRatings }), { italic: true, size: SIZE.note });
}

/** IV. Every day of the range up to the day the report is made. */
function writeDayTable(w: SummaryWriter, ctx: ReportContext): void {
  w.section(R.sections.byDay);
  w.header([R.columns.no, R.columns.day, R.columns.total, R.columns.satisfiedRate]);
  if (ctx.days.length === 0) w.emptyRow(4);
  ctx.days.forEach((d, i) => {
    w.put(w.row, 1, i + 1, { align: 'center', boxed: true });
    w.put(w.row, 2, formatDayVi(d.day), { boxed: true });
    w.put(w.row, 3, d.total, { align: 'right', numFmt: INTEGER, boxed: true });
    w.put(w.row, 4, d.satisfiedRate === null ? '' : d.satisfiedRate / 100, { align: 'right', numFmt: PERCENT, boxed: true });
    w.row++;
  });
  w.endTable();
}

/** V. Hours with ratings. */
function writeHourTable(w: SummaryWriter, t: Tally): void {
  w.section(R.sections.byHour);
  w.header([R.columns.no, R.columns.hour, R.columns.total, R.columns.satisfied, R.columns.satisfiedRate]);
  if (t.byHour.length === 0) w.emptyRow(5);
  t.byHour.forEach((h, i) => {
    const { row } = w;
    w.put(row, 1, i + 1, { align: 'center', boxed: true });
    w.put(row, 2, hourRange(h.hour), { boxed: true });
    w.put(row, 3, h.total, { align: 'right', numFmt: INTEGER, boxed: true });
    w.put(row, 4, h.satisfied, { align: 'right', numFmt: INTEGER, boxed: true });
    w.put(row, 5, { formula: `IF(C${row}=0,"",D${row}/C${row})`, result: ratio(h.satisfied, h.total) }, { align: 'right', numFmt: PERCENT, boxed: true });
    w.row++;
  });
  w.endTable();
}

/**
 * VI. Reasons given, in the one order every view uses (shared/tally.ts), each with the SIPAS
 * factor it feeds. A reason's label spans the columns between the number and the factor, so
 * that it reads on one line.
 */
function writeReasonTable(w: SummaryWriter, t: Tally): void {
  const last = w.width;
  const factorColumn = last - 1;
  const labelled = (label: Value, s: CellStyle) => {
    w.merged(w.row, 2, factorColumn - 1, label, { boxed: true, ...s });
    for (let c = 3; c < factorColumn; c++) w.box(w.row, c);
  };
  w.section(R.sections.byReason);
  w.put(w.row, 1, R.columns.no, TABLE_HEADER);
  labelled(R.columns.reason, TABLE_HEADER);
  w.put(w.row, factorColumn, R.columns.factor, TABLE_HEADER);
  w.put(w.row, last, R.columns.count, TABLE_HEADER);
  w.header([]);
  if (t.byReason.length === 0) w.emptyRow(last);
  orderReasons(t.byReason, reasonOrder(t)).forEach((x, i) => {
    w.put(w.row, 1, i + 1, { align: 'center', boxed: true });
    labelled(reasonLabel(x.reason, t.reasons), {});
    w.put(w.row, factorColumn, reasonFactor(x.reason, t.reasons), { align: 'center', boxed: true });
    w.put(w.row++, last, x.count, { align: 'right', numFmt: INTEGER, boxed: true });
  });
  w.endTable();
}

/**
 * The note that these are the department's own figures, not the SIPAS index, then the
 * preparer (left) and the head of the department (right) with room to sign. They share a
 * page with the last table's last two rows, so the signatures never stand alone on a page,
 * nor with only the note: the page they sign carries figures.
 */
function writeClosing(w: SummaryWriter): void {
  const from = Math.max(w.tableStart, w.row - 2);
  w.row++;
  w.merged(w.row++, 1, w.width, R.note, { italic: true, size: SIZE.body });
  w.row++;
  w.merged(w.row, 1, LEFT_BLOCK_END, R.signatures.preparer, { bold: true, align: 'center', size: SIZE.body });
  w.merged(w.row++, LEFT_BLOCK_END + 1, w.width, R.signatures.head, { bold: true, align: 'center', size: SIZE.body });
  w.merged(w.row, 1, LEFT_BLOCK_END, R.signatures.signHint, { italic: true, align: 'center', size: SIZE.body });
  w.merged(w.row++, LEFT_BLOCK_END + 1, w.width, R.signatures.signHint, { italic: true, align: 'center', size: SIZE.body });
  // Room to sign: rows that exist only to be printed (the print area and the page groups end with them).
  for (let i = 0; i < 4; i++) w.atLeast(w.row++, rowHeight(1, SIZE.body));
  w.keep(from, w.row - 1);
}

export function writeSummarySheet(ws: ExcelJS.Worksheet, ctx: ReportContext, metrics: TextMetrics): void {
  const t = ctx.tally;
  const w = new SummaryWriter(ws, summaryColumnWidths(t.levels.length), summaryColumnCount(ctx), metrics);
  writeHeading(w, ctx);
  writeOverallTable(w, t);
  writeCounterTable(w, t);
  writeOfficerTable(w, ctx);
  writeDayTable(w, ctx);
  writeHourTable(w, t);
  writeReasonTable(w, t);
  writeClosing(w);
  w.finish();
}
