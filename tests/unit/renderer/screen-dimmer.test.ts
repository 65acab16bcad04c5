// The dark layer over the idle screen outside office hours: dark at once when the idle screen
// shows out of hours, lit in hours, woken by a touch that does nothing else (the layer stays
// until the touch is over), dark again after SCREEN_WAKE_MS without a touch.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isWithinOfficeHours, type OfficeHours } from '../../../shared/office-hours';
import { createDimmer, HOURS_CHECK_MS, SCREEN_WAKE_MS, WAKE_GUARD_MS, WAKE_STUCK_MS, type DimPhase } from '../../../renderer/src/hooks/screen-dimmer';

const HOURS: OfficeHours = { days: [1, 2, 3, 4, 5], start: '07:00', end: '17:30' };
const vn = (local: string) => Date.parse(`${local}+07:00`);
/** Tuesday evening, after closing. */
const EVENING = vn('2026-12-01T20:00:00');
/** Tuesday morning, open. */
const MORNING = vn('2026-12-01T09:00:00');

function start(now: number) {
  vi.setSystemTime(now);
  const phases: DimPhase[] = [];
  const dimmer = createDimmer({
    now: () => Date.now(),
    isRestTime: (ms) => !isWithinOfficeHours(ms, HOURS, 'Asia/Ho_Chi_Minh'),
    onChange: (p) => phases.push(p),
  });
  return { dimmer, phases };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('the screen dimmer', () => {
  it('darkens the idle screen at once outside office hours and leaves it lit inside them', () => {
    const evening = start(EVENING);
    evening.dimmer.setActive(true);
    expect(evening.dimmer.phase()).toBe('dimmed');
    evening.dimmer.stop();

    const morning = start(MORNING);
    morning.dimmer.setActive(true);
    vi.advanceTimersByTime(60 * 60_000);
    expect(morning.dimmer.phase()).toBe('awake');
    expect(morning.phases).toEqual([]);
    morning.dimmer.stop();
  });

  it('wakes on a touch only once the touch is over and a double tap has passed, then darkens after the idle time', () => {
    const { dimmer, phases } = start(EVENING);
    dimmer.setActive(true);
    dimmer.pressLayer();
    expect(dimmer.phase()).toBe('waking');
    // The finger stays down: the layer stays, see-through, taking this touch.
    vi.advanceTimersByTime(WAKE_GUARD_MS * 2);
    expect(dimmer.phase()).toBe('waking');
    dimmer.releaseLayer();
    vi.advanceTimersByTime(WAKE_GUARD_MS - 1);
    expect(dimmer.phase()).toBe('waking');
    // The tap's click arrives after the lift: still the layer's, and the guard starts over.
    dimmer.releaseLayer();
    vi.advanceTimersByTime(WAKE_GUARD_MS - 1);
    expect(dimmer.phase()).toBe('waking');
    vi.advanceTimersByTime(1);
    expect(dimmer.phase()).toBe('awake');

    // Lit for SCREEN_WAKE_MS after the touch (pressed at EVENING), not a moment less.
    vi.advanceTimersByTime(EVENING + SCREEN_WAKE_MS - 1 - Date.now());
    expect(dimmer.phase()).toBe('awake');
    vi.advanceTimersByTime(1);
    expect(dimmer.phase()).toBe('dimmed');
    expect(phases).toEqual(['dimmed', 'waking', 'awake', 'dimmed']);
    dimmer.stop();
  });

  it('stays lit while the citizen keeps touching the screen', () => {
    const { dimmer } = start(EVENING);
    dimmer.setActive(true);
    dimmer.pressLayer();
    dimmer.releaseLayer();
    vi.advanceTimersByTime(WAKE_GUARD_MS);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(SCREEN_WAKE_MS - 1_000);
      dimmer.noteActivity();
    }
    expect(dimmer.phase()).toBe('awake');
    vi.advanceTimersByTime(SCREEN_WAKE_MS);
    expect(dimmer.phase()).toBe('dimmed');
    dimmer.stop();
  });

  it('still wakes when the lift of the waking touch never arrives', () => {
    const { dimmer } = start(EVENING);
    dimmer.setActive(true);
    dimmer.pressLayer();
    vi.advanceTimersByTime(WAKE_STUCK_MS - 1);
    expect(dimmer.phase()).toBe('waking');
    vi.advanceTimersByTime(1);
    expect(dimmer.phase()).toBe('awake');
    dimmer.stop();
  });

  it('wakes on a click with no press before it (Enter on the layer) the same guarded way', () => {
    const { dimmer } = start(EVENING);
    dimmer.setActive(true);
    dimmer.releaseLayer();
    expect(dimmer.phase()).toBe('waking');
    vi.advanceTimersByTime(WAKE_GUARD_MS);
    expect(dimmer.phase()).toBe('awake');
    dimmer.stop();
  });

  it('ignores a press on a layer that is not there', () => {
    const { dimmer, phases } = start(MORNING);
    dimmer.setActive(true);
    dimmer.pressLayer();
    dimmer.releaseLayer();
    expect(dimmer.phase()).toBe('awake');
    expect(phases).toEqual([]);
    dimmer.stop();
  });

  it('darkens when the centre closes and lights up by itself when it opens', () => {
    const { dimmer } = start(vn('2026-12-01T17:29:00'));
    dimmer.setActive(true);
    expect(dimmer.phase()).toBe('awake');
    vi.advanceTimersByTime(60_000 + HOURS_CHECK_MS);
    expect(dimmer.phase()).toBe('dimmed');
    // Through the night to Wednesday 07:00.
    vi.advanceTimersByTime(vn('2026-12-02T07:00:00') - Date.now() - 1);
    expect(dimmer.phase()).toBe('dimmed');
    vi.advanceTimersByTime(HOURS_CHECK_MS + 1);
    expect(dimmer.phase()).toBe('awake');
    dimmer.stop();
  });

  it('is lit on every other screen, and dark on return to the idle screen only when due', () => {
    const { dimmer } = start(EVENING);
    dimmer.setActive(true);
    expect(dimmer.phase()).toBe('dimmed');
    dimmer.setActive(false);
    expect(dimmer.phase()).toBe('awake');
    vi.advanceTimersByTime(10 * SCREEN_WAKE_MS);
    expect(dimmer.phase()).toBe('awake');
    // A rating was just made (the last touch on the thank-you screen): lit for a while yet.
    dimmer.noteActivity();
    vi.advanceTimersByTime(5_000);
    dimmer.setActive(true);
    expect(dimmer.phase()).toBe('awake');
    vi.advanceTimersByTime(SCREEN_WAKE_MS - 5_000);
    expect(dimmer.phase()).toBe('dimmed');
    dimmer.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
