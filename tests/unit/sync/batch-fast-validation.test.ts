// The receiver's fast path may only ever accept what the protocol schema accepts: every
// "valid" from isValidBatchFast() must be a success of batchRequestSchema with the same data.
import { describe, expect, it } from 'vitest';
import { batchRequestSchema, isValidBatchFast, MAX_BATCH_RATINGS } from '../../../shared/upload-protocol';
import { mulberry32 } from '../../support/rating-fixtures';

const base = () => ({
  id: '019a8f3e-6a41-7c2e-9b1d-3f0c2a7d5e11',
  seq: 1042,
  createdAt: '2026-12-01T14:01:57.345+07:00',
  scale: 3,
  level: 2,
  reasons: ['late', 'paperwork'],
  comment: 'Chờ lâu, phải bổ sung hồ sơ hai lần',
  language: 'vi',
  counterId: 'Q1',
  officerId: null,
  dossierCode: '000.00.12.H21-261201-0042',
  dossierCapture: 'qr',
  appVersion: '0.1.0',
  misuseFlag: false,
  clockOffsetMs: -850,
});

const batch = (ratings: unknown[]) => ({ protocol: 1, kioskId: 'pku-q1', unitCode: 'PKU', sentAt: '2026-12-01T14:05:10.120+07:00', ratings });

/** Values a field might hold, valid or not, to mix into ratings and envelopes. */
const POOL: unknown[] = [
  null,
  undefined,
  true,
  false,
  0,
  1,
  -1,
  2,
  3,
  4,
  5,
  6,
  1.5,
  -850,
  1e12,
  1e12 + 1,
  -1e12 - 1,
  Number.MAX_SAFE_INTEGER,
  2 ** 53,
  '',
  'x',
  'vi',
  'en',
  'fr',
  'qr',
  'none',
  'typed',
  'barcode',
  'late',
  'Q1',
  'bad id!',
  'a'.repeat(64),
  'a'.repeat(65),
  'a'.repeat(100),
  'a'.repeat(101),
  'c'.repeat(500),
  'c'.repeat(501),
  '1',
  '3',
  [],
  ['late'],
  ['late', 'late'],
  ['nope'],
  ['late', 'fees', 'other'],
  {},
  { a: 1 },
  '2026-02-29T10:00:00.000+07:00',
  '2028-02-29T10:00:00+07:00',
  '2026-12-01T14:01:57.345Z',
  '2026-12-01T14:01:57+07:00',
  '2026-12-01T24:00:00.000+07:00',
  '2026-12-01 14:01:57+07:00',
  '2026-12-01T14:01:57.345',
  '019a8f3e-6a41-7c2e-9b1d-3f0c2a7d5e12',
  '019a8f3e-6a41-0c2e-9b1d-3f0c2a7d5e11',
  '00000000-0000-0000-0000-000000000000',
  '019A8F3E-6A41-7C2E-9B1D-3F0C2A7D5E11',
  '019a8f3e6a417c2e9b1d3f0c2a7d5e11',
  // Comments: control characters and bidi overrides are refused, their neighbours are not.
  'Chờ lâu\nquá',
  'a\tb',
  '\r',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u009f',
  'x\u202ay',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u200f',
  '\u202f',
  '\u2065',
  '\u206a',
  '\u00a0',
  'ok \u{1F600}',
  'c'.repeat(499) + '\n',
  'c'.repeat(500) + '\u202e',
];

function agrees(input: unknown): void {
  if (isValidBatchFast(input)) {
    const parsed = batchRequestSchema.safeParse(input);
    expect(parsed.success, JSON.stringify(input)).toBe(true);
    expect(parsed.data).toEqual(input);
  }
}

describe('isValidBatchFast', () => {
  it('accepts well-formed batches, as the schema does', () => {
    const five = {
      ...base(),
      id: '019a8f3e-6a41-7c2e-9b1d-3f0c2a7d5e12',
      scale: 5,
      level: 3,
      reasons: [],
      comment: null,
      counterId: null,
      dossierCode: null,
      clockOffsetMs: null,
    };
    for (const b of [batch([base()]), batch([base(), five])]) {
      expect(isValidBatchFast(b)).toBe(true);
      agrees(b);
    }
  });

  it('says "not sure" to what the schema refuses', () => {
    const refused = [
      null,
      [],
      'x',
      batch([]),
      { ...batch([base()]), extra: 1 },
      { ...batch([base()]), protocol: 2 },
      batch([base(), base()]),
      batch([{ ...base(), extra: 1 }]),
      batch([{ ...base(), level: 3 }]),
      batch([{ ...base(), reasons: ['late', 'late'] }]),
      batch([{ ...base(), comment: 'c'.repeat(501) }]),
      batch([{ ...base(), seq: 0 }]),
      batch([{ ...base(), dossierCode: '\u0000' }]),
      batch([{ ...base(), createdAt: '2026-12-01T14:01:57.345' }]),
      batch(Array.from({ length: MAX_BATCH_RATINGS + 1 }, (_, i) => ({ ...base(), id: `019a8f3e-6a41-7c2e-9b1d-${String(i).padStart(12, '0')}` }))),
      JSON.parse('{"protocol":1,"kioskId":"pku-q1","unitCode":"PKU","sentAt":"2026-12-01T14:05:10.120+07:00","ratings":[],"__proto__":{}}'),
    ];
    for (const b of refused) {
      expect(isValidBatchFast(b)).toBe(false);
      expect(batchRequestSchema.safeParse(b).success).toBe(false);
    }
  });

  it('says "not sure" to text the schema cleans, which the schema then takes cleaned', () => {
    const cases: [Record<string, unknown>, string, unknown][] = [
      [{ comment: 'Chờ lâu\r\nquá' }, 'comment', 'Chờ lâu\nquá'],
      [{ comment: 'abc\u202Efed' }, 'comment', 'abcfed'],
      [{ comment: '\u2067x' }, 'comment', 'x'],
      [{ comment: 'nul\u0000' }, 'comment', 'nul'],
      [{ comment: 'c1\u0090' }, 'comment', 'c1'],
      [{ comment: 'Ho\u0300a' }, 'comment', 'Hòa'],
      [{ dossierCode: 'ABC\u0007-1' }, 'dossierCode', 'ABC-1'],
      [{ appVersion: '0.1.0\u202e' }, 'appVersion', '0.1.0'],
    ];
    for (const [over, field, cleaned] of cases) {
      const b = batch([{ ...base(), ...over }]);
      expect(isValidBatchFast(b), JSON.stringify(over)).toBe(false);
      const parsed = batchRequestSchema.safeParse(b);
      expect(parsed.success && parsed.data.ratings[0]![field as 'comment']).toBe(cleaned);
    }
  });

  it('accepts comments with characters near the refused ones, as the schema does', () => {
    for (const comment of ['\u200f rtl mark', 'nbsp\u00a0', '\u202f', '\u2065\u206a', 'emoji \u{1F600}', 'c'.repeat(500), '']) {
      const b = batch([{ ...base(), comment }]);
      expect(isValidBatchFast(b), JSON.stringify(comment)).toBe(true);
      agrees(b);
    }
  });

  it('never accepts what the schema refuses, over random mutations of every field', () => {
    const rand = mulberry32(20261201);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const ratingKeys = Object.keys(base());
    const envelopeKeys = Object.keys(batch([]));
    let accepted = 0;
    for (let i = 0; i < 20_000; i++) {
      const ratings: Record<string, unknown>[] = [base(), { ...base(), id: '019a8f3e-6a41-7c2e-9b1d-3f0c2a7d5e13', scale: 5, level: 5 }];
      const b: Record<string, unknown> = batch(ratings);
      for (let m = 1 + Math.floor(rand() * 3); m > 0; m--) {
        const r = rand();
        const target = r < 0.8 ? pick(ratings) : b;
        const keys = target === b ? envelopeKeys : ratingKeys;
        if (r < 0.05) delete target[pick(keys)];
        else if (r < 0.08) target[pick(['extra', 'Id', 'constructor'])] = pick(POOL);
        else target[pick(keys)] = pick(POOL);
      }
      if (isValidBatchFast(b)) accepted++;
      agrees(b);
    }
    // The mutations must leave some batches valid, or the check above proves little.
    expect(accepted).toBeGreaterThan(100);
  });
});
