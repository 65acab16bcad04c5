// Dossier codes read from a receipt's barcode or QR code, or typed by staff
// (../shared/reference/rating-scale.md, "Dossier codes").

/**
 * Accepts today's provincial codes, `<agency>-<yymmdd>-<NNNN>` such as
 * `000.00.31.H21-261201-0042`. Matched against the whole code after it is upper-cased.
 */
export const DEFAULT_DOSSIER_PATTERN = '^[A-Z0-9.]+-\\d{6}-\\d{4,}$';

/** The wire protocol's limit for `dossierCode`. */
export const DOSSIER_CODE_MAX_LENGTH = 100;

export type DossierCapture = 'qr' | 'barcode' | 'typed';

/** The `dossier` section of the kiosk configuration that parsing needs. */
export interface DossierRules {
  /** RegExp source ('u' flag) the upper-cased code must match in full; ^ and $ are optional. */
  pattern: string;
  /** Keep a clean code that does not match `pattern` instead of refusing it. */
  allowUnmatched: boolean;
}

export type DossierFailure = 'empty' | 'too_long' | 'bad_characters' | 'no_match';

export type DossierParse = { ok: true; code: string; capture: DossierCapture } | { ok: false; reason: DossierFailure };

// A QR code holds at most a few kilobytes; anything longer is not a receipt, and refusing it
// early keeps the work per keystroke burst bounded.
const RAW_MAX_LENGTH = 2000;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// Some scanners prefix what they read with an AIM symbology identifier: `]`, letter, digit.
const AIM_PREFIX = /^\][A-Za-z]\d/;
// QR and DataMatrix; 'q' is a QR identifier from a scanner typing with Caps Lock on.
const TWO_D_SYMBOLOGIES = new Set(['Q', 'q', 'd']);
const HTTP_URL = /^https?:\/\//i;

const compiled = new Map<string, RegExp>();
// The pattern comes from the configuration, so in practice one entry; the bound only guards
// against a caller feeding many sources.
const CACHE_LIMIT = 16;

/**
 * The configured pattern as a full-match RegExp ('u' flag), cached by source.
 * Throws SyntaxError for an invalid source (the configuration schema refuses those at load).
 */
export function compileDossierPattern(pattern: string): RegExp {
  const hit = compiled.get(pattern);
  if (hit) return hit;
  // Checked alone first: wrapping could make an invalid source such as `a)(b` valid.
  new RegExp(pattern, 'u');
  // No g or y flag, so the shared instance keeps no lastIndex state between calls.
  const re = new RegExp(`^(?:${pattern})$`, 'u');
  if (compiled.size >= CACHE_LIMIT) compiled.clear();
  compiled.set(pattern, re);
  return re;
}

/** What a receipt's barcode or QR code gave, as typed by a keyboard-emulating scanner. */
export function parseScannedDossier(raw: string, rules: DossierRules): DossierParse {
  const re = compileDossierPattern(rules.pattern);
  let text = raw.trim();
  if (text.length > RAW_MAX_LENGTH) return fail('too_long');
  let capture: DossierCapture = 'barcode';
  if (AIM_PREFIX.test(text)) {
    if (TWO_D_SYMBOLOGIES.has(text[1]!)) capture = 'qr';
    text = text.slice(3).trim();
  }
  if (HTTP_URL.test(text)) return fromUrl(text, re, rules.allowUnmatched);
  return settle(examine(text, re), rules.allowUnmatched, capture);
}

/** A code typed by staff on the on-screen keyboard. */
export function parseTypedDossier(raw: string, rules: DossierRules): DossierParse {
  const re = compileDossierPattern(rules.pattern);
  if (raw.length > RAW_MAX_LENGTH) return fail('too_long');
  return settle(examine(raw, re), rules.allowUnmatched, 'typed');
}

type Examined = { ok: true; code: string; matched: boolean } | { ok: false; reason: DossierFailure };

function examine(text: string, re: RegExp): Examined {
  const trimmed = text.trim();
  if (trimmed === '') return fail('empty');
  // Checked before upper-casing: toUpperCase can lengthen non-ASCII text ('ß' → 'SS').
  if (!PRINTABLE_ASCII.test(trimmed)) return fail('bad_characters');
  if (trimmed.length > DOSSIER_CODE_MAX_LENGTH) return fail('too_long');
  const code = trimmed.toUpperCase();
  return { ok: true, code, matched: re.test(code) };
}

function settle(e: Examined, allowUnmatched: boolean, capture: DossierCapture): DossierParse {
  if (!e.ok) return e;
  if (!e.matched && !allowUnmatched) return fail('no_match');
  return { ok: true, code: e.code, capture };
}

/**
 * Query values (last first), then path segments (last first): the first that matches wins.
 * A receipt's URL usually ends in the code, but may carry later parameters such as `&lang=vi`.
 * Parsed by hand rather than with URL so that shared/ needs no web platform global and the
 * path is not normalised (`..`, `.` segments) behind our back.
 */
function fromUrl(url: string, re: RegExp, allowUnmatched: boolean): DossierParse {
  const { queryValues, pathSegments } = splitUrl(url);
  // Query values are form-encoded: '+' is a space.
  const candidates = [...queryValues.map((v) => decode(v.replaceAll('+', ' '))).reverse(), ...pathSegments.map(decode).reverse()];
  for (const c of candidates) {
    if (c === null) continue;
    const e = examine(c, re);
    if (e.ok && e.matched) return { ok: true, code: e.code, capture: 'qr' };
  }
  // Nothing matched: what is kept (or refused) is the last query value, else the last segment.
  if (candidates.length === 0) return fail('no_match');
  const fallback = candidates[0]!;
  if (fallback === null) return fail('bad_characters');
  return settle(examine(fallback, re), allowUnmatched, 'qr');
}

/** Non-empty, still percent-encoded query values and path segments; the fragment is ignored. */
function splitUrl(url: string): { queryValues: string[]; pathSegments: string[] } {
  let rest = url.slice(url.indexOf('//') + 2);
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  const location = q >= 0 ? rest.slice(0, q) : rest;
  const query = q >= 0 ? rest.slice(q + 1) : '';
  const slash = location.indexOf('/');
  const pathSegments =
    slash >= 0
      ? location
          .slice(slash)
          .split('/')
          .filter((s) => s !== '')
      : [];
  // A parameter without '=' (`?000.00.31.H21-261201-0042`) is taken as a value: some
  // systems put the bare code after the '?'.
  const queryValues = query
    .split('&')
    .map((p) => (p.includes('=') ? p.slice(p.indexOf('=') + 1) : p))
    .filter((v) => v !== '');
  return { queryValues, pathSegments };
}

/** Percent-decoded text, or null for a malformed escape. */
function decode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

function fail(reason: DossierFailure): { ok: false; reason: DossierFailure } {
  return { ok: false, reason };
}
