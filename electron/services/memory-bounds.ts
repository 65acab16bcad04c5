// Keeps the kiosk process's memory from growing with the length of an upload drain.
//
// A drain after a long outage sends batch after batch for minutes. Measured on the
// benchmark's 100,000-rating drain, two things grew with it although the live heap stayed
// at ~16 MB: V8 doubled its young generation twice (16 → 64 MB) because every collection
// saw the batches in flight survive, and the request bodies that Node's fetch copies (two
// copies of each ~100 KB body, outside the V8 heap) piled up in the old generation until
// a full collection came, which V8 schedules by heap size, not by those copies' size.
// Peak RSS went 120 MB (10,000) → 175 MB (100,000) → 220 MB (300,000).
import v8 from 'node:v8';
import vm from 'node:vm';

let youngGenerationCapped = false;

/**
 * Keeps V8's young generation near its starting size (a few MB) for the life of the
 * process, instead of doubling it under sustained allocation up to 64 MB. Called
 * once by each host of the kiosk (Electron main, web host, admin CLI). The flag is read by
 * V8 at every resize, so setting it at run time works; `--max-semi-space-size` would not
 * (it is read once at start, and Electron's main process takes no js-flags after launch).
 */
export function capYoungGeneration(): void {
  if (youngGenerationCapped) return;
  v8.setFlagsFromString('--semi-space-growth-factor=1');
  youngGenerationCapped = true;
}

type FullCollection = () => void;
let fullCollection: FullCollection | null | undefined;

/** V8's own collector, exposed at run time the way Jest's leak detector does it. */
function getFullCollection(): FullCollection | null {
  if (fullCollection !== undefined) return fullCollection;
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    fullCollection = typeof gc === 'function' ? () => (gc as (o: object) => void)({ type: 'major', execution: 'sync' }) : null;
  } catch {
    fullCollection = null;
  }
  return fullCollection;
}

/**
 * Memory outside the V8 heap that V8 knows about, most of it ArrayBuffers (request and
 * response bytes). From V8 directly: process.memoryUsage() also reads the RSS from the OS,
 * and at 0.27 ms a call it was 6% of a drain's CPU when asked after every batch.
 */
export const arrayBufferBytes = (): number => v8.getHeapStatistics().external_memory;

export interface ExternalMemoryReclaimer {
  /** Called after each batch is settled: collects once the garbage has grown by the limit. */
  afterBatch(): void;
  /** Full collections this reclaimer has run (for tests). */
  readonly collections: number;
}

/**
 * Runs a full collection whenever external memory has grown by `growthBytes` since the
 * last one. At the default 8 MB a 100,000-rating drain ran 1 to 7 of them (V8's own
 * collections free the rest), about 2% of its CPU. Growth, not an absolute level, so that
 * memory the process keeps on purpose (an export being written) never makes it collect
 * after every batch.
 */
export function createExternalMemoryReclaimer(growthBytes = 8 * 1024 * 1024): ExternalMemoryReclaimer {
  const collect = getFullCollection();
  let baseline = arrayBufferBytes();
  let collections = 0;
  return {
    afterBatch() {
      if (collect === null) return;
      if (arrayBufferBytes() - baseline < growthBytes) return;
      collect();
      collections++;
      baseline = arrayBufferBytes();
    },
    get collections() {
      return collections;
    },
  };
}
