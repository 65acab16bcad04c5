import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Calls `onTimeout` after `ms` unless `restart()` is called first (each touch restarts it).
 * The latest callback is used, so the caller may pass a fresh closure on every render.
 */
export function useRestartableTimeout(ms: number, onTimeout: () => void, enabled = true): { restart: () => void } {
  const callback = useRef(onTimeout);
  useEffect(() => {
    callback.current = onTimeout;
  }, [onTimeout]);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!enabled) return;
    const timer = setTimeout(() => callback.current(), ms);
    return () => clearTimeout(timer);
  }, [ms, enabled, generation]);

  const restart = useCallback(() => setGeneration((g) => g + 1), []);
  return { restart };
}

/**
 * False for the first `ms` after mount. A new screen ignores taps until then so that the
 * second tap of a double tap, landing where the previous screen had a button, does nothing.
 */
export function useArmed(ms = 400): boolean {
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setArmed(true), ms);
    return () => clearTimeout(timer);
  }, [ms]);
  return armed;
}
