// One rule for free text that crosses a trust boundary (a citizen's comment, a scanned
// code, a configuration's names, an uploaded rating): control characters and the bidi
// overrides are removed rather than refused, so a citizen's words are never lost for an
// invisible character, and a report line always reads the way it was stored.

/** C0 and C1 controls, DEL, the bidi embeddings, overrides and isolates, and a stray BOM. */
const UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

export interface CleanTextOptions {
  /** Keep line breaks (as "\n"); otherwise every line break becomes a space. */
  multiline?: boolean;
}

/**
 * Returns `text` in Unicode NFC with unsafe characters removed. Tabs become spaces; "\r\n",
 * "\r", U+2028 and U+2029 become "\n" when `multiline`, a space otherwise.
 */
export function cleanText(text: string, options: CleanTextOptions = {}): string {
  const breaks = text.replace(/\r\n?|[\u2028\u2029]/gu, '\n');
  const lines = options.multiline ? breaks : breaks.replace(/\n/gu, ' ');
  return lines.replace(/\t/gu, ' ').replace(UNSAFE, '').normalize('NFC');
}

const NEEDS_WORK_SINGLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/u;
const NEEDS_WORK_MULTI = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/u;

/** True when cleanText would return `text` unchanged; cheap enough for every uploaded rating. */
export function isCleanText(text: string, options: CleanTextOptions = {}): boolean {
  const re = options.multiline ? NEEDS_WORK_MULTI : NEEDS_WORK_SINGLE;
  return !re.test(text) && text.normalize('NFC') === text;
}
