// Language packs (docs/languages.md): a unit adds a citizen's language, e.g. Jrai or Bahnar,
// by dropping `languages/<code>.json` beside the configuration, without a new build. Every
// pack is checked at start against the Vietnamese source: a pack that could show something
// wrong (a broken placeholder, a value that is not text) is refused as a whole, naming its
// file and the reason; a pack that only leaves keys untranslated is accepted and those keys
// show Vietnamese. Nothing here can stop the kiosk from starting: the worst case is a
// language that is not offered, reported to IT in the log and on the diagnostics screen.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BUILT_IN_LANGUAGES, LANGUAGE_CODE_PATTERN } from '../../shared/config-schema';
import { vi } from '../../shared/i18n/vi';
import type { LanguagePackProblem, LanguagePackReport, LanguagePackResources, LanguagePackTranslation } from '../../shared/kiosk-api';
import { cleanText } from '../../shared/text-clean';
import { locateJsonError } from './json-error-location';
import type { Logger } from './logger';

/** Far above a complete pack (about 10 kB): a bigger file is a mistake, not a translation. */
export const LANGUAGE_PACK_MAX_BYTES = 512 * 1024;
export const LANGUAGE_NAME_MAX_LENGTH = 40;

/**
 * What a citizen can see, so what a pack translates: the citizen screens, the on-screen
 * keyboard and the idle screen's upload status line. The admin area, reports and error
 * details are for staff and stay in Vietnamese (or English). The language buttons' own
 * names ("Tiếng Việt", "English") are never translated: each language names itself.
 */
const SYNC_STATUS_LINE_KEYS = ['title', 'pending', 'rejected', 'lastSuccess', 'never', 'states'] as const;
const NOT_TRANSLATED = new Set(['citizen.language.vi', 'citizen.language.en']);

/** The citizen-facing Vietnamese texts by dotted key, in source order: what a pack may translate. */
export function packSourceTexts(): Map<string, string> {
  const sync = Object.fromEntries(SYNC_STATUS_LINE_KEYS.map((k) => [k, vi.sync[k]]));
  const out = new Map<string, string>();
  flatten({ citizen: vi.citizen, keyboard: vi.keyboard, sync }, '', out);
  for (const key of NOT_TRANSLATED) out.delete(key);
  return out;
}

function flatten(node: object, prefix: string, out: Map<string, string>): void {
  for (const [k, v] of Object.entries(node)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else if (typeof v === 'object' && v !== null) flatten(v as object, key, out);
  }
}

/** A pack skeleton for `npm run admin -- language-template`: every key with its Vietnamese text. */
export function languagePackTemplate(): { code: string; name: string; version: number; translation: LanguagePackTranslation } {
  return { code: '', name: '', version: 1, translation: nest(packSourceTexts()) };
}

function nest(flat: ReadonlyMap<string, string>): LanguagePackTranslation {
  const root: LanguagePackTranslation = {};
  for (const [key, text] of flat) {
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as LanguagePackTranslation;
    }
    node[parts.at(-1)!] = text;
  }
  return root;
}

/** `{{n}}`, `{{ name }}`, `{{time, datetime}}` → the variable's name. */
export function placeholdersOf(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/\{\{\s*([^},]+?)\s*(?:,[^}]*)?\}\}/gu)) names.add(m[1]!);
  return [...names].sort();
}

const FIELD_REQUIREMENTS = {
  code: 'a language code of 2-3 lower-case letters (ISO 639-1 or 639-3), e.g. "jra"',
  name: `the language's own name as text (1-${LANGUAGE_NAME_MAX_LENGTH} characters), e.g. "Jrai"`,
  version: 'a whole number from 1',
  translation: 'an object holding the translated texts',
} as const;
type PackField = keyof typeof FIELD_REQUIREMENTS;
const PACK_FIELDS = Object.keys(FIELD_REQUIREMENTS) as PackField[];

const packShape = z
  .object({
    code: z.string().regex(LANGUAGE_CODE_PATTERN),
    name: z
      .string()
      .transform((s) => cleanText(s).trim())
      .pipe(z.string().min(1).max(LANGUAGE_NAME_MAX_LENGTH)),
    version: z.number().int().min(1),
    translation: z.record(z.string(), z.unknown()),
  })
  .strict();

/** The English sentence for IT (log, `check-language`); the diagnostics screen words it in Vietnamese. */
export function describePackProblem(p: LanguagePackProblem): string {
  const list = (keys: readonly string[]) => keys.join(', ');
  switch (p.kind) {
    case 'unreadable':
      return `cannot be read (${p.detail})`;
    case 'too_large':
      return `is too large: ${p.bytes} bytes, at most ${p.limit}`;
    case 'not_json':
      return `is not valid JSON (line ${p.line}, column ${p.column})`;
    case 'not_object':
      return 'must hold one JSON object with "code", "name", "version" and "translation"';
    case 'bad_file_name':
      return 'the file name must be the language code and ".json", e.g. "jra.json"';
    case 'built_in':
      return `"${p.code}" is built in and cannot be replaced by a language pack`;
    case 'missing_field':
      return `has no "${p.field}": ${FIELD_REQUIREMENTS[p.field as PackField] ?? 'required'}`;
    case 'unknown_field':
      return `has an unknown field "${p.field}" (only ${PACK_FIELDS.map((f) => `"${f}"`).join(', ')})`;
    case 'wrong_field':
      return `"${p.field}" must be ${FIELD_REQUIREMENTS[p.field as PackField] ?? 'valid'}`;
    case 'code_mismatch':
      return `"code" is "${p.code}" but the file is named "${p.fileCode}.json": they must match`;
    case 'not_text':
      return `"${p.key}" must be text (a JSON string)`;
    case 'placeholders':
      return `"${p.key}" must contain ${p.expected.length ? p.expected.map((n) => `{{${n}}}`).join(' ') : 'no {{…}} placeholder'} as the Vietnamese text does (found ${p.found.length ? p.found.map((n) => `{{${n}}}`).join(' ') : 'none'})`;
    case 'missing_keys':
      return `${p.keys.length} ${p.keys.length === 1 ? 'key is' : 'keys are'} not translated and will show in Vietnamese: ${list(p.keys)}`;
    case 'unknown_keys':
      return `${p.keys.length} unknown ${p.keys.length === 1 ? 'key' : 'keys'} ignored (not in the Vietnamese source): ${list(p.keys)}`;
    case 'not_listed':
      return `valid, but not offered: "${p.code}" is not in the configuration's "languages"`;
    case 'no_pack':
      return `"${p.code}" is in the configuration's "languages", but there is no valid "${p.code}.json" in ${p.dir}`;
  }
}

/** Problems that keep a pack from being used; the others are warnings on an accepted pack. */
const REFUSALS: ReadonlySet<LanguagePackProblem['kind']> = new Set([
  'unreadable',
  'too_large',
  'not_json',
  'not_object',
  'bad_file_name',
  'built_in',
  'missing_field',
  'unknown_field',
  'wrong_field',
  'code_mismatch',
  'not_text',
  'placeholders',
]);
export const isRefusal = (p: LanguagePackProblem): boolean => REFUSALS.has(p.kind);

export interface CheckedPack {
  report: LanguagePackReport;
  /** The texts to add to i18next (known keys only); null when the pack is refused. */
  pack: LanguagePackResources | null;
}

/** Checks one pack file; never throws. */
export function checkLanguagePackFile(file: string): CheckedPack {
  const fileName = path.basename(file);
  const fileCode = fileName.toLowerCase().endsWith('.json') ? fileName.slice(0, -'.json'.length) : fileName;
  const refused = (problems: LanguagePackProblem[], name: string | null = null, version: number | null = null): CheckedPack => ({
    report: { file: fileName, code: fileCode, name, version, status: 'refused', translated: 0, total: packSourceTexts().size, problems },
    pack: null,
  });

  if (!LANGUAGE_CODE_PATTERN.test(fileCode) || !fileName.endsWith('.json')) return refused([{ kind: 'bad_file_name' }]);
  if ((BUILT_IN_LANGUAGES as readonly string[]).includes(fileCode)) return refused([{ kind: 'built_in', code: fileCode }]);

  let text: string;
  try {
    // Checked before reading, so a huge file is never loaded into memory.
    const bytes = fs.statSync(file).size;
    if (bytes > LANGUAGE_PACK_MAX_BYTES) return refused([{ kind: 'too_large', bytes, limit: LANGUAGE_PACK_MAX_BYTES }]);
    text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/u, '');
  } catch (error) {
    return refused([{ kind: 'unreadable', detail: (error as NodeJS.ErrnoException).code ?? String(error) }]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const at = locateJsonError(text);
    return refused([{ kind: 'not_json', line: at?.line ?? 1, column: at?.column ?? 1 }]);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refused([{ kind: 'not_object' }]);

  const parsed = packShape.safeParse(raw);
  if (!parsed.success) {
    const problems: LanguagePackProblem[] = [];
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) problems.push({ kind: 'unknown_field', field: key });
        continue;
      }
      const field = String(issue.path[0] ?? '');
      if (problems.some((p) => 'field' in p && p.field === field)) continue;
      problems.push(Object.hasOwn(raw, field) ? { kind: 'wrong_field', field } : { kind: 'missing_field', field });
    }
    return refused(problems);
  }
  const { code, name, version, translation } = parsed.data;
  if (code !== fileCode) return refused([{ kind: 'code_mismatch', code, fileCode }], name, version);

  const source = packSourceTexts();
  const given = new Map<string, unknown>();
  flattenAny(translation, '', given);
  const problems: LanguagePackProblem[] = [];
  const texts = new Map<string, string>();
  const unknown: string[] = [];
  for (const [key, value] of given) {
    const vietnamese = source.get(key);
    if (vietnamese === undefined) {
      unknown.push(key);
      continue;
    }
    if (typeof value !== 'string') {
      problems.push({ kind: 'not_text', key });
      continue;
    }
    const cleaned = cleanText(value).trim();
    // An empty value would show nothing at all; Vietnamese is better than a blank button.
    if (cleaned === '') continue;
    const expected = placeholdersOf(vietnamese);
    const found = placeholdersOf(cleaned);
    if (expected.join('\n') !== found.join('\n')) {
      problems.push({ kind: 'placeholders', key, expected, found });
      continue;
    }
    texts.set(key, cleaned);
  }
  if (problems.length > 0) return refused(problems, name, version);

  const missing = [...source.keys()].filter((k) => !texts.has(k));
  const warnings: LanguagePackProblem[] = [];
  if (missing.length > 0) warnings.push({ kind: 'missing_keys', keys: missing });
  if (unknown.length > 0) warnings.push({ kind: 'unknown_keys', keys: unknown });
  return {
    report: { file: fileName, code, name, version, status: 'accepted', translated: texts.size, total: source.size, problems: warnings },
    pack: { code, name, translation: nest(texts) },
  };
}

/** Leaves by dotted key; an array or a value that is neither text nor object is a leaf too. */
function flattenAny(node: Record<string, unknown>, prefix: string, out: Map<string, unknown>): void {
  for (const [k, v] of Object.entries(node)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) flattenAny(v as Record<string, unknown>, key, out);
    else out.set(key, v);
  }
}

export interface LoadedLanguagePacks {
  /** The languages the citizen is offered: the configuration's list without those that have no valid pack. */
  offered: string[];
  /** The accepted packs that are offered, for the renderer. */
  packs: LanguagePackResources[];
  /** Every pack file found and every listed language without a valid pack, for IT. */
  reports: LanguagePackReport[];
}

/** Reads every `*.json` in `dir` (a missing folder is no packs) and decides what is offered. */
export function loadLanguagePacks(dir: string, configured: readonly string[]): LoadedLanguagePacks {
  let names: string[] = [];
  try {
    names = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => !e.isDirectory() && e.name.toLowerCase().endsWith('.json'))
      .map((e) => e.name)
      .sort();
  } catch {
    // No folder: the kiosk has no packs, as before packs existed.
  }
  const reports: LanguagePackReport[] = [];
  const accepted = new Map<string, LanguagePackResources>();
  for (const name of names) {
    const checked = checkLanguagePackFile(path.join(dir, name));
    if (checked.pack) {
      if (configured.includes(checked.pack.code)) accepted.set(checked.pack.code, checked.pack);
      else {
        checked.report.status = 'not_listed';
        checked.report.problems.push({ kind: 'not_listed', code: checked.pack.code });
      }
    }
    reports.push(checked.report);
  }
  const offered = configured.filter((code) => (BUILT_IN_LANGUAGES as readonly string[]).includes(code) || accepted.has(code));
  for (const code of configured) {
    if (offered.includes(code)) continue;
    const total = packSourceTexts().size;
    reports.push({ file: null, code, name: null, version: null, status: 'missing', translated: 0, total, problems: [{ kind: 'no_pack', code, dir }] });
  }
  return { offered, packs: offered.flatMap((c) => accepted.get(c) ?? []), reports };
}

/** One log line per pack, so IT finds in the log why a language is not offered or partly Vietnamese. */
export function logLanguagePacks(loaded: LoadedLanguagePacks, logger: Logger): void {
  for (const r of loaded.reports) {
    const fields = { languagePack: r.file ?? `${r.code}.json`, code: r.code, status: r.status, problems: r.problems.map(describePackProblem) };
    const label = r.file ?? r.code;
    if (r.status === 'refused') logger.error(fields, `language pack ${label} refused: ${fields.problems.join('; ')}`);
    else if (r.status === 'missing') logger.error(fields, `language "${r.code}" not offered: ${fields.problems.join('; ')}`);
    else if (r.problems.length > 0) logger.warn(fields, `language pack ${label} ${r.status}: ${fields.problems.join('; ')}`);
    else logger.info(fields, `language pack ${label} accepted (${r.translated}/${r.total} texts)`);
  }
}
