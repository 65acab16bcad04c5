// The first sheet of the Excel report, in the layout Vietnamese offices sign: unit name and
// national motto header, place and date, title, period, the tables, the note that these are
// the department's own figures (not SIPAS) and the signature block. Totals and rates are
// formulas (with cached results) so an edited count recalculates.
// writeSummarySheet runs one named step per block, each writing below the last through a
// shared cursor (SummaryWriter) that also remembers how tall each wrapped row must be.
import type ExcelJS from 'exceljs';
import { vi } from '../../../shared/i18n/vi';
import { formatDayVi } from '../../../shared/local-time';
import type { GroupTally, Tally } from '../../../shared/tally';
import type { ReportContext } from './report-context';
import { dateLine, fill, hourRange, levelLabel, periodLine, reasonLabel } from './report-format';

const R = vi.report;
const FONT = 'Times New Roman';
const PERCENT = '0.00%';
const INTEGER = '#,##0';
/** The heading and the signature block put the unit's side in columns 1..3, the rest right of it. */
const LEFT_BLOCK_END = 3;
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

const col = (n: number): string => String.fromCharCode(64 + n);
const ratio = (part: number, whole: number): number | string => (whole > 0 ? part / whole : '');

export const A4_FIT_TO_WIDTH: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'portrait',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  horizontalCentered: true,
  margins: { left: 0.6, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
};

export function summaryColumnCount(ctx: ReportContext): number {
  // STT | name | total | one column per level | satisfaction rate
  return 3 + ctx.tally.levels.length + 1;
}

/** The sheet being written: the next free row, the cell helpers, and the wrapped rows' heights. */
class SummaryWriter {
  row = 1;
  /**
   * Neither Excel nor LibreOffice grows a row for wrapped text written by a library, so
   * each row's height is estimated from its longest wrapped text.
   */
  private readonly lineCount = new Map<number, number>();

  constructor(
    readonly ws: ExcelJS.Worksheet,
    readonly widths: readonly number[],
    /** Columns of the widest table; full-width lines span them all. */
    readonly width: number,
  ) {}

  private fit(r: number, from: number, to: number, value: Value, size: number): void {
    if (typeof value !== 'string') return;
    const span = this.widths.slice(from - 1, to).reduce((a, w) => a + w, 0);
    // Times New Roman at 12 pt fits about 1.3 characters per unit of column width.
    const perLine = Math.max(1, Math.floor((span * 1.3 * 12) / size) - 2);
    this.lineCount.set(r, Math.max(this.lineCount.get(r) ?? 1, Math.ceil(value.length / perLine)));
  }

  put(r: number, c: number, value: Value, s: CellStyle = {}, spanTo = c): ExcelJS.Cell {
    this.fit(r, c, spanTo, value, s.size ?? 12);
    const cell = this.ws.getCell(r, c);
    cell.value = value;
    cell.font = { name: FONT, size: s.size ?? 12, bold: s.bold, italic: s.italic, underline: s.underline };
    cell.alignment = { horizontal: s.align ?? 'left', vertical: 'middle', wrapText: true };
    if (s.numFmt) cell.numFmt = s.numFmt;
    if (s.boxed) cell.border = border;
    if (s.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: s.fill } };
    return cell;
  }

  merged(r: number, from: number, to: number, value: Value, s: CellStyle = {}, height?: number): void {
    this.put(r, from, value, s, to);
    if (to > from) this.ws.mergeCells(r, from, r, to);
    if (height) this.ws.getRow(r).height = height;
  }

  /** Draws the box of a cell that a merge covers (its own value is not written). */
  box(r: number, c: number): void {
    this.ws.getCell(r, c).border = border;
  }

  /** A table's grey header row. */
  header(labels: readonly string[]): void {
    labels.forEach((l, i) => this.put(this.row, i + 1, l, { bold: true, align: 'center', boxed: true, fill: 'FFEFEFEF' }));
    this.ws.getRow(this.row).height = 32;
    this.row++;
  }

  /** A blank line, then the section's title across the page. */
  section(title: string): void {
    this.row++;
    this.merged(this.row++, 1, this.width, title, { bold: true });
  }

  /** The "no data" row of an empty table `span` columns wide. */
  emptyRow(span: number): void {
    this.put(this.row, 1, '', { boxed: true });
    this.merged(this.row, 2, span, R.rows.none, { italic: true, align: 'center', boxed: true });
    for (let c = 3; c <= span; c++) this.box(this.row, c);
    this.row++;
  }

  /** Column widths, the estimated heights of wrapped rows, and the print area down to here. */
  finish(): void {
    this.ws.columns = this.widths.map((w) => ({ width: w }));
    for (const [r, lines] of this.lineCount) {
      const current = this.ws.getRow(r).height ?? 0;
      if (lines > 1) this.ws.getRow(r).height = Math.max(current, lines * 15.5 + 2);
    }
    // The rest of the page setup goes in at addWorksheet (the streaming writer emits fitToPage first).
    this.ws.pageSetup.printArea = `A1:${col(this.width)}${this.row}`;
  }
}

/** Unit (left), nation and motto (right), place and date under the motto, title and period. */
function writeHeading(w: SummaryWriter, ctx: ReportContext): void {
  const { width } = w;
  w.merged(w.row, 1, LEFT_BLOCK_END, ctx.unitName.toUpperCase(), { bold: true, align: 'center', size: 12 }, 48);
  w.merged(w.row++, LEFT_BLOCK_END + 1, width, R.nation, { bold: true, align: 'center', size: 12 });
  w.merged(w.row++, LEFT_BLOCK_END + 1, width, R.motto, { bold: true, underline: true, align: 'center', size: 13 });
  w.row++;
  w.merged(w.row++, LEFT_BLOCK_END + 1, width, dateLine(ctx.place, ctx.generatedAtMs, ctx.timezone), { italic: true, align: 'center' });
  w.row++;
  w.merged(w.row++, 1, width, R.title, { bold: true, align: 'center', size: 14 }, 40);
  w.merged(w.row++, 1, width, periodLine(ctx.tally.from, ctx.tally.to), { italic: true, align: 'center' });
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
}

/** II. Per counter. */
function writeCounterTable(w: SummaryWriter, t: Tally): void {
  writeGroupTable(w, t, R.sections.byCounter, R.columns.counter, t.byCounter.map((c) => ({ name: c.counterName, g: c, enough: true })));
}

/** III. Per officer, with rates only above the configured minimum, and the note saying so. */
function writeOfficerTable(w: SummaryWriter, ctx: ReportContext): void {
  const t = ctx.tally;
  writeGroupTable(w, t, R.sections.byOfficer, R.columns.officer, t.byOfficer.map((o) => ({ name: o.officerName, g: o, enough: o.enough })));
  w.merged(w.row++, 1, w.width, fill(R.officerNote, { n: ctx.officerMinRatings }), { italic: true, size: 10 });
}

/** IV. Every day of the range. */
function writeDayTable(w: SummaryWriter, t: Tally): void {
  w.section(R.sections.byDay);
  w.header([R.columns.no, R.columns.day, R.columns.total, R.columns.satisfiedRate]);
  t.byDay.forEach((d, i) => {
    w.put(w.row, 1, i + 1, { align: 'center', boxed: true });
    w.put(w.row, 2, formatDayVi(d.day), { boxed: true });
    w.put(w.row, 3, d.total, { align: 'right', numFmt: INTEGER, boxed: true });
    w.put(w.row, 4, d.satisfiedRate === null ? '' : d.satisfiedRate / 100, { align: 'right', numFmt: PERCENT, boxed: true });
    w.row++;
  });
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
}

/** VI. Reasons given, most frequent first. */
function writeReasonTable(w: SummaryWriter, t: Tally): void {
  w.section(R.sections.byReason);
  w.header([R.columns.no, R.columns.reason, R.columns.count]);
  if (t.byReason.length === 0) w.emptyRow(3);
  t.byReason.forEach((x, i) => {
    w.put(w.row, 1, i + 1, { align: 'center', boxed: true });
    w.put(w.row, 2, reasonLabel(x.reason), { boxed: true });
    w.put(w.row, 3, x.count, { align: 'right', numFmt: INTEGER, boxed: true });
    w.row++;
  });
}

/** The note that these are the department's own figures, not the SIPAS index. */
function writeNote(w: SummaryWriter): void {
  w.row++;
  w.merged(w.row++, 1, w.width, R.note, { italic: true, size: 10 }, 44);
}

/** Preparer (left), head of the department (right), and room to sign below. */
function writeSignatures(w: SummaryWriter): void {
  w.row++;
  w.merged(w.row, 1, LEFT_BLOCK_END, R.signatures.preparer, { bold: true, align: 'center' });
  w.merged(w.row++, LEFT_BLOCK_END + 1, w.width, R.signatures.head, { bold: true, align: 'center' });
  w.merged(w.row, 1, LEFT_BLOCK_END, R.signatures.signHint, { italic: true, align: 'center' });
  w.merged(w.row++, LEFT_BLOCK_END + 1, w.width, R.signatures.signHint, { italic: true, align: 'center' });
  for (let i = 0; i < 4; i++) w.ws.getRow(w.row++).height = 18;
}

export function writeSummarySheet(ws: ExcelJS.Worksheet, ctx: ReportContext): void {
  const t = ctx.tally;
  const widths = [6, 34, 11, ...t.levels.map(() => 11), 12];
  const w = new SummaryWriter(ws, widths, summaryColumnCount(ctx));
  writeHeading(w, ctx);
  writeOverallTable(w, t);
  writeCounterTable(w, t);
  writeOfficerTable(w, ctx);
  writeDayTable(w, t);
  writeHourTable(w, t);
  writeReasonTable(w, t);
  writeNote(w);
  writeSignatures(w);
  w.finish();
}
