import { describe, expect, it } from 'vitest';
import { backoffDelayMs, parseRetryAfterMs } from '../../../electron/services/sync/backoff';

describe('backoffDelayMs', () => {
  it('doubles from the base up to the cap, with half of each delay random', () => {
    const max = () => 1;
    const min = () => 0;
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelayMs(n, 30_000, 900_000, max))).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000]);
    expect(backoffDelayMs(1, 30_000, 900_000, min)).toBe(15_000);
    expect(backoffDelayMs(50, 30_000, 900_000, min)).toBe(450_000);
  });

  it('spreads kiosks out: different random draws give different delays inside the window', () => {
    const delays = [0.1, 0.5, 0.9].map((r) => backoffDelayMs(3, 1000, 60_000, () => r));
    expect(new Set(delays).size).toBe(3);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(2000);
    for (const d of delays) expect(d).toBeLessThanOrEqual(4000);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-03-01T00:00:00Z');
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfterMs('7', now)).toBe(7000);
    expect(parseRetryAfterMs(' 0.5 ', now)).toBe(500);
    expect(parseRetryAfterMs('Sun, 01 Mar 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfterMs('Sat, 28 Feb 2026 00:00:00 GMT', now)).toBe(0);
  });
  it('ignores missing, garbage and absurd values', () => {
    expect(parseRetryAfterMs(null, now)).toBeNull();
    expect(parseRetryAfterMs('soon', now)).toBeNull();
    expect(parseRetryAfterMs('-5', now)).toBeNull();
    expect(parseRetryAfterMs(String(3 * 86400), now)).toBeNull();
  });
});
