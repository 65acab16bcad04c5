// Whether the centre is open at an instant: the configured weekdays and times of day on the
// unit's own clock (config `officeHours` in `timezone`), whatever zone the machine is set to.
// The idle screen dims outside these hours, and the updater installs only outside them, so
// both must draw the line at the same minute.
import { zonedParts } from './local-time';

export interface OfficeHours {
  /** ISO weekdays: 1 Monday … 7 Sunday. */
  readonly days: readonly number[];
  /** "HH:MM", 24-hour: the first minute the centre is open. */
  readonly start: string;
  /** "HH:MM", 24-hour: the first minute it is closed again (so 17:30 means open until 17:29:59). */
  readonly end: string;
}

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minuteOfDay(time: string): number {
  const m = CLOCK_TIME.exec(time);
  // The schema allows nothing else; a caller passing raw text must hear about it, not be told "closed".
  if (!m) throw new RangeError(`office hours: "${time}" is not a time of day such as "07:30"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** ISO weekday (1 Monday … 7 Sunday) of a calendar day "YYYY-MM-DD". */
export function isoWeekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay() || 7;
}

/**
 * True from `start` (inclusive) to `end` (exclusive) on each of `days`, read on the wall clock
 * of `timeZone` at `nowMs`. Start is before end (the schema says so): no overnight hours.
 */
export function isWithinOfficeHours(nowMs: number, officeHours: OfficeHours, timeZone: string): boolean {
  const start = minuteOfDay(officeHours.start);
  const end = minuteOfDay(officeHours.end);
  const local = zonedParts(nowMs, timeZone);
  if (!officeHours.days.includes(isoWeekday(local.day))) return false;
  const minute = local.hour * 60 + local.minute;
  return minute >= start && minute < end;
}
