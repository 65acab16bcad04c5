import { useCallback, useEffect, useRef, useState, type PointerEvent } from 'react';

/** Long enough to be seen after a very quick tap, short enough never to look stuck. */
const RELEASE_DELAY_MS = 160;
/** Touch screens sometimes lose the pointerup (a palm, a swipe off the glass). */
const STUCK_LIMIT_MS = 1_500;

export interface PressFeedback {
  pressed: boolean;
  handlers: {
    onPointerDown: (e: PointerEvent) => void;
    onPointerUp: () => void;
    onPointerCancel: () => void;
    onPointerLeave: () => void;
  };
}

/** A pressed-state class alongside :active, which some touch browsers never clear or never show. */
export function usePressFeedback(): PressFeedback {
  const [pressed, setPressed] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const releaseAfter = useCallback((ms: number) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setPressed(false), ms);
  }, []);

  useEffect(() => () => clearTimeout(timer.current), []);

  const onPointerDown = useCallback(
    (e: PointerEvent) => {
      if (e.button !== 0) return;
      setPressed(true);
      releaseAfter(STUCK_LIMIT_MS);
    },
    [releaseAfter],
  );
  const onRelease = useCallback(() => releaseAfter(RELEASE_DELAY_MS), [releaseAfter]);

  return { pressed, handlers: { onPointerDown, onPointerUp: onRelease, onPointerCancel: onRelease, onPointerLeave: onRelease } };
}
