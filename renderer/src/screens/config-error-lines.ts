// Every fault of a broken configuration as a sentence in the screen's language, worded from
// its problem code and params, never from the loader's English detail (that goes to the log
// and `npm run admin -- check-config`). Kept free of React and the DOM so that a unit test
// can run it in Node with the real translation resources.
import type { TFunction } from 'i18next';
import { CONFIG_LIMIT_KINDS, CONFIG_VALUE_TYPES, isConfigProblem, type ConfigLimitKind, type ConfigProblem } from '../../../shared/config-schema';
import type { KioskError, KioskErrorIssue } from '../../../shared/errors';

/** A sentence in pieces: a field name is its own piece, shown as code. */
export type ConfigErrorPart = { text: string } | { field: string };

/** Stands for the field in the translated sentence: no cleaned key or template contains it. */
const FIELD_MARK = '\u0000';

type ValueType = (typeof CONFIG_VALUE_TYPES)[number] | 'other';
type LimitProblem = Extract<ConfigProblem, 'too_small' | 'too_big'>;

function isLimitProblem(problem: ConfigProblem): problem is LimitProblem {
  return problem === 'too_small' || problem === 'too_big';
}

/** The allowed values joined with this language's "or": "3" hoặc "5". */
function allowedValues(params: Record<string, string | number>, language: string): string {
  try {
    const list: unknown = JSON.parse(String(params.allowedList));
    if (Array.isArray(list) && list.length > 0 && list.every((v) => typeof v === 'string')) {
      return new Intl.ListFormat(language, { type: 'disjunction' }).format(list);
    }
  } catch {
    // An error from an older backend has only the comma-separated form.
  }
  return String(params.allowed ?? '');
}

function sentenceKey(problem: ConfigProblem, params: Record<string, string | number>) {
  if (!isLimitProblem(problem)) return `configErrors.problems.${problem}` as const;
  const kind: ConfigLimitKind = (CONFIG_LIMIT_KINDS as readonly unknown[]).includes(params.kind) ? (params.kind as ConfigLimitKind) : 'number';
  return `configErrors.problems.${problem}.${kind}` as const;
}

function issueParts(t: TFunction, language: string, issue: Pick<KioskErrorIssue, 'problem' | 'field' | 'params'>): ConfigErrorPart[] {
  const params = issue.params;
  // A problem this screen does not know (a newer backend) still says which field is wrong.
  const problem: ConfigProblem = isConfigProblem(issue.problem) ? issue.problem : 'invalid_value';
  const expected: ValueType = (CONFIG_VALUE_TYPES as readonly unknown[]).includes(params.expected) ? (params.expected as ValueType) : 'other';
  const sentence = t(sentenceKey(problem, params), {
    field: FIELD_MARK,
    path: String(params.path ?? ''),
    line: String(params.line ?? ''),
    column: String(params.column ?? ''),
    limit: String(params.limit ?? ''),
    allowed: allowedValues(params, language),
    expected: t(`configErrors.types.${expected}`),
  });
  const parts: ConfigErrorPart[] = [];
  sentence.split(FIELD_MARK).forEach((text, i) => {
    if (i > 0) parts.push({ field: issue.field });
    if (text !== '') parts.push({ text });
  });
  return parts;
}

/** One sentence per fault, in the loader's order; null when `error` is not a configuration error. */
export function configErrorLines(t: TFunction, language: string, error: KioskError): ConfigErrorPart[][] | null {
  if (error.code !== 'CONFIG_INVALID') return null;
  const params = error.params ?? {};
  const issues = error.issues?.length ? error.issues : isConfigProblem(params.problem) ? [{ problem: params.problem, field: error.field ?? '', params }] : null;
  return issues ? issues.map((issue) => issueParts(t, language, issue)) : null;
}

/** The sentence as plain text (the field without its code styling), for tests and logs. */
export function partsText(parts: readonly ConfigErrorPart[]): string {
  return parts.map((p) => ('field' in p ? p.field : p.text)).join('');
}
