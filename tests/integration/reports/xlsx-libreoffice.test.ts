// The Excel report printed by a real spreadsheet program: headless LibreOffice converts each
// export to PDF (as a clerk without Excel would print it), and the pages are read back with
// poppler. LibreOffice must open every sheet (a workbook it cannot read fails to convert),
// take the page breaks the writer placed and add none of its own, repeat the detail's
// header row on every page, print one page wide, and keep the header row clear of the
// first rating. Without LibreOffice these tests fail, naming the Debian packages to install.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskConfig } from '../../../shared/config-schema';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { createExportService } from '../../../electron/services/reports/export-service';
import { generateRatings, insertRatings } from '../../support/rating-fixtures';
import { convertToPdf, libreOfficeProfile, linesOf, pageTexts, pageWords, pdfInfo, requireLibreOffice, xlsxPart } from '../../support/print-check';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig } from '../../support/test-config';

const OFFICERS = ['Nguyễn Thị Lan', 'Trần Văn Minh', 'Lê Thị Hoa', 'Phạm Quốc Hùng', 'Võ Thị Thảo', 'Đặng Văn Sơn', 'Bùi Thị Ngọc', 'Hoàng Văn Phúc'].map(
  (name, i) => ({ id: `CB${String(i + 1).padStart(2, '0')}`, name }),
);
const configFor = (scale: '3' | '5'): KioskConfig =>
  parsedTestConfig({
    unit: { name: 'Trung tâm Phục vụ hành chính công phường Diên Hồng', abbreviation: 'TTPVHCC' },
    counters: [
      { id: 'Q1', name: 'Quầy 1' },
      { id: 'Q2', name: 'Quầy Tư pháp – Hộ tịch' },
    ],
    officers: OFFICERS,
    scale,
  });
const SECTION_HEADING = /^(I|II|III|IV|V|VI)\. \p{Lu}/u;
/** A detail row as printed: its number, then its date and time. */
const DETAIL_ROW = /^(\d+) +\d\d\/\d\d\/\d{4} +\d\d:\d\d:\d\d\b/;

let dir: { dir: string; cleanup: () => void };
let db: Db;
let profile: { url: string; cleanup: () => void };

beforeAll(() => {
  requireLibreOffice();
  dir = tempDir('xlsx-lo-');
  profile = libreOfficeProfile();
  db = openDatabase(path.join(dir.dir, 'ratings.db'));
  insertRatings(
    db,
    generateRatings({ seed: 8, fromDay: '2026-11-01', days: 30, perDay: 12, counters: ['Q1', 'Q2'], officers: OFFICERS.map((o) => o.id), comments: true }),
  );
  insertRatings(db, generateRatings({ seed: 9, fromDay: '2026-12-01', days: 1, perDay: 6, levels: [5, 4, 3, 2, 1] }));
  // Dossier codes scanned at the counter: the widest fixed-format column the detail prints.
  insertRatings(
    db,
    (['qr', 'barcode', 'typed'] as const).map((capture, i) => ({
      at: `2026-11-02T0${7 + i}:15:00+07:00`,
      level: 5 as const,
      officerId: OFFICERS[i]!.id,
      counterId: 'Q2',
      dossierCode: `000.00.12.H21-261102-000${i + 1}`,
      dossierCapture: capture,
    })),
  );
});
afterAll(() => {
  db?.close();
  dir?.cleanup();
  profile?.cleanup();
});

interface Printed {
  xlsx: string;
  pages: string[][];
  /** Pages of the summary sheet, as the writer placed its page breaks. */
  summaryPages: number;
  ratings: number;
}

async function printed(name: string, from: string, to: string, scale: '3' | '5' = '3'): Promise<Printed> {
  const xlsx = path.join(dir.dir, `${name}.xlsx`);
  const now = Date.parse('2026-12-02T08:00:00+07:00');
  const r = await createExportService({ db, config: configFor(scale), now: () => now }).writeTo('xlsx', from, to, fs.createWriteStream(xlsx));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const pdf = convertToPdf(xlsx, dir.dir, profile.url);
  const breaks = [...xlsxPart(xlsx, 'xl/worksheets/sheet1.xml').matchAll(/<brk /g)].length;
  const ratings = db.prepare<[string, string], { n: number }>('SELECT COUNT(*) AS n FROM ratings WHERE local_day BETWEEN ? AND ?').get(from, to)!.n;
  const pages = pageTexts(pdf).map(linesOf);
  expect(pdfInfo(pdf).pages).toBe(pages.length);
  return { xlsx, pages, summaryPages: breaks + 1, ratings };
}

/** A detail page: it opens (after its page number) with the repeated header row, whose labels wrap over several lines. */
const isDetailPage = (lines: string[]) => {
  const head = lines.slice(0, 10).join(' ');
  return ['STT', 'Ngày', 'Lý do chưa hài lòng', 'Ý kiến khác', 'Mã hồ sơ'].every((label) => head.includes(label));
};

/**
 * The README's pictures of the reports (docs/screenshots), from the same month: the PDF's
 * first page, and the Excel report's first summary and detail pages as LibreOffice prints
 * them. Only when asked (KIOSK_DOCS_SCREENSHOTS=1): an ordinary run must not rewrite tracked files.
 */
async function docsPictures(month: Printed): Promise<void> {
  if (!process.env.KIOSK_DOCS_SCREENSHOTS) return;
  const shots = path.resolve(import.meta.dirname, '../../../docs/screenshots');
  const now = Date.parse('2026-12-02T08:00:00+07:00');
  const pdf = path.join(dir.dir, 'month-report.pdf');
  const r = await createExportService({ db, config: configFor('3'), now: () => now }).writeTo('pdf', '2026-11-01', '2026-11-30', fs.createWriteStream(pdf));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const picture = (file: string, page: number, name: string) =>
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', file, path.join(shots, name)]);
  picture(pdf, 1, 'pdf-report');
  picture(path.join(dir.dir, 'month.pdf'), 1, 'excel-report');
  picture(path.join(dir.dir, 'month.pdf'), month.summaryPages + 1, 'excel-detail');
}

describe('a month printed through LibreOffice', () => {
  let month: Printed;
  beforeAll(async () => {
    month = await printed('month', '2026-11-01', '2026-11-30');
    await docsPictures(month);
  }, 180_000);

  it('prints the summary on exactly the pages the writer laid out, then the detail', () => {
    const detailPages = month.pages.filter(isDetailPage).length;
    expect(month.summaryPages).toBeGreaterThanOrEqual(2);
    expect(detailPages).toBeGreaterThanOrEqual(2);
    expect(month.pages.length).toBe(month.summaryPages + detailPages);
    month.pages.slice(0, month.summaryPages).forEach((lines) => expect(isDetailPage(lines)).toBe(false));
  });

  it('numbers the summary from its second page, at the top, and leaves the first unnumbered', () => {
    const [first, second] = month.pages;
    expect(first![0]).toMatch(/TRUNG TÂM PHỤC VỤ/);
    expect(first!.join(' ')).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(second![0]).toBe('2');
  });

  it('never ends a summary page with a heading, and prints the note and figures on the signatures’ page', () => {
    const summary = month.pages.slice(0, month.summaryPages);
    summary.forEach((lines, i) => expect(lines.at(-1), `page ${i + 1}`).not.toMatch(SECTION_HEADING));
    const last = summary.at(-1)!;
    const note = last.findIndex((l) => l.startsWith('Ghi chú:'));
    const signatures = last.findIndex((l) => l.includes('NGƯỜI LẬP BIỂU'));
    expect(note).toBeGreaterThanOrEqual(0);
    expect(signatures).toBeGreaterThan(note);
    // …with the last rows of the reasons table before them.
    expect(last.slice(0, note).filter((l) => /^\d+ +\p{L}[^\d]*\s\d+$/u.test(l)).length).toBeGreaterThanOrEqual(2);
  });

  it('prints every rating once, one page wide, under the repeated header row, without the columns for scripts', () => {
    const detail = month.pages.slice(month.summaryPages);
    const printedRows: number[] = [];
    for (const lines of detail) {
      expect(isDetailPage(lines)).toBe(true);
      const text = lines.join('\n');
      // The first and the last printed column on every page: nothing was pushed to a page of its own.
      expect(text).toMatch(/Nghi\s/);
      // The rating id and ISO instant stay outside the print area.
      expect(text).not.toContain('Mã lượt đánh giá');
      expect(text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
      for (const l of lines) {
        const m = DETAIL_ROW.exec(l);
        if (m) printedRows.push(Number(m[1]));
      }
    }
    expect(printedRows.length).toBe(month.ratings);
    expect(new Set(printedRows).size).toBe(month.ratings);
  });

  it('keeps the wrapped header labels clear of the first rating', () => {
    const pdf = path.join(dir.dir, 'month.pdf');
    const page = pageWords(pdf)[month.summaryPages]!;
    const firstDate = page.find((w) => /^\d\d\/\d\d\/\d{4}$/.test(w.text))!;
    const headerWords = page.filter((w) => w.yMax <= firstDate.yMin + 1 && w.yMin > 40);
    const labels = headerWords.map((w) => w.text).join(' ');
    for (const word of ['STT', 'lượt', 'Mức', '(số)', 'Nghi', 'lần', 'Cách', 'mã']) expect(labels).toContain(word);
    // The header row's lowest label ends above the first rating's line.
    const headerBottom = Math.max(...headerWords.map((w) => w.yMax));
    expect(headerBottom).toBeLessThan(firstDate.yMin);
    const rowWords = page.filter((w) => Math.abs(w.yMin - firstDate.yMin) < 2);
    for (const w of rowWords) expect(w.yMin).toBeGreaterThan(headerBottom);
  });
});

it('prints a five-level day and an empty range', async () => {
  const day = await printed('five-levels', '2026-12-01', '2026-12-01', '5');
  expect(day.pages.length).toBe(day.summaryPages + 1);
  expect(day.pages[0]!.join(' ')).toContain('Rất không hài lòng');
  const empty = await printed('empty', '2025-01-01', '2025-01-01');
  expect(empty.ratings).toBe(0);
  expect(empty.pages.length).toBe(empty.summaryPages + 1);
  expect(isDetailPage(empty.pages.at(-1)!)).toBe(true);
}, 180_000);
