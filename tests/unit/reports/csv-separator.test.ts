// The CSV's separator from the configuration (`exports.csvSeparator`): ";" for Excel on Windows
// with Vietnamese regional settings, which opens a ","-file as one column. Read back field by
// field with the separator it was written for, a comment holding ";", a quote, a line break
// and Vietnamese letters comes back whole; the default file is the comma file it always was.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskConfig } from '../../../shared/config-schema';
import { csvField, csvRecord } from '../../../shared/csv-field';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { createExportService } from '../../../electron/services/reports/export-service';
import { insertRatings } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig, type TestConfigOverrides } from '../../support/test-config';
import { readAsSpreadsheet, readDelimited } from '../../support/csv';

const COMMENT = 'Thủ tục rườm rà; phải nộp "bản sao" 3 lần\r\nđề nghị Quầy Tư pháp hướng dẫn rõ hơn';
const FORMULA_COMMENT = '-2 ngày; =1+1';
const DAY = '2026-12-01';
const NOW = Date.parse('2026-12-01T18:00:00+07:00');

function configWith(extra: TestConfigOverrides = {}): KioskConfig {
  return parsedTestConfig(
    {
      unit: { name: 'Trung tâm Phục vụ hành chính công phường Diên Hồng' },
      kiosk: { counterId: 'Q1' },
      counters: [{ id: 'Q1', name: 'Quầy Tư pháp; Hộ tịch' }],
      officers: [{ id: 'CB01', name: 'Nguyễn Thị Lan' }],
    },
    extra,
  );
}

describe('csvRecord', () => {
  it('joins quoted text with the separator asked for, a separator inside a field kept inside its quotes', () => {
    const cells = ['a;b', 'c,d', 'say "hi"', 'dòng 1\r\ndòng 2', 'Đắk Lắk', 7];
    expect(csvRecord(cells, ';')).toBe('"a;b";"c,d";"say ""hi""";"dòng 1\r\ndòng 2";"Đắk Lắk";7\r\n');
    expect(csvRecord(cells)).toBe('"a;b","c,d","say ""hi""","dòng 1\r\ndòng 2","Đắk Lắk",7\r\n');
    expect(readDelimited(csvRecord(cells, ';'), ';')).toEqual([cells.map(String)]);
    expect(readDelimited(csvRecord(cells, ','), ',')).toEqual([cells.map(String)]);
  });

  it('defuses a formula start the same way whichever the separator', () => {
    expect(csvRecord(['=1+1', '+84 912', '@x', '-3'], ';')).toBe(`"'=1+1";"'+84 912";"'@x";"'-3"\r\n`);
    expect(csvField('a;=1+1')).toBe('"a;=1+1"');
  });
});

describe('the ratings CSV with the separator from the configuration', () => {
  let dir: { dir: string; cleanup: () => void };
  let db: Db;

  async function exportCsv(config: KioskConfig): Promise<Buffer> {
    const file = path.join(dir.dir, `export-${config.exports.csvSeparator === ';' ? 'semicolon' : 'comma'}.csv`);
    const r = await createExportService({ db, config, now: () => NOW }).writeTo('csv', DAY, DAY, fs.createWriteStream(file));
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return fs.readFileSync(file);
  }

  beforeAll(() => {
    dir = tempDir('csv-separator-');
    db = openDatabase(path.join(dir.dir, 'ratings.db'));
    insertRatings(db, [
      { at: `${DAY}T09:15:00+07:00`, level: 2, reasons: ['paperwork', 'repeat_visits'], comment: COMMENT, counterId: 'Q1', officerId: 'CB01' },
      { at: `${DAY}T10:30:00+07:00`, level: 2, reasons: ['late'], comment: FORMULA_COMMENT, counterId: 'Q1' },
      { at: `${DAY}T11:00:00+07:00`, level: 5, counterId: 'Q1', officerId: 'CB01' },
    ]);
  });
  afterAll(() => {
    db.close();
    dir.cleanup();
  });

  it('writes ";" when configured, read back field by field with ";"', async () => {
    const raw = await exportCsv(configWith({ exports: { csvSeparator: ';' } }));
    // The BOM stays: without it Excel shows the Vietnamese letters as mojibake.
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = readDelimited(raw.toString('utf8').slice(1), ';');
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.length === 18)).toBe(true);
    expect(rows[0]!.slice(0, 8)).toEqual(['STT lượt', 'Ngày', 'Giờ', 'Mức độ (số)', 'Mức độ', 'Lý do chưa hài lòng', 'Ý kiến khác', 'Quầy']);
    const [, first, second, third] = rows;
    expect(first!.slice(1, 10)).toEqual([
      '01/12/2026',
      '09:15:00',
      '2',
      'Không hài lòng',
      // Several reasons are joined by "; ": the separator itself, kept inside the field.
      'Phải đi lại, bổ sung hồ sơ nhiều lần; Thủ tục, giấy tờ phức tạp hoặc ngoài quy định',
      COMMENT,
      'Quầy Tư pháp; Hộ tịch',
      'Nguyễn Thị Lan',
      'CB01',
    ]);
    expect(second![6]).toBe(`'${FORMULA_COMMENT}`);
    expect(third!.slice(3, 5)).toEqual(['5', 'Rất hài lòng']);
    // Outside the quotes, nothing but the 17 separators of each record.
    const bare = raw
      .toString('utf8')
      .slice(1)
      .replace(/"(?:[^"]|"")*"/g, '');
    expect(bare.split('\r\n').map((l) => l.replace(/\d/g, ''))).toEqual([...Array<string>(4).fill(';'.repeat(17)), '']);
  });

  it('keeps the comma by default, with the same cells', async () => {
    const comma = await exportCsv(configWith());
    const semicolon = await exportCsv(configWith({ exports: { csvSeparator: ';' } }));
    expect(configWith().exports.csvSeparator).toBe(',');
    expect([...comma.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = comma.toString('utf8').slice(1);
    expect(text.startsWith('"STT lượt","Ngày","Giờ","Mức độ (số)","Mức độ","Lý do chưa hài lòng","Ý kiến khác","Quầy",')).toBe(true);
    expect(readDelimited(text, ',')).toEqual(readDelimited(semicolon.toString('utf8').slice(1), ';'));
    // Read with the wrong separator, the ";" file is not the comma file: the setting really changes the file.
    expect(readAsSpreadsheet(semicolon.toString('utf8').slice(1), ',')[0]).toHaveLength(1);
  });
});
