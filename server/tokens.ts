// Who may talk to the receiver: one bearer token per kiosk (it may only upload as that
// kiosk, for the unit it is bound to) and reader tokens for the city-wide tally and export. Tokens are looked up by
// their SHA-256, so the comparison never leaks a prefix through timing.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import { describeZodError } from '../shared/dispatch';

const token = z.string().min(16, 'at least 16 characters').max(500);
const identifier = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/);

export const tokensFileSchema = z
  .object({
    // The unit is bound here, not taken from the body: a kiosk's token must not be able to
    // speak for another unit's satisfaction figures.
    kiosks: z.array(z.object({ kioskId: identifier, unitCode: identifier, token }).strict()).default([]),
    readers: z.array(z.object({ name: z.string().min(1).max(100), token }).strict()).default([]),
    // The registry's names for the dashboard; a unit not listed is shown by its code.
    units: z.array(z.object({ unitCode: identifier, name: z.string().trim().min(1).max(200) }).strict()).default([]),
  })
  .strict()
  .superRefine((t, ctx) => {
    const all = [...t.kiosks.map((k) => k.token), ...t.readers.map((r) => r.token)];
    if (new Set(all).size !== all.length) ctx.addIssue({ code: 'custom', message: 'tokens must be unique', path: [] });
    if (new Set(t.kiosks.map((k) => k.kioskId)).size !== t.kiosks.length) {
      ctx.addIssue({ code: 'custom', message: 'one token per kiosk', path: ['kiosks'] });
    }
    if (new Set(t.units.map((u) => u.unitCode)).size !== t.units.length) {
      ctx.addIssue({ code: 'custom', message: 'one name per unit', path: ['units'] });
    }
  });
export type TokensFile = z.input<typeof tokensFileSchema>;

export type Principal = { kind: 'kiosk'; kioskId: string; unitCode: string } | { kind: 'reader'; name: string };

/** The key a token is looked up by (SHA-256, hex); the dashboard derives its session keys from it. */
export const tokenDigest = (t: string) => createHash('sha256').update(t).digest('hex');
const digest = tokenDigest;

function parseTokensFile(raw: unknown): z.output<typeof tokensFileSchema> {
  const parsed = tokensFileSchema.safeParse(raw);
  if (!parsed.success) {
    const { field, detail } = describeZodError(parsed.error);
    throw new Error(`tokens file invalid at ${field}: ${detail}`);
  }
  return parsed.data;
}

/** Unit code → name, from the file's `units`. */
export function unitNamesOf(raw: unknown): Map<string, string> {
  return new Map(parseTokensFile(raw).units.map((u) => [u.unitCode, u.name]));
}

export function buildTokenIndex(raw: unknown): Map<string, Principal> {
  const data = parseTokensFile(raw);
  const index = new Map<string, Principal>();
  for (const k of data.kiosks) index.set(digest(k.token), { kind: 'kiosk', kioskId: k.kioskId, unitCode: k.unitCode });
  for (const r of data.readers) index.set(digest(r.token), { kind: 'reader', name: r.name });
  return index;
}

export function loadTokensFile(file: string): Map<string, Principal> {
  return buildTokenIndex(readTokensFile(file));
}

/** The file as written, checked: for callers that also need its unit names. */
export function readTokensFile(file: string): TokensFile {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(
      `cannot read tokens file ${file}: ${(error as Error).message}\n` +
        'Create it with one token per kiosk, e.g. {"kiosks":[{"kioskId":"pku-q1","unitCode":"PKU","token":"<16+ random characters>"}],"readers":[]} (docs/upload-protocol.md, Authentication).',
    );
  }
  parseTokensFile(raw);
  return raw as TokensFile;
}

export function authenticate(index: Map<string, Principal>, authorization: string | undefined): Principal | null {
  const m = /^Bearer ([^\s]{1,500})$/.exec(authorization ?? '');
  return m ? (index.get(digest(m[1]!)) ?? null) : null;
}
