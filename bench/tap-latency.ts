// Tap-to-durable latency: from the rating call to its committed transaction, over 10,000
// ratings on a real file with the production pragmas, beside the cost of one fdatasync on
// the same disk (the physical floor: a durable commit cannot be faster than one sync).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { KioskConfigSchema } from '../shared/config-schema';
import { checkpointQuietly, openDatabase } from '../electron/services/db/database';
import { createRatingStore } from '../electron/services/db/rating-store';
import { createRatingService } from '../electron/services/rating-service';
import { ms, percentile } from './stats';
import type { Benchmark } from './types';

const RATINGS = Number(process.env.BENCH_TAPS ?? 10_000);
const SYNCS = 2_000;

function fdatasyncFloor(dir: string): number[] {
  const file = path.join(dir, 'fsync-probe.bin');
  const fd = fs.openSync(file, 'w');
  const page = Buffer.alloc(4096, 7);
  const samples: number[] = [];
  try {
    for (let i = 0; i < SYNCS; i++) {
      // Appending, as SQLite appends frames to the WAL before its commit fsync.
      fs.writeSync(fd, page, 0, page.length, i * page.length);
      const t0 = performance.now();
      fs.fdatasyncSync(fd);
      samples.push(performance.now() - t0);
    }
  } finally {
    fs.closeSync(fd);
  }
  return samples.sort((a, b) => a - b);
}

export const tapLatency: Benchmark = {
  name: 'tap-latency',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tap-'));
    try {
      const db = openDatabase(path.join(dir, 'ratings.db'));
      const config = KioskConfigSchema.parse({
        unit: { code: 'BENCH', name: 'Bench' },
        kiosk: { id: 'bench' },
        misuse: { cooldownSeconds: 0 },
      });
      let clock = Date.UTC(2026, 11, 1, 1, 0, 0);
      const service = createRatingService({ store: createRatingStore(db), config, appVersion: 'bench', now: () => clock });
      const samples: number[] = [];
      for (let i = 0; i < RATINGS; i++) {
        clock += 5000;
        const t0 = performance.now();
        const r = service.submit({ level: [5, 4, 2][i % 3]!, language: 'vi' });
        samples.push(performance.now() - t0);
        if (!r.ok || !r.value.stored) throw new Error('rating not stored');
        // The kiosk checkpoints from a background timer between taps; do the same, untimed.
        if (i % 500 === 499) checkpointQuietly(db);
      }
      db.close();
      samples.sort((a, b) => a - b);
      const floor = fdatasyncFloor(dir);
      const floorP50 = percentile(floor, 50);
      const p = { p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99) };
      const ratio = p.p99 / floorP50;
      return {
        metrics: [
          { name: 'tap→durable p50', value: ms(p.p50) },
          { name: 'tap→durable p95', value: ms(p.p95) },
          { name: 'tap→durable p99', value: ms(p.p99) },
          { name: 'fdatasync floor p50', value: ms(floorP50) },
          { name: 'p99 ÷ floor', value: ratio.toFixed(2), target: '≤ 2.00' },
        ],
        raw: { ratings: RATINGS, latencyMs: p, fdatasyncMs: { p50: floorP50, p99: percentile(floor, 99), samples: SYNCS }, ratio },
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
