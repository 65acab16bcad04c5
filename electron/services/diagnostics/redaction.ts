// What leaves the kiosk in a diagnostics zip must carry no secret and no citizen's data: the
// upload token, PIN hashes and proxy credentials are taken out of the configuration, and log
// text goes through the same filter before it is packed. Logs should hold none of these in
// the first place; this is the second line, so a slip in some log call does not travel.
import type { KioskConfig } from '../../../shared/config-schema';

export const REDACTED = '[redacted]';

/** A secret shorter than this is not searched for as text: it would blank out ordinary words. */
const MIN_SECRET_LENGTH = 6;

/** Field names whose values are secrets or a citizen's data wherever they appear in a log line. */
const SENSITIVE_KEYS = [
  'token',
  'pin',
  'pinHash',
  'password',
  'passwd',
  'secret',
  'authorization',
  'session',
  'comment',
  'phone',
  'contact',
  'dossierCode',
  'dossier_code',
  'dossier',
  'raw',
];

// `"key": "value"`, `'key': 'value'`, `key: 'value'` (util.inspect, electron-log), `key=value`.
const KEY_VALUE = new RegExp(String.raw`(["']?)\b(${SENSITIVE_KEYS.join('|')})\1(\s*[:=]\s*)("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|[^\s,;&{}[\]()]+)`, 'gi');
/** `npm run admin -- hash-pin` output: scrypt$N$r$p$salt$hash. */
const PIN_HASH = /scrypt\$[^\s"',;}\]]+/g;
const BEARER = /\bBearer\s+[A-Za-z0-9._~+/=-]+/gi;
/** user:password@ in any URL. */
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"']+@/gi;
/**
 * Vietnamese phone numbers as people write them: 0 or +84 / 84, then 8 to 10 more digits,
 * in groups split by a space, dot or dash. Not preceded or followed by a letter or digit, so
 * timestamps, ids and byte counts are left alone.
 */
const PHONE = /(?<![\w+.:-])(?:\+84|84|0)(?:[ .-]?\d){8,10}(?![\w:])/g;

export interface RedactionRules {
  /** Exact strings to take out wherever they appear (the token, hashes, proxy credentials). */
  secrets: string[];
  /** The configuration's dossier pattern, searched for inside lines (codes identify a citizen's case). */
  dossierPattern: RegExp | null;
}

/** The secrets a configuration holds, to be searched for as text. */
export function secretsOf(config: KioskConfig): string[] {
  const found = [config.server.token, config.admin.pinHash, ...config.officers.map((o) => o.pinHash)];
  for (const url of [config.server.proxy, config.server.url, config.updates.url]) {
    const creds = urlCredentials(url);
    if (creds) found.push(...creds);
  }
  return [...new Set(found.filter((s) => s.length >= MIN_SECRET_LENGTH))].sort((a, b) => b.length - a.length);
}

function urlCredentials(text: string): string[] | null {
  if (text === '') return null;
  try {
    const url = new URL(text);
    const parts = [url.username, url.password, decodeURIComponent(url.username), decodeURIComponent(url.password)];
    return parts.filter((p) => p !== '');
  } catch {
    return null;
  }
}

/**
 * The configuration's dossier pattern without its anchors, to find codes inside a line; null
 * when it is not usable that way (it matches the empty string, or does not compile).
 */
export function dossierSearchPattern(source: string): RegExp | null {
  const inner = source.replace(/^\^/, '').replace(/(?<!\\)\$$/, '');
  try {
    const re = new RegExp(inner, 'giu');
    return re.test('') ? null : new RegExp(inner, 'giu');
  } catch {
    return null;
  }
}

export function redactionRules(config: KioskConfig): RedactionRules {
  return { secrets: secretsOf(config), dossierPattern: dossierSearchPattern(config.dossier.pattern) };
}

function quoted(value: string): string {
  if (value.startsWith('"')) return `"${REDACTED}"`;
  if (value.startsWith("'")) return `'${REDACTED}'`;
  return REDACTED;
}

/** Log text (or any text) with secrets, PIN hashes, credentials, phone numbers, comments and dossier codes taken out. */
export function redactText(text: string, rules: RedactionRules): string {
  let out = text;
  for (const secret of rules.secrets) {
    out = out.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.split(encoded).join(REDACTED);
  }
  out = out
    .replace(PIN_HASH, REDACTED)
    .replace(BEARER, REDACTED)
    .replace(URL_CREDENTIALS, `$1${REDACTED}@`)
    .replace(KEY_VALUE, (whole, q: string, key: string, sep: string, value: string) =>
      value === '""' || value === "''" ? whole : `${q}${key}${q}${sep}${quoted(value)}`,
    )
    .replace(PHONE, REDACTED);
  if (rules.dossierPattern) out = out.replace(rules.dossierPattern, (m) => (m.length === 0 ? m : REDACTED));
  return out;
}

/** A JSON value with every string in it redacted, so that the result is still the same JSON shape. */
export function redactJson<T>(value: T, rules: RedactionRules): T {
  if (typeof value === 'string') return redactText(value, rules) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactJson(v, rules)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactJson(v, rules)])) as T;
  }
  return value;
}

/** An address as IT may see it: credentials out, the query (which may carry a key) out. */
export function redactUrl(text: string): string {
  if (text === '') return text;
  try {
    const url = new URL(text);
    const auth = url.username !== '' || url.password !== '' ? `${REDACTED}@` : '';
    const query = url.search !== '' ? `?${REDACTED}` : '';
    return `${url.protocol}//${auth}${url.host}${url.pathname}${query}`;
  } catch {
    return REDACTED;
  }
}

const setOrEmpty = (value: string) => (value === '' ? '' : REDACTED);

/**
 * The configuration as it is in force (defaults filled in), for the zip: the token, every PIN
 * hash and the proxy's credentials replaced by "[redacted]" (or left empty when unset, so IT
 * still sees which were set), and officers' names left out (staff personal data).
 */
export function redactedConfig(config: KioskConfig): KioskConfig {
  return {
    ...config,
    officers: config.officers.map((o) => ({ ...o, name: REDACTED, pinHash: setOrEmpty(o.pinHash) })),
    server: { ...config.server, url: redactUrl(config.server.url), token: setOrEmpty(config.server.token), proxy: redactUrl(config.server.proxy) },
    updates: { ...config.updates, url: redactUrl(config.updates.url) },
    admin: { ...config.admin, pinHash: setOrEmpty(config.admin.pinHash) },
  };
}
