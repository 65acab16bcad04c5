// Outside office hours the idle screen goes dark (burn-in care for the nights and weekends it
// shows the same picture). A touch wakes it, and that touch does nothing else: the dark layer
// stays in place, already see-through, until the finger has lifted and the tap's click has
// landed on it, so a face under the finger is never rated by waking the screen. With no touch
// for SCREEN_WAKE_MS the screen goes dark again. Plain timers, no DOM, like screen-shift.ts.

/** `awake`: no layer. `dimmed`: the dark layer. `waking`: the layer, clear, still taking the touch that woke it. */
export type DimPhase = 'awake' | 'dimmed' | 'waking';

/** How long the screen stays lit after the last touch, outside office hours. */
export const SCREEN_WAKE_MS = 60_000;
/** After the waking touch is lifted, how long the layer keeps taking taps (a double tap's second half). */
export const WAKE_GUARD_MS = 400;
/** A waking touch whose lift never arrives (a palm, a swipe off the glass) still wakes the screen. */
export const WAKE_STUCK_MS = 1_500;
/** How often the office hours are looked at again while nothing else happens. */
export const HOURS_CHECK_MS = 30_000;

export interface DimmerOptions {
  now: () => number;
  /** True when the screen should rest (outside office hours, and dimming configured). */
  isRestTime: (nowMs: number) => boolean;
  onChange: (phase: DimPhase) => void;
  wakeMs?: number;
}

export interface Dimmer {
  phase(): DimPhase;
  /** Only the idle screen dims; any other screen is lit, and dims on return only when due. */
  setActive(active: boolean): void;
  /** A touch anywhere on the kiosk. */
  noteActivity(): void;
  /** The dark layer was touched: it clears at once but keeps taking this touch. */
  pressLayer(): void;
  /** The touch on the layer ended (lifted, cancelled, or its click arrived). */
  releaseLayer(): void;
  stop(): void;
}

export function createDimmer(options: DimmerOptions): Dimmer {
  const wakeMs = options.wakeMs ?? SCREEN_WAKE_MS;
  let phase: DimPhase = 'awake';
  let active = false;
  let lastActivity = Number.NEGATIVE_INFINITY;
  let check: ReturnType<typeof setTimeout> | undefined;
  let guard: ReturnType<typeof setTimeout> | undefined;

  const set = (next: DimPhase) => {
    if (next === phase) return;
    phase = next;
    options.onChange(phase);
  };

  function evaluate() {
    clearTimeout(check);
    check = undefined;
    if (!active || phase === 'waking') return;
    const now = options.now();
    const litUntil = lastActivity + wakeMs;
    const due = now >= litUntil && options.isRestTime(now);
    set(due ? 'dimmed' : 'awake');
    const untilLitEnds = litUntil - now;
    check = setTimeout(evaluate, untilLitEnds > 0 ? Math.min(untilLitEnds, HOURS_CHECK_MS) : HOURS_CHECK_MS);
  }

  const wake = () => {
    clearTimeout(guard);
    guard = undefined;
    if (phase === 'waking') set('awake');
    evaluate();
  };

  return {
    phase: () => phase,
    setActive(next) {
      if (next === active) return;
      active = next;
      if (active) {
        evaluate();
        return;
      }
      clearTimeout(check);
      clearTimeout(guard);
      set('awake');
    },
    noteActivity() {
      lastActivity = options.now();
      evaluate();
    },
    pressLayer() {
      if (phase === 'awake') return;
      lastActivity = options.now();
      set('waking');
      clearTimeout(guard);
      guard = setTimeout(wake, WAKE_STUCK_MS);
    },
    releaseLayer() {
      // A keyboard's Enter on the layer clicks it without a press first: it wakes the same way.
      if (phase === 'dimmed') {
        lastActivity = options.now();
        set('waking');
      }
      if (phase !== 'waking') return;
      clearTimeout(guard);
      guard = setTimeout(wake, WAKE_GUARD_MS);
    },
    stop() {
      active = false;
      clearTimeout(check);
      clearTimeout(guard);
    },
  };
}
