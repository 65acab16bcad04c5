// The first sheet of the Excel report, in the layout Vietnamese offices sign: unit name and
// national motto header, place and date, title, period, the tables, the note that these are
// the department's own figures (not SIPAS) and the signature block. Totals and rates are
// formulas (with cached results) so an edited count recalculates.
import type ExcelJS from 'exceljs';
import { vi } from '../../../shared/i18n/vi';
import { formatDayVi } from '../../../shared/local-time';
import type { GroupTally } from '../../../shared/tally';
import type { ReportContext } from './report-context';
import { dateLine, fill, hourRange, levelLabel, periodLine, reasonLabel } from './report-format';

const R = vi.report;
const FONT = 'Times New Roman';
const PERCENT = '0.00%';
const INTEGER = '#,##0';
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

export function writeSummarySheet(ws: ExcelJS.Worksheet, ctx: ReportContext): void {
  const t = ctx.tally;
  const width = summaryColumnCount(ctx);
  const last = col(width);
  const widths = [6, 34, 11, ...t.levels.map(() => 11), 12];
  let row = 1;
  // Neither Excel nor LibreOffice grows a row for wrapped text written by a library, so
  // each row's height is estimated from its longest wrapped text.
  const lineCount = new Map<number, number>();
  function fit(r: number, from: number, to: number, value: Value, size: number): void {
    if (typeof value !== 'string') return;
    const span = widths.slice(from - 1, to).reduce((a, w) => a + w, 0);
    // Times New Roman at 12 pt fits about 1.3 characters per unit of column width.
    const perLine = Math.max(1, Math.floor((span * 1.3 * 12) / size) - 2);
    lineCount.set(r, Math.max(lineCount.get(r) ?? 1, Math.ceil(value.length / perLine)));
  }

  function put(r: number, c: number, value: Value, s: CellStyle = {}, spanTo = c): ExcelJS.Cell {
    fit(r, c, spanTo, value, s.size ?? 12);
    const cell = ws.getCell(r, c);
    cell.value = value;
    cell.font = { name: FONT, size: s.size ?? 12, bold: s.bold, italic: s.italic, underline: s.underline };
    cell.alignment = { horizontal: s.align ?? 'left', vertical: 'middle', wrapText: true };
    if (s.numFmt) cell.numFmt = s.numFmt;
    if (s.boxed) cell.border = border;
    if (s.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: s.fill } };
    return cell;
  }
  function merged(r: number, from: number, to: number, value: Value, s: CellStyle = {}, height?: number): void {
    put(r, from, value, s, to);
    if (to > from) ws.mergeCells(r, from, r, to);
    if (height) ws.getRow(r).height = height;
  }
  function header(labels: string[]): void {
    labels.forEach((l, i) => put(row, i + 1, l, { bold: true, align: 'center', boxed: true, fill: 'FFEFEFEF' }));
    ws.getRow(row).height = 32;
    row++;
  }
  function section(title: string): void {
    row++;
    merged(row++, 1, width, title, { bold: true });
  }
  function emptyRow(span: number): void {
    put(row, 1, '', { boxed: true });
    merged(row, 2, span, R.rows.none, { italic: true, align: 'center', boxed: true });
    for (let c = 3; c <= span; c++) ws.getCell(row, c).border = border;
    row++;
  }

  // Heading: unit (left), nation and motto (right), place and date under the motto.
  const split = 3;
  merged(row, 1, split, ctx.unitName.toUpperCase(), { bold: true, align: 'center', size: 12 }, 48);
  merged(row++, split + 1, width, R.nation, { bold: true, align: 'center', size: 12 });
  merged(row++, split + 1, width, R.motto, { bold: true, underline: true, align: 'center', size: 13 });
  row++;
  merged(row++, split + 1, width, dateLine(ctx.place, ctx.generatedAtMs, ctx.timezone), { italic: true, align: 'center' });
  row++;
  merged(row++, 1, width, R.title, { bold: true, align: 'center', size: 14 }, 40);
  merged(row++, 1, width, periodLine(t.from, t.to), { italic: true, align: 'center' });

  // I. Overall: one row per level, total, rates, flagged.
  section(R.sections.summary);
  header([R.columns.no, R.columns.level, R.columns.count, R.columns.percent]);
  const firstLevelRow = row;
  const levelRow = new Map<number, number>();
  const totalRow = firstLevelRow + t.levels.length;
  t.levels.forEach((l, i) => {
    levelRow.set(l.level, row);
    put(row, 1, i + 1, { align: 'center', boxed: true });
    put(row, 2, levelLabel(l.level), { boxed: true });
    put(row, 3, l.count, { align: 'right', numFmt: INTEGER, boxed: true });
    put(row, 4, { formula: `IF($C$${totalRow}=0,"",C${row}/$C$${totalRow})`, result: ratio(l.count, t.total) }, { align: 'right', numFmt: PERCENT, boxed: true });
    row++;
  });
  put(row, 1, '', { boxed: true });
  put(row, 2, R.rows.total, { bold: true, boxed: true });
  put(row, 3, { formula: `SUM(C${firstLevelRow}:C${totalRow - 1})`, result: t.total }, { bold: true, align: 'right', numFmt: INTEGER, boxed: true });
  put(row, 4, { formula: `IF(C${totalRow}=0,"",1)`, result: t.total > 0 ? 1 : '' }, { bold: true, align: 'right', numFmt: PERCENT, boxed: true });
  row++;
  const sumOf = (levels: number[]) => levels.filter((l) => levelRow.has(l)).map((l) => `C${levelRow.get(l)}`);
  const countOf = (levels: number[]) => t.levels.filter((l) => levels.includes(l.level)).reduce((a, l) => a + l.count, 0);
  const rateRow = (label: string, levels: number[]) => {
    const refs = sumOf(levels);
    const formula = refs.length ? `IF(C${totalRow}=0,"",(${refs.join('+')})/C${totalRow})` : '""';
    put(row, 1, '', { boxed: true });
    merged(row, 2, 3, label, { bold: true, boxed: true });
    ws.getCell(row, 3).border = border;
    put(row, 4, { formula, result: ratio(countOf(levels), t.total) }, { bold: true, align: 'right', numFmt: PERCENT, boxed: true });
    row++;
  };
  rateRow(R.rows.satisfiedRate, [5, 4]);
  rateRow(R.rows.dissatisfiedRate, [2, 1]);
  put(row, 1, '', { boxed: true });
  merged(row, 2, 3, R.rows.flagged, { boxed: true });
  ws.getCell(row, 3).border = border;
  put(row, 4, t.flagged, { align: 'right', numFmt: INTEGER, boxed: true });
  row++;

  // II and III. Per counter and per officer: counts per level, total and rate as formulas.
  const groupHeader = (name: string) => header([R.columns.no, name, R.columns.total, ...t.levels.map((l) => levelLabel(l.level)), R.columns.satisfiedRate]);
  const groupRow = (i: number, name: string, g: GroupTally, enough = true) => {
    const firstLevelCol = 4;
    const lastLevelCol = 3 + g.levels.length;
    put(row, 1, i + 1, { align: 'center', boxed: true });
    put(row, 2, name, { boxed: true });
    put(row, 3, { formula: `SUM(${col(firstLevelCol)}${row}:${col(lastLevelCol)}${row})`, result: g.total }, { align: 'right', numFmt: INTEGER, boxed: true });
    const satisfiedRefs: string[] = [];
    const satisfiedCount = g.levels.filter((l) => l.level >= 4).reduce((a, l) => a + l.count, 0);
    g.levels.forEach((l, j) => {
      put(row, firstLevelCol + j, l.count, { align: 'right', numFmt: INTEGER, boxed: true });
      if (l.level >= 4) satisfiedRefs.push(`${col(firstLevelCol + j)}${row}`);
    });
    const rateCol = lastLevelCol + 1;
    if (!enough) put(row, rateCol, R.notEnough, { italic: true, align: 'center', boxed: true, size: 10 });
    else {
      const formula = `IF(C${row}=0,"",(${satisfiedRefs.join('+') || '0'})/C${row})`;
      put(row, rateCol, { formula, result: ratio(satisfiedCount, g.total) }, { align: 'right', numFmt: PERCENT, boxed: true });
    }
    row++;
  };
  section(R.sections.byCounter);
  groupHeader(R.columns.counter);
  if (t.byCounter.length === 0) emptyRow(width);
  t.byCounter.forEach((c, i) => groupRow(i, c.counterName, c));

  section(R.sections.byOfficer);
  groupHeader(R.columns.officer);
  if (t.byOfficer.length === 0) emptyRow(width);
  t.byOfficer.forEach((o, i) => groupRow(i, o.officerName, o, o.enough));
  merged(row++, 1, width, fill(R.officerNote, { n: ctx.officerMinRatings }), { italic: true, size: 10 });

  // IV. Per day, V. per hour, VI. reasons.
  section(R.sections.byDay);
  header([R.columns.no, R.columns.day, R.columns.total, R.columns.satisfiedRate]);
  t.byDay.forEach((d, i) => {
    put(row, 1, i + 1, { align: 'center', boxed: true });
    put(row, 2, formatDayVi(d.day), { boxed: true });
    put(row, 3, d.total, { align: 'right', numFmt: INTEGER, boxed: true });
    put(row, 4, d.satisfiedRate === null ? '' : d.satisfiedRate / 100, { align: 'right', numFmt: PERCENT, boxed: true });
    row++;
  });

  section(R.sections.byHour);
  header([R.columns.no, R.columns.hour, R.columns.total, R.columns.satisfied, R.columns.satisfiedRate]);
  if (t.byHour.length === 0) emptyRow(5);
  t.byHour.forEach((h, i) => {
    put(row, 1, i + 1, { align: 'center', boxed: true });
    put(row, 2, hourRange(h.hour), { boxed: true });
    put(row, 3, h.total, { align: 'right', numFmt: INTEGER, boxed: true });
    put(row, 4, h.satisfied, { align: 'right', numFmt: INTEGER, boxed: true });
    put(row, 5, { formula: `IF(C${row}=0,"",D${row}/C${row})`, result: ratio(h.satisfied, h.total) }, { align: 'right', numFmt: PERCENT, boxed: true });
    row++;
  });

  section(R.sections.byReason);
  header([R.columns.no, R.columns.reason, R.columns.count]);
  if (t.byReason.length === 0) emptyRow(3);
  t.byReason.forEach((x, i) => {
    put(row, 1, i + 1, { align: 'center', boxed: true });
    put(row, 2, reasonLabel(x.reason), { boxed: true });
    put(row, 3, x.count, { align: 'right', numFmt: INTEGER, boxed: true });
    row++;
  });

  row++;
  merged(row++, 1, width, R.note, { italic: true, size: 10 }, 44);

  // Signature block: preparer (left), head of the department (right), room to sign below.
  row++;
  merged(row, 1, split, R.signatures.preparer, { bold: true, align: 'center' });
  merged(row++, split + 1, width, R.signatures.head, { bold: true, align: 'center' });
  merged(row, 1, split, R.signatures.signHint, { italic: true, align: 'center' });
  merged(row++, split + 1, width, R.signatures.signHint, { italic: true, align: 'center' });
  for (let i = 0; i < 4; i++) ws.getRow(row++).height = 18;

  ws.columns = widths.map((w) => ({ width: w }));
  for (const [r, lines] of lineCount) {
    const current = ws.getRow(r).height ?? 0;
    if (lines > 1) ws.getRow(r).height = Math.max(current, lines * 15.5 + 2);
  }
  // The rest of the page setup goes in at addWorksheet (the streaming writer emits fitToPage first).
  ws.pageSetup.printArea = `A1:${last}${row}`;
}
