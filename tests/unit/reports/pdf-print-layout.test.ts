// The PDF report as Decree 30/2020/NĐ-CP (Appendix I) wants a signed document printed, read
// back from the file with poppler: A4 portrait inside the Decree's margins, Tinos embedded
// (Times New Roman's metrics, every Vietnamese letter), the motto block and number line,
// page numbers centred in the top margin from page 2 on, no heading left at the foot of a
// page, the signatures never alone on a page, and no rows for days that have not come yet.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskConfig } from '../../../shared/config-schema';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { createExportService } from '../../../electron/services/reports/export-service';
import { generateRatings, insertRatings } from '../../support/rating-fixtures';
import { linesOf, pageTexts, pageWords, pdfFonts, pdfInfo } from '../../support/print-check';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig } from '../../support/test-config';

const MM = 72 / 25.4;
const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const TEXT_CENTRE = (MARGIN.left + A4.width - MARGIN.right) / 2;
const OFFICERS = Array.from({ length: 12 }, (_, i) => ({ id: `CB${String(i + 1).padStart(2, '0')}`, name: `Cán bộ Số ${i + 1}` }));
const SECTION_HEADING = /^(I|II|III|IV|V|VI)\. \p{Lu}/u;

const config = (abbreviation?: string): KioskConfig =>
  parsedTestConfig({
    unit: { name: 'Trung tâm Phục vụ hành chính công phường Diên Hồng', place: 'Gia Lai', abbreviation },
    counters: [
      { id: 'Q1', name: 'Quầy 1' },
      { id: 'Q2', name: 'Quầy Tư pháp – Hộ tịch' },
    ],
    officers: OFFICERS,
    admin: { officerMinRatings: 10 },
  });

let dir: { dir: string; cleanup: () => void };
let db: Db;

beforeAll(() => {
  dir = tempDir('pdf-print-');
  db = openDatabase(path.join(dir.dir, 'ratings.db'));
  insertRatings(db, generateRatings({ seed: 11, fromDay: '2026-11-01', days: 34, perDay: 25, counters: ['Q1', 'Q2'], officers: OFFICERS.map((o) => o.id) }));
});
afterAll(() => {
  db.close();
  dir.cleanup();
});

async function exportPdf(from: string, to: string, options: { now?: string; abbreviation?: string } = {}): Promise<string> {
  const file = path.join(dir.dir, `r-${from}-${to}-${options.abbreviation ?? 'none'}.pdf`);
  const now = Date.parse(options.now ?? '2026-12-05T09:00:00+07:00');
  const r = await createExportService({ db, config: config(options.abbreviation), now: () => now }).writeTo('pdf', from, to, fs.createWriteStream(file));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return file;
}

describe('the printed page', () => {
  let file: string;
  let words: ReturnType<typeof pageWords>;
  beforeAll(async () => {
    file = await exportPdf('2026-11-01', '2026-11-30', { abbreviation: 'TTPVHCC' });
    words = pageWords(file);
  });

  it('is A4 portrait, several pages long', () => {
    const info = pdfInfo(file);
    expect(info.width).toBeCloseTo(A4.width, 1);
    expect(info.height).toBeCloseTo(A4.height, 1);
    expect(info.pages).toBeGreaterThanOrEqual(3);
  });

  it('keeps the text inside the margins: 30 mm left, 15 mm right, 20 mm top and bottom (page numbers above)', () => {
    const body = words.flatMap((page) => page.filter((w) => w.yMin >= MARGIN.top - 1));
    expect(Math.min(...body.map((w) => w.xMin))).toBeCloseTo(MARGIN.left, 0);
    expect(Math.max(...body.map((w) => w.xMax))).toBeLessThanOrEqual(A4.width - MARGIN.right);
    expect(Math.max(...body.map((w) => w.xMax))).toBeGreaterThan(A4.width - MARGIN.right - 6);
    for (const page of words) {
      const inBody = page.filter((w) => w.yMin >= MARGIN.top - 1);
      expect(Math.min(...inBody.map((w) => w.yMin))).toBeLessThan(MARGIN.top + 8);
      expect(Math.max(...page.map((w) => w.yMax))).toBeLessThanOrEqual(A4.height - MARGIN.bottom + 1);
    }
  });

  it('embeds Tinos (Times New Roman metrics) and no other font', () => {
    const fonts = pdfFonts(file);
    expect(fonts.map((f) => f.name).sort()).toEqual(['Tinos-Bold', 'Tinos-Bold', 'Tinos-Italic', 'Tinos-Italic', 'Tinos-Regular', 'Tinos-Regular']);
    expect(fonts.every((f) => f.embedded)).toBe(true);
  });

  it('opens with the unit and its number line beside the national motto, then the place, date and title', () => {
    const first = pageTexts(file)[0]!.replace(/[ \t]+/g, ' ');
    for (const text of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Gia Lai, ngày 05 tháng 12 năm 2026',
      'Từ ngày 01/11/2026 đến ngày 30/11/2026',
    ])
      expect(first).toContain(text);
    expect(first).toMatch(/TRUNG TÂM PHỤC VỤ/);
    expect(first).toMatch(/Số: \/BC-TTPVHCC/);
    expect(first.replace(/\s+/g, ' ')).toContain('BÁO CÁO KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC');
    // The unit's block is left of the motto's, the number line below the unit's name.
    const p1 = words[0]!;
    const at = (text: string) => p1.find((w) => w.text === text)!;
    expect(at('TRUNG').xMax).toBeLessThan(at('CỘNG').xMin);
    expect(at('Số:').yMin).toBeGreaterThan(at('TRUNG').yMax);
    expect(at('Số:').yMin).toBeGreaterThan(at('Hạnh').yMax);
  });

  it('numbers pages from the second on, centred in the top margin; none on the first', () => {
    words.forEach((page, i) => {
      const top = page.filter((w) => w.yMax < MARGIN.top);
      if (i === 0) {
        expect(top).toEqual([]);
        return;
      }
      expect(top.map((w) => w.text)).toEqual([String(i + 1)]);
      expect((top[0]!.xMin + top[0]!.xMax) / 2).toBeCloseTo(TEXT_CENTRE, 0);
    });
  });
});

it('leaves the clerk a blank for the abbreviation when the configuration has none', async () => {
  const first = pageTexts(await exportPdf('2026-11-01', '2026-11-07'))[0]!;
  expect(first.replace(/[ \t]+/g, ' ')).toMatch(/Số: \/BC-……/);
});

it('lists the days of a period only up to the day the report is made', async () => {
  const file = await exportPdf('2026-12-01', '2026-12-31', { now: '2026-12-04T15:00:00+07:00' });
  const lines = pageTexts(file).flatMap(linesOf);
  expect(lines.join('\n')).toContain('Từ ngày 01/12/2026 đến ngày 31/12/2026');
  // The days table's rows: number, day, count, rate.
  const days = lines.flatMap((l) => /^\d+ +(\d\d\/\d\d\/\d{4}) +\d/.exec(l)?.[1] ?? []);
  expect(days).toEqual(['01/12/2026', '02/12/2026', '03/12/2026', '04/12/2026']);
});

describe('page breaks', () => {
  /**
   * Ranges of 1 to 34 days move everything after the days table down one row at a time,
   * so the headings and the closing block fall at every height of a page.
   */
  const lengths = Array.from({ length: 34 }, (_, i) => i + 1);
  let reports: Array<{ days: number; pages: string[][] }>;
  beforeAll(async () => {
    reports = [];
    for (const days of lengths) {
      const to = new Date(Date.parse('2026-11-01T00:00:00Z') + (days - 1) * 86_400_000).toISOString().slice(0, 10);
      reports.push({ days, pages: pageTexts(await exportPdf('2026-11-01', to)).map(linesOf) });
    }
  }, 120_000);

  /** A page's lines without the page number at its top. */
  const bodyOf = (lines: string[], i: number) => (i > 0 && lines[0] === String(i + 1) ? lines.slice(1) : lines);

  it('never ends a page with a section heading', () => {
    let headingsOpeningAPage = 0;
    for (const { days, pages } of reports) {
      pages.forEach((lines, i) => {
        const body = bodyOf(lines, i);
        expect(body.at(-1), `${days} days, page ${i + 1}`).not.toMatch(SECTION_HEADING);
        if (i > 0 && SECTION_HEADING.test(body[0] ?? '')) headingsOpeningAPage++;
      });
    }
    // The sweep did push headings over to the next page, so the rule was exercised.
    expect(headingsOpeningAPage).toBeGreaterThan(0);
  });

  it("never carries a table's last row alone over to a new page", () => {
    const dayRow = /^\d+ +\d\d\/\d\d\/\d{4} +\d/;
    let split = 0;
    for (const { days, pages } of reports) {
      const perPage = pages.map((lines) => lines.filter((l) => dayRow.test(l)).length).filter((n) => n > 0);
      if (perPage.length < 2) continue;
      split++;
      expect(perPage.at(-1), `${days} days: ${perPage.join(' + ')} rows`).toBeGreaterThan(1);
    }
    // Some lengths did split the days table across pages.
    expect(split).toBeGreaterThan(0);
  });

  it("never leaves the signatures alone on a page: the last table's last rows and the note go with them", () => {
    const reasonRow = /^\d+ +\p{L}[^\d]*\s\d+$/u;
    let reasonsSplit = 0;
    for (const { days, pages } of reports) {
      const i = pages.findIndex((lines) => lines.some((l) => l.includes('NGƯỜI LẬP BIỂU')));
      expect(i, `${days} days`).toBe(pages.length - 1);
      const body = bodyOf(pages[i]!, i);
      const signatures = body.findIndex((l) => l.includes('NGƯỜI LẬP BIỂU'));
      const note = body.findIndex((l) => l.startsWith('Ghi chú:'));
      expect(note, `${days} days`).toBeGreaterThanOrEqual(0);
      expect(note).toBeLessThan(signatures);
      expect(body.slice(signatures).join(' ')).toMatch(/TRƯỞNG BỘ PHẬN.*\(Ký, ghi rõ họ tên\).*\(Ký, ghi rõ họ tên\)/);
      const rowsBefore = body.slice(0, note).filter((l) => reasonRow.test(l)).length;
      expect(rowsBefore, `${days} days: reasons rows on the signatures' page`).toBeGreaterThanOrEqual(2);
      if (!body.some((l) => l.startsWith('VI. '))) reasonsSplit++;
    }
    // Some lengths put the reasons table across a page break: its last rows went over with the closing.
    expect(reasonsSplit).toBeGreaterThan(0);
  });
});
