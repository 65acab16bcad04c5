// Language packs for IT (docs/languages.md):
//   `npm run admin -- language-template [--out FILE]` writes a pack skeleton: every
//   citizen-facing key with its Vietnamese text, "code" and "name" left to fill in.
//   `npm run admin -- check-language FILE` checks a pack exactly as the kiosk does at start.
// Exit codes: 0 done / the pack would be used, 1 the pack would be refused (or the file could
// not be written), 2 bad arguments.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { UsageError } from '../../services/command-line';
import { checkLanguagePackFile, describePackProblem, isRefusal, languagePackTemplate } from '../../services/language-packs';
import { runCommand } from './report-command-support';
import type { AdminCommand } from './types';

const TEMPLATE_USAGE = 'Usage: npm run admin -- language-template [--out FILE]';
const CHECK_USAGE = 'Usage: npm run admin -- check-language FILE';

export const languageTemplateCommand: AdminCommand = {
  name: 'language-template',
  summary: 'write a language pack skeleton with every citizen-facing text in Vietnamese, to translate (stdout, or --out FILE)',
  run: (argv) =>
    runCommand(TEMPLATE_USAGE, async () => {
      const { values } = strictArgs(argv, { out: { type: 'string' } }, false);
      const text = `${JSON.stringify(languagePackTemplate(), null, 2)}\n`;
      if (values.out === undefined) {
        process.stdout.write(text);
        return 0;
      }
      const out = path.resolve(values.out);
      try {
        // Never over a translation someone is working on.
        fs.writeFileSync(out, text, { flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        process.stderr.write(`${out} already exists and was left as it is: give another --out or move that file first\n`);
        return 1;
      }
      process.stdout.write(
        `template written to ${out}: fill in "code" (also the file's name, e.g. jra.json) and "name", translate each text, then run check-language\n`,
      );
      return 0;
    }),
};

export const checkLanguageCommand: AdminCommand = {
  name: 'check-language',
  summary: 'check a language pack file as the kiosk does at start: each problem, or OK with a summary',
  run: (argv) =>
    runCommand(CHECK_USAGE, async () => {
      const { positionals } = strictArgs(argv, {}, true);
      if (positionals.length !== 1) throw new UsageError('give exactly one language pack file');
      const file = path.resolve(positionals[0]!);
      if (!fs.existsSync(file)) throw new UsageError(`no file at ${file}`);
      const { report } = checkLanguagePackFile(file);
      const refusals = report.problems.filter(isRefusal);
      const lines: string[] = [];
      if (refusals.length > 0) {
        lines.push(`${report.file}: refused, the kiosk would not offer it (${refusals.length} ${refusals.length === 1 ? 'problem' : 'problems'}):`);
        for (const p of refusals) lines.push(`  - ${describePackProblem(p)}`);
        process.stdout.write(`${lines.join('\n')}\n`);
        return 1;
      }
      lines.push(`${report.file}: "${report.code}" ${report.name} (version ${report.version}), ${report.translated}/${report.total} texts translated`);
      for (const p of report.problems) lines.push(`  - ${describePackProblem(p)}`);
      lines.push(
        `OK: copy it into the "languages" folder beside config.json and add "${report.code}" to the configuration's "languages", then restart the kiosk`,
      );
      process.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    }),
};

function strictArgs<O extends Record<string, { type: 'string' | 'boolean' }>>(argv: string[], options: O, allowPositionals: boolean) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError((error instanceof Error ? error.message : String(error)).split('\n')[0]!);
  }
}
