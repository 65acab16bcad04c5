// The two measures that keep a long upload drain from growing the kiosk process: a young
// generation that stays at its starting size, and a full collection once request bytes
// have piled up. Both are checked against V8 itself, not against a stand-in.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { arrayBufferBytes, createExternalMemoryReclaimer } from '../../../electron/services/memory-bounds';
import { REPO_ROOT } from '../../support/web-host';

const MB = 1024 * 1024;

/** Bytes becoming garbage after a short life, as the bodies of batches in flight do. */
function bodiesInFlight(totalBytes: number): Buffer[] {
  return Array.from({ length: Math.ceil(totalBytes / 100_000) }, (_, i) => Buffer.alloc(100_000, i % 256));
}

async function settledBytes(): Promise<number> {
  // V8 may finish freeing ArrayBuffers on a helper thread just after the collection.
  let bytes = arrayBufferBytes();
  for (let i = 0; i < 50 && bytes > 0; i++) {
    await new Promise((r) => setTimeout(r, 10));
    const now = arrayBufferBytes();
    if (now >= bytes) break;
    bytes = now;
  }
  return bytes;
}

describe('external memory reclaimer', () => {
  it('runs a full collection once request bytes have grown by the limit, and they are freed', async () => {
    const reclaimer = createExternalMemoryReclaimer(8 * MB);
    const before = arrayBufferBytes();
    let held: Buffer[] | null = bodiesInFlight(12 * MB);
    const grown = arrayBufferBytes();
    expect(grown - before).toBeGreaterThanOrEqual(12 * MB);
    held = null;
    reclaimer.afterBatch();
    expect(held).toBeNull();
    expect(reclaimer.collections).toBe(1);
    expect(await settledBytes()).toBeLessThan(grown - 10 * MB);
  });

  it('leaves V8 alone while the growth stays under the limit', () => {
    const reclaimer = createExternalMemoryReclaimer(8 * MB);
    const held = bodiesInFlight(2 * MB);
    reclaimer.afterBatch();
    expect(held).toHaveLength(21);
    expect(reclaimer.collections).toBe(0);
  });

  it('measures growth from the last collection, so bytes kept on purpose do not make it collect every batch', () => {
    const reclaimer = createExternalMemoryReclaimer(8 * MB);
    const kept = bodiesInFlight(10 * MB); // an export being written, say
    reclaimer.afterBatch();
    reclaimer.afterBatch();
    reclaimer.afterBatch();
    expect(kept).toHaveLength(105);
    expect(reclaimer.collections).toBe(1);
  });
});

describe('capYoungGeneration', () => {
  // A fresh process each time: the flag is process-wide and cannot be taken back.
  const script = `
    import v8 from 'node:v8';
    import { capYoungGeneration } from './electron/services/memory-bounds.ts';
    const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    if (process.env.CAP_YOUNG === '1') capYoungGeneration();
    const start = newSpace();
    let largest = start;
    // Objects that outlive a collection or two, as a batch's do while it is in flight.
    let window = [];
    for (let i = 0; i < 1_500_000; i++) {
      window.push({ i, text: 'rating ' + i });
      if (window.length > 40_000) window = window.slice(20_000);
      if (i % 1000 === 0) largest = Math.max(largest, newSpace());
    }
    process.stdout.write(JSON.stringify({ start, largest }));
  `;
  const run = (mode: 'cap' | 'default') => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, CAP_YOUNG: mode === 'cap' ? '1' : '0' },
    });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { start: number; largest: number };
  };

  it('keeps the young generation near its starting size under load that makes V8 double it again and again', () => {
    const uncapped = run('default');
    expect(uncapped.largest).toBeGreaterThanOrEqual(8 * uncapped.start);
    const capped = run('cap');
    expect(capped.largest).toBeLessThanOrEqual(2 * capped.start);
  });
});
