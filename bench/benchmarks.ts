// The registry of benchmarks run by bench/run.ts.
import { cityIngest } from './city-ingest';
import { cityTally } from './city-tally';
import { drain } from './drain';
import { tallyBenchmark } from './tally';
import { tapDuringDrain } from './tap-during-drain';
import { tapInPage } from './tap-in-page';
import { tapLatency } from './tap-latency';
import type { Benchmark } from './types';
import { xlsxExportBenchmark } from './xlsx-export';

export const BENCHMARKS: Benchmark[] = [tapLatency, drain, tapDuringDrain, tapInPage, tallyBenchmark, xlsxExportBenchmark, cityIngest, cityTally];
