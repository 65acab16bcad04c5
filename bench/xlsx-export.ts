// The Excel export of one month of 50,000 ratings, and of 10,000 for comparison. Each export
// runs in its own child process so peak RSS and heap belong to that export alone: flat
// memory from 10k to 50k rows shows the detail sheet really streams.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { KioskConfigSchema } from '../shared/config-schema';
import { openDatabase } from '../electron/services/db/database';
import { createExportService } from '../electron/services/reports/export-service';
import { generateRatings, insertRatings } from '../tests/support/rating-fixtures';
import { ms } from './stats';
import type { Benchmark } from './types';

const CONFIG = {
  unit: { code: 'BENCH', name: 'Trung tâm Phục vụ hành chính công phường Pleiku' },
  kiosk: { id: 'bench', counterId: 'Q1' },
  counters: [
    { id: 'Q1', name: 'Quầy 1' },
    { id: 'Q2', name: 'Quầy 2' },
  ],
};
const PER_DAY = 1667; // 30 days → 50,010 ratings
const THIS_FILE = fileURLToPath(import.meta.url);
const TSX = path.resolve(path.dirname(THIS_FILE), '..', 'node_modules', '.bin', 'tsx');

interface ChildResult {
  rows: number;
  ms: number;
  maxRssMb: number;
  peakHeapMb: number;
  fileMb: number;
}

/** Child side: one export, memory sampled while it runs. */
async function child(dbFile: string, from: string, to: string, out: string): Promise<void> {
  const db = openDatabase(dbFile);
  const rows = db.prepare('SELECT COUNT(*) FROM ratings WHERE local_day BETWEEN ? AND ?').pluck().get(from, to) as number;
  const exporter = createExportService({ db, config: KioskConfigSchema.parse(CONFIG), now: () => Date.parse('2026-12-01T08:00:00+07:00') });
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
  const t0 = performance.now();
  const r = await exporter.writeTo('xlsx', from, to, fs.createWriteStream(out));
  const elapsed = performance.now() - t0;
  clearInterval(sampler);
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  db.close();
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const result: ChildResult = {
    rows,
    ms: elapsed,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    peakHeapMb: peakHeap / 2 ** 20,
    fileMb: fs.statSync(out).size / 2 ** 20,
  };
  process.stdout.write(JSON.stringify(result));
}

function runChild(dbFile: string, from: string, to: string, out: string): ChildResult {
  const stdout = execFileSync(TSX, [THIS_FILE, '--child', dbFile, from, to, out], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as ChildResult;
}

export const xlsxExportBenchmark: Benchmark = {
  name: 'xlsx-export',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-xlsx-'));
    try {
      const dbFile = path.join(dir, 'ratings.db');
      const db = openDatabase(dbFile);
      insertRatings(db, generateRatings({ seed: 21, fromDay: '2026-11-01', days: 30, perDay: PER_DAY, comments: true }));
      db.close();
      const small = runChild(dbFile, '2026-11-01', '2026-11-06', path.join(dir, 'small.xlsx'));
      const month = runChild(dbFile, '2026-11-01', '2026-11-30', path.join(dir, 'month.xlsx'));
      const mb = (n: number) => `${n.toFixed(1)} MB`;
      return {
        metrics: [
          { name: `export ${month.rows.toLocaleString('en')} ratings (one month)`, value: ms(month.ms, 0), target: '< 3000 ms' },
          { name: `export ${small.rows.toLocaleString('en')} ratings`, value: ms(small.ms, 0) },
          { name: 'peak RSS 10k → 50k rows', value: `${mb(small.maxRssMb)} → ${mb(month.maxRssMb)}`, target: 'flat' },
          { name: 'peak heap 10k → 50k rows', value: `${mb(small.peakHeapMb)} → ${mb(month.peakHeapMb)}`, target: 'flat' },
          { name: 'file size 10k → 50k rows', value: `${mb(small.fileMb)} → ${mb(month.fileMb)}` },
        ],
        raw: { small, month },
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

if (process.argv[2] === '--child' && process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const [dbFile, from, to, out] = process.argv.slice(3) as [string, string, string, string];
  await child(dbFile, from, to, out);
}
