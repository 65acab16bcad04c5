// What the start-up error screen says about a broken configuration: one sentence per fault,
// from the loader's real errors and the real translation resources, in the wording the
// counter staff read ("Tệp cấu hình bị lỗi ở dòng 7, cột 17", "Trường scale phải là "3"
// hoặc "5"") and never the loader's English detail.
import fs from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText } from '../../../electron/services/config-loader';
import { configErrorLines, partsText, type ConfigErrorPart } from '../../../renderer/src/screens/config-error-lines';
import { CONFIG_LIMIT_KINDS, CONFIG_PROBLEMS } from '../../../shared/config-schema';
import type { KioskError } from '../../../shared/errors';
import { resources } from '../../../shared/i18n';
import { tempDir } from '../../support/temp-db';

let vi: TFunction;
let en: TFunction;
const dir = tempDir('config-lines-');
afterAll(() => dir.cleanup());
beforeAll(async () => {
  const make = async (lng: string) => {
    const instance = i18next.createInstance();
    await instance.init({ resources, lng, fallbackLng: 'vi', interpolation: { escapeValue: false } });
    return instance.t;
  };
  [vi, en] = await Promise.all([make('vi'), make('en')]);
});

function errorOf(text: string): KioskError {
  const r = parseConfigText(text);
  if (r.ok) throw new Error('the config loaded');
  return r.error;
}

const lines = (t: TFunction, lng: string, error: KioskError) => configErrorLines(t, lng, error)!.map(partsText);

describe('the configuration error screen', () => {
  it('says where a file that is not JSON breaks, by line and column', () => {
    // Line 7 is `  "scale": 3 5,`: the stray 5 is at column 17.
    const text = ['{', '  "unit": { "code": "PKU", "name": "Phường Pleiku" },', '  "kiosk": { "id": "k-01" },', '', '', '', '  "scale": 3    5,', '}'].join(
      '\n',
    );
    expect(lines(vi, 'vi', errorOf(text))).toEqual(['Tệp cấu hình bị lỗi ở dòng 7, cột 17.']);
    expect(lines(en, 'en', errorOf(text))).toEqual(['The configuration file has an error at line 7, column 17.']);
  });

  it('lists every fault of the file, each field shown as code, the choices joined with "hoặc"', () => {
    const error = errorOf(
      JSON.stringify({
        unit: { code: 'PKU', name: 'Phường Pleiku', nmae: 'x' },
        kiosk: {},
        scale: '7',
        server: { url: 'https://city.example/kiosk', token: 't', batchSize: 0 },
        timeouts: { thankYouSeconds: '5' },
      }),
    );
    expect(lines(vi, 'vi', error)).toEqual([
      'Không có trường cấu hình nào tên là unit.nmae, vui lòng kiểm tra chính tả.',
      'Thiếu trường bắt buộc kiosk.id.',
      'Trường scale phải là "3" hoặc "5".',
      'Trường timeouts.thankYouSeconds phải là một số.',
      'Trường server.batchSize phải từ 1 trở lên.',
    ]);
    expect(lines(en, 'en', error)).toEqual([
      'There is no setting called unit.nmae, please check the spelling.',
      'The required setting kiosk.id is missing.',
      'The setting scale must be "3" or "5".',
      'The setting timeouts.thankYouSeconds must be a number.',
      'The setting server.batchSize must be 1 or more.',
    ]);
    // The field is a part of its own (the screen shows it as code), not text to parse.
    expect(configErrorLines(vi, 'vi', error)![2]).toEqual<ConfigErrorPart[]>([{ text: 'Trường ' }, { field: 'scale' }, { text: ' phải là "3" hoặc "5".' }]);
  });

  it('words limits by what they count, and a strict one as "lớn hơn"', () => {
    const error = errorOf(
      JSON.stringify({
        unit: { code: 'Mã có dấu', name: 'x'.repeat(201) },
        kiosk: { id: 'k' },
        languages: [],
        timeouts: { followUpSeconds: 0 },
        counters: Array.from({ length: 101 }, (_, i) => ({ id: `Q${i}`, name: 'Q' })),
      }),
    );
    expect(lines(vi, 'vi', error)).toEqual([
      'Trường unit.code chỉ được gồm chữ cái không dấu, chữ số, dấu chấm, dấu gạch ngang và dấu gạch dưới, dài từ 1 đến 64 ký tự.',
      'Trường unit.name không được dài quá 200 ký tự.',
      'Trường counters không được có quá 100 mục.',
      'Trường languages phải có ít nhất 1 mục.',
      'Giá trị của trường languages không hợp lệ (chi tiết được ghi trong nhật ký của máy).',
      'Trường timeouts.followUpSeconds phải lớn hơn 0.',
    ]);
  });

  it('names a missing file by its path', () => {
    const file = path.join(dir.dir, 'config.json');
    const r = loadConfig(file, { named: true });
    if (r.ok) throw new Error('loaded');
    expect(lines(vi, 'vi', r.error)).toEqual([`Không tìm thấy tệp cấu hình ${file}.`]);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('has a complete Vietnamese and English sentence for every problem and limit', () => {
    for (const problem of CONFIG_PROBLEMS) {
      const kinds = problem === 'too_small' || problem === 'too_big' ? CONFIG_LIMIT_KINDS : [undefined];
      for (const kind of kinds) {
        const error: KioskError = {
          code: 'CONFIG_INVALID',
          issues: [
            {
              problem,
              code: 'x',
              field: 'a.b',
              path: ['a', 'b'],
              detail: 'English detail',
              params: { path: '/p', line: 3, column: 4, limit: 9, allowedList: '["1","2"]', expected: 'number', ...(kind ? { kind } : {}) },
            },
          ],
        };
        for (const [t, lng] of [
          [vi, 'vi'],
          [en, 'en'],
        ] as const) {
          const [sentence] = lines(t, lng, error);
          const label = `${problem} ${kind ?? ''} ${lng}`;
          expect(sentence, label).toMatch(/\.$/);
          expect(sentence, label).not.toMatch(/\{\{|\}\}|configErrors|English detail/);
        }
      }
    }
  });

  it('still names the field of a fault it has no sentence for, and of an error that has no list', () => {
    const newer: KioskError = {
      code: 'CONFIG_INVALID',
      issues: [{ problem: 'from_the_future', code: 'custom', field: 'x.y', path: ['x', 'y'], detail: 'd', params: {} }],
    };
    expect(lines(vi, 'vi', newer)).toEqual(['Giá trị của trường x.y không hợp lệ (chi tiết được ghi trong nhật ký của máy).']);
    const older: KioskError = { code: 'CONFIG_INVALID', field: 'scale', params: { problem: 'not_allowed', allowed: '"3", "5"' } };
    expect(lines(vi, 'vi', older)).toEqual(['Trường scale phải là "3", "5".']);
    expect(configErrorLines(vi, 'vi', { code: 'DATABASE_ERROR', detail: 'x' })).toBeNull();
  });
});
