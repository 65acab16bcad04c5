// A unit's own reasons through the store, the wire and every report: tallied by key, named by
// the configured (Vietnamese) label with its SIPAS factor; a key the configuration has since
// dropped still counted, named by its old label if it was one of the eight defaults, else by
// its key. Real SQLite file, the real export service, the files read back as their users do.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTallyTable } from '../../../electron/admin-cli/commands/tally';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { createRatingStore } from '../../../electron/services/db/rating-store';
import { createRatingService } from '../../../electron/services/rating-service';
import { createExportService } from '../../../electron/services/reports/export-service';
import type { ReportFormat } from '../../../electron/services/reports/report-format';
import { kioskInputSchemas } from '../../../shared/kiosk-api';
import { batchRequestSchema, isValidBatchFast, wireRatingSchema } from '../../../shared/upload-protocol';
import type { Tally } from '../../../shared/tally';
import { insertRatings } from '../../support/rating-fixtures';
import { readDelimited } from '../../support/csv';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig } from '../../support/test-config';

const config = parsedTestConfig({
  reasons: [
    { key: 'long_queue', factor: 'A', labels: { vi: 'Phải xếp hàng quá lâu', en: 'Queued too long' } },
    { key: 'late', factor: 'D', labels: { vi: 'Trả kết quả chậm so với giấy hẹn' } },
    { key: 'other', factor: null, labels: { vi: 'Lý do khác' } },
  ],
});
const NOW = Date.parse('2026-12-01T10:00:00+07:00');
const DAY = '2026-11-20';

let dir: { dir: string; cleanup: () => void };
let db: Db;
let tally: Tally;

beforeAll(() => {
  dir = tempDir('configured-reasons-');
  db = openDatabase(path.join(dir.dir, 'ratings.db'));
  // Written before the unit changed its list: "fees" (a default) and "queue_ticket" (its own, since dropped).
  insertRatings(db, [
    { at: `${DAY}T08:00:00+07:00`, level: 2, reasons: ['long_queue', 'late'] },
    { at: `${DAY}T08:10:00+07:00`, level: 2, reasons: ['long_queue'] },
    { at: `${DAY}T08:20:00+07:00`, level: 2, reasons: ['fees', 'queue_ticket'] },
    { at: `${DAY}T08:30:00+07:00`, level: 2, reasons: ['queue_ticket', 'long_queue'] },
    { at: `${DAY}T08:40:00+07:00`, level: 5 },
  ]);
  const t = createExportService({ db, config, now: () => NOW }).tally(DAY, DAY);
  if (!t.ok) throw new Error(JSON.stringify(t.error));
  tally = t.value;
});
afterAll(() => {
  db.close();
  dir.cleanup();
});

async function exportTo(format: ReportFormat): Promise<string> {
  const file = path.join(dir.dir, `out.${format}`);
  const r = await createExportService({ db, config, now: () => NOW }).writeTo(format, DAY, DAY, fs.createWriteStream(file));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return file;
}

describe('storing and sending a configured reason', () => {
  it('stores a configured key and refuses one the configuration does not have, changing nothing', () => {
    const service = createRatingService({ store: createRatingStore(db), config, appVersion: '9.9.9', now: () => NOW });
    const r = service.submit({ level: 2, language: 'vi' });
    if (!r.ok || !r.value.id) throw new Error('not stored');
    const id = r.value.id;
    const stored = () => db.prepare<[string], { reasons: string }>('SELECT reasons FROM ratings WHERE id = ?').get(id)!.reasons;

    const unknown = service.amend({ id, reasons: ['long_queue', 'fees'] });
    expect(unknown).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'INVALID_INPUT', field: 'reasons', detail: `unknown reason "fees": not one of the configuration's reasons` }),
    });
    expect(stored()).toBe('[]');

    expect(service.amend({ id, reasons: ['long_queue', 'other'] })).toEqual({ ok: true, value: { id } });
    expect(JSON.parse(stored())).toEqual(['long_queue', 'other']);
    db.prepare('DELETE FROM ratings WHERE id = ?').run(id);
  });

  it('accepts in the contract and on the wire any key of the pattern, at most twelve, no repeats', () => {
    const amend = kioskInputSchemas.amendRating;
    const id = '019a8f3c-1111-7abc-9def-0123456789ab';
    expect(amend.safeParse({ id, reasons: ['long_queue', 'r2_b'] }).success).toBe(true);
    for (const bad of [['Long'], ['a-b'], ['x', 'x'], Array.from({ length: 13 }, (_, i) => `r${i}`), [''], ['a'.repeat(41)]]) {
      expect(amend.safeParse({ id, reasons: bad }).success, JSON.stringify(bad)).toBe(false);
    }

    const wire = {
      id,
      seq: 1,
      createdAt: '2026-11-20T08:00:00+07:00',
      scale: 3,
      level: 2,
      reasons: ['long_queue', 'late'],
      comment: null,
      language: 'vi',
      counterId: null,
      officerId: null,
      dossierCode: null,
      dossierCapture: 'none',
      appVersion: '1.0.0',
      misuseFlag: false,
      clockOffsetMs: null,
    };
    const batch = (reasons: unknown) => ({ protocol: 1, kioskId: 'k-01', unitCode: 'U', sentAt: '2026-11-20T08:00:01+07:00', ratings: [{ ...wire, reasons }] });
    expect(wireRatingSchema.safeParse(wire).success).toBe(true);
    expect(batchRequestSchema.safeParse(batch(wire.reasons)).success).toBe(true);
    // The fast path and the schema agree, for a unit's own keys and for refusals.
    for (const [reasons, valid] of [
      [['long_queue', 'late'], true],
      [Array.from({ length: 12 }, (_, i) => `r${i}`), true],
      [Array.from({ length: 13 }, (_, i) => `r${i}`), false],
      [['Long_queue'], false],
      [['late', 'late'], false],
      [[7], false],
    ] as const) {
      expect(wireRatingSchema.safeParse({ ...wire, reasons }).success, JSON.stringify(reasons)).toBe(valid);
      expect(isValidBatchFast(batch(reasons)), JSON.stringify(reasons)).toBe(valid);
    }
  });
});

describe('the tally of configured and retired reasons', () => {
  it('counts every key found, configured or retired, none dropped', () => {
    expect(tally.byReason).toEqual([
      { reason: 'long_queue', count: 3 },
      // Equal counts: configured before retired, a retired default before a unit's own key.
      { reason: 'queue_ticket', count: 2 },
      { reason: 'late', count: 1 },
      { reason: 'fees', count: 1 },
    ]);
  });

  it('names each: the configured label and factor, a retired default by its old label, any other by its key', () => {
    expect(tally.reasons).toEqual([
      { key: 'long_queue', factor: 'A', labels: { vi: 'Phải xếp hàng quá lâu', en: 'Queued too long' } },
      { key: 'late', factor: 'D', labels: { vi: 'Trả kết quả chậm so với giấy hẹn' } },
      { key: 'other', factor: null, labels: { vi: 'Lý do khác' } },
      { key: 'fees', factor: 'B', labels: { vi: 'Phí, lệ phí không đúng quy định', en: 'Fees not as regulated' } },
      { key: 'queue_ticket', factor: null, labels: { vi: 'queue_ticket' } },
    ]);
  });

  it('shows labels and factors in the command line table', () => {
    const table = formatTallyTable(tally, config.unit.name, config.admin.officerMinRatings);
    const section = table.slice(table.indexOf('VI. LÝ DO CHƯA HÀI LÒNG'));
    const lines = section.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
    expect(lines).toEqual(
      expect.arrayContaining([
        'STT Lý do Yếu tố SIPAS Số lượt',
        '1 Phải xếp hàng quá lâu A 3',
        '2 queue_ticket — 2',
        '3 Trả kết quả chậm so với giấy hẹn D 1',
        '4 Phí, lệ phí không đúng quy định B 1',
      ]),
    );
  });

  it('prints section VI of the Excel report with labels and factors, and labels in the detail sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await exportTo('xlsx'));
    const [summary, detail] = wb.worksheets;
    const rows: unknown[][] = [];
    summary!.eachRow((row) => {
      const cells: unknown[] = [];
      row.eachCell((c) => cells.push(c.value));
      rows.push(cells);
    });
    const at = rows.findIndex((r) => r.includes('VI. LÝ DO CHƯA HÀI LÒNG'));
    // Merged cells repeat their value in exceljs: keep each once.
    const distinct = (r: unknown[]) => r.filter((v, i) => v !== r[i - 1]);
    expect(rows.slice(at + 1, at + 6).map(distinct)).toEqual([
      ['STT', 'Lý do', 'Yếu tố SIPAS', 'Số lượt'],
      [1, 'Phải xếp hàng quá lâu', 'A', 3],
      [2, 'queue_ticket', '—', 2],
      [3, 'Trả kết quả chậm so với giấy hẹn', 'D', 1],
      [4, 'Phí, lệ phí không đúng quy định', 'B', 1],
    ]);
    const reasonsColumn: unknown[] = [];
    detail!.getColumn(6).eachCell((c) => reasonsColumn.push(c.value));
    expect(reasonsColumn).toEqual(
      expect.arrayContaining(['Phải xếp hàng quá lâu; Trả kết quả chậm so với giấy hẹn', 'queue_ticket; Phí, lệ phí không đúng quy định']),
    );
  });

  it('writes the labels in the CSV, in the period order', async () => {
    const raw = fs.readFileSync(await exportTo('csv'), 'utf8');
    const rows = readDelimited(raw.slice(1), ',');
    const reasons = rows.slice(1).map((r) => r[5]);
    expect(reasons).toEqual([
      'Phải xếp hàng quá lâu; Trả kết quả chậm so với giấy hẹn',
      'Phải xếp hàng quá lâu',
      'queue_ticket; Phí, lệ phí không đúng quy định',
      'Phải xếp hàng quá lâu; queue_ticket',
      '',
    ]);
  });

  it('prints the labels and factors in the PDF', async () => {
    const text = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', await exportTo('pdf'), '-'], { encoding: 'utf8' }).normalize('NFC');
    const section = text.slice(text.indexOf('VI. LÝ DO CHƯA HÀI LÒNG'));
    const lines = section.split('\n').map((l) => l.replace(/\s+/g, ' ').trim());
    expect(lines).toEqual(
      expect.arrayContaining([
        '1 Phải xếp hàng quá lâu A 3',
        '2 queue_ticket — 2',
        '3 Trả kết quả chậm so với giấy hẹn D 1',
        '4 Phí, lệ phí không đúng quy định B 1',
      ]),
    );
  });
});
