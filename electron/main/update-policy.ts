// When an update may be installed (the kiosk starts the SYSTEM task that installs it:
// auto-update.ts). Installing restarts the app, so it must never cut a citizen's rating
// short, and should not blank the screen while the centre is open:
//   - never while someone is using the kiosk: not until the screen has been left alone for a
//     quiet period (no touch, no key, no call of the page except its background polling);
//   - outside the configured office hours (days, start, end in the unit's time zone);
//   - or, inside office hours, when IT asked for it (`SatisfactionKiosk.exe --update-now`),
//     still only at a quiet moment.
// Pure: the clock and the activity are passed in (auto-update.ts wires them to Electron).
// Office hours are read exactly as the idle screen dims (shared/office-hours.ts).
import type { KioskConfig } from '../../shared/config-schema';
import type { KioskMethod } from '../../shared/kiosk-methods';
import { isWithinOfficeHours, type OfficeHours } from '../../shared/office-hours';

export type { OfficeHours };

/** The least quiet time before an install; longer where a screen is configured to wait longer. */
export const QUIET_PERIOD_MS = 2 * 60_000;
const QUIET_MARGIN_MS = 30_000;

/**
 * Longer than any screen waits untouched before it goes back to the start: the thank-you and
 * follow-up screens, a scanned dossier waiting for its citizen, the admin area.
 */
export function quietPeriodFor(config: Pick<KioskConfig, 'timeouts' | 'dossier' | 'admin'>): number {
  const longestWaitS = Math.max(config.timeouts.thankYouSeconds, config.timeouts.followUpSeconds, config.dossier.sessionSeconds, config.admin.idleSeconds);
  return Math.max(QUIET_PERIOD_MS, longestWaitS * 1000 + QUIET_MARGIN_MS);
}

/**
 * Calls the page makes on its own, without anyone at the screen (status and duty polling,
 * the start-up bootstrap). Every other call, including any method added later, counts as
 * someone using the kiosk: a new method can delay an update, never cut a rating short.
 */
export const BACKGROUND_METHODS: ReadonlySet<KioskMethod> = new Set<KioskMethod>(['getBootstrap', 'getSyncStatus', 'getDuty']);

export function countsAsActivity(method: KioskMethod): boolean {
  return !BACKGROUND_METHODS.has(method);
}

export interface InstallInput {
  nowMs: number;
  officeHours: OfficeHours;
  timeZone: string;
  /** How long since the last touch, key or call of the page; null when nobody has used the kiosk since it started. */
  quietForMs: number | null;
  /** IT asked for the update (`--update-now`): office hours no longer hold it back. */
  itRequested: boolean;
  quietPeriodMs?: number;
}

export type InstallDecision =
  { install: true; reason: 'outside_office_hours' | 'it_request' } | { install: false; reason: 'in_use' | 'office_hours'; quietInMs?: number };

export function installDecision(input: InstallInput): InstallDecision {
  const quietMs = input.quietPeriodMs ?? QUIET_PERIOD_MS;
  if (input.quietForMs !== null && input.quietForMs < quietMs) {
    return { install: false, reason: 'in_use', quietInMs: quietMs - Math.max(0, input.quietForMs) };
  }
  if (input.itRequested) return { install: true, reason: 'it_request' };
  if (isWithinOfficeHours(input.nowMs, input.officeHours, input.timeZone)) return { install: false, reason: 'office_hours' };
  return { install: true, reason: 'outside_office_hours' };
}

/** Checks run about four times a day, each kiosk at its own moments so a fleet never asks at once. */
export const CHECK_EVERY_MS = 6 * 3600_000;
export const CHECK_JITTER_MS = 3600_000;
/** The first check waits a little after start: the kiosk first gets its window up and its uploads going. */
export const FIRST_CHECK_MIN_MS = 2 * 60_000;
export const FIRST_CHECK_SPREAD_MS = 10 * 60_000;

/** `random` in [0, 1): between CHECK_EVERY_MS − CHECK_JITTER_MS and CHECK_EVERY_MS + CHECK_JITTER_MS. */
export function nextCheckDelayMs(random: () => number): number {
  return Math.round(CHECK_EVERY_MS + (2 * random() - 1) * CHECK_JITTER_MS);
}

export function firstCheckDelayMs(random: () => number): number {
  return Math.round(FIRST_CHECK_MIN_MS + random() * FIRST_CHECK_SPREAD_MS);
}

/** How often the kiosk looks for its moment to start the update task. */
export const MOMENT_EVERY_MS = 60_000;
/**
 * Each night a kiosk waits a random part of this once the moment has come, so a fleet whose
 * centres all close at 17:30 does not download from the update server at the same minute.
 */
export const NIGHT_SPREAD_MS = 30 * 60_000;
/** With no office hours in between (a weekend), the task is started again a day later. */
export const NIGHTLY_MIN_GAP_MS = 24 * 3600_000;

export interface NightlyInput {
  nowMs: number;
  /** When the update task was last started; null when not since the kiosk started. */
  lastStartedMs: number | null;
  /** Whether the centre has been open since then (a new night has begun once it closes). */
  officeHoursSince: boolean;
}

/** At most once a night: a new night begins once the centre has been open in between, or a day has passed. */
export function nightlyRunDue(input: NightlyInput): boolean {
  if (input.lastStartedMs === null) return true;
  return input.officeHoursSince || input.nowMs - input.lastStartedMs >= NIGHTLY_MIN_GAP_MS;
}

/** Remembers when the kiosk was last used, on a clock that never goes back (the wall clock may be set). */
export interface ActivityTracker {
  /** A touch, a click or a key on the kiosk's window. */
  noteInput(): void;
  /** A call of the page; background polling does not count. */
  noteCall(method: KioskMethod): void;
  /** Time since the last use; null when nobody has used the kiosk since it started. */
  quietForMs(): number | null;
}

export function createActivityTracker(monotonicNow: () => number): ActivityTracker {
  let last: number | null = null;
  return {
    noteInput: () => {
      last = monotonicNow();
    },
    noteCall: (method) => {
      if (countsAsActivity(method)) last = monotonicNow();
    },
    quietForMs: () => (last === null ? null : monotonicNow() - last),
  };
}
