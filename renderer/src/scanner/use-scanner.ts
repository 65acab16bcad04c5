import { useEffect, useRef } from 'react';
import { createScanDetector } from './scan-detector';

/**
 * Calls `onScan` with the text of each scan from a keyboard-emulating scanner, on any screen.
 * Listens in the capture phase so that no screen's own key handling can hide a scan, and
 * swallows the scan's closing Enter so that it does not press a focused button.
 * The latest `onScan` is used, so a fresh closure on every render does not re-subscribe.
 */
export function useScanner(onScan: (text: string) => void, enabled = true, onGarbled: () => void = () => {}): void {
  const callback = useRef(onScan);
  const garbled = useRef(onGarbled);
  useEffect(() => {
    callback.current = onScan;
    garbled.current = onGarbled;
  }, [onScan, onGarbled]);

  useEffect(() => {
    if (!enabled) return;
    const detector = createScanDetector();
    const onKeyDown = (event: KeyboardEvent) => {
      // Held keys, IME composition and shortcuts are never a scanner's output.
      if (event.repeat || event.isComposing || event.ctrlKey || event.altKey || event.metaKey) return;
      const at = event.timeStamp > 0 ? event.timeStamp : performance.now();
      const result = detector.feed(event.key, at);
      if (result.kind === 'none') return;
      event.preventDefault();
      if (result.kind === 'scan') callback.current(result.text);
      else garbled.current();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [enabled]);
}
