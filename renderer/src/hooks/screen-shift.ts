// Burn-in care for a screen that shows the same idle picture for months: the idle content
// walks a small circle, one step every few minutes, so no edge stays on the same pixels.
// The step is taken only when nobody has touched the screen for a while, so a button never
// moves under a finger. Plain timers, no DOM: the hook (use-screen-care.ts) wraps it, and
// unit tests drive it with fake timers.

export interface ShiftOffset {
  x: number;
  y: number;
}

/** The largest move from the centre in either axis: less than the screen's own padding. */
export const SHIFT_RADIUS_PX = 8;
/** How long the content stays at one point of the circle. */
export const SHIFT_STEP_MS = 3 * 60_000;
/** No step within this long after a touch anywhere on the kiosk. */
export const SHIFT_QUIET_MS = 15_000;

/** Eight points around a circle of SHIFT_RADIUS_PX (the diagonals rounded to whole pixels, so text stays crisp). */
export const SHIFT_ORBIT: readonly ShiftOffset[] = [
  { x: 8, y: 0 },
  { x: 6, y: 6 },
  { x: 0, y: 8 },
  { x: -6, y: 6 },
  { x: -8, y: 0 },
  { x: -6, y: -6 },
  { x: 0, y: -8 },
  { x: 6, y: -6 },
];

/**
 * The point of the circle due at `nowMs`. Read off the clock rather than counted, so a new
 * idle screen after each rating (or a restart) carries on from where the last one was.
 */
export function orbitIndexAt(nowMs: number, stepMs = SHIFT_STEP_MS): number {
  const step = Math.floor(nowMs / stepMs);
  return ((step % SHIFT_ORBIT.length) + SHIFT_ORBIT.length) % SHIFT_ORBIT.length;
}

export interface ShiftScheduleOptions {
  now: () => number;
  /** Called with the new offset each time the content should move. */
  onMove: (offset: ShiftOffset) => void;
  stepMs?: number;
  quietMs?: number;
}

export interface ShiftSchedule {
  offset(): ShiftOffset;
  /** Only the idle screen moves; elsewhere the offset holds. */
  setActive(active: boolean): void;
  /** A touch anywhere: the next step waits until the screen has been quiet for a while. */
  noteActivity(): void;
  stop(): void;
}

export function createShiftSchedule(options: ShiftScheduleOptions): ShiftSchedule {
  const stepMs = options.stepMs ?? SHIFT_STEP_MS;
  const quietMs = options.quietMs ?? SHIFT_QUIET_MS;
  let index = orbitIndexAt(options.now(), stepMs);
  // The first step after activation is always reported, so a screen that mounted with an
  // older offset (the kiosk still loading its configuration) catches up.
  let reported = false;
  let lastActivity = Number.NEGATIVE_INFINITY;
  let active = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const arm = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(tick, Math.max(0, ms));
  };

  function tick() {
    timer = undefined;
    if (!active) return;
    const now = options.now();
    const quietAt = lastActivity + quietMs;
    if (now < quietAt) {
      arm(quietAt - now);
      return;
    }
    const due = orbitIndexAt(now, stepMs);
    if (due !== index || !reported) {
      index = due;
      reported = true;
      options.onMove(SHIFT_ORBIT[index]!);
    }
    arm((Math.floor(now / stepMs) + 1) * stepMs - now);
  }

  return {
    offset: () => SHIFT_ORBIT[index]!,
    setActive(next) {
      if (next === active) return;
      active = next;
      if (active) tick();
      else clearTimeout(timer);
    },
    noteActivity() {
      lastActivity = options.now();
    },
    stop() {
      active = false;
      clearTimeout(timer);
    },
  };
}
