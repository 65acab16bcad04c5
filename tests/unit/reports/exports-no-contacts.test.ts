// Survey phone numbers live in the same database file as the ratings, but no report, export
// or tally may ever carry one: every output is read back as its user would and searched.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { createContactService } from '../../../electron/services/contact-service';
import { createExportService } from '../../../electron/services/reports/export-service';
import type { ReportFormat } from '../../../electron/services/reports/report-format';
import { insertRatings } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig } from '../../support/test-config';

const config = parsedTestConfig({
  unit: { name: 'UBND phường Thống Nhất' },
  kiosk: { counterId: 'Q1' },
  counters: [{ id: 'Q1', name: 'Quầy 1' }],
  officers: [{ id: 'CB01', name: 'Nguyễn Thị Lan' }],
  contact: { enabled: true },
  admin: { officerMinRatings: 1 },
});
const DAY = '2026-12-01';
const NOW = Date.parse(`${DAY}T15:00:00+07:00`);
const PHONE = '0987654321';
/** How the number could appear if something printed it: as stored, without the 0, split in groups. */
const FORMS = [PHONE, PHONE.slice(1), '098 765 4321', '098.765.4321'];

let dir: { dir: string; cleanup: () => void };
let db: Db;

beforeAll(() => {
  dir = tempDir('exports-contacts-');
  db = openDatabase(path.join(dir.dir, 'ratings.db'));
  insertRatings(db, [
    { at: `${DAY}T09:00:00+07:00`, level: 5, officerId: 'CB01', dossierCode: '000.00.12.H21-261201-0001', dossierCapture: 'qr' },
    { at: `${DAY}T09:10:00+07:00`, level: 2, reasons: ['late'], comment: 'Chờ lâu', officerId: 'CB01' },
  ]);
  const contacts = createContactService({ db, config, now: () => NOW });
  expect(contacts.submit({ phone: PHONE, consent: true }).ok).toBe(true);
  expect(contacts.count()).toBe(1);
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

async function xlsxText(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const texts: string[] = [wb.creator ?? '', wb.title ?? ''];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.text))));
  return texts.join('\n');
}

function expectNoPhone(text: string): void {
  for (const form of FORMS) expect(text).not.toContain(form);
}

describe('exports never contain a survey phone number', () => {
  it('csv', async () => {
    const text = fs.readFileSync(await exportTo('csv'), 'utf8');
    // The file was read for real: the rating's dossier code is there.
    expect(text).toContain('000.00.12.H21-261201-0001');
    expectNoPhone(text);
  });

  it('xlsx, every cell of every sheet', async () => {
    const text = await xlsxText(await exportTo('xlsx'));
    expect(text).toContain('Nguyễn Thị Lan');
    expect(text).toContain('000.00.12.H21-261201-0001');
    expectNoPhone(text);
  });

  it('pdf text', async () => {
    const file = await exportTo('pdf');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).normalize('NFC');
    expect(text).toContain('Nguyễn Thị Lan');
    expectNoPhone(text.replace(/\s+/g, ' '));
  });

  it('tally (admin screen and tally --json)', () => {
    const t = createExportService({ db, config, now: () => NOW }).tally(DAY, DAY);
    expect(t.ok && t.value.total).toBe(2);
    expectNoPhone(JSON.stringify(t));
  });
});
