// The position of a JSON syntax error is computed by our own scanner (JSON.parse's message
// quotes the file). It must agree with JSON.parse on what is valid, or a broken file could
// be reported at the wrong place, or a valid one as broken.
import { describe, expect, it } from 'vitest';
import { lineAndColumn, locateJsonError } from '../../../electron/services/json-error-location';

const SAMPLE = `{
  "unit": { "code": "PKU", "name": "Phường Pleiku \\"Hội\\" \\u00e0\\n" },
  "kiosk": { "id": "k-01", "counterId": null },
  "counters": [ { "id": "Q1", "name": "Quầy 1" }, [], {} ],
  "misuse": { "cooldownSeconds": 0.5, "burstCount": -5e+2, "burstWindowSeconds": 1E3 },
  "flags": [true, false, null, 0, -0.25, 12e-1]
}
`;

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe('locating a JSON syntax error', () => {
  it('finds nothing wrong in valid JSON', () => {
    for (const text of [SAMPLE, '0', '"x"', '[]', '{}', ' true ', '-1.5e10', '[[[{"a":[1]}]]]']) expect(locateJsonError(text), text).toBeNull();
  });

  it('agrees with JSON.parse on every prefix, and puts the error of a cut text at its end', () => {
    for (let n = 0; n < SAMPLE.length; n++) {
      const prefix = SAMPLE.slice(0, n);
      const located = locateJsonError(prefix);
      expect(located === null, `prefix of ${n}`).toBe(parses(prefix));
      // Every proper prefix of an object is cut short; where it stops is the end of the text.
      if (located && prefix.trim() !== '') expect(located.atEnd, `prefix of ${n}`).toBe(true);
    }
  });

  it('agrees with JSON.parse when any one character is replaced, and never points past the fault', () => {
    const replacements = ['x', '"', ',', '}', ']', '\u0001', '\\', '0', ' ', '{'];
    for (let i = 0; i < SAMPLE.length; i++) {
      for (const r of replacements) {
        const text = SAMPLE.slice(0, i) + r + SAMPLE.slice(i + 1);
        const located = locateJsonError(text);
        expect(located === null, `${JSON.stringify(r)} at ${i}`).toBe(parses(text));
        // The text before the changed character was valid so far, so the fault is not earlier.
        if (located) expect(located.offset, `${JSON.stringify(r)} at ${i}`).toBeGreaterThanOrEqual(i);
      }
    }
  });

  it.each([
    ['{ "a": 1 } x', 11, false],
    ['{ "a": 01 }', 8, false],
    ['{ "a": 1, }', 10, false],
    ['{ "a" 1 }', 6, false],
    ['{ "a": "\\q" }', 9, false],
    ['{ "a": "\\u12G4" }', 12, false],
    ['{ "a": tru }', 10, false],
    ['{ "a": 1.', 9, true],
    ['{ "a": "abc', 11, true],
    ['[1, 2', 5, true],
    ["{ 'a': 1 }", 2, false],
  ])('%s: offset %i', (text, offset, atEnd) => {
    expect(locateJsonError(text)).toMatchObject({ offset, atEnd });
    expect(parses(text)).toBe(false);
  });

  it('counts lines and columns from 1, a column in code points', () => {
    expect(lineAndColumn('ab\ncd\r\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd\r\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab\ncd\r\nef', 8)).toEqual({ line: 3, column: 2 });
    expect(locateJsonError('{\n  "a": "😀😀" x }')).toMatchObject({ line: 2, column: 13 });
  });

  it('reports a deeply nested file without exhausting the stack', () => {
    const deep = '['.repeat(200_000);
    expect(locateJsonError(deep)).toMatchObject({ offset: 200_000, atEnd: true });
    expect(locateJsonError(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toBeNull();
  });
});
