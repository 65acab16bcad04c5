// The Excel export of one month of 50,000 ratings, with 10,000 and 100,000 for comparison.
// Each export runs in its own child process, three times per size, so peak RSS and heap
// belong to that export alone. "Live heap" (after the last full GC) is what the export
// holds; "peak heap" also counts garbage V8 has not collected yet, which varies run to run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
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
const PER_DAY = 1667; // 30 days → 50,010 ratings; 60 days → 100,020
const THIS_FILE = fileURLToPath(import.meta.url);
const TSX = path.resolve(path.dirname(THIS_FILE), '..', 'node_modules', '.bin', 'tsx');

interface ChildResult {
  rows: number;
  ms: number;
  /** Peak resident set of the whole child process (includes runtime and modules). */
  maxRssMb: number;
  /** How far RSS rose above its level when the export started (sampled). */
  rssGrowthMb: number;
  /** Highest used V8 heap during the export, garbage included. */
  peakHeapMb: number;
  /** Used heap after the export's last full collection: what the export really holds. */
  liveHeapMb: number | null;
  fileMb: number;
}

/**
 * Child side: one export. The peak heap is read from V8 itself: GCProfiler records the used
 * heap just before every collection (where the heap peaks), so a peak reached inside a
 * synchronous stretch of the export is not missed the way a timer-based sampler misses it.
 * The timer sampler stays as a floor for the stretch after the last collection.
 */
async function child(dbFile: string, from: string, to: string, out: string): Promise<void> {
  const db = openDatabase(dbFile);
  const rows = db.prepare('SELECT COUNT(*) FROM ratings WHERE local_day BETWEEN ? AND ?').pluck().get(from, to) as number;
  const exporter = createExportService({ db, config: KioskConfigSchema.parse(CONFIG), now: () => Date.parse('2026-12-01T08:00:00+07:00') });
  const rssBefore = process.memoryUsage().rss;
  let peakHeap = process.memoryUsage().heapUsed;
  let peakRss = rssBefore;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  const gc = new v8.GCProfiler();
  gc.start();
  const sampler = setInterval(sample, 5);
  const t0 = performance.now();
  const r = await exporter.writeTo('xlsx', from, to, fs.createWriteStream(out));
  const elapsed = performance.now() - t0;
  clearInterval(sampler);
  sample();
  const gcs = gc.stop()?.statistics ?? [];
  for (const g of gcs) peakHeap = Math.max(peakHeap, g.beforeGC.heapStatistics.usedHeapSize);
  const lastMarkCompact = gcs.filter((g) => g.gcType === 'MarkSweepCompact').at(-1);
  db.close();
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const result: ChildResult = {
    rows,
    ms: elapsed,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    rssGrowthMb: (peakRss - rssBefore) / 2 ** 20,
    peakHeapMb: peakHeap / 2 ** 20,
    liveHeapMb: lastMarkCompact ? lastMarkCompact.afterGC.heapStatistics.usedHeapSize / 2 ** 20 : null,
    fileMb: fs.statSync(out).size / 2 ** 20,
  };
  process.stdout.write(JSON.stringify(result));
}

function runChild(dbFile: string, from: string, to: string, out: string): ChildResult {
  const stdout = execFileSync(TSX, [THIS_FILE, '--child', dbFile, from, to, out], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as ChildResult;
}

/** Each size runs this often: V8's collector paces itself differently run to run. */
const REPEATS = 3;

interface SizeResult {
  rows: number;
  runs: ChildResult[];
  medianMs: number;
  maxPeakHeapMb: number;
  /** Null when no full GC ran during any of the runs (small exports). */
  maxLiveHeapMb: number | null;
  maxRssMb: number;
  fileMb: number;
}

function runSize(dbFile: string, from: string, to: string, out: string): SizeResult {
  const runs = Array.from({ length: REPEATS }, () => runChild(dbFile, from, to, out));
  const sorted = runs.map((r) => r.ms).sort((x, y) => x - y);
  return {
    rows: runs[0]!.rows,
    runs,
    medianMs: sorted[Math.floor(sorted.length / 2)]!,
    maxPeakHeapMb: Math.max(...runs.map((r) => r.peakHeapMb)),
    maxLiveHeapMb: runs.some((r) => r.liveHeapMb !== null) ? Math.max(...runs.map((r) => r.liveHeapMb ?? 0)) : null,
    maxRssMb: Math.max(...runs.map((r) => r.maxRssMb)),
    fileMb: runs[0]!.fileMb,
  };
}

export const xlsxExportBenchmark: Benchmark = {
  name: 'xlsx-export',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-xlsx-'));
    try {
      const dbFile = path.join(dir, 'ratings.db');
      const db = openDatabase(dbFile);
      insertRatings(db, generateRatings({ seed: 21, fromDay: '2026-11-01', days: 60, perDay: PER_DAY, comments: true }));
      db.close();
      const out = path.join(dir, 'out.xlsx');
      const small = runSize(dbFile, '2026-11-01', '2026-11-06', out);
      const month = runSize(dbFile, '2026-11-01', '2026-11-30', out);
      const twoMonths = runSize(dbFile, '2026-11-01', '2026-12-30', out);
      const sizes = [small, month, twoMonths];
      const mb = (n: number | null) => (n === null ? 'no full GC' : `${n.toFixed(1)} MB`);
      const across = (f: (s: SizeResult) => number | null) => sizes.map((x) => mb(f(x))).join(' → ');
      const k = (n: number) => `${Math.round(n / 1000)}k`;
      const label = sizes.map((x) => k(x.rows)).join(' → ');
      return {
        metrics: [
          { name: `export ${month.rows.toLocaleString('en')} ratings (one month)`, value: ms(month.medianMs, 0), target: '< 3000 ms' },
          { name: `export ${small.rows.toLocaleString('en')} ratings`, value: ms(small.medianMs, 0) },
          { name: `export ${twoMonths.rows.toLocaleString('en')} ratings`, value: ms(twoMonths.medianMs, 0) },
          { name: `peak heap ${label} rows (max of ${REPEATS})`, value: across((x) => x.maxPeakHeapMb), target: 'flat' },
          { name: `live heap after last full GC ${label}`, value: across((x) => x.maxLiveHeapMb), target: 'flat' },
          { name: `peak RSS ${label} rows (max of ${REPEATS})`, value: across((x) => x.maxRssMb), target: 'flat' },
          { name: `peak RSS ${k(twoMonths.rows)} ÷ ${k(small.rows)} rows`, value: `${(twoMonths.maxRssMb / small.maxRssMb).toFixed(2)} ×`, target: '≤ 1.3 ×' },
          { name: `file size ${label} rows`, value: across((x) => x.fileMb) },
        ],
        raw: { small, month, twoMonths },
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
