// Tap-to-durable latency: from the rating call to its committed transaction, over 10,000
// ratings on a real file with the production pragmas, beside the cost of one fdatasync on
// the same disk in the same run (the physical floor: a durable commit cannot be faster
// than one sync). The disk's own sync time has a long tail, so each latency percentile is
// compared with the same percentile of the floor as well as with the floor's median.
// As at a counter: an officer is on duty (read for every rating), and every other rating
// answers a scanned dossier (checked against the one-rating-per-dossier index).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { KioskConfigSchema } from '../shared/config-schema';
import { checkpointQuietly, openDatabase } from '../electron/services/db/database';
import { createAdminQueries } from '../electron/services/db/admin-queries';
import { createRatingStore } from '../electron/services/db/rating-store';
import { createDossierService } from '../electron/services/counter/dossier-service';
import { createDutyService } from '../electron/services/counter/duty-service';
import { silentLogger } from '../electron/services/logger';
import { createRatingService } from '../electron/services/rating-service';
import { ms, percentile } from './stats';
import type { Benchmark } from './types';

const RATINGS = Number(process.env.BENCH_TAPS ?? 10_000);
const SYNCS = 2_000;
/**
 * The kiosk checkpoints the WAL from a 60 s background timer; with the default 3 s
 * cool-down at most 20 ratings are stored in a minute. The benchmark checkpoints (untimed)
 * at that cadence so the WAL behaves as on a kiosk.
 */
const TAPS_PER_CHECKPOINT = 20;

/** One 4 KiB write then fdatasync, cycling over a preallocated region as a steady WAL does. */
function createFsyncProbe(dir: string) {
  const fd = fs.openSync(path.join(dir, 'fsync-probe.bin'), 'w');
  const page = Buffer.alloc(4096, 7);
  const region = 256;
  fs.writeSync(fd, Buffer.alloc(region * page.length));
  fs.fsyncSync(fd);
  let i = 0;
  return {
    sample(): number {
      fs.writeSync(fd, page, 0, page.length, (i++ % region) * page.length);
      const t0 = performance.now();
      fs.fdatasyncSync(fd);
      return performance.now() - t0;
    },
    close: () => fs.closeSync(fd),
  };
}

/**
 * Taps and floor samples are interleaved in blocks, so both see the same disk and the same
 * background load (a shared CI machine's disk changes speed from minute to minute).
 */
function measure(dir: string): { taps: number[]; floor: number[] } {
  const db = openDatabase(path.join(dir, 'ratings.db'));
  const probe = createFsyncProbe(dir);
  const config = KioskConfigSchema.parse({
    unit: { code: 'BENCH', name: 'Bench' },
    kiosk: { id: 'bench', counterId: 'Q1' },
    counters: [{ id: 'Q1', name: 'Quầy 1' }],
    officers: [{ id: 'lan.nt', name: 'Nguyễn Thị Lan', counterId: 'Q1' }],
  });
  let clock = Date.UTC(2026, 11, 1, 1, 0, 0);
  const now = () => clock;
  const store = createRatingStore(db);
  const duty = createDutyService({ kv: createAdminQueries(db), config, now });
  duty.set('lan.nt');
  const dossiers = createDossierService({ config, store, duty, logger: silentLogger });
  const service = createRatingService({ store, config, appVersion: 'bench', now, monotonicNow: now, duty, dossiers });
  const taps: number[] = [];
  const floor: number[] = [];
  const syncsPerTap = SYNCS / RATINGS;
  try {
    for (let i = 0; i < RATINGS; i++) {
      clock += 3_000;
      const t0 = performance.now();
      const dossier = i % 2 === 0 ? { code: `000.00.31.H21-261201-${String(i).padStart(5, '0')}`, capture: 'barcode' as const } : undefined;
      const r = service.submit({ level: [5, 4, 2][i % 3]!, language: 'vi', dossier });
      taps.push(performance.now() - t0);
      if (!r.ok || !r.value.stored) throw new Error('rating not stored');
      if (i % TAPS_PER_CHECKPOINT === TAPS_PER_CHECKPOINT - 1) checkpointQuietly(db);
      while (floor.length < (i + 1) * syncsPerTap) floor.push(probe.sample());
    }
  } finally {
    probe.close();
    db.close();
  }
  return { taps: taps.sort((a, b) => a - b), floor: floor.sort((a, b) => a - b) };
}

export const tapLatency: Benchmark = {
  name: 'tap-latency',
  async run() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-tap-'));
    try {
      const { taps, floor } = measure(dir);
      const t = { p50: percentile(taps, 50), p95: percentile(taps, 95), p99: percentile(taps, 99) };
      const f = { p50: percentile(floor, 50), p95: percentile(floor, 95), p99: percentile(floor, 99) };
      return {
        metrics: [
          { name: 'tap→durable p50 / p95 / p99', value: `${ms(t.p50)} / ${ms(t.p95)} / ${ms(t.p99)}` },
          { name: 'fdatasync floor p50 / p95 / p99', value: `${ms(f.p50)} / ${ms(f.p95)} / ${ms(f.p99)}` },
          { name: 'p99 ÷ floor p99', value: (t.p99 / f.p99).toFixed(2), target: '≤ 2.00' },
          { name: 'p99 ÷ floor p50', value: (t.p99 / f.p50).toFixed(2) },
          { name: 'p50 ÷ floor p50', value: (t.p50 / f.p50).toFixed(2) },
        ],
        raw: { ratings: RATINGS, tapsPerCheckpoint: TAPS_PER_CHECKPOINT, latencyMs: t, fdatasyncMs: { ...f, samples: SYNCS } },
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
