// The city dashboard's province-wide report (server/dashboard/province-report.ts), read back
// the way its readers see it: the .xlsx through exceljs and printed by headless LibreOffice
// (pages read with poppler), the CSV byte by byte. Without LibreOffice the print test fails
// naming the Debian packages, as the kiosk's own print tests do.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageBreaks, type ProvinceReport, type ProvinceUnitRow, provinceCsv, provinceXlsx } from '../../../server/dashboard/province-report';
import { percent } from '../../../shared/tally';
import { fuzzParams } from '../../support/fuzz';
import { convertToPdf, libreOfficeProfile, linesOf, pageTexts, pageWords, pdfInfo, requireLibreOffice, xlsxPart } from '../../support/print-check';
import { tempDir } from '../../support/temp-db';

type Levels = ProvinceUnitRow['levels'];

/** A unit's row as the caller builds it: the total from the levels, the rate with the kiosk's rounding. */
function unit(unitCode: string, unitName: string, levels: Levels, flagged = 0): ProvinceUnitRow {
  const total = levels[1] + levels[2] + levels[3] + levels[4] + levels[5];
  return { unitCode, unitName, levels, total, flagged, satisfiedRate: percent(levels[4] + levels[5], total) };
}

const NONE: Levels = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
/** Made at 01:30 on 2 December in Vietnam, still 1 December in UTC. */
const GENERATED_AT = new Date('2026-12-01T18:30:00Z');
const report = (units: ProvinceUnitRow[]): ProvinceReport => ({
  from: '2026-11-01',
  to: '2026-11-30',
  generatedAt: GENERATED_AT,
  utcOffsetMinutes: 420,
  units,
});

/**
 * Names whose Vietnamese order differs from code-point order (Đ after every ASCII letter
 * there, before E here) and from English collation (Â a variant of A there, a letter after
 * A here), and numbered wards (2 before 10).
 */
const VI_ORDER = ['Phường 2', 'Phường 10', 'Phường An Khê', 'Phường Ayun Pa', 'Phường Ân Nhơn', 'Xã Ân Hảo', 'Xã Đak Đoa', 'Xã Ea H’Leo', 'Xã Ia Grai'];
const LONG_NAME = 'Trung tâm Phục vụ hành chính công phường Diên Hồng';

const SAMPLE = [
  unit('GL-IAGRAI', 'Xã Ia Grai', { 1: 1, 2: 4, 3: 5, 4: 30, 5: 60 }, 2),
  unit('GL-ANNHON', 'Phường Ân Nhơn', { 1: 0, 2: 10, 3: 0, 4: 0, 5: 0 }),
  unit('GL-DAKDOA', 'Xã Đak Đoa', NONE),
  unit('GL-AYUNPA', 'Phường Ayun Pa', { 1: 0, 2: 1, 3: 0, 4: 1, 5: 1 }, 1),
  unit('GL-EAHLEO', 'Xã Ea H’Leo', { 1: 0, 2: 0, 3: 0, 4: 0, 5: 7 }),
  unit('GL-ANKHE', 'Phường An Khê', { 1: 2, 2: 0, 3: 1, 4: 3, 5: 9 }),
  unit('GL-ANHAO', 'Xã Ân Hảo', { 1: 0, 2: 0, 3: 2, 4: 2, 5: 0 }),
  unit('GL-P10', 'Phường 10', { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 }),
  unit('GL-P2', 'Phường 2', { 1: 0, 2: 0, 3: 1, 4: 0, 5: 0 }),
];

/** The level labels of the 5-level scale (shared/reference/rating-scale.md), most satisfied first. */
const LEVEL_LABELS = ['Rất hài lòng', 'Hài lòng', 'Bình thường', 'Không hài lòng', 'Rất không hài lòng'];
const HEADER = ['STT', 'Đơn vị', 'Mã đơn vị', ...LEVEL_LABELS, 'Tổng số lượt', 'Tỷ lệ hài lòng (%)', 'Lượt bị loại'];

async function sheetOf(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Toàn tỉnh']);
  return wb.worksheets[0]!;
}

const text = (ws: ExcelJS.Worksheet, r: number, c: number): string => {
  const v = ws.getCell(r, c).value;
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v);
};

/**
 * A count as stored: the value, or a formula's cached result. exceljs's reader leaves out a
 * cached result of 0 (the file holds `<v>0</v>`), hence the 0 for a formula without one.
 */
function count(ws: ExcelJS.Worksheet, r: number, c: number): number {
  const v = ws.getCell(r, c).value;
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'formula' in v) return (v.result as number | undefined) ?? 0;
  throw new Error(`row ${r} column ${c} holds no count: ${JSON.stringify(v)}`);
}

/** A rate cell's cached ratio, or null where it shows nothing (no ratings). */
function ratio(ws: ExcelJS.Worksheet, r: number, c: number): number | null {
  const v = ws.getCell(r, c).value;
  if (!v || typeof v !== 'object' || !('formula' in v)) throw new Error(`row ${r} column ${c} holds no rate formula: ${JSON.stringify(v)}`);
  return typeof v.result === 'number' ? v.result : null;
}

/** Where the table is: its first header row, its unit rows and its totals row. */
function tableOf(ws: ExcelJS.Worksheet, units: number): { header: number; first: number; totals: number } {
  let header = 0;
  for (let r = 1; r <= ws.rowCount && !header; r++) if (text(ws, r, 1) === 'STT') header = r;
  expect(header).toBeGreaterThan(0);
  const first = header + 2;
  return { header, first, totals: first + Math.max(units, 1) };
}

describe('provinceXlsx', () => {
  it('writes the official heading, a row per unit in Vietnamese order (those without ratings too) and the totals from the summed counts', async () => {
    const units = [...SAMPLE, unit('GL-DIENHONG', LONG_NAME, { 1: 0, 2: 0, 3: 0, 4: 5, 5: 5 })];
    const ws = await sheetOf(await provinceXlsx(report(units)));
    const all: string[] = [];
    // Each text once: a merged range's other cells read as its first.
    ws.eachRow((row) => row.eachCell((cell) => cell.master === cell && all.push(typeof cell.value === 'string' ? cell.value : '')));
    for (const line of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'BÁO CÁO TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC',
      'Toàn tỉnh',
      'Từ ngày 01/11/2026 đến ngày 30/11/2026',
      'NGƯỜI LẬP BIỂU',
      'THỦ TRƯỞNG ĐƠN VỊ',
    ]) {
      expect(all).toContain(line);
    }
    // The issuing body and the place are dotted, for the clerk; the number is blank; the date is Vietnam's.
    expect(text(ws, 1, 1)).toMatch(/^…+$/);
    expect(all).toContain('Số:          /BC-……');
    expect(all.some((l) => /^…+, ngày 02 tháng 12 năm 2026$/.test(l))).toBe(true);
    expect(all.filter((l) => l === '(Ký, ghi rõ họ tên)')).toHaveLength(2);
    expect(all.some((l) => l.startsWith('Ghi chú:') && l.includes('SIPAS'))).toBe(true);

    const t = tableOf(ws, units.length);
    expect([1, 2, 3].map((c) => text(ws, t.header, c))).toEqual(['STT', 'Đơn vị', 'Mã đơn vị']);
    expect(text(ws, t.header, 4)).toBe('Số lượt đánh giá theo mức độ hài lòng');
    expect([4, 5, 6, 7, 8].map((c) => text(ws, t.header + 1, c))).toEqual(LEVEL_LABELS);
    expect([9, 10, 11].map((c) => text(ws, t.header, c))).toEqual(['Tổng số lượt', 'Tỷ lệ hài lòng (%)', 'Lượt bị loại']);

    const names = units.map((_, i) => text(ws, t.first + i, 2));
    const expected = [...VI_ORDER.slice(0, 5), LONG_NAME, ...VI_ORDER.slice(5)];
    expect(names).toEqual(expected);
    // The test tells the collations apart.
    expect([...expected].sort()).not.toEqual(expected);
    expect([...expected].sort(new Intl.Collator('en', { numeric: true }).compare)).not.toEqual(expected);
    expect(units.map((_, i) => count(ws, t.first + i, 1))).toEqual(units.map((_, i) => i + 1));

    const row = (name: string) => t.first + names.indexOf(name);
    const iaGrai = row('Xã Ia Grai');
    expect(text(ws, iaGrai, 3)).toBe('GL-IAGRAI');
    expect([4, 5, 6, 7, 8, 9, 11].map((c) => count(ws, iaGrai, c))).toEqual([60, 30, 5, 4, 1, 100, 2]);
    expect(ratio(ws, iaGrai, 10)).toBeCloseTo(0.9, 12);
    const dakDoa = row('Xã Đak Đoa');
    expect([4, 5, 6, 7, 8, 9, 11].map((c) => count(ws, dakDoa, c))).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(ratio(ws, dakDoa, 10)).toBeNull();

    expect(text(ws, t.totals, 2)).toBe('Tổng cộng');
    expect(ws.getCell(t.totals, 2).font.bold).toBe(true);
    expect(ws.getCell(t.totals, 9).font.bold).toBe(true);
    const sum = (f: (u: ProvinceUnitRow) => number) => units.reduce((a, u) => a + f(u), 0);
    const satisfied = sum((u) => u.levels[4] + u.levels[5]);
    const total = sum((u) => u.total);
    expect([4, 5, 6, 7, 8].map((c) => count(ws, t.totals, c))).toEqual([5, 4, 3, 2, 1].map((l) => sum((u) => u.levels[l as 1])));
    expect(count(ws, t.totals, 9)).toBe(total);
    expect(count(ws, t.totals, 11)).toBe(3);
    expect(ws.getCell(t.totals, 4).formula).toBe(`SUM(D${t.first}:D${t.totals - 1})`);
    expect(ws.getCell(t.totals, 10).formula).toBe(`IF(I${t.totals}=0,"",(D${t.totals}+E${t.totals})/I${t.totals})`);
    // From the summed counts, not the average of the units' rates.
    const rate = ratio(ws, t.totals, 10)!;
    expect(rate).toBeCloseTo(satisfied / total, 12);
    const rated = units.filter((u) => u.satisfiedRate !== null);
    const averageOfRates = rated.reduce((a, u) => a + u.satisfiedRate!, 0) / rated.length / 100;
    expect(Math.abs(rate - averageOfRates)).toBeGreaterThan(0.05);

    // Times New Roman, whole counts with thousands, rates in percent with two decimals, names wrapped.
    for (let r = t.header; r <= t.totals; r++) {
      for (let c = 1; c <= 11; c++) expect(ws.getCell(r, c).font.name, `row ${r} column ${c}`).toBe('Times New Roman');
    }
    for (const c of [4, 5, 6, 7, 8, 9, 11]) expect(ws.getCell(iaGrai, c).numFmt).toBe('#,##0');
    expect(ws.getCell(iaGrai, 10).numFmt).toBe('0.00%');
    expect(ws.getCell(t.totals, 10).numFmt).toBe('0.00%');
    expect(ws.getCell(iaGrai, 2).alignment.wrapText).toBe(true);
    // The long name wraps, and its row is taller than a one-line row.
    expect(ws.getRow(row(LONG_NAME)).height).toBeGreaterThan(ws.getRow(iaGrai).height * 1.5);
  });

  it('sets the sheet up to print: A4 landscape, one page wide, the header rows on every page, Times New Roman by default', async () => {
    const buffer = await provinceXlsx(report(SAMPLE));
    const ws = await sheetOf(buffer);
    const t = tableOf(ws, SAMPLE.length);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toBe(`${t.header}:${t.header + 1}`);
    expect(ws.pageSetup.printArea).toMatch(/^A1:K\d+$/);
    expect(ws.headerFooter).toMatchObject({ differentFirst: true });
    expect(ws.headerFooter.oddHeader).toContain('&P');
    const d = tempDir('province-xlsx-');
    try {
      const file = path.join(d.dir, 'r.xlsx');
      fs.writeFileSync(file, buffer);
      // The workbook's default font: what a clerk types in matches the report.
      expect(/<fonts[^>]*><font>.*?<\/font>/s.exec(xlsxPart(file, 'xl/styles.xml'))?.[0]).toContain('Times New Roman');
    } finally {
      d.cleanup();
    }
  });

  it('never leaves the totals, the note or the signatures on a page without the last units, however many units there are', async () => {
    const d = tempDir('province-breaks-');
    try {
      let broken = 0;
      // From a report that fills its first page to one of three pages: every place the last page can begin.
      for (let n = 10; n <= 45; n++) {
        const units = Array.from({ length: n }, (_, i) =>
          unit(`U${i}`, i % 4 === 0 ? `${LONG_NAME} ${i}` : `Xã Ia Grai ${i}`, { 1: 0, 2: 1, 3: 0, 4: 2, 5: i }),
        );
        const file = path.join(d.dir, `${n}.xlsx`);
        fs.writeFileSync(file, await provinceXlsx(report(units)));
        const xml = xlsxPart(file, 'xl/worksheets/sheet1.xml');
        const rowOf = (text: string) => Number(new RegExp(`<c r="[AB](\\d+)"[^>]*><v>${text}</v>`).exec(xml)?.[1]);
        const first = rowOf('STT') + 2;
        const totals = rowOf('Tổng cộng');
        expect(totals - first, `${n} units`).toBe(n);
        const breaks = [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
        broken += breaks.length;
        // A page may end after a unit row only, and before the last two units.
        for (const b of breaks) {
          expect(b, `${n} units`).toBeGreaterThanOrEqual(first);
          expect(b, `${n} units`).toBeLessThan(totals - 2);
        }
      }
      // The larger reports do run over several pages.
      expect(broken).toBeGreaterThan(20);
    } finally {
      d.cleanup();
    }
  }, 60_000);

  it('places page breaks so that a group kept together starts a page of its own rather than split, counting the repeated header rows', () => {
    const heights = [0, ...Array.from({ length: 12 }, () => 20)];
    // Rows 9..12 (the last units, the totals, the closing) go together; pages after the first repeat 20 pt of header rows.
    expect(pageBreaks(heights, 12, 20, 9, 100)).toEqual([5, 8]);
    expect(pageBreaks(heights, 12, 20, 13, 100)).toEqual([5, 9]);
    expect(pageBreaks(heights, 12, 0, 13, 100)).toEqual([5, 10]);
  });

  it('still writes its table, totals and signatures when no unit is given', async () => {
    const ws = await sheetOf(await provinceXlsx(report([])));
    const t = tableOf(ws, 0);
    expect(text(ws, t.first, 2)).toBe('Không có số liệu');
    expect(text(ws, t.totals, 2)).toBe('Tổng cộng');
    expect(count(ws, t.totals, 9)).toBe(0);
    expect(ratio(ws, t.totals, 10)).toBeNull();
  });

  it('refuses rows that do not add up, naming the unit, instead of printing them', async () => {
    const good = SAMPLE[0]!;
    const bad: Array<[ProvinceUnitRow, RegExp]> = [
      [{ ...good, total: good.total + 1 }, /"GL-IAGRAI".*total 101 is not the sum of its levels \(100\)/],
      [{ ...good, satisfiedRate: 50 }, /"GL-IAGRAI".*satisfiedRate 50 is not 90/],
      [{ ...good, levels: { ...good.levels, 3: 1.5 } }, /"GL-IAGRAI".*level 3/],
      [{ ...good, flagged: -1 }, /"GL-IAGRAI".*flagged/],
    ];
    for (const [row, message] of bad) {
      await expect(provinceXlsx(report([SAMPLE[1]!, row]))).rejects.toThrow(message);
      expect(() => provinceCsv(report([row]), ',')).toThrow(message);
    }
  });
});

/** Splits a CSV strictly: each record ends in CRLF, each text field is quoted, each bare field a number. */
function parseCsv(body: string, separator: ',' | ';'): Array<Array<string | number>> {
  expect(body.endsWith('\r\n')).toBe(true);
  const field = /"((?:[^"]|"")*)"|(-?\d+(?:\.\d+)?)/y;
  return body
    .slice(0, -2)
    .split('\r\n')
    .map((line) => {
      const cells: Array<string | number> = [];
      field.lastIndex = 0;
      for (;;) {
        const m = field.exec(line);
        if (!m) throw new Error(`not a CSV field at ${field.lastIndex} of ${JSON.stringify(line)}`);
        cells.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : Number(m[2]));
        if (field.lastIndex === line.length) return cells;
        expect(line[field.lastIndex]).toBe(separator);
        field.lastIndex++;
      }
    });
}

describe('provinceCsv', () => {
  const tricky = [
    unit('GL-SEMI', 'Xã Ia Hrú; Ia Ly "cũ"', { 1: 0, 2: 1, 3: 0, 4: 2, 5: 0 }),
    unit('GL-EQ', '=HYPERLINK("http://x.example","Bấm")', { 1: 0, 2: 0, 3: 0, 4: 0, 5: 3 }, 4),
    ...SAMPLE,
  ];

  it('writes UTF-8 with a BOM and CRLF, the sheet’s columns, a row per unit in Vietnamese order and the totals', () => {
    const csv = provinceCsv(report(tricky), ',');
    expect(csv.startsWith('\uFEFF"STT","Đơn vị","Mã đơn vị","Rất hài lòng",')).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const rows = parseCsv(csv.slice(1), ',');
    expect(rows[0]).toEqual(HEADER);
    expect(rows).toHaveLength(tricky.length + 2);
    const body = rows.slice(1, -1);
    expect(body.map((r) => r[0])).toEqual(tricky.map((_, i) => i + 1));
    expect(body.map((r) => r[1]).filter((n) => VI_ORDER.includes(n as string))).toEqual(VI_ORDER);
    const iaGrai = body.find((r) => r[2] === 'GL-IAGRAI')!;
    expect(iaGrai.slice(3)).toEqual([60, 30, 5, 4, 1, 100, 90, 2]);
    expect(body.find((r) => r[2] === 'GL-DAKDOA')!.slice(3)).toEqual([0, 0, 0, 0, 0, 0, '', 0]);
    expect(body.find((r) => r[2] === 'GL-ANKHE')!.slice(8, 10)).toEqual([15, 80]);
    const totals = rows.at(-1)!;
    const sum = (f: (u: ProvinceUnitRow) => number) => tricky.reduce((a, u) => a + f(u), 0);
    expect(totals.slice(0, 3)).toEqual(['', 'Tổng cộng', '']);
    expect(totals.slice(3, 9)).toEqual([...[5, 4, 3, 2, 1].map((l) => sum((u) => u.levels[l as 1])), sum((u) => u.total)]);
    expect(totals[9]).toBe(
      percent(
        sum((u) => u.levels[4] + u.levels[5]),
        sum((u) => u.total),
      ),
    );
    expect(totals[10]).toBe(7);
  });

  it('quotes a name holding the separator and defuses one that a spreadsheet would run as a formula, with either separator', () => {
    for (const separator of [',', ';'] as const) {
      const csv = provinceCsv(report(tricky), separator);
      expect(csv).toContain(`${separator}"Xã Ia Hrú; Ia Ly ""cũ"""${separator}"GL-SEMI"${separator}`);
      expect(csv).toContain(`${separator}"'=HYPERLINK(""http://x.example"",""Bấm"")"${separator}"GL-EQ"${separator}`);
      const rows = parseCsv(csv.slice(1), separator);
      expect(rows.every((r) => r.length === HEADER.length)).toBe(true);
      expect(rows.map((r) => r[1])).toContain('Xã Ia Hrú; Ia Ly "cũ"');
    }
  });

  it('writes rates with the decimal mark that goes with the separator: 82.66 with ",", "82,66" with ";"', () => {
    const third = unit('GL-Z', 'Xã Kông Chro', { 1: 0, 2: 2, 3: 0, 4: 0, 5: 1 });
    expect(third.satisfiedRate).toBe(33.33);
    expect(provinceCsv(report([third]), ',')).toContain(',0,2,0,3,33.33,0\r\n');
    expect(provinceCsv(report([third]), ';')).toContain(';0;2;0;3;"33,33";0\r\n');
  });
});

/** A unit with random counts, its name from Vietnamese words (some shared, so that ties happen). */
const countArb = () => fc.oneof(fc.constant(0), fc.nat(50), fc.nat(2_000_000));
const unitArb = (code: string) =>
  fc
    .record({
      name: fc.array(fc.constantFrom('Phường', 'Xã', 'An', 'Ân', 'Ayun', 'Đak', 'Ea', 'Ia', 'Grai', 'Chư', 'Sê', 'Hòa', 'Hoà', '2', '10'), {
        minLength: 1,
        maxLength: 4,
      }),
      levels: fc.tuple(countArb(), countArb(), countArb(), countArb(), countArb()),
      flagged: fc.nat(1_000),
    })
    .map(({ name, levels: [l1, l2, l3, l4, l5], flagged }) => unit(code, name.join(' '), { 1: l1, 2: l2, 3: l3, 4: l4, 5: l5 }, flagged));
const unitsArb = fc.integer({ min: 0, max: 40 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => unitArb(`U${i}`))));

describe('totals equal the column sums, for any units', () => {
  const vi = new Intl.Collator('vi', { numeric: true });

  it('in the CSV', () => {
    fc.assert(
      fc.property(unitsArb, (units) => {
        const rows = parseCsv(provinceCsv(report(units), ',').slice(1), ',');
        const body = rows.slice(1, -1);
        const totals = rows.at(-1)!;
        expect(body).toHaveLength(units.length);
        for (let c = 3; c <= 10; c++) {
          if (c === 9) continue;
          expect(totals[c]).toBe(body.reduce((a, r) => a + (r[c] as number), 0));
        }
        expect(totals[9]).toBe(percent((totals[3] as number) + (totals[4] as number), totals[8] as number) ?? '');
        for (let i = 1; i < body.length; i++) expect(vi.compare(body[i - 1]![1] as string, body[i]![1] as string)).toBeLessThanOrEqual(0);
      }),
      fuzzParams('province-csv', 200),
    );
  });

  it('in the workbook', async () => {
    await fc.assert(
      fc.asyncProperty(unitsArb, async (units) => {
        const ws = await sheetOf(await provinceXlsx(report(units)));
        const t = tableOf(ws, units.length);
        const rows = Array.from({ length: units.length }, (_, i) => t.first + i);
        for (const c of [4, 5, 6, 7, 8, 9, 11]) expect(count(ws, t.totals, c)).toBe(rows.reduce((a, r) => a + count(ws, r, c), 0));
        for (const r of rows) expect(count(ws, r, 9)).toBe([4, 5, 6, 7, 8].reduce((a, c) => a + count(ws, r, c), 0));
        const total = count(ws, t.totals, 9);
        const rate = ratio(ws, t.totals, 10);
        if (total === 0) expect(rate).toBeNull();
        else expect(Math.round(rate! * 10_000) / 100).toBe(percent(count(ws, t.totals, 4) + count(ws, t.totals, 5), total));
      }),
      fuzzParams('province-xlsx', 15),
    );
  }, 120_000);
});

describe('a province of 120 units printed through LibreOffice', () => {
  const KINDS = ['Phường', 'Xã'];
  const PLACES = ['An Khê', 'Ayun Pa', 'Ân Nhơn', 'Ân Hảo', 'Đak Đoa', 'Ea H’Leo', 'Ia Grai', 'Chư Sê', 'Chư Păh', 'Kông Chro', 'Đức Cơ', 'Mang Yang'];
  const units = Array.from({ length: 120 }, (_, i) => {
    // Every tenth unit has a one-stop centre's full name, which wraps in its column.
    const name = i % 10 === 3 ? `${LONG_NAME} ${i}` : `${KINDS[i % 2]} ${PLACES[i % PLACES.length]} ${i}`;
    return unit(`GL.${String(i).padStart(3, '0')}`, name, { 1: i % 3, 2: i % 4, 3: i % 2, 4: i % 5, 5: (i * 7) % 11 }, i % 3);
  });
  let d: { dir: string; cleanup: () => void };
  let profile: { url: string; cleanup: () => void };
  let pdf: string;
  let pages: string[][];
  let writerPages: number;

  beforeAll(async () => {
    requireLibreOffice();
    d = tempDir('province-print-');
    profile = libreOfficeProfile();
    const xlsx = path.join(d.dir, 'province.xlsx');
    fs.writeFileSync(xlsx, await provinceXlsx(report(units)));
    writerPages = [...xlsxPart(xlsx, 'xl/worksheets/sheet1.xml').matchAll(/<brk /g)].length + 1;
    pdf = convertToPdf(xlsx, d.dir, profile.url);
    pages = pageTexts(pdf).map(linesOf);
  }, 180_000);
  afterAll(() => {
    d?.cleanup();
    profile?.cleanup();
  });

  it('prints A4 landscape on exactly the pages the writer laid out, each under the repeated header rows', () => {
    const info = pdfInfo(pdf);
    expect(info.width).toBeCloseTo(841.89, 0);
    expect(info.height).toBeCloseTo(595.28, 0);
    expect(writerPages).toBeGreaterThanOrEqual(4);
    expect(pages).toHaveLength(writerPages);
    expect(info.pages).toBe(writerPages);
    pages.forEach((lines, i) => {
      const firstRow = lines.findIndex((l) => /GL\.\d{3}/.test(l));
      expect(firstRow, `page ${i + 1}`).toBeGreaterThan(0);
      // After the first page, only the page number and the header rows come before the units.
      if (i > 0) expect(lines[0]).toBe(String(i + 1));
      if (i > 0) expect(firstRow, `page ${i + 1}`).toBeLessThanOrEqual(8);
      const head = lines.slice(0, firstRow).join(' ');
      for (const label of ['STT', 'Đơn vị', 'Mã đơn vị', 'Số lượt đánh giá theo mức độ hài lòng', 'Tổng số lượt', 'Rất không', 'loại']) {
        expect(head, `page ${i + 1}`).toContain(label);
      }
    });
    expect(pages[0]!.join(' ')).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
  });

  it('prints every unit once with all its columns, and the totals with the note and the signatures on the last page', () => {
    const seen = new Map<string, number>();
    for (const lines of pages) {
      for (const line of lines) {
        const m = /(GL\.\d{3})\s+(.*)$/.exec(line);
        if (!m) continue;
        seen.set(m[1]!, (seen.get(m[1]!) ?? 0) + 1);
        const u = units.find((x) => x.unitCode === m[1])!;
        // The five levels, the total, the rate (if any) and, at the right edge, the excluded count.
        const rate = u.satisfiedRate === null ? '' : `${u.satisfiedRate.toFixed(2)}%`.replace('.', '[.,]');
        const cells = [5, 4, 3, 2, 1].map((l) => u.levels[l as 1]).concat(u.total);
        expect(m[2], m[1]).toMatch(new RegExp(`^${cells.join('\\s+')}\\s+${rate ? `${rate}\\s+` : ''}${u.flagged}$`));
      }
    }
    expect([...seen.keys()].sort()).toEqual(units.map((u) => u.unitCode).sort());
    expect([...seen.values()].every((n) => n === 1)).toBe(true);

    const last = pages.at(-1)!;
    const totals = last.findIndex((l) => l.startsWith('Tổng cộng'));
    const note = last.findIndex((l) => l.startsWith('Ghi chú:'));
    const signatures = last.findIndex((l) => l.includes('NGƯỜI LẬP BIỂU') && l.includes('THỦ TRƯỞNG ĐƠN VỊ'));
    expect(totals).toBeGreaterThan(0);
    expect(note).toBeGreaterThan(totals);
    expect(signatures).toBeGreaterThan(note);
    // The signatures' page carries figures: at least the last two units before the totals.
    expect(last.slice(0, totals).filter((l) => /GL\.\d{3}/.test(l)).length).toBeGreaterThanOrEqual(2);
    const sum = (f: (u: ProvinceUnitRow) => number) => units.reduce((a, u) => a + f(u), 0);
    const total = sum((u) => u.total);
    const rate = percent(
      sum((u) => u.levels[4] + u.levels[5]),
      total,
    )!;
    expect(last[totals]!.replace(/(\d)[.,](\d{3})\b/g, '$1$2')).toMatch(
      new RegExp(
        `^Tổng cộng\\s+${[5, 4, 3, 2, 1].map((l) => sum((u) => u.levels[l as 1])).join('\\s+')}\\s+${total}\\s+${rate.toFixed(2).replace('.', '[.,]')}%\\s+${sum((u) => u.flagged)}$`,
      ),
    );
  });

  it('keeps every word inside the page’s margins: nothing is cut off at the right edge', () => {
    const right = 841.89 - (15 / 25.4) * 72;
    const left = (30 / 25.4) * 72;
    pageWords(pdf).forEach((words, i) => {
      expect(words.length).toBeGreaterThan(0);
      for (const w of words) {
        expect(w.xMax, `page ${i + 1}: ${w.text}`).toBeLessThanOrEqual(right + 1);
        expect(w.xMin, `page ${i + 1}: ${w.text}`).toBeGreaterThanOrEqual(left - 1);
      }
    });
  });
});
