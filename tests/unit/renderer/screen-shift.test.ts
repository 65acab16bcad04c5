// The idle content's slow walk against burn-in: one small step every few minutes, around a
// circle no wider than the screen's padding, and never while someone is touching the screen.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createShiftSchedule,
  orbitIndexAt,
  SHIFT_ORBIT,
  SHIFT_QUIET_MS,
  SHIFT_RADIUS_PX,
  SHIFT_STEP_MS,
  type ShiftOffset,
} from '../../../renderer/src/hooks/screen-shift';

/** A step boundary plus half a step: well inside a step, so the next one is STEP/2 away. */
const T0 = Math.ceil(Date.UTC(2026, 11, 1, 15) / SHIFT_STEP_MS) * SHIFT_STEP_MS + SHIFT_STEP_MS / 2;

function start() {
  const moves: ShiftOffset[] = [];
  const schedule = createShiftSchedule({ now: () => Date.now(), onMove: (o) => moves.push(o) });
  return { schedule, moves };
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => vi.useRealTimers());

describe('the orbit', () => {
  it('stays within the radius on both axes, in whole pixels, and visits eight different points', () => {
    expect(SHIFT_RADIUS_PX).toBeLessThanOrEqual(8);
    for (const o of SHIFT_ORBIT) {
      expect(Math.abs(o.x)).toBeLessThanOrEqual(SHIFT_RADIUS_PX);
      expect(Math.abs(o.y)).toBeLessThanOrEqual(SHIFT_RADIUS_PX);
      expect(Number.isInteger(o.x) && Number.isInteger(o.y)).toBe(true);
    }
    expect(new Set(SHIFT_ORBIT.map((o) => `${o.x},${o.y}`)).size).toBe(8);
  });

  it('moves to the neighbouring point each step, never across the circle', () => {
    for (let i = 0; i < SHIFT_ORBIT.length; i++) {
      const a = SHIFT_ORBIT[i]!;
      const b = SHIFT_ORBIT[(i + 1) % SHIFT_ORBIT.length]!;
      expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThanOrEqual(SHIFT_RADIUS_PX);
    }
  });

  it('is read off the clock: the same point for the whole step, the next one after it', () => {
    const i = orbitIndexAt(T0);
    expect(orbitIndexAt(T0 + SHIFT_STEP_MS / 2 - 1)).toBe(i);
    expect(orbitIndexAt(T0 + SHIFT_STEP_MS / 2)).toBe((i + 1) % 8);
    expect(orbitIndexAt(T0 + 8 * SHIFT_STEP_MS)).toBe(i);
  });
});

describe('the shift schedule', () => {
  it('shows the current point when the idle screen appears, then steps once per step time', () => {
    const { schedule, moves } = start();
    schedule.setActive(true);
    expect(moves).toEqual([SHIFT_ORBIT[orbitIndexAt(T0)]]);

    vi.advanceTimersByTime(SHIFT_STEP_MS / 2 - 1);
    expect(moves).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(moves).toHaveLength(2);
    vi.advanceTimersByTime(7 * SHIFT_STEP_MS);
    expect(moves).toHaveLength(9);
    // A full circle, each point once, back where it began.
    expect(new Set(moves.slice(1).map((o) => `${o.x},${o.y}`)).size).toBe(8);
    expect(moves.at(-1)).toEqual(moves[0]);
    expect(schedule.offset()).toEqual(moves.at(-1));
    schedule.stop();
  });

  it('holds still while the screen is being touched and steps once it has been quiet', () => {
    const { schedule, moves } = start();
    schedule.setActive(true);
    // A touch one second before the step is due: the step waits for SHIFT_QUIET_MS after it.
    vi.advanceTimersByTime(SHIFT_STEP_MS / 2 - 1_000);
    schedule.noteActivity();
    vi.advanceTimersByTime(SHIFT_QUIET_MS - 1);
    expect(moves).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(moves).toHaveLength(2);
    expect(moves[1]).toEqual(SHIFT_ORBIT[(orbitIndexAt(T0) + 1) % 8]);
    schedule.stop();
  });

  it('never moves during a long stretch of tapping, however many steps fall due', () => {
    const { schedule, moves } = start();
    schedule.setActive(true);
    for (let t = 0; t < 4 * SHIFT_STEP_MS; t += 5_000) {
      schedule.noteActivity();
      vi.advanceTimersByTime(5_000);
    }
    expect(moves).toHaveLength(1);
    // Quiet again: one move straight to the point now due, not a replay of the missed ones.
    vi.advanceTimersByTime(SHIFT_QUIET_MS);
    expect(moves).toHaveLength(2);
    expect(moves[1]).toEqual(SHIFT_ORBIT[orbitIndexAt(Date.now())]);
    schedule.stop();
  });

  it('holds while another screen shows and catches up when the idle screen returns', () => {
    const { schedule, moves } = start();
    schedule.setActive(true);
    schedule.setActive(false);
    vi.advanceTimersByTime(3 * SHIFT_STEP_MS);
    expect(moves).toHaveLength(1);
    schedule.setActive(true);
    expect(moves).toHaveLength(2);
    expect(moves[1]).toEqual(SHIFT_ORBIT[(orbitIndexAt(T0) + 3) % 8]);
    schedule.stop();
  });

  it('waits for quiet when the idle screen returns right after a rating', () => {
    const { schedule, moves } = start();
    schedule.noteActivity();
    vi.advanceTimersByTime(2_000);
    schedule.setActive(true);
    expect(moves).toEqual([]);
    vi.advanceTimersByTime(SHIFT_QUIET_MS - 2_000);
    expect(moves).toHaveLength(1);
    schedule.stop();
  });

  it('stops for good when stopped', () => {
    const { schedule, moves } = start();
    schedule.setActive(true);
    schedule.stop();
    vi.advanceTimersByTime(10 * SHIFT_STEP_MS);
    expect(moves).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
