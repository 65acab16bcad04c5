// Language packs (electron/services/language-packs.ts) on real files: what is accepted, what
// falls back to Vietnamese, and each refusal with the exact sentence IT reads.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskConfigSchema } from '../../../shared/config-schema';
import { vi as viTexts } from '../../../shared/i18n/vi';
import { kioskInputSchemas } from '../../../shared/kiosk-api';
import { batchRequestSchema, isValidBatchFast } from '../../../shared/upload-protocol';
import {
  checkLanguagePackFile,
  describePackProblem,
  LANGUAGE_PACK_MAX_BYTES,
  languagePackTemplate,
  loadLanguagePacks,
  packSourceTexts,
  placeholdersOf,
} from '../../../electron/services/language-packs';
import { TEST_PACK_MARK, TEST_PACK_NAME, testLanguagePack, writePack } from '../../support/language-pack-fixture';
import { tempDir } from '../../support/temp-db';

let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('language-packs-');
});
afterEach(() => t.cleanup());

/** The sentences IT reads for a file (`check-language`, the log). */
function messages(file: string): string[] {
  return checkLanguagePackFile(file).report.problems.map(describePackProblem);
}

describe('the template', () => {
  it('holds every citizen-facing text in Vietnamese, nested as shared/i18n/vi, and nothing for staff', () => {
    const template = languagePackTemplate();
    expect(template).toMatchObject({ code: '', name: '', version: 1 });
    expect(Object.keys(template.translation)).toEqual(['citizen', 'keyboard', 'sync']);
    const tr = template.translation as { citizen: Record<string, unknown>; keyboard: unknown; sync: Record<string, unknown> };
    expect(tr.citizen.question).toBe(viTexts.citizen.question);
    expect(tr.keyboard).toEqual(viTexts.keyboard);
    // Only what the idle screen's status line shows; sync error details are for staff.
    expect(Object.keys(tr.sync)).toEqual(['title', 'pending', 'rejected', 'lastSuccess', 'never', 'states']);
    // The language buttons name themselves; a pack does not rename Vietnamese or English.
    expect(tr.citizen.language).toEqual({ label: viTexts.citizen.language.label });
    expect(packSourceTexts().get('citizen.dossier.code')).toBe('Hồ sơ số {{code}}');
    expect(packSourceTexts().has('admin.pin.title')).toBe(false);
  });

  it('finds the placeholders of a text, formats included', () => {
    expect(placeholdersOf('{{n}}/{{max}} ký tự')).toEqual(['max', 'n']);
    expect(placeholdersOf('at {{ time, datetime }} and {{n}} and {{n}}')).toEqual(['n', 'time']);
    expect(placeholdersOf('no placeholder')).toEqual([]);
  });
});

describe('a valid pack', () => {
  it('is accepted with every key, the texts cleaned of control characters', () => {
    const pack = testLanguagePack();
    (pack.translation.citizen as Record<string, string>).hint = 'Tap\u202e one\u0007 face';
    const checked = checkLanguagePackFile(writePack(t.dir, 'qaa.json', pack));
    expect(checked.report).toEqual({
      file: 'qaa.json',
      code: 'qaa',
      name: TEST_PACK_NAME,
      version: 1,
      status: 'accepted',
      translated: packSourceTexts().size,
      total: packSourceTexts().size,
      problems: [],
    });
    const citizen = checked.pack!.translation.citizen as Record<string, string>;
    expect(citizen.hint).toBe('Tap one face');
    expect(citizen.question).toBe(`${TEST_PACK_MARK} Are you satisfied with our service?`);
  });

  it('with missing keys is accepted, the keys listed for IT and left out so Vietnamese shows', () => {
    const file = writePack(t.dir, 'qaa.json', testLanguagePack(['citizen.hint', 'keyboard.mode.name']));
    const checked = checkLanguagePackFile(file);
    expect(checked.report.status).toBe('accepted');
    expect(checked.report.translated).toBe(packSourceTexts().size - 2);
    expect(checked.report.problems).toEqual([{ kind: 'missing_keys', keys: ['citizen.hint', 'keyboard.mode.name'] }]);
    expect(messages(file)).toEqual(['2 keys are not translated and will show in Vietnamese: citizen.hint, keyboard.mode.name']);
    expect(checked.pack!.translation.citizen).not.toHaveProperty('hint');
    expect((checked.pack!.translation.keyboard as { mode: object }).mode).not.toHaveProperty('name');
  });

  it('an empty or blank text counts as missing rather than showing a blank button', () => {
    const pack = testLanguagePack();
    (pack.translation.citizen as Record<string, string>).hint = '  ';
    const checked = checkLanguagePackFile(writePack(t.dir, 'qaa.json', pack));
    expect(checked.report.problems).toEqual([{ kind: 'missing_keys', keys: ['citizen.hint'] }]);
  });

  it('keys Vietnamese does not have are reported as unknown and ignored', () => {
    const pack = testLanguagePack();
    (pack.translation.citizen as Record<string, unknown>).questoin = 'typo';
    (pack.translation as Record<string, unknown>).admin = { pin: { title: 'PIN' } };
    const file = writePack(t.dir, 'qaa.json', pack);
    const checked = checkLanguagePackFile(file);
    expect(checked.report.status).toBe('accepted');
    expect(messages(file)).toEqual(['2 unknown keys ignored (not in the Vietnamese source): citizen.questoin, admin.pin.title']);
    expect(checked.pack!.translation).not.toHaveProperty('admin');
    expect(checked.pack!.translation.citizen).not.toHaveProperty('questoin');
  });

  it('accepts a UTF-8 BOM (Notepad)', () => {
    const file = writePack(t.dir, 'qaa.json', `\uFEFF${JSON.stringify(testLanguagePack())}`);
    expect(checkLanguagePackFile(file).report.status).toBe('accepted');
  });
});

describe('a pack that is refused, with its reason', () => {
  const refusal = (file: string) => {
    const checked = checkLanguagePackFile(file);
    expect(checked.pack).toBeNull();
    expect(checked.report.status).toBe('refused');
    return messages(file);
  };

  it('not JSON: by line and column, never quoting the file', () => {
    expect(refusal(writePack(t.dir, 'qaa.json', '{\n  "code": "qaa",\n  "name": "Qaa" oops\n}'))).toEqual(['is not valid JSON (line 3, column 17)']);
  });

  it('cut short', () => {
    expect(refusal(writePack(t.dir, 'qaa.json', '{ "code": "qaa", "translation": {'))).toEqual(['is not valid JSON (line 1, column 34)']);
  });

  it('too large, without reading it', () => {
    const file = writePack(t.dir, 'qaa.json', `{"code":"qaa","pad":"${'x'.repeat(LANGUAGE_PACK_MAX_BYTES)}"}`);
    const size = fs.statSync(file).size;
    expect(refusal(file)).toEqual([`is too large: ${size} bytes, at most 524288`]);
  });

  it('not an object', () => {
    expect(refusal(writePack(t.dir, 'qaa.json', '["qaa"]'))).toEqual(['must hold one JSON object with "code", "name", "version" and "translation"']);
  });

  it('a built-in language cannot be replaced', () => {
    expect(refusal(writePack(t.dir, 'vi.json', { ...testLanguagePack(), code: 'vi' }))).toEqual(['"vi" is built in and cannot be replaced by a language pack']);
    expect(refusal(writePack(t.dir, 'en.json', { ...testLanguagePack(), code: 'en' }))).toEqual(['"en" is built in and cannot be replaced by a language pack']);
  });

  it('a file name that is not a language code', () => {
    const expected = ['the file name must be the language code and ".json", e.g. "jra.json"'];
    expect(refusal(writePack(t.dir, 'Jrai.json', testLanguagePack()))).toEqual(expected);
    expect(refusal(writePack(t.dir, 'jra-VN.json', testLanguagePack()))).toEqual(expected);
  });

  it('the code does not match the file name', () => {
    expect(refusal(writePack(t.dir, 'jra.json', testLanguagePack()))).toEqual(['"code" is "qaa" but the file is named "jra.json": they must match']);
  });

  it('fields missing, unknown or wrong', () => {
    const { code, translation } = testLanguagePack();
    expect(refusal(writePack(t.dir, 'qaa.json', { code, translation, comment: 'draft' }))).toEqual([
      'has no "name": the language\'s own name as text (1-40 characters), e.g. "Jrai"',
      'has no "version": a whole number from 1',
      'has an unknown field "comment" (only "code", "name", "version", "translation")',
    ]);
    expect(refusal(writePack(t.dir, 'qaa.json', { ...testLanguagePack(), name: ' ', version: 1.5 }))).toEqual([
      '"name" must be the language\'s own name as text (1-40 characters), e.g. "Jrai"',
      '"version" must be a whole number from 1',
    ]);
    expect(refusal(writePack(t.dir, 'qaa.json', { ...testLanguagePack(), code: 'QAA' }))).toEqual([
      '"code" must be a language code of 2-3 lower-case letters (ISO 639-1 or 639-3), e.g. "jra"',
    ]);
    expect(refusal(writePack(t.dir, 'qaa.json', { ...testLanguagePack(), translation: ['x'] }))).toEqual([
      '"translation" must be an object holding the translated texts',
    ]);
  });

  it('a value that is not text', () => {
    const pack = testLanguagePack();
    (pack.translation.citizen as Record<string, unknown>).hint = 42;
    (pack.translation.keyboard as Record<string, unknown>).space = null;
    (pack.translation.keyboard as Record<string, unknown>).shift = ['Shift'];
    expect(refusal(writePack(t.dir, 'qaa.json', pack))).toEqual([
      '"citizen.hint" must be text (a JSON string)',
      '"keyboard.space" must be text (a JSON string)',
      '"keyboard.shift" must be text (a JSON string)',
    ]);
  });

  it('text where Vietnamese has a group of texts is ignored as unknown, the group shows in Vietnamese', () => {
    const pack = testLanguagePack();
    (pack.translation.citizen as Record<string, unknown>).screenCare = 'Touch';
    const checked = checkLanguagePackFile(writePack(t.dir, 'qaa.json', pack));
    expect(checked.report.status).toBe('accepted');
    expect(checked.report.problems).toEqual([
      { kind: 'missing_keys', keys: ['citizen.screenCare.wake'] },
      { kind: 'unknown_keys', keys: ['citizen.screenCare'] },
    ]);
  });

  it('a placeholder missing, misspelt or added compared with Vietnamese', () => {
    const pack = testLanguagePack();
    (pack.translation.keyboard as Record<string, unknown>).counter = '{{max}} characters';
    (pack.translation.citizen as { onDuty: string }).onDuty = 'Officer: {{nom}}';
    (pack.translation.citizen as { thanks: string }).thanks = 'Thanks {{name}}!';
    expect(refusal(writePack(t.dir, 'qaa.json', pack))).toEqual([
      '"citizen.thanks" must contain no {{…}} placeholder as the Vietnamese text does (found {{name}})',
      '"citizen.onDuty" must contain {{name}} as the Vietnamese text does (found {{nom}})',
      '"keyboard.counter" must contain {{max}} {{n}} as the Vietnamese text does (found {{max}})',
    ]);
  });
});

describe('the languages folder at start', () => {
  const dir = () => path.join(t.dir, 'languages');

  it('offers the listed languages that have a valid pack, reports the others, never throws', () => {
    writePack(dir(), 'qaa.json', testLanguagePack(['citizen.hint']));
    writePack(dir(), 'qab.json', { ...testLanguagePack(), code: 'qab' });
    writePack(dir(), 'qac.json', '{ not json');
    fs.mkdirSync(path.join(dir(), 'qaa', 'audio'), { recursive: true });
    fs.writeFileSync(path.join(dir(), 'README.txt'), 'not a pack');

    const loaded = loadLanguagePacks(dir(), ['vi', 'qaa', 'en', 'qac', 'bdq']);
    expect(loaded.offered).toEqual(['vi', 'qaa', 'en']);
    expect(loaded.packs.map((p) => [p.code, p.name])).toEqual([['qaa', TEST_PACK_NAME]]);
    expect(loaded.reports.map((r) => [r.file, r.code, r.status, r.problems.map(describePackProblem)])).toEqual([
      ['qaa.json', 'qaa', 'accepted', ['1 key is not translated and will show in Vietnamese: citizen.hint']],
      ['qab.json', 'qab', 'not_listed', ['valid, but not offered: "qab" is not in the configuration\'s "languages"']],
      ['qac.json', 'qac', 'refused', ['is not valid JSON (line 1, column 3)']],
      [null, 'qac', 'missing', [`"qac" is in the configuration's "languages", but there is no valid "qac.json" in ${dir()}`]],
      [null, 'bdq', 'missing', [`"bdq" is in the configuration's "languages", but there is no valid "bdq.json" in ${dir()}`]],
    ]);
  });

  it('without a folder: the built-in languages only, as before packs existed', () => {
    expect(loadLanguagePacks(dir(), ['vi', 'en'])).toEqual({ offered: ['vi', 'en'], packs: [], reports: [] });
    expect(loadLanguagePacks(dir(), ['vi', 'jra']).offered).toEqual(['vi']);
  });
});

describe('a pack code where languages are configured and recorded', () => {
  const minimal = { unit: { code: 'PKU', name: 'Đơn vị' }, kiosk: { id: 'k1' } };

  it('the configuration may list pack codes after "vi", still no repeats and "vi" first', () => {
    expect(KioskConfigSchema.parse({ ...minimal, languages: ['vi', 'jra', 'bdq'] }).languages).toEqual(['vi', 'jra', 'bdq']);
    expect(KioskConfigSchema.parse(minimal).languages).toEqual(['vi', 'en']);
    const bad = KioskConfigSchema.safeParse({ ...minimal, languages: ['vi', 'Jrai'] });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({ path: ['languages', 1], params: { configProblem: 'not_language_code' } });
    expect(KioskConfigSchema.safeParse({ ...minimal, languages: ['jra', 'vi'] }).success).toBe(false);
    expect(KioskConfigSchema.safeParse({ ...minimal, languages: ['vi', 'jra', 'jra'] }).success).toBe(false);
  });

  it('a rating may carry a pack code, and only a language code', () => {
    const input = (language: string) => kioskInputSchemas.submitRating.safeParse({ level: 5, language });
    expect(input('qaa').success).toBe(true);
    expect(input('vi').success).toBe(true);
    for (const bad of ['QAA', 'jrai', 'q', 'vi-VN', '']) expect(input(bad).success).toBe(false);
  });

  it('the upload protocol accepts a pack code, on the fast path and in the schema, and refuses anything else', () => {
    const batch = (language: string) => ({
      protocol: 1,
      kioskId: 'k1',
      unitCode: 'PKU',
      sentAt: '2026-12-01T09:00:00+07:00',
      ratings: [
        {
          id: '0b7e7a4e-4d8e-4c5e-9a51-6d7b5f1f2a10',
          seq: 1,
          createdAt: '2026-12-01T08:59:00+07:00',
          scale: 3,
          level: 5,
          reasons: [],
          comment: null,
          language,
          counterId: null,
          officerId: null,
          dossierCode: null,
          dossierCapture: 'none',
          appVersion: '1.0.0',
          misuseFlag: false,
          clockOffsetMs: null,
        },
      ],
    });
    expect(isValidBatchFast(batch('qaa'))).toBe(true);
    expect(batchRequestSchema.safeParse(batch('qaa')).success).toBe(true);
    for (const bad of ['QAA', 'jrai', 'v1']) {
      expect(isValidBatchFast(batch(bad))).toBe(false);
      expect(batchRequestSchema.safeParse(batch(bad)).success).toBe(false);
    }
  });
});
