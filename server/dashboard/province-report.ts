// The city dashboard's province-wide report: one row per unit (ward, commune) with its counts
// per level, total, satisfaction rate and excluded ratings, then the province's totals. The
// Excel sheet follows the kiosk's signed report (electron/services/reports/xlsx-summary-sheet.ts,
// which server/ may not import): Decree 30/2020/NĐ-CP's heading, Times New Roman, the note
// that these are not the SIPAS index, signature blocks; landscape here, since eleven columns
// do not fit a portrait page. The CSV carries the same columns for other software. Both are
// always in Vietnamese, as the kiosk's reports are.
//
// Neither Excel nor LibreOffice grows a row for wrapped text when printing a file a library
// wrote, so the writer sets every row's height from an estimate of Times New Roman's advance
// widths (erring wide: a row a little too tall costs nothing, one too short clips a name) and
// places the page breaks itself, so that the totals and the signatures never print alone.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvRecord, type CsvSeparator } from '../../shared/csv-field';
import { vi } from '../../shared/i18n/vi';
import { formatDayVi } from '../../shared/local-time';
import { LEVEL_KEYS, LEVELS, type Level } from '../../shared/rating-scale';
import { percent } from '../../shared/tally';

export interface ProvinceUnitRow {
  unitCode: string;
  unitName: string;
  /** Ratings per level, misuse-flagged ones left out. */
  levels: { 1: number; 2: number; 3: number; 4: number; 5: number };
  /** The sum of `levels`: misuse-flagged ratings are not in it (they are `flagged`). */
  total: number;
  flagged: number;
  /** percent(levels 4 + 5, total), null when total is 0. */
  satisfiedRate: number | null;
}

export interface ProvinceReport {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  generatedAt: Date;
  /** The province's offset from UTC, for the date the report is made on. */
  utcOffsetMinutes: number;
  /** Every unit, those without ratings too (with zeros); any order, the report sorts by name. */
  units: ProvinceUnitRow[];
}

const R = vi.report;
const P = vi.report.province;
const FONT = 'Times New Roman';
const INTEGER = '#,##0';
const PERCENT = '0.00%';
/** Type sizes within the Decree's ranges; the table at 11 pt so a province's totals fit the level columns. */
const SIZE = { table: 11, issuer: 12, nation: 12, motto: 13, number: 13, date: 13, title: 14, scope: 13, body: 13, note: 12 } as const;

// --- Columns -----------------------------------------------------------------------------

/** Most satisfied first, the order of the kiosk's reports. */
const LEVEL_ORDER: readonly Level[] = LEVELS;
const COL = { no: 1, name: 2, code: 3, firstLevel: 4, total: 4 + LEVEL_ORDER.length, rate: 5 + LEVEL_ORDER.length, flagged: 6 + LEVEL_ORDER.length } as const;
const WIDTH = COL.flagged;
/** The heading's left block (issuing body, number line) and the preparer's signature: STT, name, code. */
const LEFT_END = COL.code;
const levelCol = (level: Level): number => COL.firstLevel + LEVEL_ORDER.indexOf(level);
const letter = (c: number): string => String.fromCharCode(64 + c);

/**
 * Widths in Excel's units (8 px each, the workbook's default font being Times New Roman
 * 12 pt): together no wider than an A4 landscape page inside the margins, so it prints at
 * 100 % and the page breaks fall where they were counted. A level column holds "22,500,000".
 */
const COLUMN_WIDTHS = [5, 26.5, 13, ...LEVEL_ORDER.map(() => 9.5), 10.5, 8, 8];

// --- Page ----------------------------------------------------------------------------------

const MM_PER_INCH = 25.4;
const PT_PER_MM = 72 / MM_PER_INCH;
/** The kiosk report's margins (Decree 30/2020/NĐ-CP), in mm. */
const MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15, header: 10, footer: 10 } as const;
const inches = (mm: number) => Math.round((mm / MM_PER_INCH) * 10_000) / 10_000;
const A4_LANDSCAPE_MM = { width: 297, height: 210 } as const;
/** Printable height of a landscape page, less room for Excel's and LibreOffice's rounding of row heights. */
const PAGE_BODY_PT = (A4_LANDSCAPE_MM.height - MARGINS_MM.top - MARGINS_MM.bottom) * PT_PER_MM * 0.97;
const PAGE_NUMBER_HEADER = `&C&"${FONT},Regular"&13&P`;

// --- Text measure (Times New Roman, estimated) ---------------------------------------------

/** Advance widths of Times New Roman in thousandths of an em, by character; others count as a capital. */
const ADVANCE = new Map<string, number>();
for (const [chars, width] of [
  [' .,', 250],
  ['ijlt:;/!', 278],
  ["frI()[]-'‘’", 333],
  ['sJ', 389],
  ['acez', 444],
  ['bdghknopquvxy0123456789_#*+=<>$', 500],
  ['FPS', 556],
  ['ELTZ', 611],
  ['BCR', 667],
  ['ADGHKNOQUVXYw', 722],
  ['m', 778],
  ['%', 833],
  ['M&', 889],
  ['W', 944],
  ['…—', 1000],
] as const) {
  for (const c of chars) ADVANCE.set(c, width);
}
/** Bold is wider than regular: count it generously. */
const BOLD_FACTOR = 1.1;
/** Excel lays text out in whole pixels: wrap a little early rather than clip (as the kiosk's report does). */
const WRAP_SLACK = 0.95;

function textWidth(text: string, size: number, bold: boolean): number {
  // Vietnamese letters are a base letter and marks above or below it: the base's advance.
  const base = text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  let units = 0;
  for (const c of base) units += ADVANCE.get(c) ?? 722;
  return (units / 1000) * size * (bold ? BOLD_FACTOR : 1);
}

/** Lines `text` takes wrapped at spaces in `points` (a word longer than a line breaks inside, as spreadsheets do). */
function linesOf(text: string, points: number, size: number, bold: boolean): number {
  const room = points * WRAP_SLACK;
  const space = textWidth(' ', size, bold);
  let lines = 0;
  for (const paragraph of text.split('\n')) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(' ').filter(Boolean)) {
      const w = textWidth(word, size, bold);
      if (used > 0 && used + space + w <= room) {
        used += space + w;
      } else {
        if (used > 0) lines++;
        lines += Math.max(0, Math.ceil(w / room) - 1);
        used = w - Math.max(0, Math.ceil(w / room) - 1) * room;
      }
    }
  }
  return Math.max(1, lines);
}

/** Points of text a column (or merged columns) `units` wide shows: 8 px a unit, about 5 px of cell padding. */
const textPoints = (units: number): number => Math.max(1, units * 8 - 5) * 0.75;
/** A row of `lines` lines at `size`: Times New Roman's line (its ascent and descent, 2268/2048 em) in whole pixels, plus padding. */
const rowHeight = (lines: number, size: number): number => (lines * Math.ceil((size / 0.75) * (2268 / 2048)) + 4) * 0.75;

// --- Validation ------------------------------------------------------------------------------

const isCount = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** A caller's mistake would print a signed report whose rows do not add up: refuse it, naming the unit. */
function checkUnit(u: ProvinceUnitRow): void {
  const where = `province report: unit ${JSON.stringify(u.unitCode)}`;
  for (const level of LEVEL_ORDER) if (!isCount(u.levels[level])) throw new Error(`${where}: level ${level} count is not a whole number ≥ 0`);
  if (!isCount(u.total) || !isCount(u.flagged)) throw new Error(`${where}: total and flagged must be whole numbers ≥ 0`);
  const sum = LEVEL_ORDER.reduce((a, l) => a + u.levels[l], 0);
  if (sum !== u.total) throw new Error(`${where}: total ${u.total} is not the sum of its levels (${sum})`);
  const rate = percent(u.levels[4] + u.levels[5], u.total);
  if (u.satisfiedRate !== rate) throw new Error(`${where}: satisfiedRate ${u.satisfiedRate} is not ${rate}`);
}

// Numeric, so that numbered wards ("Phường 2") come before "Phường 10".
const collator = new Intl.Collator('vi', { numeric: true });

/** The units in Vietnamese alphabetical order of their names (code on a tie), each checked. */
function sortedUnits(report: ProvinceReport): ProvinceUnitRow[] {
  for (const u of report.units) checkUnit(u);
  return [...report.units].sort((a, b) => collator.compare(a.unitName, b.unitName) || collator.compare(a.unitCode, b.unitCode));
}

interface Totals {
  levels: Record<Level, number>;
  total: number;
  flagged: number;
  /** From the summed counts, never an average of the units' rates. */
  satisfiedRate: number | null;
}

function totalsOf(units: readonly ProvinceUnitRow[]): Totals {
  const levels = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as Record<Level, number>;
  let total = 0;
  let flagged = 0;
  for (const u of units) {
    for (const l of LEVEL_ORDER) levels[l] += u.levels[l];
    total += u.total;
    flagged += u.flagged;
  }
  return { levels, total, flagged, satisfiedRate: percent(levels[4] + levels[5], total) };
}

// --- Strings ---------------------------------------------------------------------------------

/** Fills `{{name}}` placeholders, the i18next syntax of the resource files. */
const fill = (template: string, params: Record<string, string>): string => template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => params[name] ?? whole);

const levelLabel = (level: Level): string => vi.citizen.levels[LEVEL_KEYS[level]];

/** The table's column headings, as the CSV's header row. */
export const PROVINCE_COLUMNS: readonly string[] = [
  P.columns.no,
  P.columns.unitName,
  P.columns.unitCode,
  ...LEVEL_ORDER.map(levelLabel),
  P.columns.total,
  P.columns.satisfiedRate,
  P.columns.flagged,
];

/** "bao-cao-hai-long-toan-tinh_2026-11-01_2026-11-30.xlsx" (or .csv). */
export function provinceFileName(report: Pick<ProvinceReport, 'from' | 'to'>, format: 'xlsx' | 'csv'): string {
  return `${fill(P.fileName, { from: report.from, to: report.to })}.${format}`;
}

function localDay(at: Date, utcOffsetMinutes: number): string {
  return new Date(at.getTime() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

// --- Excel -----------------------------------------------------------------------------------

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

const BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const HEADER: CellStyle = { bold: true, align: 'center', boxed: true, fill: 'FFEFEFEF' };
const COUNT: CellStyle = { align: 'right', numFmt: INTEGER, boxed: true };
const RATE: CellStyle = { align: 'right', numFmt: PERCENT, boxed: true };

/** The sheet being written: cells, and the height each row needs for its tallest cell. */
class SheetWriter {
  row = 1;
  readonly heights: number[] = [];

  constructor(readonly ws: ExcelJS.Worksheet) {}

  need(r: number, height: number): void {
    this.heights[r] = Math.max(this.heights[r] ?? 0, height);
  }

  /** `value` in row r, columns from..to (merged when more than one), the row as tall as its wrapped text. */
  put(r: number, from: number, value: ExcelJS.CellValue, s: CellStyle = {}, to = from): void {
    const size = s.size ?? SIZE.table;
    const span = COLUMN_WIDTHS.slice(from - 1, to).reduce((a, w) => a + w, 0);
    const text = typeof value === 'string' ? value : '';
    this.need(r, rowHeight(text ? linesOf(text, textPoints(span), size, s.bold === true) : 1, size));
    this.style(this.ws.getCell(r, from), value, s);
    if (to > from) {
      for (let c = from + 1; c <= to; c++) if (s.boxed) this.ws.getCell(r, c).border = BORDER;
      this.ws.mergeCells(r, from, r, to);
    }
  }

  style(cell: ExcelJS.Cell, value: ExcelJS.CellValue, s: CellStyle): void {
    cell.value = value;
    cell.font = { name: FONT, size: s.size ?? SIZE.table, bold: s.bold, italic: s.italic, underline: s.underline };
    cell.alignment = { horizontal: s.align ?? 'left', vertical: 'middle', wrapText: true };
    if (s.numFmt) cell.numFmt = s.numFmt;
    if (s.boxed) cell.border = BORDER;
    if (s.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: s.fill } };
  }
}

/**
 * Left: the issuing body (dotted, for the clerk), a short rule, "Số:      /BC-……". Right:
 * the nation, the motto underlined, the place (dotted) and the date. Then the title, "Toàn
 * tỉnh" and the period across the page.
 */
function writeHeading(w: SheetWriter, report: ProvinceReport): void {
  const top = w.row;
  w.put(top, 1, P.issuerBlank, { bold: true, align: 'center', size: SIZE.issuer }, LEFT_END);
  w.put(top, LEFT_END + 1, R.nation, { bold: true, align: 'center', size: SIZE.nation }, WIDTH);
  w.put(top + 1, LEFT_END + 1, R.motto, { bold: true, underline: true, align: 'center', size: SIZE.motto }, WIDTH);
  // The short rule under the issuing body: a cell's top border in a thin row, printed alike everywhere.
  w.ws.getCell(top + 2, COL.name).border = { top: { style: 'thin' } };
  w.need(top + 2, 6);
  const [yyyy, mm, dd] = localDay(report.generatedAt, report.utcOffsetMinutes).split('-') as [string, string, string];
  w.put(top + 3, 1, fill(R.number, { abbr: R.abbreviationBlank }), { align: 'center', size: SIZE.number }, LEFT_END);
  w.put(top + 3, LEFT_END + 1, fill(R.dateLine, { place: P.placeBlank, dd, mm, yyyy }), { italic: true, align: 'center', size: SIZE.date }, WIDTH);
  w.row = top + 5;
  w.put(w.row++, 1, P.title, { bold: true, align: 'center', size: SIZE.title }, WIDTH);
  w.put(w.row++, 1, P.scope, { bold: true, align: 'center', size: SIZE.scope }, WIDTH);
  w.put(w.row++, 1, fill(R.period, { from: formatDayVi(report.from), to: formatDayVi(report.to) }), { italic: true, align: 'center', size: SIZE.date }, WIDTH);
  w.row++;
}

/** Two header rows: the levels grouped under one heading, the other columns spanning both rows. */
function writeTableHeader(w: SheetWriter): { first: number; last: number } {
  const first = w.row;
  const second = first + 1;
  const spanning: Array<[number, string]> = [
    [COL.no, P.columns.no],
    [COL.name, P.columns.unitName],
    [COL.code, P.columns.unitCode],
    [COL.total, P.columns.total],
    [COL.rate, P.columns.satisfiedRate],
    [COL.flagged, P.columns.flagged],
  ];
  let spanningHeight = 0;
  for (const [c, label] of spanning) {
    w.style(w.ws.getCell(first, c), label, HEADER);
    w.ws.getCell(second, c).border = BORDER;
    w.ws.mergeCells(first, c, second, c);
    spanningHeight = Math.max(spanningHeight, rowHeight(linesOf(label, textPoints(COLUMN_WIDTHS[c - 1]!), SIZE.table, true), SIZE.table));
  }
  w.put(first, COL.firstLevel, P.columns.byLevel, HEADER, COL.total - 1);
  for (const level of LEVEL_ORDER) w.put(second, levelCol(level), levelLabel(level), HEADER);
  // The merged labels' rows grow together.
  const both = (w.heights[first] ?? 0) + (w.heights[second] ?? 0);
  if (both < spanningHeight) w.need(second, (w.heights[second] ?? 0) + spanningHeight - both);
  w.row = second + 1;
  return { first, last: second };
}

/** A unit's row (or the totals'): counts, the total and the rate as formulas with their values cached, so an edited count recalculates. */
function writeCounts(
  w: SheetWriter,
  r: number,
  levels: Record<Level, number>,
  total: number,
  flagged: number,
  bold: boolean,
  sums?: { from: number; to: number },
): void {
  const cell = (c: number, result: number, s: CellStyle) => {
    const formula = sums ? `SUM(${letter(c)}${sums.from}:${letter(c)}${sums.to})` : undefined;
    w.put(r, c, formula ? { formula, result } : result, { ...s, bold });
  };
  for (const level of LEVEL_ORDER) cell(levelCol(level), levels[level], COUNT);
  const first = letter(COL.firstLevel);
  const last = letter(COL.total - 1);
  w.put(r, COL.total, { formula: `SUM(${first}${r}:${last}${r})`, result: total }, { ...COUNT, bold });
  const t = `${letter(COL.total)}${r}`;
  const satisfied = `${letter(levelCol(5))}${r}+${letter(levelCol(4))}${r}`;
  const ratio = total > 0 ? (levels[4] + levels[5]) / total : '';
  w.put(r, COL.rate, { formula: `IF(${t}=0,"",(${satisfied})/${t})`, result: ratio }, { ...RATE, bold });
  cell(COL.flagged, flagged, COUNT);
}

/** The note, then the preparer (left) and the head of the agency (right) with room to sign. */
function writeClosing(w: SheetWriter): void {
  w.row++;
  w.put(w.row++, 1, P.note, { italic: true, size: SIZE.note }, WIDTH);
  w.row++;
  w.put(w.row, 1, R.signatures.preparer, { bold: true, align: 'center', size: SIZE.body }, LEFT_END);
  w.put(w.row++, LEFT_END + 1, P.head, { bold: true, align: 'center', size: SIZE.body }, WIDTH);
  w.put(w.row, 1, R.signatures.signHint, { italic: true, align: 'center', size: SIZE.body }, LEFT_END);
  w.put(w.row++, LEFT_END + 1, R.signatures.signHint, { italic: true, align: 'center', size: SIZE.body }, WIDTH);
  // Room to sign: rows that exist only to be printed.
  for (let i = 0; i < 4; i++) w.need(w.row++, rowHeight(1, SIZE.body));
}

/**
 * The rows after which a page ends. Every page after the first repeats the header rows
 * (`titles` points tall); `keepFrom` to the last row prints on one page (the last units, the
 * totals, the note and the signatures), so no page holds only signatures.
 */
export function pageBreaks(heights: readonly number[], last: number, titles: number, keepFrom: number, capacity: number): number[] {
  const breaks: number[] = [];
  let used = 0;
  let pageStart = 1;
  let keepHeight = 0;
  for (let r = keepFrom; r <= last; r++) keepHeight += heights[r] ?? 0;
  for (let r = 1; r <= last; r++) {
    const h = heights[r] ?? 0;
    const needed = r === keepFrom ? keepHeight : h;
    if (r > pageStart && r <= keepFrom && used + needed > capacity) {
      breaks.push(r - 1);
      used = titles;
      pageStart = r;
    }
    used += h;
  }
  return breaks;
}

/** Sets font 0, the workbook's default (what a clerk types in, and the font column widths count in), before any cell takes exceljs's Calibri. */
function setDefaultFont(wb: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const styles = (wb as unknown as { styles?: { model?: { fonts?: unknown[] }; _addFont?: (f: Partial<ExcelJS.Font>) => number } }).styles;
  if (!styles?._addFont || styles.model?.fonts?.length !== 0) throw new Error('exceljs style manager changed: the default font cannot be set');
  styles._addFont({ name: FONT, size: 12, family: 1 });
}

/** The sheet's manual page breaks: a field of exceljs's worksheets that its types leave out. */
function rowBreaksOf(ws: ExcelJS.Worksheet): ExcelJS.RowBreak[] {
  const breaks = (ws as unknown as { rowBreaks?: ExcelJS.RowBreak[] }).rowBreaks;
  if (!Array.isArray(breaks)) throw new Error('exceljs worksheet has no rowBreaks: page breaks cannot be placed');
  return breaks;
}

/** The report as an .xlsx workbook with one sheet, "Toàn tỉnh", set up to print on A4 landscape. */
export async function provinceXlsx(report: ProvinceReport): Promise<Buffer> {
  const units = sortedUnits(report);
  const totals = totalsOf(units);
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    out.once('end', resolve);
    out.once('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  setDefaultFont(wb);
  wb.created = report.generatedAt;
  const ws = wb.addWorksheet(P.sheet, {
    // The streaming writer emits the page setup before any row: all of it goes in here, bar the print area.
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: {
        top: inches(MARGINS_MM.top),
        bottom: inches(MARGINS_MM.bottom),
        left: inches(MARGINS_MM.left),
        right: inches(MARGINS_MM.right),
        header: inches(MARGINS_MM.header),
        footer: inches(MARGINS_MM.footer),
      },
    },
    // As the kiosk's report: no number on the first page, the rest numbered at the top.
    headerFooter: { differentFirst: true, oddHeader: PAGE_NUMBER_HEADER },
    views: [{ showGridLines: false }],
  });

  const w = new SheetWriter(ws);
  writeHeading(w, report);
  const header = writeTableHeader(w);
  ws.pageSetup.printTitlesRow = `${header.first}:${header.last}`;
  const firstUnit = w.row;
  if (units.length === 0) {
    w.put(w.row, COL.no, '', { boxed: true });
    w.put(w.row++, COL.name, P.none, { italic: true, align: 'center', boxed: true }, WIDTH);
  }
  units.forEach((u, i) => {
    w.put(w.row, COL.no, i + 1, { align: 'center', boxed: true });
    w.put(w.row, COL.name, u.unitName, { boxed: true });
    w.put(w.row, COL.code, u.unitCode, { boxed: true });
    writeCounts(w, w.row++, u.levels, u.total, u.flagged, false);
  });
  const totalsRow = w.row++;
  w.put(totalsRow, COL.no, '', { boxed: true });
  w.put(totalsRow, COL.name, P.totals, { bold: true, align: 'center', boxed: true }, COL.code);
  const sums = units.length > 0 ? { from: firstUnit, to: totalsRow - 1 } : undefined;
  writeCounts(w, totalsRow, totals.levels, totals.total, totals.flagged, true, sums);
  writeClosing(w);

  const last = w.row - 1;
  const heights: number[] = [];
  for (let r = 1; r <= last; r++) heights[r] = w.heights[r] ?? rowHeight(1, SIZE.table);
  ws.columns = COLUMN_WIDTHS.map((width) => ({ width }));
  for (let r = 1; r <= last; r++) ws.getRow(r).height = heights[r]!;
  const titles = heights[header.first]! + heights[header.last]!;
  const keepFrom = Math.max(firstUnit, totalsRow - 2);
  for (const r of pageBreaks(heights, last, titles, keepFrom, PAGE_BODY_PT)) {
    // As Excel writes them: no min, max 16383 for "every column".
    rowBreaksOf(ws).push({ id: r, max: 16383, man: 1 } as ExcelJS.RowBreak);
  }
  // exceljs adds the `$` before the column only; LibreOffice ignores a print area without the row's.
  ws.pageSetup.printArea = `A$1:${letter(WIDTH)}$${last}`;
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

// --- CSV -------------------------------------------------------------------------------------

/**
 * A rate as the file's readers expect it: with `;` between fields (where Windows' regional
 * settings use `;`, Vietnamese among them) the decimal mark is a comma, so it is written as
 * text "82,66", which spreadsheets there read as a number; with `,` it is a bare 82.66.
 */
function csvRate(rate: number | null, separator: CsvSeparator): string | number {
  if (rate === null) return '';
  return separator === ';' ? rate.toFixed(2).replace('.', ',') : rate;
}

/** The same columns as the sheet: UTF-8 with a BOM, CRLF, every text field quoted (shared/csv-field.ts). */
export function provinceCsv(report: ProvinceReport, separator: ',' | ';'): string {
  const units = sortedUnits(report);
  const totals = totalsOf(units);
  const lines = [csvRecord(PROVINCE_COLUMNS, separator)];
  units.forEach((u, i) => {
    lines.push(
      csvRecord([i + 1, u.unitName, u.unitCode, ...LEVEL_ORDER.map((l) => u.levels[l]), u.total, csvRate(u.satisfiedRate, separator), u.flagged], separator),
    );
  });
  lines.push(
    csvRecord(
      ['', P.totals, '', ...LEVEL_ORDER.map((l) => totals.levels[l]), totals.total, csvRate(totals.satisfiedRate, separator), totals.flagged],
      separator,
    ),
  );
  return `\uFEFF${lines.join('')}`;
}
