// Reads the kiosk's JSON config. The embedded demo unit runs only when no configuration was
// asked for at all; a named file that is missing, unreadable or broken is a configuration
// error, and the kiosk stores nothing. Every fault of the file is reported at once (IT fixes
// it in one visit), each with its own problem code (the screen words it in Vietnamese) and an
// English detail for the log and `check-config`, none of which ever quotes the file: it
// holds the upload token.
import fs from 'node:fs';
import type { z } from 'zod';
import {
  CONFIG_VALUE_TYPES,
  DEMO_CONFIG_INPUT,
  IDENTIFIER_PATTERN,
  isConfigProblem,
  KioskConfigSchema,
  type ConfigLimitKind,
  type ConfigProblem,
  type KioskConfig,
} from '../../shared/config-schema';
import { fail, ok, type KioskError, type KioskErrorIssue, type Result } from '../../shared/errors';
import { REASON_KEY_PATTERN } from '../../shared/rating-scale';
import { cleanText } from '../../shared/text-clean';
import { locateJsonError } from './json-error-location';

export interface LoadedConfig {
  config: KioskConfig;
  source: 'file' | 'demo';
  path: string | null;
}

export interface ConfigRequest {
  /**
   * True when --config or KIOSK_CONFIG named the file: then it must exist. False for the
   * platform's default path, where no file means the demo unit.
   */
  named: boolean;
}

/** The field a file-level problem is reported on (no key of the file is at fault). */
export const FILE_FIELD = '(file)';
/** zod's issue code stands in for this on faults of the whole file (missing, not JSON…). */
const FILE_CODE = 'file';
/** Longest key name quoted back: a key is the only part of the file an error repeats. */
const MAX_FIELD_LENGTH = 120;

type Params = Record<string, string | number>;

/** A key as it may be shown and logged: cleaned of controls and bidi overrides, bounded. */
function keyName(key: PropertyKey): string | number {
  if (typeof key === 'number') return key;
  const name = cleanText(String(key));
  return name.length > MAX_FIELD_LENGTH ? `${name.slice(0, MAX_FIELD_LENGTH)}…` : name;
}

/** The `.`-joined path, cleaned: it is shown on screen and written to the log. */
function fieldName(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return FILE_FIELD;
  const name = cleanText(path.map(String).join('.'));
  return name.length > MAX_FIELD_LENGTH ? `${name.slice(0, MAX_FIELD_LENGTH)}…` : name;
}

function configIssue(problem: ConfigProblem, code: string, path: ReadonlyArray<PropertyKey>, detail: string, params: Params = {}): KioskErrorIssue {
  return { problem, code, field: fieldName(path), path: path.map(keyName), detail, params };
}

/**
 * One CONFIG_INVALID error for all the faults found. Its own field, detail and params repeat
 * the first fault (what a single-line log or an older screen shows); `issues` has them all.
 */
export function configInvalid(issues: readonly KioskErrorIssue[]): { ok: false; error: KioskError } {
  const first = issues[0]!;
  const detail = issues.length === 1 ? first.detail : `${issues.length} problems: ${issues.map((i) => `${i.field}: ${i.detail}`).join('; ')}`;
  return fail('CONFIG_INVALID', { field: first.field, detail, params: { problem: first.problem, ...first.params }, issues: [...issues] });
}

/**
 * A configuration error for IT, one line per fault, in English: the file's path for a file
 * that is missing or unreadable, else each field with its detail (the file is never quoted).
 */
export function configProblemLines(error: KioskError): string[] {
  const issues = error.issues?.length
    ? error.issues
    : [{ problem: String(error.params?.problem ?? ''), field: error.field ?? FILE_FIELD, detail: error.detail ?? error.code }];
  return issues.map((i) => (i.problem === 'missing_file' || i.problem === 'unreadable' ? i.detail : `config invalid: ${i.field} — ${i.detail}`));
}

function fileError(problem: ConfigProblem, detail: string, params: Params = {}) {
  return configInvalid([configIssue(problem, FILE_CODE, [], detail, params)]);
}

function valueAt(raw: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let v = raw;
  for (const key of path) {
    // Own keys only: a missing "constructor" must not find Object.prototype's.
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** What a size limit counts, or null for one the screen has no sentence for (dates, sets). */
function limitKind(origin: string, inclusive: boolean | undefined): ConfigLimitKind | null {
  if (origin === 'number' || origin === 'int') return inclusive === false ? 'number_exclusive' : 'number';
  if (origin === 'string' || origin === 'array') return origin;
  return null;
}

/** One schema issue as the faults it stands for. Zod's messages name types and limits, never the value. */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): KioskErrorIssue[] {
  const { code, path } = issue;
  if (issue.code === 'unrecognized_keys') {
    // Zod groups the unknown keys of one object; each is a typo of its own to fix.
    return issue.keys.map((key) => configIssue('unknown_key', code, [...path, key], 'unknown key (check the spelling)'));
  }
  if (issue.code === 'invalid_type') {
    if (path.length === 0) return [configIssue('not_object', code, path, 'the file must hold one JSON object { … }')];
    if (valueAt(raw, path) === undefined) return [configIssue('missing_key', code, path, `required, expected ${issue.expected}`)];
    const known = (CONFIG_VALUE_TYPES as readonly string[]).includes(issue.expected);
    return [configIssue('wrong_type', code, path, `expected ${issue.expected}`, known ? { expected: issue.expected } : {})];
  }
  if (issue.code === 'invalid_value') {
    // A choice with no default (a reason's factor) left out is missing, not a wrong choice.
    if (path.length > 0 && valueAt(raw, path) === undefined) return [configIssue('missing_key', code, path, 'required')];
    // The allowed values come from the schema, not from the file: `allowed` as IT reads
    // them, `allowedList` for the screen to join with its own language's "or".
    const values = issue.values.map((v) => JSON.stringify(v));
    const allowed = values.join(', ');
    return [configIssue('not_allowed', code, path, `must be one of ${allowed}`, { allowed, allowedList: JSON.stringify(values) })];
  }
  if (issue.code === 'too_small' || issue.code === 'too_big') {
    const kind = limitKind(issue.origin, issue.inclusive);
    const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
    if (kind !== null && Number.isFinite(limit)) return [configIssue(issue.code, code, path, issue.message, { kind, limit })];
  }
  if (issue.code === 'invalid_format' && issue.format === 'regex' && issue.pattern === String(IDENTIFIER_PATTERN)) {
    return [configIssue('not_identifier', code, path, issue.message)];
  }
  if (issue.code === 'invalid_format' && issue.format === 'regex' && issue.pattern === String(REASON_KEY_PATTERN)) {
    return [configIssue('not_reason_key', code, path, issue.message)];
  }
  // The schema's own checks name their problem (not https, a repeated reason key…).
  if (issue.code === 'custom' && isConfigProblem(issue.params?.configProblem)) {
    return [configIssue(issue.params.configProblem, code, path, issue.message)];
  }
  return [configIssue('invalid_value', code, path, issue.message)];
}

export function parseConfig(raw: unknown): Result<KioskConfig> {
  const parsed = KioskConfigSchema.safeParse(raw);
  if (!parsed.success) return configInvalid(parsed.error.issues.flatMap((issue) => describeIssue(issue, raw)));
  return ok(parsed.data);
}

export function demoConfig(): KioskConfig {
  return KioskConfigSchema.parse(DEMO_CONFIG_INPUT);
}

/** Parses the text of a config file (a leading UTF-8 BOM, as Windows Notepad writes, is accepted). */
export function parseConfigText(text: string): Result<KioskConfig> {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') return fileError('empty', 'the file is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    // JSON.parse's message quotes the text around the fault; only its position is reported.
    const at = locateJsonError(body) ?? { line: 1, column: 1, atEnd: false };
    const where = { line: at.line, column: at.column };
    return at.atEnd
      ? fileError('truncated', `the file ends too early (cut short?) at line ${at.line}, column ${at.column}`, where)
      : fileError('not_json', `not valid JSON at line ${at.line}, column ${at.column}`, where);
  }
  return parseConfig(raw);
}

/**
 * `file` null, or a default path with no file there: the demo unit. A named file must exist.
 * Nothing here creates or writes a file.
 */
export function loadConfig(file: string | null, request: ConfigRequest = { named: false }): Result<LoadedConfig> {
  if (file === null) return ok({ config: demoConfig(), source: 'demo', path: null });
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      if (!request.named) return ok({ config: demoConfig(), source: 'demo', path: null });
      return fileError('missing_file', `config file not found: ${file}`, { path: file });
    }
    // The code (EACCES, EISDIR…) says enough; the message would only repeat the path.
    return fileError('unreadable', `cannot read config file ${file} (${code ?? 'error'})`, { path: file });
  }
  const parsed = parseConfigText(text);
  if (!parsed.ok) return parsed;
  return ok({ config: parsed.value, source: 'file', path: file });
}
