// Rating rows for tests and benchmarks: write them straight into a kiosk database (fast,
// one transaction, the same columns and local-day rule as the rating service), generate
// deterministic data sets of any size, and compute the expected tally the slow, obvious way.
import { v7 as uuidv7 } from 'uuid';
import { zonedParts } from '../../shared/local-time';
import { REASON_CODES, type Level } from '../../shared/rating-scale';
import type { Db } from '../../electron/services/db/database';
import { TEST_KIOSK_ID, TEST_UNIT_CODE } from './test-config';

export interface FixtureRating {
  /** ISO 8601 with an offset ("2026-12-01T23:59:59+07:00") or epoch milliseconds. */
  at: string | number;
  level: Level;
  flagged?: boolean;
  counterId?: string | null;
  officerId?: string | null;
  reasons?: string[];
  comment?: string | null;
  dossierCode?: string | null;
  /** Defaults to 'typed' when there is a dossier code, 'none' otherwise. */
  dossierCapture?: 'qr' | 'barcode' | 'typed' | 'none';
  scale?: 3 | 5;
  language?: 'vi' | 'en';
}

export interface InsertOptions {
  timezone?: string;
  unitCode?: string;
  kioskId?: string;
}

export function epochOf(at: string | number): number {
  const t = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(t)) throw new Error(`fixture time not understood: ${String(at)}`);
  return t;
}

/** Inserts rows as the rating service would store them; returns how many were written. */
export function insertRatings(db: Db, rows: Iterable<FixtureRating>, options: InsertOptions = {}): number {
  const timezone = options.timezone ?? 'Asia/Ho_Chi_Minh';
  // Fixture-only SQL: bulk loading a million rows through the service would take minutes.
  const insert = db.prepare(`
    INSERT INTO ratings (id, seq, created_at_ms, utc_offset_min, local_day, local_hour, scale, level, reasons,
      comment, language, unit_code, kiosk_id, counter_id, officer_id, dossier_code, dossier_capture, app_version,
      misuse_flag, settle_after_ms)
    VALUES (@id, @seq, @t, @offset, @day, @hour, @scale, @level, @reasons, @comment, @language, @unit, @kiosk,
      @counter, @officer, @dossier, @capture, 'fixture', @flag, @t)`);
  const readSeq = db.prepare<[], { value: string }>(`SELECT value FROM kv WHERE key = 'next_seq'`);
  const writeSeq = db.prepare(`INSERT INTO kv (key, value) VALUES ('next_seq', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
  // Every zone offset is a multiple of 15 minutes, so day and hour are constant within a
  // UTC quarter hour: caching per quarter makes a million-row load take seconds, not minutes.
  const zoned = new Map<number, ReturnType<typeof zonedParts>>();
  const zonedAt = (t: number) => {
    const quarter = Math.floor(t / 900_000);
    let z = zoned.get(quarter);
    if (!z) zoned.set(quarter, (z = zonedParts(t, timezone)));
    return z;
  };
  return db.transaction(() => {
    let seq = Number(readSeq.get()?.value ?? '1');
    let n = 0;
    for (const r of rows) {
      const t = epochOf(r.at);
      const z = zonedAt(t);
      insert.run({
        id: uuidv7({ msecs: t }),
        seq: seq++,
        t,
        offset: z.offsetMinutes,
        day: z.day,
        hour: z.hour,
        scale: r.scale ?? 3,
        level: r.level,
        reasons: JSON.stringify(r.reasons ?? []),
        comment: r.comment ?? null,
        language: r.language ?? 'vi',
        unit: options.unitCode ?? TEST_UNIT_CODE,
        kiosk: options.kioskId ?? TEST_KIOSK_ID,
        counter: r.counterId === undefined ? 'Q1' : r.counterId,
        officer: r.officerId ?? null,
        dossier: r.dossierCode ?? null,
        capture: r.dossierCapture ?? (r.dossierCode ? 'typed' : 'none'),
        flag: r.flagged ? 1 : 0,
      });
      n++;
    }
    writeSeq.run(String(seq));
    return n;
  })();
}

/** Small fast PRNG so generated data sets are the same on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  seed?: number;
  /** First local day (YYYY-MM-DD, Asia/Ho_Chi_Minh, +07:00). */
  fromDay: string;
  days: number;
  perDay: number;
  counters?: string[];
  officers?: string[];
  /** Share of rows flagged as misuse (0..1). */
  flaggedShare?: number;
  levels?: readonly Level[];
  /** Attach a comment to some low ratings (exercises quoting in exports). */
  comments?: boolean;
}

const OFFICE_OPEN_HOUR = 7;
const OFFICE_HOURS = 10;

/** Ratings spread over office hours (07:00-16:59 +07:00), deterministic for a seed. */
export function* generateRatings(o: GenerateOptions): Generator<FixtureRating> {
  const rand = mulberry32(o.seed ?? 1);
  const counters = o.counters ?? ['Q1', 'Q2'];
  const officers = o.officers ?? ['CB01', 'CB02', 'CB03'];
  const levels = o.levels ?? [5, 4, 2];
  const dayStart = Date.parse(`${o.fromDay}T00:00:00+07:00`);
  const step = Math.floor((OFFICE_HOURS * 3600_000) / Math.max(o.perDay, 1));
  for (let d = 0; d < o.days; d++) {
    const open = dayStart + d * 86_400_000 + OFFICE_OPEN_HOUR * 3600_000;
    for (let i = 0; i < o.perDay; i++) {
      const level = levels[Math.floor(rand() * levels.length)]!;
      const low = level <= 3;
      const reasons = low ? REASON_CODES.filter(() => rand() < 0.3) : [];
      yield {
        at: open + i * step + Math.floor(rand() * step),
        level,
        flagged: rand() < (o.flaggedShare ?? 0.02),
        counterId: counters[Math.floor(rand() * counters.length)] ?? null,
        officerId: rand() < 0.9 ? (officers[Math.floor(rand() * officers.length)] ?? null) : null,
        reasons,
        comment: o.comments && low && rand() < 0.3 ? 'Chờ lâu quá, "quầy 2" đông; cần thêm ghế\nngồi' : null,
      };
    }
  }
}

export interface ReferenceTally {
  total: number;
  flagged: number;
  levels: Map<number, number>;
  byDay: Map<string, { total: number; satisfied: number }>;
  byCounter: Map<string | null, Map<number, number>>;
  byOfficer: Map<string, Map<number, number>>;
  byHour: Map<number, { total: number; satisfied: number }>;
  byReason: Map<string, number>;
}

function bump<K>(m: Map<K, number>, k: K, by = 1): void {
  m.set(k, (m.get(k) ?? 0) + by);
}

/** The expected tally, computed row by row with no SQL: the oracle for the tally queries. */
export function referenceTally(rows: Iterable<FixtureRating>, from: string, to: string, timezone = 'Asia/Ho_Chi_Minh'): ReferenceTally {
  const ref: ReferenceTally = {
    total: 0,
    flagged: 0,
    levels: new Map(),
    byDay: new Map(),
    byCounter: new Map(),
    byOfficer: new Map(),
    byHour: new Map(),
    byReason: new Map(),
  };
  for (const r of rows) {
    const z = zonedParts(epochOf(r.at), timezone);
    if (z.day < from || z.day > to) continue;
    if (r.flagged) {
      ref.flagged++;
      continue;
    }
    const sat = r.level >= 4 ? 1 : 0;
    ref.total++;
    bump(ref.levels, r.level);
    const day = ref.byDay.get(z.day) ?? { total: 0, satisfied: 0 };
    ref.byDay.set(z.day, { total: day.total + 1, satisfied: day.satisfied + sat });
    const hour = ref.byHour.get(z.hour) ?? { total: 0, satisfied: 0 };
    ref.byHour.set(z.hour, { total: hour.total + 1, satisfied: hour.satisfied + sat });
    const counter = r.counterId === undefined ? 'Q1' : r.counterId;
    if (!ref.byCounter.has(counter)) ref.byCounter.set(counter, new Map());
    bump(ref.byCounter.get(counter)!, r.level);
    if (r.officerId) {
      if (!ref.byOfficer.has(r.officerId)) ref.byOfficer.set(r.officerId, new Map());
      bump(ref.byOfficer.get(r.officerId)!, r.level);
    }
    for (const reason of r.reasons ?? []) bump(ref.byReason, reason);
  }
  return ref;
}
