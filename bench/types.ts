export interface BenchMetric {
  name: string;
  /** Human-readable value with its unit, e.g. "1.84 ms". */
  value: string;
  target?: string;
}

export interface BenchResult {
  metrics: BenchMetric[];
  /** Raw numbers for the JSON file. */
  raw: Record<string, unknown>;
}

export interface Benchmark {
  name: string;
  run(): Promise<BenchResult>;
}
