// Scanner floods and garbage bytes, from the keyboard events to the dossier code: arbitrary
// key streams (any character, control characters and named keys included, any gap, the
// clock running backwards, bursts of thousands of keys, Enter anywhere) go through the scan
// detector the counter uses, and every scan it reports goes to the backend's dossier check
// (the real dossier service on a real SQLite file, as openDossier calls it). Nothing throws,
// a scan is always a bounded run of printable keys, no code that misses the configured
// pattern is ever accepted, and whatever came before, the next clean scan is read exactly.
// scan-detector.test.ts has the timing rules case by case; dossier-code.test.ts the parser.
// FUZZ_RUNS / SOAK=1 as in tests/support/fuzz.ts.
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KioskConfigSchema } from '../../../shared/config-schema';
import { DEFAULT_DOSSIER_PATTERN, DOSSIER_CODE_MAX_LENGTH, compileDossierPattern, parseScannedDossier } from '../../../shared/dossier-code';
import { createDossierService, type DossierService } from '../../../electron/services/counter/dossier-service';
import { createDutyService } from '../../../electron/services/counter/duty-service';
import { createAdminQueries } from '../../../electron/services/db/admin-queries';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { createRatingStore } from '../../../electron/services/db/rating-store';
import { silentLogger } from '../../../electron/services/logger';
import { createScanDetector, type ScanDetectorOptions, type ScanEvent } from '../../../renderer/src/scanner/scan-detector';
import { fuzzParams } from '../../support/fuzz';
import { tempDir } from '../../support/temp-db';

const params = fuzzParams('scan-fuzz', 150);
const CODE = '000.00.31.H21-261201-0042';
/** The detector's defaults, as useScanner creates it. */
const MIN_LENGTH = 4;
const MAX_LENGTH = 2000;
const HICCUP_MS = 300;
const PATTERNS = [DEFAULT_DOSSIER_PATTERN, 'HS\\d{6}', '[A-Z0-9.-]{10,40}'] as const;

let t: ReturnType<typeof tempDir>;
let db: Db;
/** One dossier service per configured pattern, none allowing unmatched codes. */
let services: Array<{ pattern: string; service: DossierService }>;

beforeAll(() => {
  t = tempDir('kiosk-scan-fuzz-');
  db = openDatabase(path.join(t.dir, 'ratings.db'));
  services = PATTERNS.map((pattern) => {
    const config = KioskConfigSchema.parse({
      unit: { code: 'U1', name: 'Phường Thử nghiệm' },
      kiosk: { id: 'k1' },
      dossier: { pattern, allowUnmatched: false },
    });
    const store = createRatingStore(db);
    const duty = createDutyService({ kv: createAdminQueries(db), config, now: () => Date.parse('2026-12-01T09:00:00+07:00') });
    return { pattern, service: createDossierService({ config, store, duty, logger: silentLogger }) };
  });
});
afterAll(() => {
  db.close();
  t.cleanup();
});

interface Key {
  key: string;
  /** Milliseconds since the previous key; negative when the clock ran backwards. */
  gap: number;
}

// ---------------------------------------------------------------------------------------
// Arbitraries

/** One KeyboardEvent.key value a broken scanner, a cat on the keyboard or a script could send. */
const anyKey: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), weight: 6 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 3 },
  // Controls, DEL, C1 controls, lone surrogates, bidi overrides, a NUL.
  { arbitrary: fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)), weight: 2 },
  { arbitrary: fc.constantFrom('\ud800', '\udfff', '\u202e', '\u200b', '\ufeff', '\u0000', '😀', 'ẫ', 'Ḥ'), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      'Enter',
      'NumpadEnter',
      'Shift',
      'CapsLock',
      'Control',
      'Alt',
      'Backspace',
      'Tab',
      'Escape',
      'Dead',
      'Unidentified',
      'F5',
      'ArrowLeft',
      '',
      'enter',
      'Enter ',
    ),
    weight: 3,
  },
  { arbitrary: fc.string({ maxLength: 12 }), weight: 1 },
);

/** Gaps a scanner, a person, a stalled USB bus or a clock set back produce. */
const anyGap: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 60 }), weight: 6 },
  { arbitrary: fc.integer({ min: 40, max: 400 }), weight: 2 },
  { arbitrary: fc.integer({ min: 0, max: 600_000 }), weight: 1 },
  { arbitrary: fc.integer({ min: -100_000, max: -1 }), weight: 1 },
  { arbitrary: fc.double({ min: 0, max: 50, noNaN: true }), weight: 1 },
);

/** A fast burst of any characters, up to a few thousand keys, Enter at the end or not. */
const burst: fc.Arbitrary<Key[]> = fc
  .tuple(
    fc.oneof(
      { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 60 }), weight: 1 },
      { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }), weight: 1 },
      { arbitrary: fc.string({ unit: fc.constantFrom(...'0123456789.-ABCHS'), minLength: 1, maxLength: 40 }), weight: 1 },
      // Codes that match a pattern or nearly do, bare, lower-cased, after an AIM prefix or in a
      // receipt's URL, with a stray key spliced in now and then.
      {
        arbitrary: fc
          .tuple(
            fc.constantFrom('', ']Q1', ']C0', 'https://motcua.gialai.gov.vn/hoso/', 'https://dichvucong.gialai.gov.vn/tra-cuu?ma='),
            fc.oneof(fc.stringMatching(/^[A-Z0-9.]{1,20}-\d{6}-\d{4,8}$/), fc.stringMatching(/^HS\d{6}$/)),
            fc.boolean(),
            fc.option(fc.tuple(fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), { freq: 3 }),
          )
          .map(([prefix, code, lower, stray]) => {
            const text = prefix + (lower ? code.toLowerCase() : code);
            if (stray === null) return text;
            const at = stray[0] % (text.length + 1);
            return text.slice(0, at) + stray[1] + text.slice(at);
          }),
        weight: 4,
      },
      // A flood: thousands of keys, past the detector's length limit or just around it.
      {
        arbitrary: fc
          .tuple(fc.integer({ min: MAX_LENGTH - 3, max: 6000 }), fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 8 }))
          .map(([n, s]) => s.repeat(Math.ceil(n / s.length)).slice(0, n)),
        weight: 1,
      },
    ),
    fc.integer({ min: 0, max: 50 }),
    fc.constantFrom('Enter', 'NumpadEnter', null),
    // Right on the heels of what came before, or after the scanner rested.
    fc.oneof(anyGap, fc.integer({ min: HICCUP_MS + 1, max: 60_000 })),
  )
  .map(([text, gap, end, lead]) => [...[...text].map((key, i) => ({ key, gap: i === 0 ? lead : gap })), ...(end ? [{ key: end, gap }] : [])]);

/** Any mix of loose keys and bursts. */
const keyStream: fc.Arbitrary<Key[]> = fc
  .array(fc.oneof(fc.array(fc.record({ key: anyKey, gap: anyGap }), { maxLength: 30 }), burst), { maxLength: 8 })
  .map((parts) => parts.flat());

// ---------------------------------------------------------------------------------------
// Helpers

/** Feeds the keys from `startMs` on; every event, the time of the last key and the latest time of any. */
function play(
  detector: ReturnType<typeof createScanDetector>,
  keys: readonly Key[],
  startMs = 1_000,
): { events: ScanEvent[]; endMs: number; latestMs: number } {
  let at = startMs;
  let latestMs = startMs;
  const events: ScanEvent[] = [];
  for (const k of keys) {
    at += k.gap;
    latestMs = Math.max(latestMs, at);
    events.push(detector.feed(k.key, at));
  }
  return { events, endMs: at, latestMs };
}

/** What a working scanner sends for `text`: a key every 5–30 ms, then Enter. */
function cleanScan(text: string, gapMs: number): Key[] {
  return [...[...text].map((key, i) => ({ key, gap: i === 0 ? 0 : gapMs })), { key: 'Enter', gap: gapMs }];
}

function expectWellFormedScan(text: string, opts: { minLength: number; maxLength: number }): void {
  const points = [...text];
  expect(points.length).toBeGreaterThanOrEqual(opts.minLength);
  expect(points.length).toBeLessThanOrEqual(opts.maxLength);
  // Each key of a scan is one printable character: no control, no named key such as Enter.
  expect(points.filter((p) => !/^[^\p{Cc}]$/u.test(p))).toEqual([]);
}

/** The backend's check of a scan, for every configured pattern: a code is only ever one that matches. */
function expectOnlyMatchingCodes(text: string): void {
  for (const { pattern, service } of services) {
    const r = service.open(text, 'scanner');
    if (!r.ok) {
      expect(['DOSSIER_INVALID', 'DOSSIER_ALREADY_RATED']).toContain(r.error.code);
      continue;
    }
    expect(compileDossierPattern(pattern).test(r.value.code), `${pattern} accepted ${JSON.stringify(r.value.code)}`).toBe(true);
    expect(r.value.code).toMatch(/^[\x20-\x7e]+$/);
    expect(r.value.code.length).toBeLessThanOrEqual(DOSSIER_CODE_MAX_LENGTH);
  }
}

// ---------------------------------------------------------------------------------------

describe('scanner floods and garbage keys', () => {
  it('never throws, reports only bounded runs of printable keys, and the backend accepts only codes that match the pattern', () => {
    const options = fc.constantFrom<ScanDetectorOptions>({}, { minLength: 1, maxLength: 120 }, { maxGapMs: 30, hiccupMs: 100 });
    fc.assert(
      fc.property(keyStream, options, (keys, opts) => {
        const detector = createScanDetector(opts);
        const { events } = play(detector, keys);
        expect(events).toHaveLength(keys.length);
        const bounds = { minLength: Math.max(1, opts.minLength ?? MIN_LENGTH), maxLength: opts.maxLength ?? MAX_LENGTH };
        // Anything but 'none' comes only on an Enter key, never on another key.
        const reported = events.flatMap((e, i) => (e.kind === 'none' ? [] : [{ e, key: keys[i]!.key }]));
        expect(reported.filter(({ key }) => key !== 'Enter' && key !== 'NumpadEnter')).toEqual([]);
        for (const { e } of reported) {
          expect(['scan', 'garbled']).toContain(e.kind);
          if (e.kind !== 'scan') continue;
          expectWellFormedScan(e.text, bounds);
          expectOnlyMatchingCodes(e.text);
        }
      }),
      params,
    );
  });

  it('reads the next clean scan exactly after any stream, once the scanner has paused past the hiccup window', () => {
    fc.assert(
      fc.property(keyStream, fc.integer({ min: HICCUP_MS + 1, max: 3_600_000 }), fc.integer({ min: 1, max: 30 }), (keys, pause, gap) => {
        const detector = createScanDetector();
        // The pause counts from the latest key: after a clock set back, the last key fed is
        // not always the latest, and a gap the detector sees as short is a hiccup, rightly.
        const { latestMs } = play(detector, keys);
        const scan = cleanScan(CODE, gap);
        const { events } = play(detector, [{ ...scan[0]!, gap: pause }, ...scan.slice(1)], latestMs);
        expect(events.slice(0, -1).every((e) => e.kind === 'none')).toBe(true);
        expect(events.at(-1)).toEqual({ kind: 'scan', text: CODE });
      }),
      params,
    );
  });

  it('reads the next clean scan exactly right after any stream that ended in Enter, however soon', () => {
    fc.assert(
      fc.property(keyStream, anyGap, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 30 }), (keys, enterGap, soon, gap) => {
        const detector = createScanDetector();
        const { endMs } = play(detector, [...keys, { key: 'Enter', gap: enterGap }]);
        const scan = cleanScan(CODE, gap);
        const { events } = play(detector, [{ ...scan[0]!, gap: soon }, ...scan.slice(1)], endMs);
        expect(events.at(-1)).toEqual({ kind: 'scan', text: CODE });
      }),
      params,
    );
  });

  it('never reports a flood of thousands of keys as a scan, and the scan after it counts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MAX_LENGTH + 1, max: 20_000 }),
        fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 30 }),
        (n, text, gap) => {
          const detector = createScanDetector();
          const flood = [...text.repeat(Math.ceil(n / text.length)).slice(0, n)].map((key) => ({ key, gap }));
          const { events, endMs } = play(detector, [...flood, { key: 'Enter', gap }]);
          expect(events.every((e) => e.kind === 'none')).toBe(true);
          const after = play(detector, cleanScan(CODE, gap), endMs + gap);
          expect(after.events.at(-1)).toEqual({ kind: 'scan', text: CODE });
        },
      ),
      { ...params, numRuns: Math.max(1, Math.floor(params.numRuns / 5)) },
    );
  });
});

describe('the dossier parser against garbage bytes', () => {
  /** Long and odd raw texts: what a scanner in the wrong keyboard layout or mode might type. */
  const raw = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 3000 }),
    fc.string({ unit: fc.constantFrom(...'0123456789.-ABCHSZ\u0000\u001d\r\n\t ]Qq%/?&=#'), maxLength: 300 }),
    fc
      .tuple(
        fc.constantFrom('', ']Q1', ']C0', 'https://a.vn/hs/', 'http://x/?ma='),
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.constantFrom('', CODE, `${CODE}\u0000`, '%'),
      )
      .map((p) => p.join('')),
    fc.integer({ min: 1_000, max: 50_000 }).map((n) => CODE.repeat(Math.ceil(n / CODE.length)).slice(0, n)),
  );

  it('never throws, and accepts only printable, bounded codes that match the configured pattern', () => {
    fc.assert(
      fc.property(raw, fc.constantFrom(...PATTERNS), (text, pattern) => {
        const r = parseScannedDossier(text, { pattern, allowUnmatched: false });
        if (r.ok) {
          expect(compileDossierPattern(pattern).test(r.code)).toBe(true);
          expect(r.code).toMatch(/^[\x20-\x7e]+$/);
          expect(r.code.length).toBeLessThanOrEqual(DOSSIER_CODE_MAX_LENGTH);
        }
        expectOnlyMatchingCodes(text);
      }),
      params,
    );
  });
});
