// The translation files are product text the deploying unit may edit; these checks keep
// them complete and in the counter's polite register.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors';
import { en, vi } from '../../../shared/i18n';
import { LEVEL_KEYS, REASON_CODES } from '../../../shared/rating-scale';
import { SYNC_ERROR_CODES } from '../../../shared/upload-protocol';

type Tree = { [k: string]: string | Tree };
function leaves(tree: Tree, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : leaves(v, `${prefix}${k}.`)));
}
const viLeaves = leaves(vi as unknown as Tree);
const enLeaves = leaves(en as unknown as Tree);

describe('translation resources', () => {
  it('English has exactly the Vietnamese keys, none empty', () => {
    expect(enLeaves.map(([k]) => k).sort()).toEqual(viLeaves.map(([k]) => k).sort());
    for (const [key, text] of [...viLeaves, ...enLeaves]) expect(text.trim(), key).not.toBe('');
  });

  it('uses the same interpolation variables in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const enMap = new Map(enLeaves);
    for (const [key, text] of viLeaves) expect(vars(enMap.get(key) ?? ''), key).toEqual(vars(text));
  });

  it('has a message for every error code, upload error, level and reason', () => {
    expect(Object.keys(vi.errors).sort()).toEqual([...ERROR_CODES].sort());
    expect(Object.keys(vi.sync.errors).sort()).toEqual([...SYNC_ERROR_CODES].sort());
    expect(Object.keys(vi.citizen.levels).sort()).toEqual(Object.values(LEVEL_KEYS).sort());
    expect(Object.keys(vi.citizen.reasons).sort()).toEqual([...REASON_CODES].sort());
  });

  it('uses the exact level labels of the reference scale', () => {
    expect(vi.citizen.levels).toEqual({
      very_satisfied: 'Rất hài lòng',
      satisfied: 'Hài lòng',
      neutral: 'Bình thường',
      not_satisfied: 'Không hài lòng',
      very_dissatisfied: 'Rất không hài lòng',
    });
  });

  it('addresses the citizen as Ông/Bà, never with the informal "bạn"', () => {
    for (const [key, text] of viLeaves) expect(text, key).not.toMatch(/(^|[^\p{L}])bạn([^\p{L}]|$)/iu);
    expect(vi.citizen.question).toContain('Ông/Bà');
    expect(vi.citizen.thanks).toContain('Ông/Bà');
  });

  it('writes Vietnamese with its diacritics (no text left in ASCII-only Vietnamese)', () => {
    const asciiOnlyVietnamese = /\b(hai long|khong|danh gia|cam on|quay)\b/i;
    for (const [key, text] of viLeaves) expect(text, key).not.toMatch(asciiOnlyVietnamese);
  });
});
