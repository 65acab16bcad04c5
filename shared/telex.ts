// Vietnamese Telex for the on-screen keyboard. The kiosk has no OS input method, and the
// same engine must behave identically in Electron and the web host, so it is pure code.
// The word being typed is kept as letters (base, mark, case) plus one word-level tone that
// is placed when rendering: later keys can move it ("hoà" + "n" → "hoàn").

export type TonePlacement = 'old' | 'new';
type Tone = '' | 's' | 'f' | 'r' | 'x' | 'j';
type Mark = '' | 'hat' | 'breve' | 'horn' | 'stroke';

interface Letter {
  readonly base: string; // a-z, lower case
  readonly mark: Mark;
  readonly upper: boolean;
  /** An ư made by a lone w: undoing it gives back "w", not "uw". */
  readonly fromW: boolean;
}

interface Word {
  readonly letters: readonly Letter[];
  readonly tone: Tone;
  /** Index of the literal letter an undo typed: from there on the word takes keys literally. */
  readonly frozenAt: number | null;
}

export interface TelexState {
  readonly text: string;
  /** The text before the word being typed; a space or punctuation moves everything here. */
  readonly head: string;
  readonly word: Word;
}

const MARK_CHARS: Record<Mark, string> = { '': '', hat: '\u0302', breve: '\u0306', horn: '\u031b', stroke: '' };
const TONE_CHARS: Record<Tone, string> = { '': '', s: '\u0301', f: '\u0300', r: '\u0309', x: '\u0303', j: '\u0323' };
const MARK_BASES: Record<Mark, string> = { '': 'abcdefghijklmnopqrstuvwxyz', hat: 'aeo', breve: 'a', horn: 'ou', stroke: 'd' };
const VOWELS = 'aeiouy';
const TONE_KEYS = 'sfrxj';
const EMPTY_WORD: Word = { letters: [], tone: '', frozenAt: null };

// Every vowel cluster Vietnamese spells (without tones). Marks are checked against it, and
// tones against the same list with its marks stripped, so half-typed "nguoi" takes a tone.
const CLUSTERS = new Set(
  (
    'a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi oo ôi ơi ua uâ uê ui uô uơ ươ uy ưa ưi ưu yê ' +
    'iêu oai oay oeo uây uôi ươi ươu uyê uya uyu yêu'
  ).split(' '),
);
const stripMarks = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const CLUSTER_BASES = new Set([...CLUSTERS].map(stripMarks));
const FINALS = new Set(['', 'c', 'ch', 'm', 'n', 'ng', 'nh', 'p', 't']);

const isVowel = (l: Letter) => VOWELS.includes(l.base);
const letter = (key: string, fromW = false): Letter => ({ base: key.toLowerCase(), mark: '', upper: key !== key.toLowerCase(), fromW });

function renderLetter(l: Letter, tone: Tone): string {
  if (l.mark === 'stroke') return l.upper ? 'Đ' : 'đ';
  const base = l.upper ? l.base.toUpperCase() : l.base;
  return (base + MARK_CHARS[l.mark] + TONE_CHARS[tone]).normalize('NFC');
}

const spell = (letters: readonly Letter[]) => letters.map((l) => renderLetter({ ...l, upper: false }, '')).join('');

/** Where the vowel cluster of the syllable starts and ends; everything before is the initial. */
function syllable(letters: readonly Letter[]): { start: number; end: number } {
  let start = 0;
  while (start < letters.length && !isVowel(letters[start]!)) start++;
  let end = start;
  while (end < letters.length && isVowel(letters[end]!)) end++;
  // "gi" and "qu" are initials only when another vowel follows: "gì" is g+ì, "giữ" is gi+ữ.
  const [first, second] = letters;
  if (start === 1 && end - start >= 2 && first && second && second.mark === '') {
    if ((first.base === 'g' && second.base === 'i') || (first.base === 'q' && second.base === 'u')) start = 2;
  }
  return { start, end };
}

function spellsLike(letters: readonly Letter[], clusters: Set<string>, strip: boolean): boolean {
  const { start, end } = syllable(letters);
  const cluster = spell(letters.slice(start, end));
  return clusters.has(strip ? stripMarks(cluster) : cluster) && FINALS.has(spell(letters.slice(end)));
}
const canMark = (letters: readonly Letter[]) => spellsLike(letters, CLUSTERS, false);
const canTone = (letters: readonly Letter[]) => spellsLike(letters, CLUSTER_BASES, true);

function toneIndex(letters: readonly Letter[], placement: TonePlacement): number | null {
  const { start, end } = syllable(letters);
  if (end === start) return null;
  // A marked vowel takes the tone; of two (ươ) the second.
  for (let k = end - 1; k >= start; k--) if (letters[k]!.mark !== '') return k;
  const size = end - start;
  if (end < letters.length || size === 1) return end - 1;
  if (size >= 3) return start + 1;
  const pair = spell(letters.slice(start, end));
  return placement === 'new' && (pair === 'oa' || pair === 'oe' || pair === 'uy') ? start + 1 : start;
}

function render(word: Word, placement: TonePlacement): string {
  const { letters } = word;
  const at = word.tone ? toneIndex(letters, placement) : null;
  const { start, end } = syllable(letters);
  // A bare "ươ" rhyme does not exist; it is "uơ" (thuở, huơ). Decided here, so "thuơ" + "ng" → "thương".
  const bareUo = end === letters.length && spell(letters.slice(start, end)) === 'ươ';
  return letters.map((l, k) => renderLetter(bareUo && k === start ? { ...l, mark: '' } : l, k === at ? word.tone : '')).join('');
}

const replaced = (letters: readonly Letter[], at: number, l: Letter) => letters.map((old, k) => (k === at ? l : old));
const appended = (word: Word, l: Letter): Word => ({ ...word, letters: [...word.letters, l] });
/** Unikey's undo: the mark or tone goes and the key is typed as a letter, which stays literal. */
const undone = (word: Word, letters: readonly Letter[], key: string): Word => ({
  letters: [...letters, letter(key)],
  tone: word.tone,
  frozenAt: letters.length,
});

function hatKey(word: Word, key: string): Word {
  const { letters } = word;
  const base = key.toLowerCase();
  const { start, end } = syllable(letters);
  for (let k = end - 1; k >= start; k--) {
    const l = letters[k]!;
    if (l.base === base && l.mark === 'hat') return undone(word, replaced(letters, k, { ...l, mark: '' }), key);
  }
  for (let k = end - 1; k >= start; k--) {
    const l = letters[k]!;
    if (l.base !== base) continue;
    const next = replaced(letters, k, { ...l, mark: 'hat' });
    if (canMark(next)) return { ...word, letters: next };
  }
  return appended(word, letter(key));
}

function wKey(word: Word, key: string): Word {
  const { letters } = word;
  const { start, end } = syllable(letters);
  for (let k = start; k + 1 < end; k++) {
    const [u, o] = [letters[k]!, letters[k + 1]!];
    if (u.base !== 'u' || o.base !== 'o' || (u.mark === 'horn' && o.mark === 'horn')) continue;
    const next = letters.map((l, i) => (i === k || i === k + 1 ? { ...l, mark: 'horn' as const } : l));
    if (canMark(next)) return { ...word, letters: next };
  }
  const hooked = letters.map((l, k) => (k >= start && k < end && (l.mark === 'horn' || l.mark === 'breve') ? k : -1)).filter((k) => k >= 0);
  if (hooked.length > 0) {
    const lone = hooked.find((k) => letters[k]!.fromW);
    if (lone !== undefined) {
      const next = replaced(letters, lone, letter(key));
      return { letters: next, tone: syllable(next).end > syllable(next).start ? word.tone : '', frozenAt: lone };
    }
    return undone(
      word,
      letters.map((l, k) => (hooked.includes(k) ? { ...l, mark: '' } : l)),
      key,
    );
  }
  for (let k = start; k < end; k++) {
    const l = letters[k]!;
    if (!'aou'.includes(l.base)) continue;
    const next = replaced(letters, k, { ...l, mark: l.base === 'a' ? 'breve' : 'horn' });
    if (canMark(next)) return { ...word, letters: next };
  }
  const withU = [...letters, { ...letter(key, true), base: 'u', mark: 'horn' as const }];
  return start === end || canMark(withU) ? { ...word, letters: withU } : appended(word, letter(key));
}

function applyKey(word: Word, key: string): Word {
  const k = key.toLowerCase();
  if (word.frozenAt !== null) return appended(word, letter(key));
  if (TONE_KEYS.includes(k)) {
    if (word.tone === k) return undone({ ...word, tone: '' }, word.letters, key);
    return canTone(word.letters) ? { ...word, tone: k as Tone } : appended(word, letter(key));
  }
  if (k === 'z') return word.tone ? { ...word, tone: '' } : appended(word, letter(key));
  if (k === 'a' || k === 'e' || k === 'o') return hatKey(word, key);
  if (k === 'w') return wKey(word, key);
  const first = word.letters[0];
  if (k === 'd' && first?.base === 'd') {
    if (first.mark === 'stroke') return undone(word, replaced(word.letters, 0, { ...first, mark: '' }), key);
    return { ...word, letters: replaced(word.letters, 0, { ...first, mark: 'stroke' }) };
  }
  return appended(word, letter(key));
}

/** One displayed character back into the model; null for anything Telex cannot have typed. */
function parseChar(ch: string): { letter: Letter; tone: Tone } | null {
  if (ch === 'đ' || ch === 'Đ') return { letter: { ...letter(ch === 'Đ' ? 'D' : 'd'), mark: 'stroke' }, tone: '' };
  const [base = '', ...combining] = Array.from(ch.normalize('NFD'));
  if (!/^[a-zA-Z]$/.test(base)) return null;
  let mark: Mark = '';
  let tone: Tone = '';
  for (const c of combining) {
    const m = (Object.keys(MARK_CHARS) as Mark[]).find((key) => key !== '' && MARK_CHARS[key] === c);
    const t = (Object.keys(TONE_CHARS) as Tone[]).find((key) => key !== '' && TONE_CHARS[key] === c);
    if (m && !mark) mark = m;
    else if (t && !tone) tone = t;
    else return null;
  }
  const l = { ...letter(base), mark };
  if (!MARK_BASES[mark].includes(l.base) || (tone && !isVowel(l))) return null;
  return { letter: l, tone };
}

function parseWord(text: string): Word | null {
  const letters: Letter[] = [];
  let tone: Tone = '';
  for (const ch of Array.from(text)) {
    const parsed = parseChar(ch);
    if (!parsed || (parsed.tone && tone)) return null;
    letters.push(parsed.letter);
    tone = parsed.tone || tone;
  }
  // Shown "uơ" is ươ rendered bare: read it back as ươ so "thuở" + "ng" → "thưởng".
  const { start, end } = syllable(letters);
  for (let k = start; k + 1 < end; k++) {
    const [u, o] = [letters[k]!, letters[k + 1]!];
    if (u.base === 'u' && u.mark === '' && o.base === 'o' && o.mark === 'horn') letters[k] = { ...u, mark: 'horn' };
  }
  return { letters, tone, frozenAt: null };
}

/** Starts from existing text; its last word can still be edited, e.g. "Tôi" + "s" → "Tối". */
export function emptyTelexState(text = ''): TelexState {
  const normalized = text.normalize('NFC');
  const chars = Array.from(normalized);
  let cut = chars.length;
  while (cut > 0 && parseChar(chars[cut - 1]!)) cut--;
  const head = chars.slice(0, cut).join('');
  const word = parseWord(chars.slice(cut).join(''));
  return word ? { text: normalized, head, word } : { text: normalized, head: normalized, word: EMPTY_WORD };
}

export function telexKey(state: TelexState, key: string, placement: TonePlacement): TelexState {
  const chars = Array.from(key);
  if (chars.length !== 1) return chars.reduce((s, c) => telexKey(s, c, placement), state);
  if (!/^[a-zA-Z]$/.test(key)) {
    const text = (state.text + key).normalize('NFC');
    return { text, head: text, word: EMPTY_WORD };
  }
  const word = applyKey(state.word, key);
  return { text: state.head + render(word, placement), head: state.head, word };
}

const graphemes = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

function withoutLastCharacter(text: string): string {
  if (!graphemes) return Array.from(text).slice(0, -1).join('');
  let last = 0;
  for (const { index } of graphemes.segment(text)) last = index;
  return text.slice(0, last);
}

/** Deletes the last displayed character; the word stays editable from what is left. */
export function telexBackspace(state: TelexState): TelexState {
  if (state.text === '') return state;
  const text = withoutLastCharacter(state.text);
  const parsed = state.word.letters.length > 0 && text.startsWith(state.head) ? parseWord(text.slice(state.head.length)) : null;
  if (!parsed) return emptyTelexState(text);
  const old = state.word;
  const letters = parsed.letters.map((l, k) => (old.letters[k]?.fromW && l.base === 'u' && l.mark === 'horn' ? { ...l, fromW: true } : l));
  const frozenAt = old.frozenAt !== null && old.frozenAt < letters.length ? old.frozenAt : null;
  return { text, head: state.head, word: { letters, tone: parsed.tone, frozenAt } };
}

/** Types a whole key sequence; for tests and documentation. */
export function typeTelex(keys: string, placement: TonePlacement): string {
  return Array.from(keys).reduce((state, key) => telexKey(state, key, placement), emptyTelexState()).text;
}
