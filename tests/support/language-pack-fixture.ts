// The test language pack. Its code is "qaa", the first code ISO 639-2/639-3 reserve for local
// use, so it can never be mistaken for (or collide with) a real language such as Jrai ("jra")
// or Bahnar ("bdq"); the project does not invent translations into those. Its texts are the
// English ones marked "[qaa]", so a test sees at a glance which language a screen is in.
import fs from 'node:fs';
import path from 'node:path';
import { en } from '../../shared/i18n/en';
import { languagePackTemplate } from '../../electron/services/language-packs';
import type { LanguagePackTranslation } from '../../shared/kiosk-api';

export const TEST_PACK_CODE = 'qaa';
export const TEST_PACK_NAME = 'Qaa (test)';
export const TEST_PACK_MARK = '[qaa]';

type Json = Record<string, unknown>;

function marked(template: LanguagePackTranslation, english: Json, leaveOut: ReadonlySet<string>, prefix = ''): LanguagePackTranslation {
  const out: LanguagePackTranslation = {};
  for (const [k, v] of Object.entries(template)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (leaveOut.has(key)) continue;
    if (typeof v === 'string') out[k] = `${TEST_PACK_MARK} ${String(english[k])}`;
    else out[k] = marked(v, english[k] as Json, leaveOut, key);
  }
  return out;
}

/** A valid "qaa" pack: every citizen-facing text, except the keys in `leaveOut` (they fall back to Vietnamese). */
export function testLanguagePack(leaveOut: readonly string[] = []): { code: string; name: string; version: number; translation: LanguagePackTranslation } {
  const template = languagePackTemplate();
  return { code: TEST_PACK_CODE, name: TEST_PACK_NAME, version: 1, translation: marked(template.translation, en as unknown as Json, new Set(leaveOut)) };
}

/** Writes `<dir>/<file>` (creating dir) with `content` as JSON, or as it is when a string. */
export function writePack(dir: string, file: string, content: unknown): string {
  fs.mkdirSync(dir, { recursive: true });
  const p = path.join(dir, file);
  fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return p;
}
