// The one rule for "is the centre open now": the idle screen dims outside it and the updater
// installs only outside it, so its edges (the first and last minute, the weekdays, Sunday as
// 7, the unit's own zone rather than the machine's) are pinned here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoWeekday, isWithinOfficeHours, type OfficeHours } from '../../shared/office-hours';

const VN = 'Asia/Ho_Chi_Minh';
const WEEKDAYS: OfficeHours = { days: [1, 2, 3, 4, 5], start: '07:00', end: '17:30' };
/** An instant given as Vietnamese wall time (UTC+7 all year). */
const vn = (local: string) => Date.parse(`${local}+07:00`);

describe('isoWeekday', () => {
  it('numbers Monday 1 to Sunday 7', () => {
    expect(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'].map(isoWeekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(isoWeekday('2028-02-29')).toBe(2);
  });
});

describe('isWithinOfficeHours', () => {
  it('opens at the start minute and closes at the end minute', () => {
    expect(isWithinOfficeHours(vn('2026-12-01T06:59:59.999'), WEEKDAYS, VN)).toBe(false);
    expect(isWithinOfficeHours(vn('2026-12-01T07:00:00.000'), WEEKDAYS, VN)).toBe(true);
    expect(isWithinOfficeHours(vn('2026-12-01T12:00:00.000'), WEEKDAYS, VN)).toBe(true);
    expect(isWithinOfficeHours(vn('2026-12-01T17:29:59.999'), WEEKDAYS, VN)).toBe(true);
    expect(isWithinOfficeHours(vn('2026-12-01T17:30:00.000'), WEEKDAYS, VN)).toBe(false);
    expect(isWithinOfficeHours(vn('2026-12-01T23:59:59.999'), WEEKDAYS, VN)).toBe(false);
    expect(isWithinOfficeHours(vn('2026-12-01T00:00:00.000'), WEEKDAYS, VN)).toBe(false);
  });

  it('is closed all day on a day not listed, and open on each listed one', () => {
    const noon = (day: string) => vn(`${day}T10:00:00`);
    const week = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06'];
    expect(week.map((d) => isWithinOfficeHours(noon(d), WEEKDAYS, VN))).toEqual([true, true, true, true, true, false, false]);
    // Saturday morning service, as many one-stop centres have.
    const withSaturday: OfficeHours = { days: [1, 2, 3, 4, 5, 6], start: '07:30', end: '11:30' };
    expect(week.map((d) => isWithinOfficeHours(noon(d), withSaturday, VN))).toEqual([true, true, true, true, true, true, false]);
    // Sunday is 7, not 0.
    expect(isWithinOfficeHours(noon('2026-12-06'), { days: [7], start: '08:00', end: '12:00' }, VN)).toBe(true);
    expect(isWithinOfficeHours(noon('2026-12-06'), { days: [0], start: '08:00', end: '12:00' }, VN)).toBe(false);
    expect(week.some((d) => isWithinOfficeHours(noon(d), { days: [], start: '07:00', end: '17:30' }, VN))).toBe(false);
  });

  it("reads the unit's zone, not UTC or the machine's", () => {
    // 01:00 UTC on Tuesday is 08:00 in Vietnam (open), 01:00 in London (closed), and 20:00
    // on Monday in New York (closed).
    const at = Date.parse('2026-12-01T01:00:00Z');
    expect(isWithinOfficeHours(at, WEEKDAYS, VN)).toBe(true);
    expect(isWithinOfficeHours(at, WEEKDAYS, 'Europe/London')).toBe(false);
    expect(isWithinOfficeHours(at, WEEKDAYS, 'America/New_York')).toBe(false);
    expect(isWithinOfficeHours(at, { days: [1], start: '19:00', end: '21:00' }, 'America/New_York')).toBe(true);
  });

  it("takes the weekday from the zone's calendar: Sunday evening in UTC is Monday morning in Vietnam", () => {
    const at = Date.parse('2026-12-06T23:30:00Z');
    const monday: OfficeHours = { days: [1], start: '06:00', end: '07:00' };
    expect(isWithinOfficeHours(at, monday, VN)).toBe(true);
    expect(isWithinOfficeHours(at, { days: [7], start: '23:00', end: '23:59' }, 'UTC')).toBe(true);
    expect(isWithinOfficeHours(at, monday, 'UTC')).toBe(false);
  });

  it('follows summer time where the zone has it', () => {
    const hours: OfficeHours = { days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' };
    // 07:30 UTC is 08:30 in London in July (BST) and 07:30 in December (GMT).
    expect(isWithinOfficeHours(Date.parse('2026-07-01T07:30:00Z'), hours, 'Europe/London')).toBe(true);
    expect(isWithinOfficeHours(Date.parse('2026-12-01T07:30:00Z'), hours, 'Europe/London')).toBe(false);
  });

  it('refuses a time that is not HH:MM instead of quietly calling the centre closed', () => {
    expect(() => isWithinOfficeHours(0, { days: [1], start: '7:00', end: '17:30' }, VN)).toThrow(RangeError);
    expect(() => isWithinOfficeHours(0, { days: [1], start: '07:00', end: '24:00' }, VN)).toThrow(/"24:00" is not a time of day/);
  });

  it('agrees with a reading straight from Intl at any instant, in any zone, for any hours', () => {
    const ZONES = [VN, 'UTC', 'America/New_York', 'Europe/London', 'Asia/Kathmandu', 'Australia/Lord_Howe'];
    const SHORT_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const reference = (ms: number, tz: string, days: number[], start: number, end: number) => {
      const p: Record<string, string> = {};
      const f = new Intl.DateTimeFormat('en-US', { timeZone: tz, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
      for (const x of f.formatToParts(new Date(ms))) p[x.type] = x.value;
      const minute = Number(p.hour) * 60 + Number(p.minute);
      return days.includes(SHORT_DAYS.indexOf(p.weekday!) + 1) && minute >= start && minute < end;
    };
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2040, 0, 1) }),
        fc.constantFrom(...ZONES),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 7 }),
        fc.integer({ min: 0, max: 24 * 60 - 2 }),
        fc.integer({ min: 1, max: 24 * 60 - 1 }),
        (ms, tz, days, a, b) => {
          const start = Math.min(a, b);
          const end = Math.max(a + 1, b);
          expect(isWithinOfficeHours(ms, { days, start: hhmm(start), end: hhmm(end) }, tz)).toBe(reference(ms, tz, days, start, end));
        },
      ),
      { numRuns: 500 },
    );
  });
});
