// CSV injection where the list separator is not a comma. Excel with Vietnamese regional
// settings splits a line at ';' (others at tab or '|'), so a comment like `Tot lam;=2+3`
// written bare would give a cell `=2+3` that runs. Every text field is quoted, so whatever
// separator the reader splits on, a separator inside a field stays text, and the leading
// apostrophe still defuses a field that itself starts like a formula.
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { createTallyQueries } from '../../../electron/services/db/tally-queries';
import { csvField, csvLine, writeRatingsCsv } from '../../../electron/services/reports/csv-export';
import { reportContext } from '../../../electron/services/reports/report-context';
import { createTallyService } from '../../../electron/services/reports/tally-service';
import { insertRatings } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig } from '../../support/test-config';
import { readAsSpreadsheet } from '../../support/csv';

const SEPARATORS = [',', ';', '\t', '|'] as const;
const FORMULA_START = /^[=+\-@\t\r]/;
const HOSTILE = [
  'Tot lam;=2+3',
  'Tốt lắm;=HYPERLINK("http://x";"bấm")',
  'a,=1+1',
  'a|@SUM(A1:A9)',
  'a\t=1+1',
  'a;+1',
  'a;-1+2',
  'a"; =2+3',
  '=2+3',
  '+84 912',
  '-3',
  '@cmd',
];

describe('csvField', () => {
  it('quotes every text field, empty ones included, and leaves numbers bare', () => {
    expect(csvField('Quầy 1')).toBe('"Quầy 1"');
    expect(csvField('')).toBe('""');
    expect(csvField('Tot lam;=2+3')).toBe('"Tot lam;=2+3"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(42)).toBe('42');
  });

  it('defuses a field that starts like a formula with a leading apostrophe', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvField(`${start}1+1`)).toBe(`"'${start}1+1"`);
  });

  it.each(SEPARATORS.map((s) => [JSON.stringify(s), s]))('leaves no cell starting like a formula when read with separator %s', (_name, sep) => {
    const line = csvLine([7, '01/12/2026', ...HOSTILE, 3]);
    const cells = readAsSpreadsheet(line, sep).flat();
    expect(cells.filter((c) => FORMULA_START.test(c))).toEqual([]);
  });

  it('reads back every hostile text intact (apostrophe aside) with the comma the file is written for', () => {
    const [cells] = readAsSpreadsheet(csvLine(HOSTILE), ',');
    expect(cells).toEqual(HOSTILE.map((h) => (FORMULA_START.test(h) ? `'${h}` : h)));
  });
});

describe('the ratings CSV with hostile comments', () => {
  let dir: { dir: string; cleanup: () => void };
  let db: Db;
  let text: string;
  const config = parsedTestConfig({ kiosk: { counterId: 'Q1' }, counters: [{ id: 'Q1', name: 'Quầy 1' }] });

  beforeAll(async () => {
    dir = tempDir('csv-injection-');
    db = openDatabase(path.join(dir.dir, 'ratings.db'));
    insertRatings(
      db,
      HOSTILE.map((comment, i) => ({ at: `2026-12-01T0${(i % 9) + 1}:00:00+07:00`, level: 2 as const, reasons: ['other' as const], comment, counterId: 'Q1' })),
    );
    const tally = createTallyService(createTallyQueries(db), config).compute('2026-12-01', '2026-12-01');
    if (!tally.ok) throw new Error('tally failed');
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeRatingsCsv(createTallyQueries(db).iterateRatings('2026-12-01', '2026-12-01'), reportContext(config, tally.value, Date.now()), out);
    text = Buffer.concat(chunks).toString('utf8').slice(1);
  });
  afterAll(() => {
    db.close();
    dir.cleanup();
  });

  it.each(SEPARATORS.map((s) => [JSON.stringify(s), s]))('has no cell that a spreadsheet would run, read with separator %s', (_name, sep) => {
    const cells = readAsSpreadsheet(text, sep).flat();
    expect(cells.length).toBeGreaterThan(HOSTILE.length);
    expect(cells.filter((c) => FORMULA_START.test(c))).toEqual([]);
  });

  it('keeps `Tot lam;=2+3` as one comment when read with the comma', () => {
    const rows = readAsSpreadsheet(text, ',');
    expect(rows.slice(1).map((r) => r[6])).toContain('Tot lam;=2+3');
    expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
  });
});
