// The admin screen's daily tally on a database of 1,000,000 ratings (about 2,740 a day for
// a year). Measures the level counts alone (the headline figures, one covering-index
// search) and the whole Tally with every breakdown, for a day and for a month.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { KioskConfigSchema } from '../shared/config-schema';
import { openDatabase } from '../electron/services/db/database';
import { createTallyQueries } from '../electron/services/db/tally-queries';
import { createTallyService } from '../electron/services/reports/tally-service';
import { generateRatings, insertRatings } from '../tests/support/rating-fixtures';
import { ms, percentile } from './stats';
import type { Benchmark } from './types';

const ROWS = Number(process.env.BENCH_TALLY_ROWS ?? 1_000_000);
const DAYS = 365;
const RUNS = 200;

function timeRuns(run: (i: number) => void): number[] {
  for (let i = 0; i < 10; i++) run(i); // warm the page cache and statement cache
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    run(i);
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b);
}

export const tallyBenchmark: Benchmark = {
  name: 'tally',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tally-'));
    try {
      const db = openDatabase(path.join(dir, 'ratings.db'));
      const t0 = performance.now();
      insertRatings(db, generateRatings({ seed: 11, fromDay: '2026-01-01', days: DAYS, perDay: Math.ceil(ROWS / DAYS), levels: [5, 4, 3, 2, 1] }));
      const loadMs = performance.now() - t0;
      db.pragma('optimize');
      const rows = db.prepare('SELECT COUNT(*) FROM ratings').pluck().get() as number;
      const config = KioskConfigSchema.parse({
        unit: { code: 'BENCH', name: 'Bench' },
        kiosk: { id: 'bench' },
        counters: [
          { id: 'Q1', name: 'Quầy 1' },
          { id: 'Q2', name: 'Quầy 2' },
        ],
        scale: '5',
      });
      const queries = createTallyQueries(db);
      const service = createTallyService(queries, config);
      // A different day each run, so the figures are not one hot page.
      const dayOf = (i: number) => new Date(Date.UTC(2026, 0, 1) + (i % DAYS) * 86_400_000).toISOString().slice(0, 10);
      const levels = timeRuns((i) => queries.levels(dayOf(i), dayOf(i)));
      const daily = timeRuns((i) => service.compute(dayOf(i), dayOf(i)));
      const monthly = timeRuns((i) => service.compute(dayOf(i * 30), dayOf(i * 30 + 29)));
      db.close();
      const stat = (s: number[]) => ({ median: percentile(s, 50), p95: percentile(s, 95), max: s.at(-1)! });
      return {
        metrics: [
          { name: 'rows in database', value: rows.toLocaleString('en') },
          { name: 'daily level counts (median / p95)', value: `${ms(percentile(levels, 50))} / ${ms(percentile(levels, 95))}`, target: '< 20 ms' },
          { name: 'daily full tally, all breakdowns (median / p95)', value: `${ms(percentile(daily, 50))} / ${ms(percentile(daily, 95))}`, target: '< 20 ms' },
          { name: 'monthly full tally (median / p95)', value: `${ms(percentile(monthly, 50))} / ${ms(percentile(monthly, 95))}` },
          { name: 'load time (fixture insert)', value: ms(loadMs, 0) },
        ],
        raw: { rows, loadMs, levels: stat(levels), daily: stat(daily), monthly: stat(monthly) },
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
