// `npm run admin -- language-template` and `check-language` as IT runs them: real processes,
// real files, exit codes.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vi as viTexts } from '../../../shared/i18n/vi';
import { packSourceTexts } from '../../../electron/services/language-packs';
import { runAdmin } from '../../support/admin-cli';
import { testLanguagePack, writePack } from '../../support/language-pack-fixture';
import { tempDir } from '../../support/temp-db';

let t: ReturnType<typeof tempDir>;
beforeEach(() => {
  t = tempDir('language-cli-');
});
afterEach(() => t.cleanup());

describe('language-template', () => {
  it('prints a skeleton with every citizen-facing text in Vietnamese', async () => {
    const run = await runAdmin(['language-template']);
    expect(run.code).toBe(0);
    const template = JSON.parse(run.stdout) as { code: string; name: string; version: number; translation: { citizen: { question: string } } };
    expect(template).toMatchObject({ code: '', name: '', version: 1 });
    expect(template.translation.citizen.question).toBe(viTexts.citizen.question);
  });

  it('--out writes the file, refuses to overwrite one, and the unfilled template does not pass the check', async () => {
    const out = path.join(t.dir, 'jra.json');
    const run = await runAdmin(['language-template', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`template written to ${out}`);
    const written = fs.readFileSync(out, 'utf8');

    const again = await runAdmin(['language-template', '--out', out]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`${out} already exists and was left as it is: give another --out or move that file first\n`);
    expect(fs.readFileSync(out, 'utf8')).toBe(written);

    const check = await runAdmin(['check-language', out]);
    expect(check.code).toBe(1);
    expect(check.stdout).toBe(
      [
        'jra.json: refused, the kiosk would not offer it (2 problems):',
        '  - "code" must be a language code of 2-3 lower-case letters (ISO 639-1 or 639-3), e.g. "jra"',
        '  - "name" must be the language\'s own name as text (1-40 characters), e.g. "Jrai"',
        '',
      ].join('\n'),
    );

    // Filled in but still the Vietnamese text: valid, every key "translated".
    fs.writeFileSync(out, JSON.stringify({ ...JSON.parse(written), code: 'jra', name: 'Jrai' }));
    const filled = await runAdmin(['check-language', out]);
    expect(filled.code).toBe(0);
    expect(filled.stdout).toContain(`jra.json: "jra" Jrai (version 1), ${packSourceTexts().size}/${packSourceTexts().size} texts translated`);
  });

  it('refuses a flag it does not know', async () => {
    const run = await runAdmin(['language-template', '--output', 'x.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Unknown option '--output'");
  });
});

describe('check-language', () => {
  it('OK with a summary, and the keys left in Vietnamese', async () => {
    const file = writePack(t.dir, 'qaa.json', testLanguagePack(['citizen.hint']));
    const run = await runAdmin(['check-language', file]);
    expect(run.code).toBe(0);
    const total = packSourceTexts().size;
    expect(run.stdout.split('\n')).toEqual([
      `qaa.json: "qaa" Qaa (test) (version 1), ${total - 1}/${total} texts translated`,
      '  - 1 key is not translated and will show in Vietnamese: citizen.hint',
      'OK: copy it into the "languages" folder beside config.json and add "qaa" to the configuration\'s "languages", then restart the kiosk',
      '',
    ]);
  });

  it('each problem of an invalid pack, exit 1', async () => {
    const pack = testLanguagePack();
    (pack.translation.citizen as Record<string, unknown>).hint = 7;
    (pack.translation.keyboard as Record<string, unknown>).counter = '{{n}} characters';
    const file = writePack(t.dir, 'qaa.json', pack);
    const run = await runAdmin(['check-language', file]);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')).toEqual([
      'qaa.json: refused, the kiosk would not offer it (2 problems):',
      '  - "citizen.hint" must be text (a JSON string)',
      '  - "keyboard.counter" must contain {{max}} {{n}} as the Vietnamese text does (found {{n}})',
      '',
    ]);
  });

  it('a file that is not JSON', async () => {
    const file = writePack(t.dir, 'bdq.json', '{"code": "bdq",');
    const run = await runAdmin(['check-language', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('bdq.json: refused, the kiosk would not offer it (1 problem):\n  - is not valid JSON (line 1, column 16)\n');
  });

  it('bad arguments: no file, two files, a missing file', async () => {
    for (const args of [[], ['a.json', 'b.json']]) {
      const run = await runAdmin(['check-language', ...args]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('give exactly one language pack file');
      expect(run.stderr).toContain('Usage: npm run admin -- check-language FILE');
    }
    const missing = await runAdmin(['check-language', path.join(t.dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`no file at ${path.join(t.dir, 'nope.json')}`);
  });
});
