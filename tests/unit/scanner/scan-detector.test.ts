import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScanDetector, type ScanDetectorOptions, type ScanEvent } from '../../../renderer/src/scanner/scan-detector';

const CODE = '000.00.31.H21-261201-0042';
const URL = 'https://dichvucong.gialai.gov.vn/tra-cuu?ma=000.00.31.H21-261201-0042&lang=vi';

interface Key {
  key: string;
  /** Milliseconds since the previous key. */
  gap: number;
}

/**
 * The keys a keyboard-emulating device sends for `text`, `gapMs` apart, each capital
 * wrapped in Shift the way scanners type them (Shift lands 1–2 ms before the letter).
 */
function keysFor(text: string, gapMs: number, withShift = true): Key[] {
  const keys: Key[] = [];
  for (const ch of text) {
    if (withShift && ch !== ch.toLowerCase()) {
      keys.push({ key: 'Shift', gap: Math.max(0, gapMs - 2) }, { key: ch, gap: Math.min(2, gapMs) });
    } else keys.push({ key: ch, gap: gapMs });
  }
  return keys;
}

const enter = (gap: number): Key => ({ key: 'Enter', gap });

/** Feeds the keys from `startMs` on; returns every event and the text of every scan. */
function play(keys: Key[], opts?: ScanDetectorOptions, startMs = 1000): { scans: string[]; events: ScanEvent[] } {
  const detector = createScanDetector(opts);
  let t = startMs;
  const events: ScanEvent[] = [];
  for (const k of keys) {
    t += k.gap;
    events.push(detector.feed(k.key, t));
  }
  return { scans: events.flatMap((e) => (e.kind === 'scan' ? [e.text] : [])), events };
}

describe('scan detector: scanners', () => {
  it.each([5, 10, 20, 30])('recognises a scan at %i ms between keys, capitals typed with Shift', (gap) => {
    expect(play([...keysFor(CODE, gap), enter(gap)]).scans).toEqual([CODE]);
    expect(play([...keysFor(URL, gap), enter(gap)]).scans).toEqual([URL]);
    expect(play([...keysFor('AbCd', gap), enter(gap)]).scans).toEqual(['AbCd']);
  });

  it('lets Shift, CapsLock and other modifiers neither break a burst nor reset its timing', () => {
    const keys: Key[] = [];
    for (const ch of 'ABCD1234') keys.push({ key: 'Shift', gap: 20 }, { key: 'CapsLock', gap: 20 }, { key: ch, gap: 5 });
    // 45 ms from character to character, with two modifiers in each gap.
    expect(play([...keys, { key: 'Control', gap: 20 }, enter(20)]).scans).toEqual(['ABCD1234']);
    // A modifier does not restart the clock: 40 + 40 ms from the last character is too slow.
    expect(play([...keysFor('ABCD', 10), { key: 'Shift', gap: 40 }, enter(40)]).scans).toEqual([]);
    const split = [...keysFor('ABCD', 10), { key: 'Shift', gap: 40 }, { key: 'E', gap: 40 }, ...keysFor('FG', 10), enter(10)];
    expect(play(split).scans).toEqual([]);
  });

  it('recognises a scan after a person typed slowly, with exactly the scan text', () => {
    const keys = [...keysFor('hello', 150), ...keysFor(CODE, 10).map((k, i) => (i === 0 ? { ...k, gap: 400 } : k)), enter(10)];
    expect(play(keys).scans).toEqual([CODE]);
  });

  it('calls a scan with a hiccup inside it garbled, never a shorter code', () => {
    // "00" then a 120 ms stall, then the rest: what is left still matches the dossier pattern.
    const stalled = keysFor(CODE, 10).map((k, i) => (i === 2 ? { ...k, gap: 120 } : k));
    const { scans, events } = play([...stalled, enter(10)]);
    expect(scans).toEqual([]);
    expect(events.at(-1)).toEqual({ kind: 'garbled' });
    // A stall after the very first character is caught the same way.
    const first = keysFor(CODE, 10).map((k, i) => (i === 1 ? { ...k, gap: 300 } : k));
    expect(play([...first, enter(10)]).events.at(-1)).toEqual({ kind: 'garbled' });
    // Past the hiccup window the earlier key is unrelated, and the scan stands.
    const apart = keysFor(CODE, 10).map((k, i) => (i === 1 ? { ...k, gap: 301 } : k));
    expect(play([...apart, enter(10)]).scans).toEqual([CODE.slice(1)]);
    // A person typing slowly, then Enter, is still nothing at all.
    expect(play([...keysFor('HELLO', 150, false), enter(150)]).events.every((e) => e.kind === 'none')).toBe(true);
  });

  it('recognises two scans in a row, and Enter pressed by a person in between does nothing', () => {
    const keys = [...keysFor(CODE, 10), enter(10), enter(400), ...keysFor('HS000123', 8), enter(8)];
    expect(play(keys).scans).toEqual([CODE, 'HS000123']);
  });

  it('accepts NumpadEnter as the end of a scan', () => {
    expect(play([...keysFor(CODE, 10), { key: 'NumpadEnter', gap: 10 }]).scans).toEqual([CODE]);
  });

  it('reports a scan only on the Enter, never before', () => {
    const { events } = play([...keysFor(CODE, 10), enter(10)]);
    expect(events.slice(0, -1).every((e) => e.kind === 'none')).toBe(true);
    expect(events.at(-1)).toEqual({ kind: 'scan', text: CODE });
  });
});

describe('scan detector: people', () => {
  it.each([80, 100, 150])('never takes typing at %i ms between keys for a scan', (gap) => {
    expect(play([...keysFor('hello', gap), enter(gap)]).scans).toEqual([]);
    expect(play([...keysFor(CODE, gap), enter(gap)]).scans).toEqual([]);
    expect(play([...keysFor(URL.repeat(10), gap), enter(gap)]).scans).toEqual([]);
    expect(play([...keysFor(CODE, gap, false), enter(5)]).scans).toEqual([]);
  });

  it('never takes a string typed with every gap of 80 ms or more for a scan', () => {
    const key = fc.oneof(
      fc.string({ minLength: 1, maxLength: 1 }),
      fc.constantFrom('Enter', 'Shift', 'CapsLock', 'Backspace', 'Tab', 'Dead', 'Unidentified', 'ArrowLeft', ' '),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.integer({ min: 80, max: 5000 })), { maxLength: 300 }), (typed) => {
        // Modifiers are ignored, so their own gaps do not count: what matters is that every
        // other key comes 80 ms or more after the previous non-modifier key.
        const keys = typed.map(([k, gap]) => ({ key: k, gap }));
        expect(play(keys).scans).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('ignores bursts shorter than minLength', () => {
    expect(play([...keysFor('abc', 5), enter(5)]).scans).toEqual([]);
    expect(play([...keysFor('abcd', 5), enter(5)]).scans).toEqual(['abcd']);
    expect(play([...keysFor('ab', 5), enter(5)], { minLength: 2 }).scans).toEqual(['ab']);
    expect(play([enter(5)], { minLength: 0 }).scans).toEqual([]);
  });

  it('refuses bursts longer than maxLength', () => {
    expect(play([...keysFor('x'.repeat(11), 5), enter(5)], { maxLength: 10 }).scans).toEqual([]);
    expect(play([...keysFor('x'.repeat(10), 5), enter(5)], { maxLength: 10 }).scans).toEqual(['x'.repeat(10)]);
    // The overflow is forgotten with the burst: the next scan counts.
    const keys = [...keysFor('x'.repeat(11), 5), enter(5), ...keysFor('y'.repeat(6), 5), enter(5)];
    expect(play(keys, { maxLength: 10 }).scans).toEqual(['yyyyyy']);
  });

  it.each(['Backspace', 'Tab', 'ArrowLeft', 'Escape', 'Unidentified', 'Dead', 'F5', '\x7f', '\u0000'])('resets on %j', (key) => {
    const keys = [...keysFor('AB12', 5), { key, gap: 5 }, ...keysFor('CD', 5), enter(5)];
    expect(play(keys).scans).toEqual([]);
    // …and a full burst after it still counts, without the earlier characters.
    const again = [...keysFor('AB12', 5), { key, gap: 5 }, ...keysFor('CD34', 5), enter(5)];
    expect(play(again).scans).toEqual(['CD34']);
  });

  it('forgets the burst on reset()', () => {
    const d = createScanDetector();
    for (const [i, ch] of [...'ABCD'].entries()) d.feed(ch, 100 + i * 5);
    d.reset();
    expect(d.feed('Enter', 125)).toEqual({ kind: 'none' });
  });

  it('treats a clock that runs backwards as a slow gap', () => {
    expect(play([...keysFor('ABCD', 5), { key: 'E', gap: -5 }, enter(5)]).scans).toEqual([]);
  });
});

describe('scan detector: the maxGapMs boundary', () => {
  it('keeps a gap of exactly maxGapMs inside the burst, between characters and before Enter', () => {
    expect(play([...keysFor('ABCDEF', 50, false), enter(50)]).scans).toEqual(['ABCDEF']);
    expect(play([...keysFor('ABCDEF', 30, false), enter(30)], { maxGapMs: 30 }).scans).toEqual(['ABCDEF']);
  });

  it('splits the burst at a gap of maxGapMs + 1 between characters', () => {
    const keys = [...keysFor('ABC', 10), { key: 'D', gap: 51 }, ...keysFor('EF', 10), enter(10)];
    expect(play(keys).scans).toEqual([]);
    const longer = [...keysFor('ABC', 10), { key: 'D', gap: 51 }, ...keysFor('EFG', 10), enter(10)];
    expect(play(longer).events.at(-1)).toEqual({ kind: 'garbled' });
    expect(play(longer, { hiccupMs: 50 }).scans).toEqual(['DEFG']);
  });

  it('refuses an Enter that comes maxGapMs + 1 after the last character', () => {
    expect(play([...keysFor('ABCDEF', 10), enter(51)]).scans).toEqual([]);
    expect(play([...keysFor('ABCDEF', 10), enter(31)], { maxGapMs: 30 }).scans).toEqual([]);
  });
});
