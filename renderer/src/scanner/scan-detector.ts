// Tells a keyboard-emulating barcode/QR scanner from a person at a keyboard by rhythm alone:
// a scanner types a burst 5–30 ms apart ending in Enter, a person 80 ms or more apart.
// Pure (the clock is passed in) so the timing rules can be tested without a DOM.

export interface ScanDetectorOptions {
  /** Longest gap between two keys of one scan, Enter included. */
  maxGapMs?: number;
  /** Shorter bursts are a person's quick keys, not a scan. */
  minLength?: number;
  /** Longer bursts are refused, and the buffer stops growing past it. */
  maxLength?: number;
  /** A key this close before a burst (but past maxGapMs) marks the burst as cut short. */
  hiccupMs?: number;
}

/**
 * 'garbled': a scan's rhythm, but a key arrived just too late inside it (a USB or CPU
 * hiccup). The characters before the hiccup are lost, and what is left can still look like
 * a valid code ("0.00.31.H21-…" for "000.00.31.H21-…"), so it is neither kept nor dropped
 * silently: staff are asked to scan again.
 */
export type ScanEvent = { kind: 'scan'; text: string } | { kind: 'garbled' } | { kind: 'none' };

export interface ScanDetector {
  /** `key` is a KeyboardEvent.key value; `timeMs` a monotonic clock. */
  feed(key: string, timeMs: number): ScanEvent;
  reset(): void;
}

// Scanners press Shift around capitals (and may toggle Caps Lock), so these keys must
// neither end a burst nor count as a gap.
const MODIFIERS = new Set(['Shift', 'CapsLock', 'Control', 'Alt', 'AltGraph', 'Meta', 'NumLock', 'OS', 'Fn', 'Hyper', 'Super']);
const ENTER = new Set(['Enter', 'NumpadEnter']);
const NONE: ScanEvent = { kind: 'none' };

export function createScanDetector(opts: ScanDetectorOptions = {}): ScanDetector {
  const maxGapMs = opts.maxGapMs ?? 50;
  // At least one character, so that a lone Enter is never a scan.
  const minLength = Math.max(1, opts.minLength ?? 4);
  const maxLength = opts.maxLength ?? 2000;
  const hiccupMs = Math.max(maxGapMs, opts.hiccupMs ?? 300);

  let chars: string[] = [];
  let lastAt = 0;
  let overflow = false;
  let cutShort = false;

  function reset(): void {
    chars = [];
    overflow = false;
    cutShort = false;
  }

  // A clock that runs backwards or is not a number cannot vouch for a fast burst.
  const withinGap = (timeMs: number) => {
    const gap = timeMs - lastAt;
    return gap >= 0 && gap <= maxGapMs;
  };

  function feed(key: string, timeMs: number): ScanEvent {
    if (MODIFIERS.has(key)) return NONE;
    if (ENTER.has(key)) {
      const isScan = chars.length >= minLength && !overflow && withinGap(timeMs);
      const text = chars.join('');
      const garbled = cutShort;
      reset();
      if (!isScan) return NONE;
      return garbled ? { kind: 'garbled' } : { kind: 'scan', text };
    }
    if (!isPrintableCharacter(key)) {
      // Backspace, Tab, arrows, 'Unidentified', 'Dead' (a composing key)…: not a scanner.
      reset();
      return NONE;
    }
    // A slow gap ends a person's typing; a scan that follows still counts, unless the gap
    // was short enough to be a hiccup inside that very scan.
    if (chars.length > 0 && !withinGap(timeMs)) {
      const gap = timeMs - lastAt;
      reset();
      cutShort = gap >= 0 && gap <= hiccupMs;
    }
    if (chars.length < maxLength) chars.push(key);
    else overflow = true;
    lastAt = timeMs;
    return NONE;
  }

  return { feed, reset };
}

/** One character (named keys such as 'Tab' or 'F1' are longer), not a control character. */
function isPrintableCharacter(key: string): boolean {
  const points = [...key];
  if (points.length !== 1) return false;
  const cp = key.codePointAt(0)!;
  return cp >= 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp <= 0x9f);
}
