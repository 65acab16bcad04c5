// The admin CLI's report commands run as real processes (`tsx electron/admin-cli/cli.ts …`)
// against a temp data dir, the way IT or a scheduled job runs them.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePinHash, verifyPin } from '../../../electron/services/admin/pin-hash';
import { DATABASE_FILE_NAME, openDatabase } from '../../../electron/services/db/database';
import type { Tally } from '../../../shared/tally';
import { insertRatings, type FixtureRating } from '../../support/rating-fixtures';
import { runAdmin } from '../../support/admin-cli';
import { tempDir } from '../../support/temp-db';
import { writeTestConfig } from '../../support/test-config';

const admin = (args: string[], stdin?: string, env: NodeJS.ProcessEnv = {}) => runAdmin(args, { stdin, env });

const RATINGS: FixtureRating[] = [
  { at: '2026-11-30T23:59:59+07:00', level: 2, reasons: ['late'] },
  { at: '2026-12-01T00:00:00+07:00', level: 5, counterId: 'Q2' },
  { at: '2026-12-01T10:00:00+07:00', level: 4, officerId: 'CB01' },
  { at: '2026-12-01T10:01:00+07:00', level: 4, flagged: true },
  { at: '2026-12-01T23:59:59+07:00', level: 2, reasons: ['fees', 'staff_attitude'], comment: 'Chờ "rất" lâu, quầy đông' },
];

let dir: { dir: string; cleanup: () => void };
let dataDir: string;
let outDir: string;

beforeAll(() => {
  dir = tempDir('admin-cli-');
  dataDir = path.join(dir.dir, 'data');
  outDir = path.join(dir.dir, 'out');
  fs.mkdirSync(outDir, { recursive: true });
  const db = openDatabase(path.join(dataDir, DATABASE_FILE_NAME));
  insertRatings(db, RATINGS);
  db.close();
  writeTestConfig(dataDir, {
    unit: { name: 'UBND phường Hội Phú', place: 'Gia Lai' },
    kiosk: { counterId: 'Q1' },
    counters: [
      { id: 'Q1', name: 'Quầy 1' },
      { id: 'Q2', name: 'Quầy Đất đai' },
    ],
  });
});
afterAll(() => dir.cleanup());

describe('admin tally', () => {
  it('prints the tally as JSON with --json', async () => {
    const r = await admin(['tally', '--data-dir', dataDir, '--from', '2026-12-01', '--to', '2026-12-01', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout) as Tally;
    expect(t).toMatchObject({ from: '2026-12-01', to: '2026-12-01', total: 3, flagged: 1, satisfiedRate: 66.67, timezone: 'Asia/Ho_Chi_Minh' });
    expect(t.byCounter.map((c) => [c.counterName, c.total])).toEqual([
      ['Quầy 1', 2],
      ['Quầy Đất đai', 1],
    ]);
    // Equal counts: the reference order of the reasons (shared/tally.ts orderReasons).
    expect(t.byReason).toEqual([
      { reason: 'staff_attitude', count: 1 },
      { reason: 'fees', count: 1 },
    ]);
  });

  it('prints a Vietnamese table by default', async () => {
    const r = await admin(['tally', '--data-dir', dataDir, '--from', '2026-11-30', '--to', '2026-12-01']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('BÁO CÁO KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG CỦA NGƯỜI DÂN, TỔ CHỨC');
    expect(r.stdout).toContain('Từ ngày 30/11/2026 đến ngày 01/12/2026');
    expect(r.stdout).toMatch(/Tỷ lệ hài lòng \(Rất hài lòng \+ Hài lòng\)\s+50,00/);
    expect(r.stdout).toMatch(/Lượt bị loại \(nghi chạm nhiều lần\)\s+1\n/);
  });
});

describe('admin export', () => {
  it('writes xlsx, csv and pdf files', async () => {
    const range = ['--data-dir', dataDir, '--from', '2026-12-01', '--to', '2026-12-01'];
    const files = { xlsx: path.join(outDir, 'r.xlsx'), csv: path.join(outDir, 'r.csv'), pdf: path.join(outDir, 'r.pdf') };
    const runs = await Promise.all(
      (['xlsx', 'csv', 'pdf'] as const).map((f) =>
        admin(['export', ...range, '--format', f, '--out', files[f], '--config', path.join(dataDir, 'config.json')]),
      ),
    );
    for (const r of runs) expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(runs[0]!.stdout.trim()).toBe(files.xlsx);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(files.xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Báo cáo', 'Chi tiết']);
    expect(wb.worksheets[1]!.rowCount).toBe(1 + 4);
    const csv = fs.readFileSync(files.csv, 'utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('"Chờ ""rất"" lâu, quầy đông"');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1 + 4);
    expect(fs.readFileSync(files.pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(fs.readdirSync(outDir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });
});

describe('bad arguments exit 2 with a clear message', () => {
  const cases: Array<[string, string[], RegExp]> = [
    ['--data-dir without a value', ['tally', '--from', '2026-12-01', '--to', '2026-12-01', '--data-dir'], /--data-dir <value>' argument missing/],
    ['a flag given twice', ['tally', '--data-dir', 'DATA', '--data-dir', 'MISSING'], /--data-dir given twice/],
    ['not a real date', ['tally', '--data-dir', 'DATA', '--from', '2026-02-30', '--to', '2026-03-01'], /--from must be a real date/],
    ['reversed range', ['tally', '--data-dir', 'DATA', '--from', '2026-12-02', '--to', '2026-12-01'], /is after --to/],
    ['only one end', ['tally', '--data-dir', 'DATA', '--from', '2026-12-01'], /both --from and --to/],
    ['unknown flag', ['tally', '--data-dir', 'DATA', '--form', '2026-12-01'], /unknown flag --form/],
    ['missing database', ['tally', '--data-dir', 'MISSING', '--json'], /no kiosk database/],
    ['bad format', ['export', '--data-dir', 'DATA', '--format', 'docx', '--out', 'OUT/x.docx'], /--format must be xlsx, csv or pdf/],
    ['no --out folder', ['export', '--data-dir', 'DATA', '--format', 'csv', '--out', 'MISSING/x.csv'], /folder for --out does not exist/],
    ['missing config file', ['tally', '--data-dir', 'DATA', '--config', 'MISSING/config.json'], /config file not found/],
    ['short PIN', ['hash-pin', '--pin', '12'], /4 to 12 digits/],
    ['unknown command', ['talley'], /unknown command "talley"\nUsage: npm run admin/],
  ];
  // One process per case, all started together: each is a cold tsx start-up.
  it('for every case', async () => {
    const runs = await Promise.all(
      cases.map(([, args]) => admin(args.map((a) => a.replace('DATA', dataDir).replace('OUT', outDir).replace('MISSING', path.join(dir.dir, 'missing'))))),
    );
    runs.forEach((r, i) => {
      const [name, , message] = cases[i]!;
      expect({ name, code: r.code, stdout: r.stdout }).toEqual({ name, code: 2, stdout: '' });
      expect(r.stderr, name).toMatch(message);
    });
  });
});

describe('admin hash-pin', () => {
  it('hashes a PIN from stdin or --pin into a verifiable admin.pinHash', async () => {
    const [fromStdin, fromFlag] = await Promise.all([admin(['hash-pin'], '135790\n'), admin(['hash-pin', '--pin', '2468'])]);
    expect(fromStdin.code).toBe(0);
    expect(fromFlag.code).toBe(0);
    const a = parsePinHash(fromStdin.stdout.trim());
    const b = parsePinHash(fromFlag.stdout.trim());
    expect(a && (await verifyPin('135790', a))).toBe(true);
    expect(b && (await verifyPin('2468', b))).toBe(true);
    expect(fromStdin.stdout).not.toContain('135790');
  });
});
