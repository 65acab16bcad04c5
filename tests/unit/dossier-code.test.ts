import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DOSSIER_PATTERN,
  DOSSIER_CODE_MAX_LENGTH,
  compileDossierPattern,
  parseScannedDossier,
  parseTypedDossier,
  type DossierParse,
  type DossierRules,
} from '../../shared/dossier-code';

const STRICT: DossierRules = { pattern: DEFAULT_DOSSIER_PATTERN, allowUnmatched: false };
const LENIENT: DossierRules = { pattern: DEFAULT_DOSSIER_PATTERN, allowUnmatched: true };
const CODE = '000.00.31.H21-261201-0042';

const ok = (code: string, capture: 'qr' | 'barcode' | 'typed'): DossierParse => ({ ok: true, code, capture });
const no = (reason: 'empty' | 'too_long' | 'bad_characters' | 'no_match'): DossierParse => ({ ok: false, reason });

describe('the default dossier pattern', () => {
  it.each([CODE, '000.00.12.H21-261201-0042', 'H21.22-250101-0001', '000.00.31.H21-261201-12345'])('accepts %s', (code) => {
    expect(compileDossierPattern(DEFAULT_DOSSIER_PATTERN).test(code)).toBe(true);
  });

  it.each(['hello', '12345', '000.00.31.H21-2612-0042', '000.00.31.H21-261201-004', `${CODE}X`, ` ${CODE}`, ''])('refuses %j', (code) => {
    expect(compileDossierPattern(DEFAULT_DOSSIER_PATTERN).test(code)).toBe(false);
  });
});

describe('compileDossierPattern', () => {
  it('anchors a source that lacks ^ and $ to a full match, alternatives included', () => {
    const re = compileDossierPattern('AB|CD');
    expect(re.test('AB')).toBe(true);
    expect(re.test('CD')).toBe(true);
    expect(re.test('ABX')).toBe(false);
    expect(re.test('XCD')).toBe(false);
  });

  it('returns the cached instance for the same source', () => {
    expect(compileDossierPattern('[A-Z]+\\d')).toBe(compileDossierPattern('[A-Z]+\\d'));
    expect(compileDossierPattern('[A-Z]+\\d')).not.toBe(compileDossierPattern('[A-Z]+\\d{2}'));
  });

  it('throws for an invalid source, even one that the anchoring group would balance', () => {
    expect(() => compileDossierPattern('a)(b')).toThrow(SyntaxError);
    expect(() => compileDossierPattern('[A-Z')).toThrow(SyntaxError);
  });

  it('compiles in Unicode mode', () => {
    expect(compileDossierPattern('\\p{Lu}+').test('ABC')).toBe(true);
  });
});

describe('parseScannedDossier', () => {
  const cases: [string, string, DossierRules, DossierParse][] = [
    ['a bare barcode', CODE, STRICT, ok(CODE, 'barcode')],
    ['surrounding whitespace', `  ${CODE}\t\n`, STRICT, ok(CODE, 'barcode')],
    ['lower case from Caps Lock', CODE.toLowerCase(), STRICT, ok(CODE, 'barcode')],
    ['another agency', '000.00.12.H21-261201-0042', STRICT, ok('000.00.12.H21-261201-0042', 'barcode')],
    ['a shorter agency', 'h21.22-250101-0001', STRICT, ok('H21.22-250101-0001', 'barcode')],
    ['AIM QR prefix', `]Q1${CODE}`, STRICT, ok(CODE, 'qr')],
    ['AIM QR prefix under Caps Lock', `]q1${CODE.toLowerCase()}`, STRICT, ok(CODE, 'qr')],
    ['AIM DataMatrix prefix', `]d2${CODE}`, STRICT, ok(CODE, 'qr')],
    ['AIM Code 128 prefix', `]C0${CODE}`, STRICT, ok(CODE, 'barcode')],
    ['AIM EAN prefix', `]E0${CODE}`, STRICT, ok(CODE, 'barcode')],
    ['AIM prefix and nothing else', ']Q1', STRICT, no('empty')],
    ['URL, code in the query', `https://dichvucong.gialai.gov.vn/tra-cuu?ma=${CODE}`, STRICT, ok(CODE, 'qr')],
    ['URL, code in the query, later params', `https://dichvucong.gialai.gov.vn/tra-cuu?ma=${CODE}&lang=vi`, STRICT, ok(CODE, 'qr')],
    ['URL, code in the query, fragment', `https://dichvucong.gialai.gov.vn/tra-cuu?lang=vi&ma=${CODE}#ket-qua`, STRICT, ok(CODE, 'qr')],
    ['URL, bare code after ?', `https://dichvucong.gialai.gov.vn/tra-cuu?${CODE}`, STRICT, ok(CODE, 'qr')],
    ['URL, code in the path, trailing slash', `https://motcua.gialai.gov.vn/hoso/${CODE}/`, STRICT, ok(CODE, 'qr')],
    ['URL, code in the path, then a page', `https://motcua.gialai.gov.vn/hoso/${CODE}/chi-tiet`, STRICT, ok(CODE, 'qr')],
    ['URL, code in the path, unrelated query', `https://motcua.gialai.gov.vn/hoso/${CODE}?lang=vi`, STRICT, ok(CODE, 'qr')],
    ['URL, no host path', `https://motcua.gialai.gov.vn?ma=${CODE}`, STRICT, ok(CODE, 'qr')],
    ['URL in lower case, http', `HTTP://MOTCUA.GIALAI.GOV.VN/HOSO/${CODE.toLowerCase()}`, STRICT, ok(CODE, 'qr')],
    ['URL with an AIM prefix', `]Q1https://motcua.gialai.gov.vn/hoso/${CODE}`, STRICT, ok(CODE, 'qr')],
    ['URL from a 1-D symbology is still a URL', `]C0https://motcua.gialai.gov.vn/hoso/${CODE}`, STRICT, ok(CODE, 'qr')],
    ['URL, percent-encoded query value', 'https://dichvucong.gialai.gov.vn/tra-cuu?ma=000%2E00%2E31%2EH21%2D261201%2D0042', STRICT, ok(CODE, 'qr')],
    ['URL, percent-encoded path segment', 'https://motcua.gialai.gov.vn/hoso/000.00.31.H21%2d261201%2d0042', STRICT, ok(CODE, 'qr')],
    ['URL, malformed escape in the code', 'https://dichvucong.gialai.gov.vn/tra-cuu?ma=000.00.31.H21-261201-00%4', STRICT, no('bad_characters')],
    ['URL, malformed escape in the path', 'https://motcua.gialai.gov.vn/hoso/%E0%A4%A', STRICT, no('bad_characters')],
    ['URL, malformed escape elsewhere', `https://motcua.gialai.gov.vn/x%zz/tra-cuu?ma=${CODE}`, STRICT, ok(CODE, 'qr')],
    ['URL, encoded control character', 'https://motcua.gialai.gov.vn/hoso/ABC%00', LENIENT, no('bad_characters')],
    ['URL, nothing matches', 'https://motcua.gialai.gov.vn/hoso/HS123?lang=vi', STRICT, no('no_match')],
    ['URL, nothing matches, kept: the last query value', 'https://motcua.gialai.gov.vn/hoso/HS123?id=hs-77', LENIENT, ok('HS-77', 'qr')],
    ['URL, nothing matches, kept: the last path segment', 'https://motcua.gialai.gov.vn/hoso/hs123/', LENIENT, ok('HS123', 'qr')],
    ['URL with no path or query', 'https://motcua.gialai.gov.vn/', LENIENT, no('no_match')],
    ['URL whose code is over-long', `https://motcua.gialai.gov.vn/hoso/${'A'.repeat(DOSSIER_CODE_MAX_LENGTH + 1)}`, LENIENT, no('too_long')],
    ['URL longer than 100 whose code fits', `https://motcua.gialai.gov.vn/${'a/'.repeat(60)}${CODE}`, STRICT, ok(CODE, 'qr')],
    ['not a URL scheme', `ftp://motcua.gialai.gov.vn/hoso/${CODE}`, STRICT, no('no_match')],
    ['empty', '', STRICT, no('empty')],
    ['whitespace only', ' \t\r\n ', STRICT, no('empty')],
    ['a word', 'hello', STRICT, no('no_match')],
    ['digits only', '12345', STRICT, no('no_match')],
    ['a short date', '000.00.31.H21-2612-0042', STRICT, no('no_match')],
    ['unmatched, allowed', 'hs-abc 7', LENIENT, ok('HS-ABC 7', 'barcode')],
    ['unmatched, refused', 'hs-abc 7', STRICT, no('no_match')],
    ['a control character inside', `000.00.31.H21\x1d-261201-0042`, LENIENT, no('bad_characters')],
    ['an escape character inside', `\x1b${CODE}`, LENIENT, no('bad_characters')],
    ['DEL', `${CODE}\x7f`, LENIENT, no('bad_characters')],
    ['non-ASCII', 'Mã-261201-0042', LENIENT, no('bad_characters')],
    ['a Vietnamese look-alike', '000.00.31.Ḥ21-261201-0042', STRICT, no('bad_characters')],
    [
      'exactly the length limit',
      `${'1'.repeat(DOSSIER_CODE_MAX_LENGTH - 12)}-261201-0042`,
      STRICT,
      ok(`${'1'.repeat(DOSSIER_CODE_MAX_LENGTH - 12)}-261201-0042`, 'barcode'),
    ],
    ['one over the length limit', `${'1'.repeat(DOSSIER_CODE_MAX_LENGTH - 11)}-261201-0042`, STRICT, no('too_long')],
    ['over-long raw input', `https://x.vn/${'a'.repeat(2000)}?ma=${CODE}`, STRICT, no('too_long')],
  ];

  it.each(cases)('%s', (_name, raw, rules, expected) => {
    expect(parseScannedDossier(raw, rules)).toEqual(expected);
  });

  it('uses a custom pattern, with or without anchors', () => {
    for (const pattern of ['HS\\d{6}', '^HS\\d{6}$']) {
      expect(parseScannedDossier('hs000123', { pattern, allowUnmatched: false })).toEqual(ok('HS000123', 'barcode'));
      expect(parseScannedDossier('xhs000123', { pattern, allowUnmatched: false })).toEqual(no('no_match'));
      expect(parseScannedDossier(CODE, { pattern, allowUnmatched: false })).toEqual(no('no_match'));
      expect(parseScannedDossier(`https://a.vn/hs/HS000999?lang=vi`, { pattern, allowUnmatched: false })).toEqual(ok('HS000999', 'qr'));
    }
  });

  it('matches the upper-cased code, so a pattern in lower case never matches', () => {
    expect(parseScannedDossier('abc', { pattern: '[a-z]+', allowUnmatched: false })).toEqual(no('no_match'));
  });

  it('tries query values last first, then path segments last first', () => {
    const other = '000.00.12.H21-261201-0099';
    expect(parseScannedDossier(`https://a.vn/hoso/${other}?ma=${CODE}`, STRICT)).toEqual(ok(CODE, 'qr'));
    expect(parseScannedDossier(`https://a.vn/tra-cuu?ma=${other}&ma=${CODE}&lang=vi`, STRICT)).toEqual(ok(CODE, 'qr'));
    expect(parseScannedDossier(`https://a.vn/hoso/${other}/${CODE}/in`, STRICT)).toEqual(ok(CODE, 'qr'));
  });
});

describe('parseTypedDossier', () => {
  it.each<[string, DossierRules, DossierParse]>([
    [CODE, STRICT, ok(CODE, 'typed')],
    [` ${CODE.toLowerCase()} `, STRICT, ok(CODE, 'typed')],
    ['', STRICT, no('empty')],
    ['hello', STRICT, no('no_match')],
    ['hello', LENIENT, ok('HELLO', 'typed')],
    [`]Q1${CODE}`, STRICT, no('no_match')],
    [`https://motcua.gialai.gov.vn/hoso/${CODE}`, STRICT, no('no_match')],
    ['mã hồ sơ', LENIENT, no('bad_characters')],
    ['A'.repeat(DOSSIER_CODE_MAX_LENGTH + 1), LENIENT, no('too_long')],
    ['A'.repeat(5000), LENIENT, no('too_long')],
  ])('%j', (raw, rules, expected) => {
    expect(parseTypedDossier(raw, rules)).toEqual(expected);
  });
});

describe('parser properties', () => {
  const rulesArb = fc.record({
    pattern: fc.constantFrom(DEFAULT_DOSSIER_PATTERN, 'HS\\d{6}', '[A-Z0-9-]{3,20}', '.*'),
    allowUnmatched: fc.boolean(),
  });
  const codeChar = fc.constantFrom(...'0123456789.-abcHSZ'.split(''));
  const codeArb = fc.string({ unit: codeChar, maxLength: 40 });
  const noise = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 200 }),
    codeArb,
    fc.tuple(fc.constantFrom('', ']Q1', ']C0', ']d2', ' '), codeArb).map(([p, c]) => p + c),
    fc.tuple(fc.webUrl({ withQueryParameters: true, withFragments: true }), codeArb).map(([u, c]) => `${u}${u.includes('?') ? '&' : '?'}ma=${c}`),
    fc.tuple(fc.webUrl(), codeArb, fc.string({ maxLength: 10 })).map(([u, c, t]) => `${u}/${c}/${t}`),
  );

  it('never throws, and an accepted code is clean, bounded, upper-case and matches unless unmatched codes are allowed', () => {
    fc.assert(
      fc.property(noise, rulesArb, fc.boolean(), (raw, rules, typed) => {
        const r = typed ? parseTypedDossier(raw, rules) : parseScannedDossier(raw, rules);
        if (!r.ok) return;
        expect(r.code).toMatch(/^[\x20-\x7e]+$/);
        expect(r.code).toBe(r.code.toUpperCase());
        expect(r.code).toBe(r.code.trim());
        expect(r.code.length).toBeLessThanOrEqual(DOSSIER_CODE_MAX_LENGTH);
        if (typed) expect(r.capture).toBe('typed');
        if (!rules.allowUnmatched) expect(compileDossierPattern(rules.pattern).test(r.code)).toBe(true);
        // The backend re-checks a stored code as typed: an accepted code must pass unchanged.
        expect(parseTypedDossier(r.code, rules)).toEqual(ok(r.code, 'typed'));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds a matching code however a URL wraps it', () => {
    const codeOk = fc.tuple(fc.stringMatching(/^[A-Z0-9.]{1,20}$/), fc.stringMatching(/^\d{6}$/), fc.stringMatching(/^\d{4,8}$/)).map((p) => p.join('-'));
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: false, withFragments: false }), codeOk, fc.boolean(), (url, code, inQuery) => {
        const raw = inQuery ? `${url}?ma=${encodeURIComponent(code)}&lang=vi` : `${url}/${encodeURIComponent(code)}/`;
        expect(parseScannedDossier(raw, STRICT)).toEqual(ok(code, 'qr'));
      }),
    );
  });
});
