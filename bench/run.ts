// `npm run bench`: runs every benchmark, prints one table and writes bench/results/<name>.json.
// Set BENCH_ONLY=name1,name2 to run a subset. Benchmarks assert nothing: they measure.
import fs from 'node:fs';
import path from 'node:path';
import { BENCHMARKS } from './benchmarks';

const only = process.env.BENCH_ONLY?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const outDir = path.resolve('bench/results');
fs.mkdirSync(outDir, { recursive: true });

const rows: Array<{ benchmark: string; metric: string; value: string; target: string }> = [];
for (const b of BENCHMARKS) {
  if (only && !only.includes(b.name)) continue;
  process.stderr.write(`running ${b.name}…\n`);
  const result = await b.run();
  fs.writeFileSync(path.join(outDir, `${b.name}.json`), `${JSON.stringify({ name: b.name, at: new Date().toISOString(), ...result }, null, 2)}\n`);
  for (const m of result.metrics) rows.push({ benchmark: b.name, metric: m.name, value: m.value, target: m.target ?? '' });
}
console.table(rows);
console.log(`JSON written to ${outDir}`);
