// Key rows of the on-screen keyboard. Widths are in half-key grid columns and every row of a
// layout fills the same number, so keys line up in columns as on a real keyboard.

export type KeyKind = 'char' | 'space' | 'backspace' | 'shift' | 'mode' | 'gap';

export interface KeySpec {
  readonly kind: KeyKind;
  /** What a 'char' key types (letters in lower case); empty for the others. */
  readonly char: string;
  /** Grid columns taken; the stylesheet has a class for each width used here. */
  readonly span: 1 | 2 | 3 | 5 | 7;
}

export interface KeyboardLayout {
  readonly columns: 20 | 22;
  readonly rows: readonly (readonly KeySpec[])[];
}

const chars = (s: string): KeySpec[] => Array.from(s, (char) => ({ kind: 'char', char, span: 2 }));
const key = (kind: KeyKind, span: KeySpec['span']): KeySpec => ({ kind, char: '', span });

/** Comments: digits, QWERTY, shift and Telex/ABC switch, the punctuation a remark needs. */
const TEXT: KeyboardLayout = {
  columns: 20,
  rows: [
    chars('1234567890'),
    chars('qwertyuiop'),
    [key('gap', 1), ...chars('asdfghjkl'), key('gap', 1)],
    [key('shift', 3), ...chars('zxcvbnm'), key('backspace', 3)],
    [key('mode', 5), ...chars(','), key('space', 7), ...chars('.?!')],
  ],
};

/** Dossier codes such as 000.00.31.H21-261201-0042: capitals, digits and separators only. */
const CODE: KeyboardLayout = {
  columns: 22,
  rows: [
    [...chars('1234567890'), ...chars('.')],
    [...chars('qwertyuiop'), ...chars('-')],
    [key('gap', 1), ...chars('asdfghjkl'), ...chars('/'), key('gap', 1)],
    [key('gap', 1), ...chars('zxcvbnm'), key('backspace', 7)],
  ],
};

export const KEYBOARD_LAYOUTS = { text: TEXT, code: CODE } as const;
