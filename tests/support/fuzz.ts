// Shared fast-check arbitraries for the fuzz tests of every boundary (receiver routes, IPC,
// web host): hostile JSON values, and the run count and seed, short by default.
import fc from 'fast-check';
import type { KioskMethod } from '../../shared/kiosk-methods';

/**
 * `{ numRuns, seed }` for one fuzz file: FUZZ_RUNS or `runs` by default; SOAK=1 runs ten times
 * as many on a random seed, printed (as `name: FUZZ_SEED=…`) so a failure can be replayed.
 */
export function fuzzParams(name: string, runs: number): { numRuns: number; seed: number } {
  const numRuns = Number(process.env.FUZZ_RUNS ?? (process.env.SOAK ? runs * 10 : runs));
  const seed = Number(process.env.FUZZ_SEED ?? (process.env.SOAK ? Date.now() % 100_000 : 20261204));
  if (process.env.SOAK && process.env.FUZZ_SEED === undefined) process.stderr.write(`${name}: FUZZ_SEED=${seed}\n`);
  return { numRuns, seed };
}

/** Strings that have broken parsers before: controls, bidi overrides, prototype keys, formulas, huge. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', '\u202e', '\u001b[2J', '__proto__', 'constructor', '=1+1', '9'.repeat(400), 'x'.repeat(20_000)),
);

/** Any JSON value, with prototype-pollution keys among the object keys. */
export const nastyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nastyString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(nastyString, fc.constantFrom('__proto__', 'constructor', 'prototype')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A valid input with one key replaced by a hostile value (or a hostile key added). */
export function spoiled(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = [...Object.keys(valid), '__proto__', 'constructor', 'extra'];
  return fc.tuple(fc.constantFrom(...keys), nastyValue).map(([k, v]) => ({ ...valid, [k]: v }));
}

/**
 * A valid input with one value replaced by another of the same JSON type (a boolean flipped,
 * any string, any number, an array of strings): such inputs pass the schema's type checks and
 * reach the service, where its own refusals (consent, phone, PIN, dates, ids) must hold too.
 */
export function retyped(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  if (keys.length === 0) return fc.constant(valid);
  const sameType = (v: unknown): fc.Arbitrary<unknown> => {
    if (typeof v === 'boolean') return fc.boolean();
    if (typeof v === 'number') return fc.oneof(fc.integer(), fc.double(), fc.integer({ min: -2, max: 7 }));
    if (typeof v === 'string') return fc.oneof(nastyString, fc.stringMatching(/^[\d ]{0,14}$/), fc.uuid(), fc.constant(v.toUpperCase()), fc.constant(` ${v}`));
    if (Array.isArray(v)) return fc.array(fc.oneof(nastyString, fc.constantFrom('late', 'other', 'fees')), { maxLength: 10 });
    return nastyValue;
  };
  return fc.constantFrom(...keys).chain((k) => sameType(valid[k]).map((v) => ({ ...valid, [k]: v })));
}

/** Contract methods that store something when they succeed; any other method must never write. */
export const WRITING_METHODS: ReadonlySet<KioskMethod> = new Set([
  'submitRating',
  'amendRating',
  'submitContact',
  'holdForComment',
  'adminUnlock',
  'setDuty',
  'openDossier',
  'adminLock',
]);
