import { describe, expect, it } from 'vitest';
import { cleanText, isCleanText } from '../../shared/text-clean';

describe('cleanText', () => {
  it('removes NUL, BEL, ESC, DEL and C1 controls but keeps the words around them', () => {
    expect(cleanText('Tốt\u0000 lắm\u0007\u001b[31m\u007f\u0085!')).toBe('Tốt lắm[31m!');
  });

  it('removes bidi overrides and isolates, so a line reads as it was stored', () => {
    expect(cleanText('abc\u202egnp.exe\u2066x\u2069')).toBe('abcgnp.exex');
  });

  it('keeps line breaks only in multiline text, normalised to \\n', () => {
    expect(cleanText('dòng 1\r\ndòng 2\rdòng 3\u2028dòng 4', { multiline: true })).toBe('dòng 1\ndòng 2\ndòng 3\ndòng 4');
    expect(cleanText('dòng 1\r\ndòng 2')).toBe('dòng 1 dòng 2');
  });

  it('turns tabs into spaces and composes decomposed Vietnamese (NFC)', () => {
    const decomposed = 'Hài lòng'.normalize('NFD');
    expect(decomposed).not.toBe('Hài lòng');
    expect(cleanText(`\t${decomposed}`)).toBe(' Hài lòng');
  });

  it('says whether text needed cleaning', () => {
    expect(isCleanText('Rất hài lòng')).toBe(true);
    expect(isCleanText('a\u202eb')).toBe(false);
    expect(isCleanText('a\nb')).toBe(false);
    expect(isCleanText('a\nb', { multiline: true })).toBe(true);
  });
});

describe('isCleanText agrees with cleanText', () => {
  const samples = ['Rất tốt', 'a\u0000b', 'a\tb', 'a\r\nb', 'a\nb', 'x\u2028y', '\ufeffbom', 'e\u0301', 'ok\u202e', 'C1\u0085', '', 'plain ascii'];
  for (const multiline of [false, true]) {
    for (const s of samples) {
      it(`${JSON.stringify(s)} (multiline ${multiline})`, () => {
        expect(isCleanText(s, { multiline })).toBe(cleanText(s, { multiline }) === s);
      });
    }
  }
});
