// When an update may install: never while someone uses the kiosk, otherwise only outside
// office hours on the unit's own clock, or in office hours when IT asked for it.
import { describe, expect, it } from 'vitest';
import {
  BACKGROUND_METHODS,
  CHECK_EVERY_MS,
  CHECK_JITTER_MS,
  countsAsActivity,
  createActivityTracker,
  FIRST_CHECK_MIN_MS,
  FIRST_CHECK_SPREAD_MS,
  firstCheckDelayMs,
  installDecision,
  nextCheckDelayMs,
  NIGHTLY_MIN_GAP_MS,
  nightlyRunDue,
  QUIET_PERIOD_MS,
  quietPeriodFor,
  type InstallInput,
} from '../../../electron/main/update-policy';
import { KIOSK_METHODS } from '../../../shared/kiosk-methods';
import { parsedTestConfig } from '../../support/test-config';

const HCM = 'Asia/Ho_Chi_Minh';
/** Monday to Friday, 07:00 to 17:30 (the schema's default). */
const WEEKDAYS = { days: [1, 2, 3, 4, 5], start: '07:00', end: '17:30' };
/** An instant given as the unit's wall clock in Vietnam (UTC+7, no daylight saving). */
const vn = (local: string) => Date.parse(`${local}+07:00`);

function decide(over: Partial<InstallInput> & { nowMs: number }) {
  return installDecision({ officeHours: WEEKDAYS, timeZone: HCM, quietForMs: null, itRequested: false, ...over });
}

describe('office hours', () => {
  // 2026-12-07 is a Monday, 2026-12-12 a Saturday, 2026-12-13 a Sunday.
  it('hold an update back from start (included) to end (excluded) on a working day', () => {
    expect(decide({ nowMs: vn('2026-12-07T06:59:59') })).toEqual({ install: true, reason: 'outside_office_hours' });
    expect(decide({ nowMs: vn('2026-12-07T07:00:00') })).toEqual({ install: false, reason: 'office_hours' });
    expect(decide({ nowMs: vn('2026-12-07T12:00:00') })).toEqual({ install: false, reason: 'office_hours' });
    expect(decide({ nowMs: vn('2026-12-07T17:29:59') })).toEqual({ install: false, reason: 'office_hours' });
    expect(decide({ nowMs: vn('2026-12-07T17:30:00') })).toEqual({ install: true, reason: 'outside_office_hours' });
    expect(decide({ nowMs: vn('2026-12-07T23:59:00') })).toEqual({ install: true, reason: 'outside_office_hours' });
  });

  it('do not hold it back on a day that is not listed, and do on one that is', () => {
    expect(decide({ nowMs: vn('2026-12-12T10:00:00') })).toMatchObject({ install: true });
    expect(decide({ nowMs: vn('2026-12-13T10:00:00') })).toMatchObject({ install: true });
    // A centre open on Saturday mornings (ISO 6) and not on Mondays.
    const saturdays = { days: [2, 3, 4, 5, 6], start: '07:30', end: '11:30' };
    expect(decide({ nowMs: vn('2026-12-12T10:00:00'), officeHours: saturdays })).toEqual({ install: false, reason: 'office_hours' });
    expect(decide({ nowMs: vn('2026-12-12T11:30:00'), officeHours: saturdays })).toMatchObject({ install: true });
    expect(decide({ nowMs: vn('2026-12-07T10:00:00'), officeHours: saturdays })).toMatchObject({ install: true });
    // No office days at all: always outside.
    expect(decide({ nowMs: vn('2026-12-07T10:00:00'), officeHours: { ...WEEKDAYS, days: [] } })).toMatchObject({ install: true });
  });

  it("are read on the unit's clock, whatever the machine's zone, the day included", () => {
    // 01:30 UTC on Monday is 08:30 in Hà Nội (open), but still Sunday evening in New York.
    const t = Date.parse('2026-12-07T01:30:00Z');
    expect(decide({ nowMs: t })).toEqual({ install: false, reason: 'office_hours' });
    expect(decide({ nowMs: t, timeZone: 'America/New_York' })).toMatchObject({ install: true });
    // 23:30 UTC on Sunday is already Monday 06:30 in Vietnam: closed, but 00:30 UTC is 07:30: open.
    expect(decide({ nowMs: Date.parse('2026-12-06T23:30:00Z') })).toMatchObject({ install: true });
    expect(decide({ nowMs: Date.parse('2026-12-07T00:30:00Z') })).toMatchObject({ install: false, reason: 'office_hours' });
  });

  it('follow daylight saving in zones that have it', () => {
    const berlin = { days: [1, 2, 3, 4, 5], start: '08:00', end: '16:00' };
    // 07:30 UTC is 08:30 in Berlin in winter (UTC+1) and 09:30 in summer (UTC+2): open both times.
    expect(decide({ nowMs: Date.parse('2026-01-05T07:30:00Z'), officeHours: berlin, timeZone: 'Europe/Berlin' })).toMatchObject({ install: false });
    expect(decide({ nowMs: Date.parse('2026-07-06T06:30:00Z'), officeHours: berlin, timeZone: 'Europe/Berlin' })).toMatchObject({ install: false });
    // 06:30 UTC is 07:30 in Berlin in winter: not yet open.
    expect(decide({ nowMs: Date.parse('2026-01-05T06:30:00Z'), officeHours: berlin, timeZone: 'Europe/Berlin' })).toMatchObject({ install: true });
  });
});

describe('someone using the kiosk', () => {
  const night = vn('2026-12-07T22:00:00');

  it('holds an update back until the kiosk has been quiet for the whole quiet period, at night too', () => {
    expect(decide({ nowMs: night, quietForMs: 0 })).toEqual({ install: false, reason: 'in_use', quietInMs: QUIET_PERIOD_MS });
    expect(decide({ nowMs: night, quietForMs: QUIET_PERIOD_MS - 1 })).toEqual({ install: false, reason: 'in_use', quietInMs: 1 });
    expect(decide({ nowMs: night, quietForMs: QUIET_PERIOD_MS })).toEqual({ install: true, reason: 'outside_office_hours' });
    expect(decide({ nowMs: night, quietForMs: 10 * QUIET_PERIOD_MS })).toMatchObject({ install: true });
    expect(decide({ nowMs: night, quietForMs: 30_000, quietPeriodMs: 20_000 })).toMatchObject({ install: true });
  });

  it('never yields to an IT request: IT gets the next quiet moment', () => {
    const noon = vn('2026-12-07T12:00:00');
    expect(decide({ nowMs: noon, quietForMs: 5_000, itRequested: true })).toMatchObject({ install: false, reason: 'in_use' });
    expect(decide({ nowMs: noon, quietForMs: QUIET_PERIOD_MS, itRequested: true })).toEqual({ install: true, reason: 'it_request' });
    expect(decide({ nowMs: noon, quietForMs: null, itRequested: true })).toEqual({ install: true, reason: 'it_request' });
    expect(decide({ nowMs: night, quietForMs: null, itRequested: true })).toEqual({ install: true, reason: 'it_request' });
  });

  it('counts every touch and every call of the page except its own background polling', () => {
    let clock = 1_000;
    const activity = createActivityTracker(() => clock);
    expect(activity.quietForMs()).toBeNull();
    for (const m of BACKGROUND_METHODS) activity.noteCall(m);
    expect(activity.quietForMs()).toBeNull();
    activity.noteCall('submitRating');
    clock += 45_000;
    expect(activity.quietForMs()).toBe(45_000);
    activity.noteInput();
    clock += 1_000;
    expect(activity.quietForMs()).toBe(1_000);
    activity.noteCall('getSyncStatus');
    clock += 1_000;
    expect(activity.quietForMs()).toBe(2_000);
  });

  it('treats every method but the three polls as someone at the kiosk, methods added later included', () => {
    expect([...BACKGROUND_METHODS].sort()).toEqual(['getBootstrap', 'getDuty', 'getSyncStatus']);
    for (const m of ['submitRating', 'amendRating', 'holdForComment', 'submitContact', 'adminUnlock', 'openDossier'] as const)
      expect(countsAsActivity(m)).toBe(true);
    expect(KIOSK_METHODS.filter(countsAsActivity)).toHaveLength(KIOSK_METHODS.length - 3);
  });

  it('lasts longer than any screen is configured to wait untouched', () => {
    // The default admin area waits 120 s untouched: 30 s more.
    expect(quietPeriodFor(parsedTestConfig({}))).toBe(150_000);
    expect(quietPeriodFor(parsedTestConfig({ admin: { idleSeconds: 30 } }))).toBe(QUIET_PERIOD_MS);
    expect(quietPeriodFor(parsedTestConfig({ timeouts: { followUpSeconds: 300 } }))).toBe(330_000);
    expect(quietPeriodFor(parsedTestConfig({ dossier: { sessionSeconds: 600 } }))).toBe(630_000);
    expect(quietPeriodFor(parsedTestConfig({ admin: { idleSeconds: 900 } }))).toBe(930_000);
  });
});

describe('check schedule', () => {
  it('checks about every six hours, an hour either way, each kiosk at its own moments', () => {
    expect(nextCheckDelayMs(() => 0)).toBe(CHECK_EVERY_MS - CHECK_JITTER_MS);
    expect(nextCheckDelayMs(() => 0.5)).toBe(CHECK_EVERY_MS);
    expect(nextCheckDelayMs(() => 0.999999)).toBeLessThanOrEqual(CHECK_EVERY_MS + CHECK_JITTER_MS);
    expect([CHECK_EVERY_MS, CHECK_JITTER_MS]).toEqual([6 * 3600_000, 3600_000]);
  });

  it('checks first a few minutes after start, spread over ten minutes', () => {
    expect(firstCheckDelayMs(() => 0)).toBe(FIRST_CHECK_MIN_MS);
    expect(firstCheckDelayMs(() => 0.999999)).toBeLessThanOrEqual(FIRST_CHECK_MIN_MS + FIRST_CHECK_SPREAD_MS);
    expect([FIRST_CHECK_MIN_MS, FIRST_CHECK_SPREAD_MS]).toEqual([120_000, 600_000]);
  });
});

describe('the update task, at most once a night', () => {
  const at = vn('2026-12-07T18:00:00');

  it('is due when not started since the kiosk started', () => {
    expect(nightlyRunDue({ nowMs: at, lastStartedMs: null, officeHoursSince: false })).toBe(true);
  });

  it('is not due again the same night, and is once the centre has been open in between', () => {
    expect(nightlyRunDue({ nowMs: at + 6 * 3600_000, lastStartedMs: at, officeHoursSince: false })).toBe(false);
    expect(nightlyRunDue({ nowMs: at + 24 * 3600_000 - 1, lastStartedMs: at, officeHoursSince: true })).toBe(true);
  });

  it('is due again a day later with no office hours in between (a weekend)', () => {
    expect(nightlyRunDue({ nowMs: at + NIGHTLY_MIN_GAP_MS - 1, lastStartedMs: at, officeHoursSince: false })).toBe(false);
    expect(nightlyRunDue({ nowMs: at + NIGHTLY_MIN_GAP_MS, lastStartedMs: at, officeHoursSince: false })).toBe(true);
  });
});
