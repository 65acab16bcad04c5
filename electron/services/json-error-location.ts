// Where a JSON text stops being valid, as line and column. JSON.parse's own message is not
// used: V8 quotes a piece of the text in it ("Unexpected token … "…secret…" is not valid
// JSON"), and a configuration file holds the upload token. This scanner follows RFC 8259 as
// JSON.parse does and is only run once JSON.parse has already refused the text.

export interface JsonErrorLocation {
  /** UTF-16 offset of the first character that cannot continue valid JSON (text.length at the end). */
  offset: number;
  /** 1-based line and column; a column counts code points, so an emoji is one column. */
  line: number;
  column: number;
  /** The text ended while a value was still open: typically a file cut short. */
  atEnd: boolean;
}

type Expect = 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'colon' | 'comma-or-close' | 'end';

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX = /^[0-9a-fA-F]$/;

/** The location of the first syntax error, or null when the text is valid JSON. */
export function locateJsonError(text: string): JsonErrorLocation | null {
  const offset = firstErrorOffset(text);
  return offset === null ? null : { offset, ...lineAndColumn(text, offset), atEnd: offset >= text.length };
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (before.charCodeAt(i) === 10) line++;
  return { line, column: [...before.slice(lineStart)].length + 1 };
}

// Iterative (an explicit stack of open brackets), so a deeply nested file cannot overflow
// the call stack of the process that is trying to report it.
function firstErrorOffset(text: string): number | null {
  const n = text.length;
  const open: Array<'{' | '['> = [];
  let i = 0;
  let expect: Expect = 'value';
  const afterValue = (): Expect => (open.length === 0 ? 'end' : 'comma-or-close');

  for (;;) {
    while (i < n && WHITESPACE.has(text[i]!)) i++;
    if (i >= n) return expect === 'end' ? null : n;
    const c = text[i]!;
    switch (expect) {
      case 'end':
        return i;
      case 'colon':
        if (c !== ':') return i;
        i++;
        expect = 'value';
        break;
      case 'key-or-close':
      case 'key':
        if (c === '}' && expect === 'key-or-close') {
          open.pop();
          i++;
          expect = afterValue();
          break;
        }
        if (c !== '"') return i;
        i = scanString(text, i);
        if (i < 0) return -i - 1;
        expect = 'colon';
        break;
      case 'comma-or-close': {
        const top = open[open.length - 1];
        if (c === ',') {
          i++;
          expect = top === '{' ? 'key' : 'value';
        } else if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
          open.pop();
          i++;
          expect = afterValue();
        } else {
          return i;
        }
        break;
      }
      case 'value-or-close':
      case 'value':
        if (c === ']' && expect === 'value-or-close') {
          open.pop();
          i++;
          expect = afterValue();
        } else if (c === '{' || c === '[') {
          open.push(c);
          i++;
          expect = c === '{' ? 'key-or-close' : 'value-or-close';
        } else {
          i = scanScalar(text, i);
          if (i < 0) return -i - 1;
          expect = afterValue();
        }
        break;
    }
  }
}

// The scanners return the offset just past the token, or -(offset of the error) - 1.
const failAt = (offset: number) => -offset - 1;

function scanScalar(text: string, i: number): number {
  const c = text[i]!;
  if (c === '"') return scanString(text, i);
  if (c === '-' || (c >= '0' && c <= '9')) return scanNumber(text, i);
  for (const word of ['true', 'false', 'null']) {
    if (word[0] !== c) continue;
    for (let k = 0; k < word.length; k++) if (text[i + k] !== word[k]) return failAt(Math.min(i + k, text.length));
    return i + word.length;
  }
  return failAt(i);
}

function scanString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') return i + 1;
    if (c.charCodeAt(0) < 0x20) return failAt(i);
    if (c === '\\') {
      const e = text[i + 1];
      if (e === undefined) return failAt(text.length);
      if (e === 'u') {
        for (let k = 2; k < 6; k++) {
          const h = text[i + k];
          if (h === undefined) return failAt(text.length);
          if (!HEX.test(h)) return failAt(i + k);
        }
        i += 6;
        continue;
      }
      if (!ESCAPES.has(e)) return failAt(i + 1);
      i += 2;
      continue;
    }
    i++;
  }
  return failAt(text.length);
}

function scanNumber(text: string, start: number): number {
  let i = start;
  const digit = (k: number) => k < text.length && text[k]! >= '0' && text[k]! <= '9';
  // A number cut off by the end of the text ("1." or "-") reports the end, like a string.
  const need = (k: number) => (digit(k) ? null : failAt(Math.min(k, text.length)));
  if (text[i] === '-') i++;
  const first = need(i);
  if (first !== null) return first;
  if (text[i] === '0') i++;
  else while (digit(i)) i++;
  if (text[i] === '.') {
    i++;
    const frac = need(i);
    if (frac !== null) return frac;
    while (digit(i)) i++;
  }
  if (text[i] === 'e' || text[i] === 'E') {
    i++;
    if (text[i] === '+' || text[i] === '-') i++;
    const exp = need(i);
    if (exp !== null) return exp;
    while (digit(i)) i++;
  }
  return i;
}
