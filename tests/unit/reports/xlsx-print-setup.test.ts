// The Excel report set up to print as Decree 30/2020/NĐ-CP wants a signed document: Times
// New Roman everywhere (the workbook's default too), A4 with the Decree's margins (exceljs
// wants inches), page numbers at the top from page 2 on, page breaks that never leave a
// heading at the foot of a page nor the signatures alone; "Chi tiết" landscape, one page
// wide, its header row repeated, frozen and tall enough for its wrapped labels. The file's
// XML is checked for what makes Excel offer to repair a workbook. LibreOffice prints the
// same files in tests/integration/reports/xlsx-libreoffice.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { createExportService } from '../../../electron/services/reports/export-service';
import { pageBreaks } from '../../../electron/services/reports/xlsx-summary-sheet';
import { generateRatings, insertRatings } from '../../support/rating-fixtures';
import { xlsxPart } from '../../support/print-check';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig } from '../../support/test-config';

const inches = (mm: number) => mm / 25.4;
const SECTION_HEADING = /^(I|II|III|IV|V|VI)\. \p{Lu}/u;
const OFFICERS = Array.from({ length: 12 }, (_, i) => ({ id: `CB${String(i + 1).padStart(2, '0')}`, name: `Cán bộ Số ${i + 1}` }));
const config = parsedTestConfig({
  unit: { name: 'Trung tâm Phục vụ hành chính công phường Diên Hồng', abbreviation: 'TTPVHCC' },
  counters: [
    { id: 'Q1', name: 'Quầy 1' },
    { id: 'Q2', name: 'Quầy Tư pháp – Hộ tịch' },
  ],
  officers: OFFICERS,
});
/** CT_Worksheet's sequence (ECMA-376 part 1, 18.3.1.99): Excel repairs a sheet whose elements are out of it. */
const WORKSHEET_ORDER = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'sheetCalcPr',
  'sheetProtection',
  'protectedRanges',
  'scenarios',
  'autoFilter',
  'sortState',
  'dataConsolidate',
  'customSheetViews',
  'mergeCells',
  'phoneticPr',
  'conditionalFormatting',
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

let dir: { dir: string; cleanup: () => void };
let db: Db;

beforeAll(() => {
  dir = tempDir('xlsx-print-');
  db = openDatabase(path.join(dir.dir, 'ratings.db'));
  insertRatings(
    db,
    generateRatings({ seed: 4, fromDay: '2026-11-01', days: 34, perDay: 20, counters: ['Q1', 'Q2'], officers: OFFICERS.map((o) => o.id), comments: true }),
  );
});
afterAll(() => {
  db.close();
  dir.cleanup();
});

async function exportXlsx(from: string, to: string, now = '2026-12-05T09:00:00+07:00', source = db): Promise<string> {
  const file = path.join(dir.dir, `r-${from}-${to}-${source === db ? 'a' : 'b'}.xlsx`);
  const at = Date.parse(now);
  const r = await createExportService({ db: source, config, now: () => at }).writeTo('xlsx', from, to, fs.createWriteStream(file));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return file;
}

async function read(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** The rows after which a sheet's pages end, from its XML (exceljs does not read them back). */
const breaksOf = (xml: string) => [...xml.matchAll(/<brk id="(\d+)"[^>]*\/>/g)].map((m) => Number(m[1]));
/** Column A's text by row, from a sheet's XML (exceljs writes text cells as t="str"). */
function columnA(xml: string): Map<number, string> {
  const decode = (v: string) =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return new Map([...xml.matchAll(/<c r="A(\d+)"[^>]*t="str"[^>]*><v>([^<]*)<\/v>/g)].map((m) => [Number(m[1]), decode(m[2]!)]));
}
const text = (ws: ExcelJS.Worksheet, r: number) => {
  const v = ws.getRow(r).getCell(1).value;
  return typeof v === 'string' ? v : '';
};

describe('a month of ratings', () => {
  let file: string;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    file = await exportXlsx('2026-11-01', '2026-11-30');
    wb = await read(file);
  });

  it('writes every font as Times New Roman, the workbook default included', () => {
    const styles = xlsxPart(file, 'xl/styles.xml');
    const fonts = [...styles.matchAll(/<font>.*?<\/font>/g)].map((m) => m[0]);
    expect(fonts.length).toBeGreaterThan(1);
    for (const f of fonts) expect(f).toContain('<name val="Times New Roman"/>');
    expect(fonts[0]).toContain('<sz val="12"/>');
    for (const ws of wb.worksheets) {
      ws.eachRow((row) => row.eachCell((cell) => expect(cell.font?.name, `${ws.name}!${cell.address}`).toBe('Times New Roman')));
    }
  });

  it('sets up the summary as the Decree asks: A4 portrait, its margins, numbered from page 2', () => {
    const ws = wb.getWorksheet('Báo cáo')!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    const m = ws.pageSetup.margins!;
    expect(m.top).toBeCloseTo(inches(20), 3);
    expect(m.bottom).toBeCloseTo(inches(20), 3);
    expect(m.left).toBeCloseTo(inches(30), 3);
    expect(m.right).toBeCloseTo(inches(15), 3);
    expect(m.header).toBeLessThan(m.top);
    expect(ws.headerFooter.differentFirst).toBe(true);
    expect(ws.headerFooter.oddHeader).toMatch(/^&C.*&P$/);
    expect(ws.headerFooter.firstHeader ?? '').toBe('');
    expect(ws.pageSetup.printArea).toMatch(/^A1:G\d+$/);
  });

  it('carries the Decree heading: unit and number line, national motto, place and date, title', () => {
    const ws = wb.getWorksheet('Báo cáo')!;
    // Unit's block (A:B) left, nation and motto (C:G) right; number and date on one row.
    expect(Object.fromEntries(['A1', 'C1', 'C2', 'A4', 'C4', 'A6', 'A7'].map((a) => [a, ws.getCell(a).value]))).toEqual({
      A1: 'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG DIÊN HỒNG',
      C1: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      C2: 'Độc lập - Tự do - Hạnh phúc',
      A4: 'Số:          /BC-TTPVHCC',
      C4: 'Gia Lai, ngày 05 tháng 12 năm 2026',
      A6: 'BÁO CÁO KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC',
      A7: 'Từ ngày 01/11/2026 đến ngày 30/11/2026',
    });
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:B2', 'C1:G1', 'C2:G2', 'A4:B4', 'C4:G4', 'A6:G6']));
    // The rule under the unit's name.
    expect(ws.getCell('B3').border?.top).toMatchObject({ style: 'thin' });
    const motto = ws.getCell('C2');
    expect(motto.value).toBe('Độc lập - Tự do - Hạnh phúc');
    expect(motto.font).toMatchObject({ bold: true, underline: true, size: 13 });
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 12 });
    expect(ws.getCell('C4').font).toMatchObject({ italic: true });
  });

  it('gives every summary row a height, a wrapped one more than a line', () => {
    const ws = wb.getWorksheet('Báo cáo')!;
    for (let r = 1; r <= ws.rowCount; r++) expect(ws.getRow(r).height, `row ${r}`).toBeGreaterThan(0);
    const title = ws.getRow(6);
    expect(text(ws, 6)).toMatch(/^BÁO CÁO/);
    // The title does not fit one line of the page at 14 pt: its row holds two.
    expect(title.height).toBeGreaterThan(2 * 14);
  });

  it('prints the detail landscape, one page wide, the header row repeated and frozen', () => {
    const ws = wb.getWorksheet('Chi tiết')!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    expect(ws.pageSetup.margins!.left).toBeCloseTo(inches(30), 3);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // The columns a person reads (STT lượt … Nghi chạm nhiều lần), every rating's row.
    expect(ws.pageSetup.printArea).toBe(`A1:M${ws.rowCount}`);
    expect(ws.getRow(1).getCell(13).value).toBe('Nghi chạm nhiều lần');
  });

  it('makes the detail header row tall enough for its labels wrapped in their columns', () => {
    const ws = wb.getWorksheet('Chi tiết')!;
    const head = ws.getRow(1);
    expect(head.getCell(1).alignment).toMatchObject({ wrapText: true });
    // "Nghi chạm nhiều lần" in a column sized for "Không" takes at least three lines of 11 pt.
    expect(ws.getColumn(13).width!).toBeLessThan(9);
    expect(head.height).toBeGreaterThanOrEqual(3 * 11 * 1.1);
    // Every printed column is at least as wide as its label's longest word needs.
    for (let c = 1; c <= 13; c++) expect(ws.getColumn(c).width, `column ${c}`).toBeGreaterThanOrEqual(4);
  });

  it('sizes the detail columns to their data and wraps comments in rows as tall as they need', () => {
    const ws = wb.getWorksheet('Chi tiết')!;
    const width = (c: number) => ws.getColumn(c).width!;
    // A date (dd/mm/yyyy) needs more room than a time (HH:MM:SS), a level's digit far less.
    expect(width(2)).toBeGreaterThan(width(3));
    expect(width(4)).toBeLessThan(width(3));
    // Officer names from the configuration ("Cán bộ Số 12") fit on one line.
    expect(width(9)).toBeGreaterThanOrEqual(11);
    let tall = 0;
    ws.eachRow((row, r) => {
      if (r === 1) return;
      const comment = row.getCell(7).value;
      if (typeof comment === 'string' && comment.includes('\n')) {
        expect(row.height, `row ${r}`).toBeGreaterThanOrEqual(2 * 11);
        expect(row.getCell(7).alignment).toMatchObject({ wrapText: true });
        tall++;
      }
    });
    expect(tall).toBeGreaterThan(0);
  });

  it('lists days only up to the day the report is made', async () => {
    const future = await read(await exportXlsx('2026-12-01', '2026-12-31', '2026-12-04T15:00:00+07:00'));
    const ws = future.getWorksheet('Báo cáo')!;
    const days: string[] = [];
    ws.eachRow((row) => {
      const v = row.getCell(2).value;
      if (typeof v === 'string' && /^\d\d\/\d\d\/\d{4}$/.test(v)) days.push(v);
    });
    expect(days).toEqual(['01/12/2026', '02/12/2026', '03/12/2026', '04/12/2026']);
  });

  it('writes sheet XML in the order Excel requires, with whole-sheet page breaks and absolute print ranges', () => {
    for (const part of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']) {
      const xml = xlsxPart(file, part);
      const body = xml.slice(xml.indexOf('<worksheet'));
      const top = [...body.matchAll(/<(\w+)[\s>/]/g)].map((m) => m[1]!);
      // Top-level elements only: those CT_Worksheet names.
      const elements = top.filter((t) => WORKSHEET_ORDER.includes(t));
      const positions = elements.map((e) => WORKSHEET_ORDER.indexOf(e));
      expect(positions, part).toEqual([...positions].sort((a, b) => a - b));
      for (const m of xml.matchAll(/<brk [^>]*\/>/g)) expect(m[0]).toMatch(/^<brk id="\d+" max="16383" man="1"\/>$/);
      for (const m of xml.matchAll(/<row [^>]*ht="([\d.]+)"/g)) expect(Number(m[1])).toBeLessThanOrEqual(409);
    }
    const workbook = xlsxPart(file, 'xl/workbook.xml');
    const names = [...workbook.matchAll(/<definedName [^>]*>([^<]*)<\/definedName>/g)].map((m) => m[1]!.replace(/&apos;/g, "'"));
    expect(names).toEqual([expect.stringMatching(/^'Báo cáo'!\$A\$1:\$G\$\d+$/), expect.stringMatching(/^'Chi tiết'!\$A\$1:\$M\$\d+$/), "'Chi tiết'!$1:$1"]);
  });
});

describe('summary page breaks', () => {
  it('start a group that does not fit on a new page, and otherwise fill pages', () => {
    const heights = [0, ...Array.from({ length: 10 }, () => 10)];
    expect(pageBreaks(heights, 10, [], 35)).toEqual([3, 6, 9]);
    // Rows 3..5 must share a page: the break moves up to before row 3.
    expect(pageBreaks(heights, 10, [[3, 5]], 35)).toEqual([2, 5, 8]);
    // A group at the top of a page stays there even if it alone is too tall.
    expect(pageBreaks(heights, 10, [[1, 5]], 35)).toEqual([3, 6, 9]);
    // Overlapping groups move as one: rows 3..6 go to the next page together.
    expect(
      pageBreaks(
        heights,
        10,
        [
          [3, 5],
          [5, 6],
        ],
        55,
      ),
    ).toEqual([2, 7]);
  });

  /** Ranges of 1 to 34 days move everything after the days table down one row at a time. */
  it("never leave a heading last on a page, a table's last row alone, nor the signatures without the last rows and the note", async () => {
    // Few ratings a day: the summary's length depends on the days and officers, not the count.
    const sparse = openDatabase(path.join(dir.dir, 'sparse.db'));
    insertRatings(sparse, generateRatings({ seed: 5, fromDay: '2026-11-01', days: 34, perDay: 4, officers: OFFICERS.map((o) => o.id) }));
    let headingsMoved = 0;
    let closingMoved = 0;
    let daysSplit = 0;
    for (let days = 1; days <= 34; days++) {
      const to = new Date(Date.parse('2026-11-01T00:00:00Z') + (days - 1) * 86_400_000).toISOString().slice(0, 10);
      const file = await exportXlsx('2026-11-01', to, undefined, sparse);
      const xml = xlsxPart(file, 'xl/worksheets/sheet1.xml');
      const breaks = breaksOf(xml);
      const texts = columnA(xml);
      const at = (r: number) => texts.get(r) ?? '';
      const lastRow = Math.max(...[...xml.matchAll(/<row r="(\d+)"/g)].map((m) => Number(m[1])));
      const noteRow = [...texts].find(([, t]) => t.startsWith('Ghi chú:'))![0];
      const dayRows = [...xml.matchAll(/<c r="B(\d+)"[^>]*t="str"[^>]*><v>\d\d\/\d\d\/\d{4}<\/v>/g)].map((m) => Number(m[1]));
      expect(at(noteRow + 2)).toBe('NGƯỜI LẬP BIỂU');
      for (const b of breaks) {
        expect(at(b), `${days} days, row ${b}`).not.toMatch(SECTION_HEADING);
        if (SECTION_HEADING.test(at(b + 1)) || SECTION_HEADING.test(at(b + 2))) headingsMoved++;
        // No page ends within the reasons table's last two rows, the note and the signatures.
        expect(b < noteRow - 3 || b >= lastRow, `${days} days, break after row ${b}`).toBe(true);
        if (b === noteRow - 4) closingMoved++;
        // The days table's last row never goes alone to the next page.
        const after = dayRows.filter((r) => r > b).length;
        if (after > 0 && after < dayRows.length) {
          expect(after, `${days} days, break after row ${b}`).toBeGreaterThan(1);
          daysSplit++;
        }
      }
    }
    sparse.close();
    expect(headingsMoved).toBeGreaterThan(0);
    expect(closingMoved).toBeGreaterThan(0);
    expect(daysSplit).toBeGreaterThan(0);
  }, 120_000);
});
