// The registry of benchmarks run by bench/run.ts.
import { tapLatency } from './tap-latency';
import type { Benchmark } from './types';

export const BENCHMARKS: Benchmark[] = [tapLatency];
