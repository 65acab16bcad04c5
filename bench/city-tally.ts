// City tally: the dashboard's satisfaction per unit for a month, over a province's year of
// ratings (CITY_TALLY_ROWS, default 10,000,000: about 100 units, 300 kiosks, spread over the
// 365 days of 2026) in PostgreSQL with its durability on (tests/support/bench-postgres.ts).
//
// The database is filled with set-based SQL in the receiver's own schema (its migrations):
// the ratings from generate_series, in order of receipt, with the secondary indexes built
// after the rows (as a restore would) rather than row by row; then the daily roll-ups with
// the same aggregation as the migration's back-fill, then VACUUM ANALYZE, the state
// autovacuum keeps a live database in. Measured: the storage's unitDayTally for a calendar
// month plus the dashboard's sum per unit, level and flag, a different month each run; and,
// for information, the same figures from the ratings themselves (storage.tally, an index scan).
import { performance } from 'node:perf_hooks';
import { openPostgresStorage } from '../server/pg-store';
import type { DayUnitRow } from '../server/receiver-storage';
import { BENCH_PG_SETTINGS, createBenchDatabase, startBenchPostgresCluster } from '../tests/support/bench-postgres';
import { ms, percentile } from './stats';
import type { Benchmark } from './types';

const UNITS = 100;
const KIOSKS_PER_UNIT = 3;
const RUNS = 30;
const WARM_UP = 3;
const YEAR = 2026;
/** Office hours, 08:00 to 17:00 in steps of 9 s: the times of day the rows turn through. */
const FIRST_TIME_MS = 8 * 3_600_000;
const TIME_STEP_MS = 9_000;
const TIMES_PER_DAY = 3_600;
/** Fill connections: one per core, each a contiguous range of the rows. */
const FILLERS = 2;

const monthRange = (m: number): [string, string] => {
  const first = new Date(Date.UTC(YEAR, m, 1));
  const last = new Date(Date.UTC(YEAR, m + 1, 0));
  return [first.toISOString().slice(0, 10), last.toISOString().slice(0, 10)];
};

/**
 * Rows $1..$2 of $3, in order of receipt: row i falls on day floor((i - 1) × 365 / total) of the
 * year ($5, the days; $6, the year's first midnight at +07:00 in epoch ms), at a time of the
 * office day that turns with i ($4), at a unit and kiosk that turn with i; levels 5/5/5/4/4/2
 * (3-level scale), one in 97 flagged as misuse, seven in ten with a dossier code, one in ten
 * with a comment. The id is UUID-shaped and rises with i, as the kiosks' UUID v7 ids roughly
 * do. The content is the canonical JSON array (canonicalRatingContent's order), written by
 * concatenation; OFFSET 0 keeps each subquery's values computed once, not once per use.
 */
export const FILL_SQL = `
  INSERT INTO received_ratings (id, kiosk_id, unit_code, seq, created_at, local_day, scale, level, misuse_flag, content, received_at_ms, dossier_code)
  SELECT id, kiosk, unit, i, created_at, day, 3, level, flag,
    '["' || kiosk || '","' || unit || '","' || id || '",' || i || ',"' || created_at || '",3,' || level || ','
      || CASE WHEN level = 2 THEN '["late"]' ELSE '[]' END || ','
      || CASE WHEN i % 10 = 3 THEN '"Chờ lâu, phải bổ sung hồ sơ hai lần"' ELSE 'null' END
      || ',"vi","Q' || (1 + i % 4) || '",' || CASE WHEN i % 2 = 0 THEN '"CB' || lpad((1 + i % 20)::text, 2, '0') || '"' ELSE 'null' END
      || ',' || COALESCE('"' || dossier || '"', 'null') || ',' || CASE WHEN dossier IS NULL THEN '"none"' ELSE '"qr"' END
      || ',"0.1.0",' || CASE WHEN flag = 1 THEN 'true' ELSE 'false' END || ',' || ((i % 2001) - 1000) || ']',
    received, dossier
  FROM (
    SELECT i, id, unit, unit || '-k' || (1 + (i / ${UNITS}) % ${KIOSKS_PER_UNIT}) AS kiosk, day,
      day || 'T' || ($4::text[])[1 + i % ${TIMES_PER_DAY}] || '+07:00' AS created_at,
      $6::bigint + d::bigint * 86400000 + (i % ${TIMES_PER_DAY}) * ${TIME_STEP_MS} + ${FIRST_TIME_MS + 60_000} AS received,
      (ARRAY[5, 5, 5, 4, 4, 2])[1 + (i * 7919) % 6] AS level,
      (i % 97 = 0)::int AS flag,
      CASE WHEN i % 10 < 7 THEN '000.00.' || unit || '.H21-' || lpad(i::text, 9, '0') END AS dossier
    FROM (
      SELECT i, d, ($5::text[])[1 + d] AS day, '01900000-0000-7000-8000-' || lpad(to_hex(i), 12, '0') AS id,
        'U' || lpad((1 + i % ${UNITS})::text, 3, '0') AS unit
      FROM (SELECT i, ((i - 1) * 365 / $3)::int AS d FROM generate_series($1::bigint, $2::bigint) AS i) AS g
      OFFSET 0
    ) AS base
    OFFSET 0
  ) AS r`;

/** FILL_SQL's parameters for rows lo..hi of total. */
export function fillParams(lo: number, hi: number, total: number): unknown[] {
  const pad = (n: number) => String(n).padStart(2, '0');
  const times = Array.from({ length: TIMES_PER_DAY }, (_, k) => {
    const s = (FIRST_TIME_MS + k * TIME_STEP_MS) / 1000;
    return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.000`;
  });
  const days = Array.from({ length: 365 }, (_, d) => new Date(Date.UTC(YEAR, 0, 1 + d)).toISOString().slice(0, 10));
  return [lo, hi, total, times, days, Date.UTC(YEAR, 0, 1) - 7 * 3_600_000];
}

/**
 * The roll-ups from the ratings. The unit roll-up is the migration's back-fill (server/pg-db.ts,
 * version 3) as it is; the staff roll-up takes the counter and officer from the formula FILL_SQL
 * made them with (seq is the row number) rather than parsing ten million JSON contents, which
 * would take longer than everything else here: only its size matters to this benchmark.
 */
const ROLLUP_SQL = [
  `INSERT INTO daily_unit_tally (local_day, unit_code, level, misuse_flag, n)
     SELECT local_day, unit_code, level, misuse_flag, count(*) FROM received_ratings WHERE NOT dossier_repeat
     GROUP BY local_day, unit_code, level, misuse_flag`,
  `INSERT INTO daily_staff_tally (local_day, unit_code, counter_id, officer_id, level, misuse_flag, n)
     SELECT local_day, unit_code, counter_id, officer_id, level, misuse_flag, count(*)
     FROM (
       SELECT local_day, unit_code, level, misuse_flag,
         'Q' || (1 + seq % 4) AS counter_id, CASE WHEN seq % 2 = 0 THEN 'CB' || lpad((1 + seq % 20)::text, 2, '0') ELSE '' END AS officer_id
       FROM received_ratings WHERE NOT dossier_repeat) AS r
     GROUP BY local_day, unit_code, counter_id, officer_id, level, misuse_flag`,
  `INSERT INTO kiosk_uploads (kiosk_id, unit_code, last_batch_ms)
     SELECT DISTINCT ON (kiosk_id) kiosk_id, unit_code, received_at_ms FROM received_ratings
     ORDER BY kiosk_id, received_at_ms DESC`,
];

interface UnitSummary {
  counts: Map<number, number>;
  misuse: number;
}

/** What the dashboard shows per unit for a period: counts per level, misuse counted apart. */
function perUnit(rows: readonly { unit_code: string; level: number; misuse_flag: number; n: number }[]): Map<string, UnitSummary> {
  const out = new Map<string, UnitSummary>();
  for (const r of rows) {
    let u = out.get(r.unit_code);
    if (!u) out.set(r.unit_code, (u = { counts: new Map(), misuse: 0 }));
    if (r.misuse_flag) u.misuse += Number(r.n);
    else u.counts.set(r.level, (u.counts.get(r.level) ?? 0) + Number(r.n));
  }
  return out;
}

async function timeRuns(runs: number, warmUp: number, run: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmUp; i++) await run(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run(i);
    samples.push(performance.now() - t0);
  }
  return samples.sort((a, b) => a - b);
}

export const cityTally: Benchmark = {
  name: 'city-tally',
  async run() {
    const total = Number(process.env.CITY_TALLY_ROWS ?? 10_000_000);
    const cluster = await startBenchPostgresCluster();
    try {
      const url = await createBenchDatabase(cluster.adminUrl, 'tally');
      // One connection per concurrent fill statement (the roll-ups run three at once); fill
      // statements wait long for a connection on a busy machine.
      const storage = await openPostgresStorage(url, { poolSize: FILLERS + 1, connectTimeoutMs: 600_000 });
      try {
        const pool = storage.pool;
        const fill: Record<string, number> = {};
        const timed = async (name: string, work: () => Promise<unknown>) => {
          const t0 = performance.now();
          await work();
          fill[name] = Math.round(performance.now() - t0);
        };
        // Secondary indexes are built once the rows are in, from their own definitions.
        // The tables are empty, but a migration may one day back-fill something.
        await pool.query('TRUNCATE daily_unit_tally, daily_staff_tally, kiosk_uploads');
        const indexes = (
          await pool.query<{ name: string; def: string }>(
            `SELECT indexname AS name, indexdef AS def FROM pg_indexes
             WHERE schemaname = 'public' AND tablename = 'received_ratings' AND indexname <> 'received_ratings_pkey'`,
          )
        ).rows;
        for (const ix of indexes) await pool.query(`DROP INDEX ${ix.name}`);
        const t0 = performance.now();
        await timed('ratingsMs', () =>
          Promise.all(
            Array.from({ length: FILLERS }, (_, k) => {
              const lo = Math.floor((total * k) / FILLERS) + 1;
              const hi = Math.floor((total * (k + 1)) / FILLERS);
              return pool.query(FILL_SQL, fillParams(lo, hi, total));
            }),
          ),
        );
        await timed('indexesMs', async () => {
          // Two at a time, one per filler connection: the index builds are CPU-bound.
          const queue = [...indexes];
          await Promise.all(
            Array.from({ length: FILLERS }, async () => {
              for (let ix = queue.shift(); ix; ix = queue.shift()) await pool.query(ix.def);
            }),
          );
        });
        await timed('rollupMs', () => Promise.all(ROLLUP_SQL.map((sql) => pool.query(sql))));
        await timed('vacuumAnalyzeMs', () => pool.query('VACUUM ANALYZE'));
        const fillMs = Math.round(performance.now() - t0);

        const sizes = (
          await pool.query<{ rows: number; rollup: number; db: string; heap: string; idx: string; rollupSize: string }>(
            `SELECT (SELECT count(*) FROM received_ratings) AS rows,
               (SELECT count(*) FROM daily_unit_tally) AS rollup,
               pg_size_pretty(pg_database_size(current_database())) AS db,
               pg_size_pretty(pg_table_size('received_ratings')) AS heap,
               pg_size_pretty(pg_indexes_size('received_ratings')) AS idx,
               pg_size_pretty(pg_total_relation_size('daily_unit_tally') + pg_total_relation_size('daily_staff_tally')) AS "rollupSize"`,
          )
        ).rows[0]!;
        const dbBytes = Number((await pool.query<{ b: string }>('SELECT pg_database_size(current_database()) AS b')).rows[0]!.b);

        // A different month each run, so no run reads only what the last one just read.
        let units = 0;
        const rollup = await timeRuns(RUNS, WARM_UP, async (i) => {
          const [from, to] = monthRange(i % 12);
          const rows: DayUnitRow[] = await storage.unitDayTally(from, to);
          units = perUnit(rows).size;
        });
        const direct = await timeRuns(Math.min(RUNS, 12), 1, async (i) => {
          const [from, to] = monthRange(i % 12);
          perUnit(await storage.tally(from, to));
        });
        // Both ways must give the same figures, or the fast one is not the dashboard's answer.
        const [from, to] = monthRange(5);
        const same = JSON.stringify([...perUnit(await storage.unitDayTally(from, to))]) === JSON.stringify([...perUnit(await storage.tally(from, to))]);
        const plan = (
          await pool.query<{ 'QUERY PLAN': string }>(
            `EXPLAIN SELECT local_day, unit_code, level, misuse_flag, n FROM daily_unit_tally WHERE local_day BETWEEN '${from}' AND '${to}'`,
          )
        ).rows.map((r) => r['QUERY PLAN']);

        const f = (x: number) => Math.round(x).toLocaleString('en-US');
        return {
          metrics: [
            { name: 'ratings stored (a province’s year, 100 units)', value: f(Number(sizes.rows)) },
            {
              name: `month per unit from the daily roll-up (p50 / p99 of ${RUNS})`,
              value: `${ms(percentile(rollup, 50), 1)} / ${ms(percentile(rollup, 99), 1)}`,
              target: '< 200 ms',
            },
            { name: 'month per unit from the ratings, index scan (p50, information)', value: ms(percentile(direct, 50), 0) },
            { name: 'roll-up and ratings give the same figures', value: same ? 'yes' : 'no' },
            { name: 'database size (ratings table + indexes)', value: `${sizes.db} (${sizes.heap} + ${sizes.idx}; roll-ups ${sizes.rollupSize})` },
            { name: 'fill time (rows, indexes, roll-ups, VACUUM ANALYZE)', value: `${(fillMs / 1000).toFixed(0)} s` },
          ],
          raw: {
            rows: Number(sizes.rows),
            units,
            rollupRows: Number(sizes.rollup),
            databaseBytes: dbBytes,
            sizes,
            fillMs,
            fill,
            postgresSettings: BENCH_PG_SETTINGS,
            rollupMs: { p50: percentile(rollup, 50), p99: percentile(rollup, 99), max: rollup.at(-1), runs: RUNS },
            directMs: { p50: percentile(direct, 50), max: direct.at(-1), runs: direct.length },
            sameFigures: same,
            rollupPlan: plan,
          },
        };
      } finally {
        await storage.close();
      }
    } finally {
      await cluster.stop();
    }
  },
};
