// The last line of defence for the kiosk's log files, which IT copies off the machine: no
// citizen's comment or phone number, no upload token, PIN, PIN hash, admin session or proxy
// password may reach them, whatever a service or library passes by mistake. Services already
// log no such thing; this catches what slips through before electron-log formats the line:
//   - by key: the value under a key such as `comment`, `phone`, `token`, `pin`, `pinHash`,
//     `password`, `authorization` or `session`, at any depth of the logged object;
//   - in every text (messages, strings in the object, error messages and stacks), the
//     diagnostics zip's filter (services/diagnostics/redaction.ts): the configuration's
//     secrets by value once it is loaded, PIN hashes, bearer credentials, passwords in URLs,
//     phone numbers, dossier codes, and `key: value` / `key=value` pairs of those keys.
import type { KioskConfig } from '../../shared/config-schema';
import { REDACTED, redactionRules, redactText, type RedactionRules } from '../services/diagnostics/redaction';
import type { Logger } from '../services/logger';

export { REDACTED };

/** Words that mark a key as holding a secret or a citizen's data (camelCase, kebab-case and snake_case split into words). */
const SECRET_WORDS = new Set([
  'pin',
  'pins',
  'pinhash',
  'password',
  'passwd',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'tokens',
  'authorization',
  'auth',
  'cookie',
  'cookies',
  'credential',
  'credentials',
  'session',
  'comment',
  'comments',
  'phone',
  'phones',
  'telephone',
  'msisdn',
]);
/** Whole keys (lower case, letters only) that are secret though none of their words is. */
const SECRET_KEYS = new Set(['pinhash', 'dossiercode', 'raw']);

export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  const whole = key.toLowerCase().replace(/[^a-z]/g, '');
  return words.some((w) => SECRET_WORDS.has(w)) || SECRET_KEYS.has(whole);
}

const MAX_DEPTH = 8;
const MAX_ARRAY = 200;

export interface Redactor {
  /** From now on, also the secrets and the dossier pattern of this configuration. */
  useConfig(config: KioskConfig): void;
  text(s: string): string;
  value(v: unknown): unknown;
}

export function createRedactor(): Redactor {
  // Until the configuration is loaded, the patterns alone.
  let rules: RedactionRules = { secrets: [], dossierPattern: null };
  const text = (s: string) => redactText(s, rules);

  function walk(v: unknown, depth: number, seen: WeakSet<object>): unknown {
    if (typeof v === 'string') return text(v);
    if (typeof v !== 'object' || v === null) return typeof v === 'function' ? '[function]' : v;
    if (seen.has(v)) return '[circular]';
    if (depth >= MAX_DEPTH) return '[nested too deep]';
    seen.add(v);
    if (v instanceof Date) return v.toISOString();
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return `[binary ${v.byteLength} bytes]`;
    if (v instanceof Error) {
      // Own fields too: a `code`, a body a library attached, the cause.
      const out: Record<string, unknown> = { name: v.name, message: text(v.message) };
      if (v.stack) out.stack = text(v.stack);
      for (const [k, inner] of Object.entries(v)) if (k !== 'cause') out[k] = entry(k, inner, depth, seen);
      if (v.cause !== undefined) out.cause = walk(v.cause, depth + 1, seen);
      return out;
    }
    if (Array.isArray(v)) {
      const items = v.slice(0, MAX_ARRAY).map((item) => walk(item, depth + 1, seen));
      if (v.length > MAX_ARRAY) items.push(`[${v.length - MAX_ARRAY} more]`);
      return items;
    }
    if (v instanceof Map) return walk(Object.fromEntries(v), depth, seen);
    if (v instanceof Set) return walk([...v], depth, seen);
    const out: Record<string, unknown> = {};
    for (const [k, inner] of Object.entries(v)) out[k] = entry(k, inner, depth, seen);
    return out;
  }

  function entry(key: string, v: unknown, depth: number, seen: WeakSet<object>): unknown {
    // A flag or an absent value says nothing secret ("tokenSet: true"); anything else goes.
    if (isSecretKey(key)) return v === null || v === undefined || typeof v === 'boolean' ? v : REDACTED;
    return walk(v, depth + 1, seen);
  }

  return {
    useConfig: (config) => {
      rules = redactionRules(config);
    },
    text,
    value: (v) => walk(v, 0, new WeakSet()),
  };
}

/** A logger that redacts every line before `inner` sees it. */
export function redactingLogger(inner: Logger, redactor: Redactor): Logger {
  const forward = (level: keyof Logger) => (obj: object | string, msg?: string) => {
    const message = msg === undefined ? undefined : redactor.text(msg);
    if (typeof obj === 'string') inner[level](redactor.text(obj), message);
    else inner[level](redactor.value(obj) as object, message);
  };
  return { info: forward('info'), warn: forward('warn'), error: forward('error') };
}
