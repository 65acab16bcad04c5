// `npm run admin -- tally` as a real process on a real database: the report's sections I–VI
// in the report's order, the dissatisfied rate, columns aligned by display width, reasons in
// the shared order, and --json unchanged.
import path from 'node:path';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openDatabase } from '../../../electron/services/db/database';
import { vi } from '../../../shared/i18n/vi';
import type { Tally } from '../../../shared/tally';
import { runAdmin } from '../../support/admin-cli';
import { insertRatings, type FixtureRating } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';
import { writeTestConfig } from '../../support/test-config';

const R = vi.report;
const DAY = ['--from', '2026-12-01', '--to', '2026-12-02'];
// Full-width brackets, as pasted from a document typed with an East Asian font: each is one
// UTF-16 code unit but two terminal cells, so padding by string length would misalign.
const WIDE_COUNTER = 'Quầy Đất đai（Tầng 2）';

const at = (day: string, hh: string) => `${day}T${hh}:00:00+07:00`;
const RATINGS: FixtureRating[] = [
  { at: at('2026-12-01', '08'), level: 5, counterId: 'Q1', officerId: 'CB01', scale: 5 },
  { at: at('2026-12-01', '08'), level: 4, counterId: 'Q1', officerId: 'CB01', scale: 5 },
  { at: at('2026-12-01', '09'), level: 3, counterId: 'Q2', reasons: ['other', 'paperwork'], scale: 5 },
  { at: at('2026-12-01', '09'), level: 2, counterId: 'Q2', reasons: ['fees', 'other', 'late'], scale: 5 },
  { at: at('2026-12-02', '14'), level: 1, counterId: 'Q3', reasons: ['fees', 'waiting_facilities'], scale: 5 },
  { at: at('2026-12-02', '14'), level: 2, counterId: 'Q3', reasons: ['staff_attitude'], scale: 5, flagged: true },
];

let dir: { dir: string; cleanup: () => void };
let dataDir: string;

beforeAll(() => {
  dir = tempDir('admin-tally-');
  dataDir = path.join(dir.dir, 'data');
  const db = openDatabase(path.join(dataDir, DATABASE_FILE_NAME));
  insertRatings(db, RATINGS);
  db.close();
  writeTestConfig(dataDir, {
    unit: { name: 'UBND phường Hội Phú', place: 'Gia Lai' },
    scale: '5',
    counters: [
      { id: 'Q1', name: 'Quầy 1' },
      { id: 'Q2', name: WIDE_COUNTER },
      { id: 'Q3', name: 'Quầy Hộ tịch - Chứng thực' },
    ],
    officers: [{ id: 'CB01', name: 'Nguyễn Thị Hồng Nhung' }],
    admin: { officerMinRatings: 2 },
  });
});
afterAll(() => dir.cleanup());

/** The lines of one section: from its heading to the blank line that ends it. */
function section(out: string, title: string): string[] {
  const lines = out.split('\n');
  const start = lines.indexOf(title);
  expect(start, `section "${title}" missing`).toBeGreaterThanOrEqual(0);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end);
}

/** Each cell of a printed line (cells are separated by two spaces or more) with its display columns. */
function cells(line: string): Array<{ text: string; start: number; end: number }> {
  const found: Array<{ text: string; start: number; end: number }> = [];
  for (const m of line.matchAll(/\S+(?: \S+)*/g)) {
    const start = stringWidth(line.slice(0, m.index));
    found.push({ text: m[0], start, end: start + stringWidth(m[0]) });
  }
  return found;
}

describe('admin tally (text)', () => {
  let out: string;
  beforeAll(async () => {
    const r = await runAdmin(['tally', '--data-dir', dataDir, ...DAY]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    out = r.stdout;
  });

  it('prints the report sections I–VI in the report order', () => {
    const titles = [R.sections.summary, R.sections.byCounter, R.sections.byOfficer, R.sections.byDay, R.sections.byHour, R.sections.byReason];
    const positions = titles.map((t) => out.split('\n').indexOf(t));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(titles.map((t) => t.split('.')[0])).toEqual(['I', 'II', 'III', 'IV', 'V', 'VI']);
    expect(out.startsWith(`${R.title}\nUBND phường Hội Phú\nTừ ngày 01/12/2026 đến ngày 02/12/2026\n`)).toBe(true);
    expect(out.trimEnd().endsWith(R.note)).toBe(true);
  });

  it('gives the satisfied and the dissatisfied rate in section I', () => {
    const lines = section(out, R.sections.summary);
    // 5 unflagged ratings: 5, 4, 3, 2, 1 → satisfied 2/5, dissatisfied (2 + 1)/5.
    expect(lines.find((l) => l.includes(R.rows.satisfiedRate))).toMatch(/\s40,00$/);
    expect(lines.find((l) => l.includes(R.rows.dissatisfiedRate))).toMatch(/\s40,00$/);
    expect(lines.find((l) => l.includes(R.rows.total))).toMatch(/\s5\s+100,00$/);
    expect(lines.find((l) => l.includes(R.rows.flagged))).toMatch(/\s1$/);
    expect(lines.filter((l) => /^\s*[1-5]\s/.test(l)).map((l) => l.trim().split(/\s{2,}/)[1])).toEqual([
      'Rất hài lòng',
      'Hài lòng',
      'Bình thường',
      'Không hài lòng',
      'Rất không hài lòng',
    ]);
  });

  it('aligns every column of the counter table by display width, wide characters included', () => {
    const lines = section(out, R.sections.byCounter);
    expect(lines).toHaveLength(4);
    const [header, ...rows] = lines.map(cells) as [ReturnType<typeof cells>, ...Array<ReturnType<typeof cells>>];
    expect(header.map((c) => c.text)).toEqual([
      R.columns.no,
      R.columns.counter,
      R.columns.total,
      'Rất hài lòng',
      'Hài lòng',
      'Bình thường',
      'Không hài lòng',
      'Rất không hài lòng',
      R.columns.satisfiedRate,
    ]);
    expect(rows.map((r) => r[1]!.text)).toEqual(['Quầy 1', WIDE_COUNTER, 'Quầy Hộ tịch - Chứng thực']);
    // Two cells more than code units: a table padded by length would push its row 2 cells right.
    expect(stringWidth(WIDE_COUNTER)).toBe(WIDE_COUNTER.length + 2);
    expect(rows.map((r) => r.map((c) => c.text).slice(2))).toEqual([
      ['2', '1', '1', '0', '0', '0', '100,00'],
      ['2', '0', '0', '1', '1', '0', '0,00'],
      ['1', '0', '0', '0', '0', '1', '0,00'],
    ]);
    for (const row of rows) {
      expect(row).toHaveLength(header.length);
      // The name column starts where its header starts; every other column is right-aligned
      // and ends where its header ends, counted in display cells.
      expect(row[1]!.start).toBe(header[1]!.start);
      for (const i of [0, 2, 3, 4, 5, 6, 7, 8]) expect(row[i]!.end, `column ${i}`).toBe(header[i]!.end);
    }
  });

  it('prints officers with the note and the minimum count', () => {
    const lines = section(out, R.sections.byOfficer);
    expect(lines[1]).toMatch(/^\s*1\s+Nguyễn Thị Hồng Nhung\s+2\s+1\s+1\s+0\s+0\s+0\s+100,00$/);
    expect(lines[2]).toBe('Tỷ lệ theo cán bộ chỉ tính khi có từ 2 lượt đánh giá trở lên.');
  });

  it('prints days, hours and reasons as the report does', () => {
    expect(
      section(out, R.sections.byDay)
        .slice(1)
        .map((l) => l.trim().split(/\s{2,}/)),
    ).toEqual([
      ['1', '01/12/2026', '4', '50,00'],
      ['2', '02/12/2026', '1', '0,00'],
    ]);
    expect(
      section(out, R.sections.byHour)
        .slice(1)
        .map((l) => l.trim().split(/\s{2,}/)),
    ).toEqual([
      ['1', '08:00 - 08:59', '2', '2', '100,00'],
      ['2', '09:00 - 09:59', '2', '0', '0,00'],
      ['3', '14:00 - 14:59', '1', '0', '0,00'],
    ]);
    // fees 2, other 2, then 1 each: count first, then the reference order, "Lý do khác" last
    // among equals; the flagged rating's staff_attitude is not counted. Each with the SIPAS
    // factor it feeds ("—": none).
    expect(
      section(out, R.sections.byReason)
        .slice(1)
        .map((l) => l.trim().split(/\s{2,}/)),
    ).toEqual([
      ['1', 'Phí, lệ phí không đúng quy định', 'B', '2'],
      ['2', 'Lý do khác', '—', '2'],
      ['3', 'Trả kết quả trễ hẹn', 'D', '1'],
      ['4', 'Thủ tục, giấy tờ phức tạp hoặc ngoài quy định', 'B', '1'],
      ['5', 'Chờ lâu, nơi chờ, biển chỉ dẫn', 'A', '1'],
    ]);
  });

  it('says so in every table when a range has no ratings', async () => {
    const r = await runAdmin(['tally', '--data-dir', dataDir, '--from', '2026-11-01', '--to', '2026-11-01']);
    expect(r.code).toBe(0);
    for (const title of [R.sections.byCounter, R.sections.byOfficer, R.sections.byHour, R.sections.byReason]) {
      expect(section(r.stdout, title)[1]).toMatch(new RegExp(`^\\s+${R.rows.none}`));
    }
    expect(section(r.stdout, R.sections.summary).find((l) => l.includes(R.rows.dissatisfiedRate))).toMatch(/\s—$/);
  });
});

describe('admin tally --json', () => {
  it('is the Tally, with byReason in the shared order', async () => {
    const r = await runAdmin(['tally', '--data-dir', dataDir, ...DAY, '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout) as Tally;
    expect(t).toMatchObject({ from: '2026-12-01', to: '2026-12-02', total: 5, flagged: 1, satisfiedRate: 40, dissatisfiedRate: 40 });
    expect(t.byReason).toEqual([
      { reason: 'fees', count: 2 },
      { reason: 'other', count: 2 },
      { reason: 'late', count: 1 },
      { reason: 'paperwork', count: 1 },
      { reason: 'waiting_facilities', count: 1 },
    ]);
    expect(t.byCounter.map((c) => c.counterName)).toEqual(['Quầy 1', WIDE_COUNTER, 'Quầy Hộ tịch - Chứng thực']);
  });
});
