// SQL behind the admin tally and the exports. Every query is bounded by local_day (the
// kiosk's calendar day, stored at insert), so a day's tally walks the ratings_by_day index
// rather than the table. Flagged ratings are excluded everywhere except the flagged count.
import Database from 'better-sqlite3';
import type { DossierCapture } from '../../../shared/dossier-code';
import { PAGE_CACHE_PRAGMA, type Db } from './database';

export interface LevelRow {
  flagged: number;
  level: number;
  n: number;
}
export interface GroupLevelRow {
  key: string | null;
  level: number;
  n: number;
}
export interface DayRow {
  day: string;
  total: number;
  satisfied: number;
}
export interface HourRow {
  hour: number;
  total: number;
  satisfied: number;
}
export interface ReasonRow {
  reason: string;
  n: number;
}
/** One rating as exports need it (no upload bookkeeping). */
export interface ExportRatingRow {
  seq: number;
  id: string;
  created_at_ms: number;
  utc_offset_min: number;
  local_day: string;
  scale: number;
  level: number;
  reasons: string;
  comment: string | null;
  language: string;
  kiosk_id: string;
  counter_id: string | null;
  officer_id: string | null;
  dossier_code: string | null;
  dossier_capture: DossierCapture | 'none';
  misuse_flag: number;
}

type Range = [from: string, to: string];

/** Exported so tests can EXPLAIN each one and prove it stays on an index. */
export const TALLY_SQL = {
  levels: `SELECT misuse_flag AS flagged, level, COUNT(*) AS n FROM ratings
    WHERE local_day BETWEEN ? AND ? GROUP BY misuse_flag, level`,
  byDay: `SELECT local_day AS day, COUNT(*) AS total, SUM(level >= 4) AS satisfied FROM ratings
    WHERE local_day BETWEEN ? AND ? AND misuse_flag = 0 GROUP BY local_day ORDER BY local_day`,
  byCounter: `SELECT counter_id AS key, level, COUNT(*) AS n FROM ratings
    WHERE local_day BETWEEN ? AND ? AND misuse_flag = 0 GROUP BY counter_id, level`,
  byOfficer: `SELECT officer_id AS key, level, COUNT(*) AS n FROM ratings
    WHERE local_day BETWEEN ? AND ? AND misuse_flag = 0 AND officer_id IS NOT NULL GROUP BY officer_id, level`,
  byHour: `SELECT local_hour AS hour, COUNT(*) AS total, SUM(level >= 4) AS satisfied FROM ratings
    WHERE local_day BETWEEN ? AND ? AND misuse_flag = 0 GROUP BY local_hour ORDER BY local_hour`,
  byReason: `SELECT r.value AS reason, COUNT(*) AS n FROM ratings, json_each(ratings.reasons) AS r
    WHERE local_day BETWEEN ? AND ? AND misuse_flag = 0 AND ratings.reasons <> '[]'
    GROUP BY r.value ORDER BY n DESC, r.value`,
  ratings: `SELECT seq, id, created_at_ms, utc_offset_min, local_day, scale, level, reasons, comment, language,
      kiosk_id, counter_id, officer_id, dossier_code, dossier_capture, misuse_flag
    FROM ratings WHERE local_day BETWEEN ? AND ? ORDER BY local_day, created_at_ms, seq`,
} as const;

export function createTallyQueries(db: Db) {
  const levels = db.prepare<Range, LevelRow>(TALLY_SQL.levels);
  const byDay = db.prepare<Range, DayRow>(TALLY_SQL.byDay);
  const byCounter = db.prepare<Range, GroupLevelRow>(TALLY_SQL.byCounter);
  const byOfficer = db.prepare<Range, GroupLevelRow>(TALLY_SQL.byOfficer);
  const byHour = db.prepare<Range, HourRow>(TALLY_SQL.byHour);
  const byReason = db.prepare<Range, ReasonRow>(TALLY_SQL.byReason);
  const rows = db.prepare<Range, ExportRatingRow>(TALLY_SQL.ratings);

  return {
    levels: (from: string, to: string) => levels.all(from, to),
    byDay: (from: string, to: string) => byDay.all(from, to),
    byCounter: (from: string, to: string) => byCounter.all(from, to),
    byOfficer: (from: string, to: string) => byOfficer.all(from, to),
    byHour: (from: string, to: string) => byHour.all(from, to),
    byReason: (from: string, to: string) => byReason.all(from, to),
    /** Streams the range's ratings, flagged ones included, oldest first. */
    iterateRatings: (from: string, to: string): IterableIterator<ExportRatingRow> => rows.iterate(from, to),
  };
}

export type TallyQueries = ReturnType<typeof createTallyQueries>;

/**
 * A second, read-only connection to the same file for streaming exports. better-sqlite3
 * refuses writes on a connection while one of its iterators is open, and an export yields
 * to the event loop mid-iteration: on the shared connection a citizen's tap would fail.
 */
export function openReportReader(db: Db): Db {
  const reader = new Database(db.name, { readonly: true, fileMustExist: true });
  reader.pragma('busy_timeout = 5000');
  reader.pragma(PAGE_CACHE_PRAGMA);
  return reader;
}
