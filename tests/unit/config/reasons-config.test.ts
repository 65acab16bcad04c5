// The follow-up reasons a unit configures (`reasons`): today's eight by default, and for
// each broken entry the exact fault IT reads (check-config's English detail) and the sentence
// the start-up screen shows in Vietnamese, through the real loader and the real translations.
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../electron/services/config-loader';
import { configErrorLines, partsText } from '../../../renderer/src/screens/config-error-lines';
import { toPublicConfig } from '../../../shared/config-schema';
import type { KioskError } from '../../../shared/errors';
import { resources } from '../../../shared/i18n';
import { DEFAULT_REASONS, REASON_CODES, REASON_SIPAS } from '../../../shared/rating-scale';

const minimal = { unit: { code: 'PKU', name: 'Phường Pleiku' }, kiosk: { id: 'k-01' } };
const reason = (key: string, extra: Record<string, unknown> = {}) => ({ key, factor: 'B', labels: { vi: `Lý do ${key}` }, ...extra });

let viT: TFunction;
beforeAll(async () => {
  const instance = i18next.createInstance();
  await instance.init({ resources, lng: 'vi', fallbackLng: 'vi', interpolation: { escapeValue: false } });
  viT = instance.t;
});

function faults(reasons: unknown): { issues: Array<{ problem: string; field: string; detail: string; params: object }>; screen: string[] } {
  const r = parseConfig({ ...minimal, reasons });
  if (r.ok) throw new Error('the configuration was accepted');
  const error: KioskError = r.error;
  return {
    issues: (error.issues ?? []).map((i) => ({ problem: i.problem, field: i.field, detail: i.detail, params: i.params })),
    screen: configErrorLines(viT, 'vi', error)!.map(partsText),
  };
}

describe('the reasons of a configuration', () => {
  it("are today's eight, with their factors and labels, when the file has none", () => {
    const r = parseConfig(minimal);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.reasons.map((x) => x.key)).toEqual([...REASON_CODES]);
    expect(r.value.reasons.map((x) => x.factor)).toEqual(REASON_CODES.map((k) => REASON_SIPAS[k]));
    expect(r.value.reasons[0]).toEqual({ key: 'late', factor: 'D', labels: { vi: 'Trả kết quả trễ hẹn', en: 'Result was late' } });
    expect(r.value.reasons[7]).toEqual({ key: 'other', factor: null, labels: { vi: 'Lý do khác', en: 'Other' } });
    expect(toPublicConfig(r.value).reasons).toEqual(DEFAULT_REASONS);
  });

  it('keep the order, labels of every language and factors a unit gives, cleaned like other texts', () => {
    const r = parseConfig({
      ...minimal,
      reasons: [
        { key: 'long_queue', factor: 'A', labels: { vi: '  Xếp hàng\u202e lâu ', en: 'Long queue', jra: 'Nhãn của đơn vị' } },
        { key: 'late', factor: 'D', labels: { vi: 'Trễ hẹn' } },
        { key: 'other', factor: null, labels: { vi: 'Khác' } },
      ],
    });
    expect(r.ok && r.value.reasons).toEqual([
      { key: 'long_queue', factor: 'A', labels: { vi: 'Xếp hàng lâu', en: 'Long queue', jra: 'Nhãn của đơn vị' } },
      { key: 'late', factor: 'D', labels: { vi: 'Trễ hẹn' } },
      { key: 'other', factor: null, labels: { vi: 'Khác' } },
    ]);
  });

  it('refuse a key that is not lower-case ASCII', () => {
    const f = faults([reason('Xếp_hàng')]);
    expect(f.issues).toEqual([
      {
        problem: 'not_reason_key',
        field: 'reasons.0.key',
        detail: 'a lower-case ASCII letter, then lower-case letters, digits or "_" (1-40), e.g. "long_queue"',
        params: {},
      },
    ]);
    expect(f.screen).toEqual([
      'Trường reasons.0.key phải bắt đầu bằng một chữ cái thường không dấu, sau đó chỉ gồm chữ cái thường không dấu, chữ số và dấu gạch dưới, dài từ 1 đến 40 ký tự.',
    ]);
    expect(faults([reason('a'.repeat(41))]).issues[0]).toMatchObject({ problem: 'not_reason_key' });
    expect(faults([reason('1st')]).issues[0]).toMatchObject({ problem: 'not_reason_key' });
  });

  it('refuse a key used twice, on the second one', () => {
    const f = faults([reason('late'), reason('fees'), reason('late')]);
    expect(f.issues).toEqual([
      { problem: 'duplicate_reason_key', field: 'reasons.2.key', detail: 'repeats the key of an earlier reason (each reason needs its own key)', params: {} },
    ]);
    expect(f.screen).toEqual(['Trường reasons.2.key trùng mã với một lý do đã có ở trên; mỗi lý do phải có mã riêng.']);
  });

  it('refuse a factor that is not a SIPAS factor letter or null', () => {
    const f = faults([reason('late', { factor: 'E' })]);
    expect(f.issues).toEqual([
      {
        problem: 'not_allowed',
        field: 'reasons.0.factor',
        detail: 'must be one of "A", "B", "C", "D", null',
        params: { allowed: '"A", "B", "C", "D", null', allowedList: JSON.stringify(['"A"', '"B"', '"C"', '"D"', 'null']) },
      },
    ]);
    expect(f.screen).toEqual(['Trường reasons.0.factor phải là "A", "B", "C", "D" hoặc null.']);
    expect(faults([{ key: 'late', labels: { vi: 'Trễ' } }]).issues).toMatchObject([{ problem: 'missing_key', field: 'reasons.0.factor' }]);
  });

  it('need a Vietnamese label of at most 80 characters', () => {
    const missing = faults([reason('late', { labels: { en: 'Late' } })]);
    expect(missing.issues).toMatchObject([{ problem: 'missing_key', field: 'reasons.0.labels.vi', detail: 'required, expected string' }]);
    expect(missing.screen).toEqual(['Thiếu trường bắt buộc reasons.0.labels.vi.']);
    const long = faults([reason('late', { labels: { vi: 'ă'.repeat(81) } })]);
    expect(long.issues).toMatchObject([{ problem: 'too_big', field: 'reasons.0.labels.vi', params: { kind: 'string', limit: 80 } }]);
    expect(long.screen).toEqual(['Trường reasons.0.labels.vi không được dài quá 80 ký tự.']);
    // Blank once control characters are removed: nothing to show on the button.
    expect(faults([reason('late', { labels: { vi: ' \u0007\u202e ' } })]).issues).toMatchObject([{ problem: 'too_small', field: 'reasons.0.labels.vi' }]);
    expect(faults([reason('late', { labels: { vi: 'Trễ', en: 'L'.repeat(81) } })]).issues).toMatchObject([
      { problem: 'too_big', field: 'reasons.0.labels.en' },
    ]);
  });

  it('refuse a label under something that is not a language code', () => {
    const f = faults([reason('late', { labels: { vi: 'Trễ', English: 'Late' } })]);
    expect(f.issues).toEqual([
      { problem: 'not_language_code', field: 'reasons.0.labels.English', detail: 'a language code such as "en" or a language pack\'s code', params: {} },
    ]);
    expect(f.screen).toEqual(['Trường reasons.0.labels.English không phải là mã ngôn ngữ (ví dụ: en).']);
  });

  it('refuse an unknown field in a reason, an empty list and more than twelve', () => {
    expect(faults([reason('late', { sipas: 'D' })]).issues).toMatchObject([{ problem: 'unknown_key', field: 'reasons.0.sipas' }]);
    const empty = faults([]);
    expect(empty.issues).toMatchObject([{ problem: 'too_small', field: 'reasons', params: { kind: 'array', limit: 1 } }]);
    expect(empty.screen).toEqual(['Trường reasons phải có ít nhất 1 mục.']);
    const many = faults(Array.from({ length: 13 }, (_, i) => reason(`r${i}`)));
    expect(many.issues).toMatchObject([{ problem: 'too_big', field: 'reasons', params: { kind: 'array', limit: 12 } }]);
    expect(many.screen).toEqual(['Trường reasons không được có quá 12 mục.']);
    expect(faults({ late: 'D' }).issues).toMatchObject([{ problem: 'wrong_type', field: 'reasons', params: { expected: 'array' } }]);
  });

  it('report every fault of every reason at once', () => {
    const f = faults([reason('Bad'), reason('late', { factor: 'X' }), reason('late', { labels: {} })]);
    expect(f.issues.map((i) => [i.field, i.problem])).toEqual([
      ['reasons.0.key', 'not_reason_key'],
      ['reasons.1.factor', 'not_allowed'],
      ['reasons.2.labels.vi', 'missing_key'],
    ]);
  });
});
