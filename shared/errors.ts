// Errors cross every boundary as values. The UI shows them through i18next with the key
// `errors.<code>`, so each code has a Vietnamese and an English message in shared/i18n.

export const ERROR_CODES = [
  'INVALID_INPUT',
  'CONFIG_INVALID',
  'DATABASE_TOO_NEW',
  'DATABASE_ERROR',
  'STORAGE_FULL',
  'RATING_NOT_FOUND',
  'RATING_LOCKED',
  'FORBIDDEN',
  'UNAUTHORIZED',
  'PIN_WRONG',
  'PIN_LOCKED',
  'PIN_NOT_SET',
  'ADMIN_SESSION_EXPIRED',
  'EXPORT_FAILED',
  'DOSSIER_INVALID',
  'DOSSIER_ALREADY_RATED',
  'NOT_FOUND',
  'NOT_SUPPORTED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * One of several faults behind one error, each as complete as an error of its own: a
 * configuration file is reported with every problem at once, so IT fixes it in one visit.
 */
export interface KioskErrorIssue {
  /** What kind of fault (for CONFIG_INVALID a ConfigProblem); the screen words it. */
  problem: string;
  /** The validator's own code (zod's issue code, or "file" for a fault of the whole file). */
  code: string;
  /** Dotted path of the offending field, "(file)" when no key is at fault. */
  field: string;
  path: Array<string | number>;
  /** Short technical detail for IT (English): the log and `check-config`, never the screen. */
  detail: string;
  /** Values for the message template (limits, allowed values, line and column). */
  params: Record<string, string | number>;
}

export interface KioskError {
  code: ErrorCode;
  /** Dotted path of the offending field, when there is one (config or input). */
  field?: string;
  /** Short technical detail for IT (English, never shown to citizens as the main text). */
  detail?: string;
  /** Values for the message template, e.g. { n: 3 } for remaining PIN attempts. */
  params?: Record<string, string | number>;
  /** Every fault when there are several kinds at once (CONFIG_INVALID); the fields above repeat the first. */
  issues?: KioskErrorIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: KioskError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, extra: Omit<KioskError, 'code'> = {}): { ok: false; error: KioskError } {
  return { ok: false, error: { code, ...extra } };
}

/** Thrown inside services; adapters turn it into a Result at the boundary. */
export class KioskFailure extends Error {
  constructor(readonly error: KioskError) {
    super(`${error.code}${error.field ? ` (${error.field})` : ''}${error.detail ? `: ${error.detail}` : ''}`);
    this.name = 'KioskFailure';
  }
}
