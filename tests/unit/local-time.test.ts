import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDayVi, formatLocalDateTime, isoWithOffset, zonedParts } from '../../shared/local-time';

/** Straight from Intl, with no caching: what zonedParts must agree with. */
function reference(epochMs: number, timeZone: string) {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const p: Record<string, string> = {};
  for (const x of f.formatToParts(new Date(epochMs))) p[x.type] = x.value;
  const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return {
    day: `${p.year}-${p.month}-${p.day}`,
    hour: +p.hour!,
    minute: +p.minute!,
    offsetMinutes: Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60000),
  };
}

const ZONES = ['Asia/Ho_Chi_Minh', 'UTC', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham'];

describe('local time in the kiosk zone', () => {
  it('puts ratings near midnight on the right Vietnamese calendar day', () => {
    expect(zonedParts(Date.parse('2026-11-30T16:59:59.999Z'), 'Asia/Ho_Chi_Minh')).toEqual({ day: '2026-11-30', hour: 23, minute: 59, offsetMinutes: 420 });
    expect(zonedParts(Date.parse('2026-11-30T17:00:00.000Z'), 'Asia/Ho_Chi_Minh')).toEqual({ day: '2026-12-01', hour: 0, minute: 0, offsetMinutes: 420 });
  });

  it('agrees with Intl at any instant in any zone, including across DST changes, in any order', () => {
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2060, 0, 1) });
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, fc.constantFrom(...ZONES)), { minLength: 1, maxLength: 20 }), (calls) => {
        for (const [ms, tz] of calls) expect(zonedParts(ms, tz)).toEqual(reference(ms, tz));
      }),
      { numRuns: 300 },
    );
  });

  it('is right minute by minute through a DST change (New York, 8 March 2026)', () => {
    const start = Date.UTC(2026, 2, 8, 5, 0);
    for (let m = 0; m < 4 * 60; m++) {
      const ms = start + m * 60_000 + 59_999;
      expect(zonedParts(ms, 'America/New_York')).toEqual(reference(ms, 'America/New_York'));
    }
  });

  it('formats ISO times with the offset, and dates the Vietnamese way', () => {
    expect(isoWithOffset(Date.parse('2026-12-01T07:05:00.000Z'), 420)).toBe('2026-12-01T14:05:00.000+07:00');
    expect(isoWithOffset(Date.parse('2026-12-01T07:05:00.000Z'), -210)).toBe('2026-12-01T03:35:00.000-03:30');
    expect(formatDayVi('2026-12-01')).toBe('01/12/2026');
    expect(formatLocalDateTime(Date.parse('2026-12-01T07:05:00.000Z'), 'Asia/Ho_Chi_Minh')).toBe('14:05 01/12/2026');
  });
});
