// The kiosk's own per-day counts for the heartbeat (reconciliation with the city server).
// Days are the ratings' stored local days, which are the dates of their `createdAt` on the
// wire, so the receiver groups what it holds by the same day whatever zone either side is in.
import { zonedParts } from '../../../shared/local-time';
import { RECONCILIATION_DAYS, type DayCount } from '../../../shared/upload-protocol';
import type { UploadQueries } from '../db/upload-queries';

const DAY_MS = 86_400_000;

export interface DayCountWindow {
  /** The kiosk's configured zone: which day "today" is. */
  timeZone: string;
  /** Delivered ratings older than this are purged, so older days would count short. */
  retentionDays: number;
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Today and the days before it, oldest first: RECONCILIATION_DAYS of them, fewer where the
 * retention purge may already have deleted delivered ratings of a day (that day and older
 * would look to the city like ratings it holds and the kiosk never delivered).
 */
export function reportedDays(nowMs: number, w: DayCountWindow): string[] {
  const today = zonedParts(nowMs, w.timeZone).day;
  const purgedUpTo = zonedParts(nowMs - w.retentionDays * DAY_MS, w.timeZone).day;
  const days: string[] = [];
  for (let i = RECONCILIATION_DAYS - 1; i >= 0; i--) {
    const day = addDays(today, -i);
    if (day > purgedUpTo) days.push(day);
  }
  return days;
}

/** Every reported day, those without a rating as zeros: the receiver must tell "none" from "not reported". */
export function kioskDayCounts(queries: Pick<UploadQueries, 'dayCounts'>, w: DayCountWindow, nowMs: number, kioskId: string, unitCode: string): DayCount[] {
  const days = reportedDays(nowMs, w);
  if (days.length === 0) return [];
  const rows = new Map(queries.dayCounts(days[0]!, days.at(-1)!, kioskId, unitCode).map((r) => [r.day, r]));
  return days.map((day) => {
    const r = rows.get(day);
    return { day, stored: r?.stored ?? 0, delivered: r?.delivered ?? 0, pending: r?.pending ?? 0, rejected: r?.rejected ?? 0 };
  });
}
