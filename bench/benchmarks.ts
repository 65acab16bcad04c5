// The registry of benchmarks run by bench/run.ts.
import type { Benchmark } from './types';

export const BENCHMARKS: Benchmark[] = [];
