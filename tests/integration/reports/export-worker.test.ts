// Exports as the kiosk runs them: each file is written by a worker thread from its own
// read-only connection into the export folder, and the main thread only registers it. A
// worker that is killed, crashes or hangs is answered with EXPORT_FAILED, never a hang, and
// leaves no file behind. Real threads, real SQLite files, real exceljs/pdfkit output.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/errors';
import type { ExportOutput } from '../../../shared/kiosk-api';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { createRatingStore } from '../../../electron/services/db/rating-store';
import type { Logger } from '../../../electron/services/logger';
import { createExportFiles, type ExportFiles } from '../../../electron/services/reports/export-files';
import { createExportRunner, type ExportRunnerDeps } from '../../../electron/services/reports/export-runner';
import { exportWorkerSource } from '../../../electron/services/reports/export-worker-entry';
import { createExportService } from '../../../electron/services/reports/export-service';
import type { ReportFormat } from '../../../electron/services/reports/report-format';
import { generateRatings, insertRatings } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig } from '../../support/test-config';

const config = parsedTestConfig({
  unit: { name: 'Trung tâm Phục vụ hành chính công phường Diên Hồng', place: 'Gia Lai' },
  kiosk: { counterId: 'Q1' },
  counters: [
    { id: 'Q1', name: 'Quầy 1' },
    { id: 'Q2', name: 'Quầy Tư pháp – Hộ tịch' },
  ],
  officers: [{ id: 'CB01', name: 'Nguyễn Thị Lan' }],
});
const NOW = Date.parse('2026-12-01T10:00:00+07:00');
const FROM = '2026-11-01';
const TO = '2026-11-05';
const ROWS = 5 * 400;

interface Line {
  level: string;
  msg: string;
  fields: Record<string, unknown>;
}
const lines: Line[] = [];
const logger: Logger = {
  info: (o, m) =>
    lines.push(typeof o === 'string' ? { level: 'info', msg: o, fields: {} } : { level: 'info', msg: m ?? '', fields: o as Record<string, unknown> }),
  warn: (o, m) =>
    lines.push(typeof o === 'string' ? { level: 'warn', msg: o, fields: {} } : { level: 'warn', msg: m ?? '', fields: o as Record<string, unknown> }),
  error: (o, m) =>
    lines.push(typeof o === 'string' ? { level: 'error', msg: o, fields: {} } : { level: 'error', msg: m ?? '', fields: o as Record<string, unknown> }),
};

let t: { dir: string; cleanup: () => void };
let dbFile: string;
let db: Db;
let files: ExportFiles;
const runners: { close(): void }[] = [];

beforeAll(() => {
  t = tempDir('export-worker-');
  dbFile = path.join(t.dir, 'ratings.db');
  db = openDatabase(dbFile);
  insertRatings(db, generateRatings({ seed: 11, fromDay: FROM, days: 5, perDay: 400, counters: ['Q1', 'Q2'], comments: true }));
  files = createExportFiles({ dir: path.join(t.dir, 'temp', 'exports') });
});
afterEach(() => {
  for (const r of runners.splice(0)) r.close();
  lines.length = 0;
});
afterAll(() => {
  files.close();
  db.close();
  t.cleanup();
});

function runner(overrides: Partial<ExportRunnerDeps> = {}) {
  const r = createExportRunner({ dbFile, config, files, logger, now: () => NOW, ...overrides });
  runners.push(r);
  return r;
}

const leftInFolder = () => fs.readdirSync(files.dir);

/** The finished file's bytes, taken from the store as a shell would (which removes it). */
async function collect(result: Result<ExportOutput>): Promise<Buffer> {
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  const taken = files.take(result.value.fileId);
  if (!taken) throw new Error('not in the store');
  const bytes = fs.readFileSync(taken.file);
  await taken.dispose();
  return bytes;
}

async function inProcess(format: ReportFormat): Promise<string> {
  const file = path.join(t.dir, `in-process.${format}`);
  const r = await createExportService({ db, config, now: () => NOW }).writeTo(format, FROM, TO, fs.createWriteStream(file));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return file;
}

describe('exports in a worker', () => {
  it('writes the same CSV as the in-process export, answered by id with its name, type and size', async () => {
    const workers: Worker[] = [];
    const result = await runner({ onWorker: (w) => workers.push(w) }).run('csv', FROM, TO);
    expect(workers).toHaveLength(1);
    expect(result).toMatchObject({ ok: true, value: { fileName: `danh-sach-danh-gia_${FROM}_${TO}.csv`, mime: 'text/csv; charset=utf-8' } });
    const bytes = await collect(result);
    expect(result.ok && result.value.bytes).toBe(bytes.length);
    expect(bytes.equals(fs.readFileSync(await inProcess('csv')))).toBe(true);
    expect(leftInFolder()).toEqual([]);
  });

  it('writes the xlsx report with every rating on the detail sheet and the same summary as in-process', async () => {
    const worker = new ExcelJS.Workbook();
    await worker.xlsx.load((await collect(await runner().run('xlsx', FROM, TO))) as unknown as ArrayBuffer);
    const local = new ExcelJS.Workbook();
    await local.xlsx.readFile(await inProcess('xlsx'));
    expect(worker.worksheets.map((w) => w.name)).toEqual(['Báo cáo', 'Chi tiết']);
    expect(worker.worksheets[1]!.rowCount).toBe(ROWS + 1);
    const values = (ws: ExcelJS.Worksheet) => ws.getSheetValues().map((row) => JSON.stringify(row));
    expect(values(worker.worksheets[0]!)).toEqual(values(local.worksheets[0]!));
    expect(values(worker.worksheets[1]!)).toEqual(values(local.worksheets[1]!));
  });

  it('writes a PDF whose text is the in-process one', async () => {
    const file = path.join(t.dir, 'worker.pdf');
    fs.writeFileSync(file, await collect(await runner().run('pdf', FROM, TO)));
    const text = (f: string) => execFileSync('pdftotext', ['-enc', 'UTF-8', f, '-'], { encoding: 'utf8' });
    expect(text(file)).toContain('BÁO CÁO KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG');
    expect(text(file)).toBe(text(await inProcess('pdf')));
  });

  it("passes the backend's refusal through (a range past the limit) and keeps no file", async () => {
    const result = await runner().run('csv', '2000-01-01', '2026-12-31');
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(leftInFolder()).toEqual([]);
  });

  it('lets citizens’ ratings be stored on the main connection while a worker streams the range', async () => {
    const store = createRatingStore(db);
    let started!: () => void;
    const online = new Promise<void>((resolve) => (started = resolve));
    const running = runner({ onWorker: (w) => w.once('online', () => started()) }).run('xlsx', FROM, TO);
    await online;
    const before = store.insert({
      id: '019a0000-0000-7000-8000-0000000000a1',
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
    expect(before.seq).toBe(ROWS + 1);
    const bytes = await collect(await running);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  });
});

describe('a worker that fails', () => {
  it('killed mid-export: EXPORT_FAILED at once (not at the time limit), logged, its half-written file removed', async () => {
    let sawFile = false;
    const r = runner({
      timeoutMs: 120_000,
      // Killed as soon as its file appears in the export folder, i.e. while it is writing.
      onWorker: (w) => {
        const watcher = fs.watch(files.dir, () => {
          if (leftInFolder().length === 0) return;
          sawFile = true;
          watcher.close();
          void w.terminate();
        });
        w.once('exit', () => watcher.close());
      },
    });
    const result = await r.run('xlsx', FROM, TO);
    expect(sawFile).toBe(true);
    expect(result).toMatchObject({ ok: false, error: { code: 'EXPORT_FAILED', detail: expect.stringMatching(/worker stopped \(exit code 1\)/) } });
    expect(lines.some((l) => l.level === 'error' && /export worker stopped before finishing/.test(l.msg))).toBe(true);
    expect(r.running()).toBe(0);
    expect(leftInFolder()).toEqual([]);
    expect(files.pending()).toBe(0);
  });

  it('crashing on an exception: EXPORT_FAILED naming the error', async () => {
    const result = await runner({ workerSource: { ...exportWorkerSource(), file: path.join(import.meta.dirname, 'crashing-worker.ts') } }).run('csv', FROM, TO);
    expect(result).toMatchObject({ ok: false, error: { code: 'EXPORT_FAILED', detail: expect.stringContaining('export worker blew up') } });
    expect(leftInFolder()).toEqual([]);
  });

  it('never answering: ended at the time limit with EXPORT_FAILED', async () => {
    const hanging = path.join(import.meta.dirname, '..', 'sync', 'hanging-worker.ts');
    const r = runner({ timeoutMs: 300, workerSource: { ...exportWorkerSource(), file: hanging } });
    const result = await r.run('pdf', FROM, TO);
    expect(result).toMatchObject({ ok: false, error: { code: 'EXPORT_FAILED', detail: 'the export did not finish within 1 s' } });
    expect(lines.some((l) => /export took too long/.test(l.msg))).toBe(true);
    expect(r.running()).toBe(0);
  });

  it('on a database it cannot open: EXPORT_FAILED from the worker itself', async () => {
    const result = await runner({ dbFile: path.join(t.dir, 'missing.db') }).run('csv', FROM, TO);
    expect(result).toMatchObject({ ok: false, error: { code: 'EXPORT_FAILED', detail: expect.stringMatching(/^database: /) } });
    expect(leftInFolder()).toEqual([]);
  });

  it('ended by close() (the kiosk shutting down): EXPORT_FAILED, no file left', async () => {
    const r: ReturnType<typeof runner> = runner({ onWorker: (w) => w.once('online', () => r.close()) });
    expect(await r.run('xlsx', FROM, TO)).toMatchObject({ ok: false, error: { code: 'EXPORT_FAILED' } });
    expect(await r.run('csv', FROM, TO)).toMatchObject({ ok: false, error: { code: 'EXPORT_FAILED', detail: 'the kiosk is shutting down' } });
    expect(leftInFolder()).toEqual([]);
  });
});

describe('the worker source', () => {
  it('is found as TypeScript beside the source (with tsx when the host lacks it) and as .js beside the bundle', () => {
    const src = 'file:///app/electron/services/reports/export-worker-entry.ts';
    expect(exportWorkerSource(src, ['--import', 'tsx'])).toEqual({ file: '/app/electron/services/reports/export-worker.ts' });
    expect(exportWorkerSource(src, [])).toEqual({ file: '/app/electron/services/reports/export-worker.ts', execArgv: ['--import', 'tsx'] });
    expect(exportWorkerSource('file:///app/dist/electron/main.js', [])).toEqual({ file: '/app/dist/electron/export-worker.js' });
    expect(exportWorkerSource('file:///app/dist/electron/chunks/backend-1a2b.js', [])).toEqual({ file: '/app/dist/electron/export-worker.js' });
  });
});
