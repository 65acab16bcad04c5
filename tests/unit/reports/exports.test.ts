// The three export formats read back the way their users read them: the .xlsx through
// exceljs, the CSV through an RFC 4180 parser, the PDF through poppler's pdftotext.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tally } from '../../../shared/tally';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { createRatingStore } from '../../../electron/services/db/rating-store';
import { createExportService } from '../../../electron/services/reports/export-service';
import type { ReportFormat } from '../../../electron/services/reports/report-format';
import { generateRatings, insertRatings, type FixtureRating } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig } from '../../support/test-config';
import { readDelimited } from '../../support/csv';

const config = parsedTestConfig({
  unit: { name: 'Trung tâm Phục vụ hành chính công phường Diên Hồng', place: 'Gia Lai' },
  kiosk: { counterId: 'Q1' },
  counters: [
    { id: 'Q1', name: 'Quầy 1' },
    { id: 'Q2', name: 'Quầy Tư pháp – Hộ tịch' },
  ],
  // CB03 (in the generated data) is not configured: it is printed as its id.
  officers: [
    { id: 'CB02', name: 'Trần Văn Minh' },
    { id: 'CB01', name: 'Nguyễn Thị Lan' },
    { id: 'CB09', name: 'Lê Thị Hoa' },
  ],
  admin: { officerMinRatings: 20 },
});
const NOW = Date.parse('2026-12-01T10:00:00+07:00');
const FROM = '2026-11-01';
const TO = '2026-11-30';
const TRICKY: FixtureRating[] = [
  {
    at: '2026-11-15T10:00:00+07:00',
    level: 2,
    reasons: ['fees', 'other'],
    comment: 'Thu phí "ngoài" quy định, không có biên lai;\r\ndòng 2',
    dossierCode: '000.00.12.H21-261115-0001',
    dossierCapture: 'qr',
    officerId: 'CB09',
  },
  { at: '2026-11-15T10:05:00+07:00', level: 2, reasons: ['other'], comment: '=HYPERLINK("http://x")' },
  // Below the officer minimum (20): names printed, rates not.
  { at: '2026-11-16T08:30:00+07:00', level: 5, officerId: 'CB09', dossierCode: '000.00.12.H21-261116-0002', dossierCapture: 'barcode' },
  { at: '2026-11-16T08:40:00+07:00', level: 4, officerId: 'CB77', dossierCode: '000.00.12.H21-261116-0003', dossierCapture: 'typed' },
];
/** Detail columns as documented in docs/exports.md, in order. */
const DETAIL_HEADERS = [
  'STT lượt',
  'Ngày',
  'Giờ',
  'Mức độ (số)',
  'Mức độ',
  'Lý do chưa hài lòng',
  'Ý kiến khác',
  'Quầy',
  'Cán bộ tiếp nhận',
  'Mã cán bộ',
  'Mã hồ sơ',
  'Cách ghi nhận mã',
  'Nghi chạm nhiều lần',
  'Thang đánh giá',
  'Ngôn ngữ',
  'Máy đánh giá',
  'Thời điểm (ISO 8601)',
  'Mã lượt đánh giá',
];
const col = (header: string) => DETAIL_HEADERS.indexOf(header);
/** The officer, dossier and capture cells of each TRICKY row with a dossier code. */
const DOSSIER_ROWS = [
  ['Lê Thị Hoa', 'CB09', '000.00.12.H21-261115-0001', 'QR'],
  ['Lê Thị Hoa', 'CB09', '000.00.12.H21-261116-0002', 'Mã vạch'],
  ['CB77', 'CB77', '000.00.12.H21-261116-0003', 'Nhập tay'],
];
const dossierCells = (row: readonly unknown[]) => ['Cán bộ tiếp nhận', 'Mã cán bộ', 'Mã hồ sơ', 'Cách ghi nhận mã'].map((h) => row[col(h)]);

let dir: { dir: string; cleanup: () => void };
let db: Db;
let tally: Tally;

beforeAll(() => {
  dir = tempDir('exports-');
  db = openDatabase(path.join(dir.dir, 'ratings.db'));
  insertRatings(db, generateRatings({ seed: 3, fromDay: '2026-10-25', days: 40, perDay: 30, counters: ['Q1', 'Q2'], comments: true }));
  insertRatings(db, TRICKY);
  const t = createExportService({ db, config, now: () => NOW }).tally(FROM, TO);
  if (!t.ok) throw new Error('tally failed');
  tally = t.value;
});
afterAll(() => {
  db.close();
  dir.cleanup();
});

async function exportTo(format: ReportFormat, from = FROM, to = TO): Promise<string> {
  const file = path.join(dir.dir, `out-${from}-${to}.${format}`);
  const r = await createExportService({ db, config, now: () => NOW }).writeTo(format, from, to, fs.createWriteStream(file));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return file;
}

const countInRange = () => db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM ratings WHERE local_day BETWEEN ? AND ?').get(FROM, TO)!.n;

describe('xlsx report', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await exportTo('xlsx'));
  });
  const cellText = (ws: ExcelJS.Worksheet) => {
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => typeof c.value === 'string' && texts.push(c.value)));
    return texts;
  };
  const findRow = (ws: ExcelJS.Worksheet, label: string, col = 2): ExcelJS.Row => {
    for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(col).value === label) return ws.getRow(r);
    throw new Error(`no row "${label}"`);
  };
  const num = (c: ExcelJS.Cell): number => {
    const v = c.value as number | { result: number };
    return typeof v === 'number' ? v : v.result;
  };

  it('puts the summary to sign first, then one detail row per rating (flagged included)', () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Báo cáo', 'Chi tiết']);
    expect(wb.worksheets[1]!.rowCount).toBe(countInRange() + 1);
  });

  it('carries the official header, title, period, note and signature block', () => {
    const texts = cellText(wb.worksheets[0]!);
    for (const expected of [
      'TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG PHƯỜNG DIÊN HỒNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Gia Lai, ngày 01 tháng 12 năm 2026',
      'BÁO CÁO KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC',
      'Từ ngày 01/11/2026 đến ngày 30/11/2026',
      'NGƯỜI LẬP BIỂU',
      'TRƯỞNG BỘ PHẬN',
      '(Ký, ghi rõ họ tên)',
    ])
      expect(texts).toContain(expected);
    expect(texts.some((t) => t.includes('không phải Chỉ số hài lòng') && t.includes('SIPAS'))).toBe(true);
  });

  it('has numbers and formula results that match the tally', () => {
    const ws = wb.worksheets[0]!;
    const labels: Record<number, string> = { 5: 'Rất hài lòng', 4: 'Hài lòng', 2: 'Không hài lòng' };
    for (const l of tally.levels) {
      const row = findRow(ws, labels[l.level]!);
      expect(num(row.getCell(3))).toBe(l.count);
      expect(num(row.getCell(4)) * 100).toBeCloseTo(l.percent!, 2);
      expect((row.getCell(4).value as { formula: string }).formula).toMatch(/^IF\(/);
    }
    const total = findRow(ws, 'Tổng số lượt đánh giá');
    expect(num(total.getCell(3))).toBe(tally.total);
    expect((total.getCell(3).value as { formula: string }).formula).toMatch(/^SUM\(C\d+:C\d+\)$/);
    expect(num(findRow(ws, 'Tỷ lệ hài lòng (Rất hài lòng + Hài lòng)').getCell(4)) * 100).toBeCloseTo(tally.satisfiedRate!, 2);
    expect(num(findRow(ws, 'Lượt bị loại (nghi chạm nhiều lần)').getCell(4))).toBe(tally.flagged);
    for (const c of tally.byCounter) {
      const row = findRow(ws, c.counterName);
      expect(num(row.getCell(3))).toBe(c.total);
      expect(num(row.getCell(3 + tally.levels.length + 1)) * 100).toBeCloseTo(c.satisfiedRate!, 2);
    }
    expect(tally.byOfficer.length).toBeGreaterThan(0);
    for (const o of tally.byOfficer) expect(num(findRow(ws, o.officerName).getCell(3))).toBe(o.total);
    expect(num(findRow(ws, '15/11/2026').getCell(3))).toBe(tally.byDay.find((d) => d.day === '2026-11-15')!.total);
  });

  it('names officers from the configuration, falls back to the id, and keeps rates hidden below the minimum', () => {
    const ws = wb.worksheets[0]!;
    const rateCol = 3 + tally.levels.length + 1;
    expect(num(findRow(ws, 'Nguyễn Thị Lan').getCell(rateCol)) * 100).toBeCloseTo(tally.byOfficer.find((o) => o.officerId === 'CB01')!.satisfiedRate!, 2);
    expect(num(findRow(ws, 'CB03').getCell(3))).toBe(tally.byOfficer.find((o) => o.officerId === 'CB03')!.total);
    expect(findRow(ws, 'Lê Thị Hoa').getCell(rateCol).value).toBe('Chưa đủ số lượng');
    expect(findRow(ws, 'CB77').getCell(rateCol).value).toBe('Chưa đủ số lượng');
    expect(() => findRow(ws, 'CB01')).toThrow();
  });

  it('gives each detail row the officer name and id, the dossier code and how it was captured', () => {
    const ws = wb.worksheets[1]!;
    const values = (r: number) => (ws.getRow(r).values as unknown[]).slice(1);
    expect(values(1)).toEqual(DETAIL_HEADERS);
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => values(i + 2));
    expect(rows.filter((r) => Boolean(r[col('Mã hồ sơ')])).map(dossierCells)).toEqual(DOSSIER_ROWS);
    const generated = rows.find((r) => r[col('Mã cán bộ')] === 'CB02')!;
    expect(generated[col('Cán bộ tiếp nhận')]).toBe('Trần Văn Minh');
    expect(generated[col('Cách ghi nhận mã')]).toBe('—');
  });

  it('prints on A4 portrait, fitted to the page width', () => {
    const ps = wb.worksheets[0]!.pageSetup;
    expect(ps).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ps.printArea).toBeTruthy();
  });
});

describe('csv export', () => {
  let raw: Buffer;
  let rows: string[][];
  beforeAll(async () => {
    raw = fs.readFileSync(await exportTo('csv'));
    rows = readDelimited(raw.toString('utf8').slice(1), ',');
  });

  it('starts with a UTF-8 BOM and ends every record with CRLF', () => {
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.subarray(-2).toString()).toBe('\r\n');
  });

  it('round-trips one row per rating with Vietnamese labels and documented columns', () => {
    expect(rows[0]).toEqual(DETAIL_HEADERS);
    expect(rows.length - 1).toBe(countInRange());
    expect(rows.every((r) => r.length === DETAIL_HEADERS.length)).toBe(true);
    const tricky = rows.find((r) => r[col('Mã hồ sơ')] === '000.00.12.H21-261115-0001')!;
    // A rating's reasons follow the period's order (section VI): here "other" outnumbers "fees".
    const count = (reason: string) => tally.byReason.find((x) => x.reason === reason)?.count ?? 0;
    expect(count('other')).toBeGreaterThan(count('fees'));
    expect(tricky.slice(1, 8)).toEqual([
      '15/11/2026',
      '10:00:00',
      '2',
      'Không hài lòng',
      'Lý do khác; Phí, lệ phí không đúng quy định',
      'Thu phí "ngoài" quy định, không có biên lai;\r\ndòng 2',
      'Quầy 1',
    ]);
    expect(tricky[col('Thời điểm (ISO 8601)')]).toBe('2026-11-15T10:00:00+07:00');
    expect(rows.filter((r) => r[col('Nghi chạm nhiều lần')] === 'Có').length).toBe(tally.flagged);
  });

  it('gives each row the officer name and id, the dossier code and how it was captured', () => {
    expect(
      rows
        .slice(1)
        .filter((r) => r[col('Mã hồ sơ')] !== '')
        .map(dossierCells),
    ).toEqual(DOSSIER_ROWS);
    const byId = (id: string) => rows.find((r) => r[col('Mã cán bộ')] === id)!;
    expect(byId('CB01')[col('Cán bộ tiếp nhận')]).toBe('Nguyễn Thị Lan');
    expect(byId('CB03')[col('Cán bộ tiếp nhận')]).toBe('CB03');
    expect(byId('CB01')[col('Cách ghi nhận mã')]).toBe('—');
    const noOfficer = rows.find((r) => r[col('Mã cán bộ')] === '' && r !== rows[0])!;
    expect(noOfficer[col('Cán bộ tiếp nhận')]).toBe('');
  });

  it('keeps a comment that looks like a formula as text', () => {
    expect(rows.some((r) => r[col('Ý kiến khác')] === `'=HYPERLINK("http://x")`)).toBe(true);
  });
});

describe('pdf report', () => {
  it('embeds Vietnamese text that pdftotext reads back intact', async () => {
    const file = await exportTo('pdf');
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('BÁO CÁO KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC');
    expect(flat).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(flat).toContain('Từ ngày 01/11/2026 đến ngày 30/11/2026');
    expect(flat).toContain('Quầy Tư pháp – Hộ tịch');
    expect(flat).toContain(`${tally.satisfiedRate!.toFixed(2).replace('.', ',')} %`);
    expect(flat).toContain('(Ký, ghi rõ họ tên)');
    // Officers by name; an id no longer configured by itself; no rate below the minimum.
    for (const name of ['Nguyễn Thị Lan', 'Trần Văn Minh', 'Lê Thị Hoa', 'CB03', 'CB77', 'Chưa đủ số lượng']) expect(flat).toContain(name);
    expect(flat).not.toMatch(/\bCB0[129]\b/);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/Tinos-Regular/);
    expect(flat).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(fonts).not.toMatch(/\bno\s+no\b/); // every font embedded
  });
});

describe('export robustness', () => {
  it('refuses a reversed range without writing anything', async () => {
    const file = path.join(dir.dir, 'bad.xlsx');
    const r = await createExportService({ db, config, now: () => NOW }).writeTo('xlsx', TO, FROM, fs.createWriteStream(file));
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(fs.existsSync(file) ? fs.statSync(file).size : 0).toBe(0);
  });

  it('lets a citizen rating be stored while a large export is streaming', async () => {
    // Enough rows that the writer yields to the event loop mid-iteration.
    const d = tempDir('exports-busy-');
    const busy = openDatabase(path.join(d.dir, 'ratings.db'));
    try {
      insertRatings(busy, generateRatings({ seed: 5, fromDay: '2026-11-01', days: 5, perDay: 1500 }));
      const file = path.join(d.dir, 'busy.xlsx');
      const running = createExportService({ db: busy, config, now: () => NOW }).writeTo('xlsx', '2026-11-01', '2026-11-05', fs.createWriteStream(file));
      await new Promise((r) => setImmediate(r));
      const stored = createRatingStore(busy).insert({
        id: '019a0000-0000-7000-8000-000000000001',
        createdAtMs: NOW,
        utcOffsetMin: 420,
        localDay: '2026-12-01',
        localHour: 10,
        scale: 3,
        level: 5,
        language: 'vi',
        unitCode: 'U1',
        kioskId: 'k1',
        counterId: 'Q1',
        officerId: null,
        dossierCode: null,
        dossierCapture: 'none',
        appVersion: 't',
        misuseFlag: false,
        clockOffsetMs: null,
        settleAfterMs: NOW,
      });
      expect(stored.seq).toBe(7501);
      expect((await running).ok).toBe(true);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      expect(wb.worksheets[1]!.rowCount).toBe(7500 + 1);
    } finally {
      busy.close();
      d.cleanup();
    }
  });
});
