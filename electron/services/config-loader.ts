// Reads the kiosk's JSON config. The embedded demo unit runs only when no configuration was
// asked for at all; a named file that is missing, unreadable or broken is a configuration
// error, and the kiosk stores nothing. Each kind of fault has its own problem code (the
// screen words it in Vietnamese) and an English detail for the log, neither of which ever
// quotes the file: it holds the upload token.
import fs from 'node:fs';
import type { z } from 'zod';
import {
  CONFIG_ISSUE_NOT_HTTPS,
  CONFIG_VALUE_TYPES,
  DEMO_CONFIG_INPUT,
  KioskConfigSchema,
  type ConfigProblem,
  type KioskConfig,
} from '../../shared/config-schema';
import { fail, ok, type KioskError, type Result } from '../../shared/errors';
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
/** Longest key name quoted back: a key is the only part of the file an error repeats. */
const MAX_FIELD_LENGTH = 120;

function configError(problem: ConfigProblem, field: string, detail: string, params: Record<string, string | number> = {}) {
  return fail('CONFIG_INVALID', { field, detail, params: { problem, ...params } });
}

/** The `.`-joined path, cleaned: it is shown on screen and written to the log. */
function fieldName(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return FILE_FIELD;
  const name = cleanText(path.map(String).join('.'));
  return name.length > MAX_FIELD_LENGTH ? `${name.slice(0, MAX_FIELD_LENGTH)}…` : name;
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

/** The first schema issue as a CONFIG_INVALID error. Zod's messages name types and limits, never the value. */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown): { ok: false; error: KioskError } {
  if (issue.code === 'unrecognized_keys') {
    const field = fieldName([...issue.path, issue.keys[0] ?? '']);
    return configError('unknown_key', field, 'unknown key (check the spelling)');
  }
  const field = fieldName(issue.path);
  if (issue.code === 'invalid_type') {
    if (issue.path.length === 0) return configError('not_object', field, 'the file must hold one JSON object { … }');
    if (valueAt(raw, issue.path) === undefined) return configError('missing_key', field, `required, expected ${issue.expected}`);
    const known = (CONFIG_VALUE_TYPES as readonly string[]).includes(issue.expected);
    return configError('wrong_type', field, `expected ${issue.expected}`, known ? { expected: issue.expected } : {});
  }
  if (issue.code === 'invalid_value') {
    // The allowed values come from the schema, not from the file.
    const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ');
    return configError('not_allowed', field, `must be one of ${allowed}`, { allowed });
  }
  if (issue.code === 'custom' && issue.params?.configProblem === CONFIG_ISSUE_NOT_HTTPS) {
    return configError('not_https', field, issue.message);
  }
  return configError('invalid_value', field, issue.message);
}

export function parseConfig(raw: unknown): Result<KioskConfig> {
  const parsed = KioskConfigSchema.safeParse(raw);
  if (!parsed.success) return describeIssue(parsed.error.issues[0]!, raw);
  return ok(parsed.data);
}

export function demoConfig(): KioskConfig {
  return KioskConfigSchema.parse(DEMO_CONFIG_INPUT);
}

/** Parses the text of a config file (a leading UTF-8 BOM, as Windows Notepad writes, is accepted). */
export function parseConfigText(text: string): Result<KioskConfig> {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') return configError('empty', FILE_FIELD, 'the file is empty');
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    // JSON.parse's message quotes the text around the fault; only its position is reported.
    const at = locateJsonError(body) ?? { line: 1, column: 1, atEnd: false };
    const where = { line: at.line, column: at.column };
    return at.atEnd
      ? configError('truncated', FILE_FIELD, `the file ends too early (cut short?) at line ${at.line}, column ${at.column}`, where)
      : configError('not_json', FILE_FIELD, `not valid JSON at line ${at.line}, column ${at.column}`, where);
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
      return configError('missing_file', FILE_FIELD, `config file not found: ${file}`, { path: file });
    }
    // The code (EACCES, EISDIR…) says enough; the message would only repeat the path.
    return configError('unreadable', FILE_FIELD, `cannot read config file ${file} (${code ?? 'error'})`, { path: file });
  }
  const parsed = parseConfigText(text);
  if (!parsed.ok) return parsed;
  return ok({ config: parsed.value, source: 'file', path: file });
}
