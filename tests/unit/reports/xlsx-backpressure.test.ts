// The Excel writer pulls ratings only as fast as its output takes the file: with the output
// stalled (a USB stick that stops accepting writes), it must stop reading rows instead of
// queueing the sheet in memory, and finish the file once the output moves again.
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { createTallyQueries, type ExportRatingRow } from '../../../electron/services/db/tally-queries';
import { reportContext, type ReportContext } from '../../../electron/services/reports/report-context';
import { createTallyService } from '../../../electron/services/reports/tally-service';
import { writeXlsxReport } from '../../../electron/services/reports/xlsx-report';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig } from '../../support/test-config';

const TOTAL = 30_000;
/** Far below TOTAL, far above what the zip pipeline's own small buffers hold. */
const MAX_PULLED_WHILE_STALLED = 5_000;

function rating(i: number): ExportRatingRow {
  return {
    seq: i + 1,
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    created_at_ms: Date.parse('2026-11-02T08:00:00+07:00') + i * 1000,
    utc_offset_min: 420,
    local_day: '2026-11-02',
    scale: 5,
    level: 1 + (i % 5),
    reasons: i % 5 === 0 ? '["fees","attitude"]' : '[]',
    comment: i % 3 === 0 ? `Ý kiến số ${i}: cán bộ hướng dẫn tận tình, thủ tục nhanh gọn` : null,
    language: 'vi',
    kiosk_id: 'k1',
    counter_id: 'Q1',
    officer_id: null,
    dossier_code: null,
    dossier_capture: 'none',
    misuse_flag: 0,
  };
}

/** An output whose writes complete only after release(); keeps what it received. */
function gatedOutput() {
  const chunks: Buffer[] = [];
  let open = false;
  let held: (() => void)[] = [];
  const out = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      if (open) callback();
      else held.push(callback);
    },
  });
  const release = () => {
    open = true;
    const callbacks = held;
    held = [];
    for (const callback of callbacks) callback();
  };
  return { out, release, bytes: () => Buffer.concat(chunks) };
}

/**
 * Resolves once `read()` has not changed for `quietPolls` polls in a row. Real waits on
 * purpose: the claim is that nothing more happens while the output is stalled, and no event
 * announces "nothing": only time passing without progress shows it.
 */
async function settled(read: () => number, quietPolls = 10, pollMs = 20): Promise<number> {
  let last = -1;
  let quiet = 0;
  while (quiet < quietPolls) {
    await new Promise((resolve) => setTimeout(resolve, pollMs));
    const now = read();
    quiet = now === last ? quiet + 1 : 0;
    last = now;
  }
  return last;
}

describe('xlsx export backpressure', () => {
  let dir: { dir: string; cleanup: () => void };
  let db: Db;
  let ctx: ReportContext;

  beforeAll(() => {
    dir = tempDir('xlsx-backpressure-');
    db = openDatabase(`${dir.dir}/ratings.db`);
    const config = parsedTestConfig({ unit: { name: 'Đơn vị thử' }, kiosk: { counterId: 'Q1' }, counters: [{ id: 'Q1', name: 'Quầy 1' }] });
    const tally = createTallyService(createTallyQueries(db), config).compute('2026-11-02', '2026-11-02');
    if (!tally.ok) throw new Error('tally failed');
    ctx = reportContext(config, tally.value, Date.parse('2026-12-01T08:00:00+07:00'));
  });
  afterAll(() => {
    db.close();
    dir.cleanup();
  });

  it('stops reading ratings while the output is stalled, then writes them all', async () => {
    let pulled = 0;
    function* ratings(): Generator<ExportRatingRow> {
      for (let i = 0; i < TOTAL; i++) {
        pulled++;
        yield rating(i);
      }
    }
    const gate = gatedOutput();
    const writing = writeXlsxReport(ctx, ratings(), gate.out);

    const pulledWhileStalled = await settled(() => pulled);
    expect(pulledWhileStalled).toBeGreaterThan(0);
    expect(pulledWhileStalled).toBeLessThan(MAX_PULLED_WHILE_STALLED);

    gate.release();
    expect(await writing).toBe(TOTAL);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(gate.bytes() as unknown as ArrayBuffer);
    const detail = wb.getWorksheet('Chi tiết')!;
    expect(detail.rowCount).toBe(TOTAL + 1);
    expect(detail.getRow(TOTAL + 1).getCell(1).value).toBe(TOTAL);
  }, 60_000);
});
