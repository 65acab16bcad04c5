// The tap-to-save path. Applies the misuse guard (cool-down, burst flag), stamps the
// rating with everything reports and uploads need, and returns only after commit.
import { v7 as uuidv7 } from 'uuid';
import type { KioskConfig } from '../../shared/config-schema';
import { fail, ok, type Result } from '../../shared/errors';
import type { KioskInput, SubmitRatingOutput } from '../../shared/kiosk-api';
import { zonedParts } from '../../shared/local-time';
import { COMMENT_MAX_LENGTH, isLevelOnScale, needsFollowUp } from '../../shared/rating-scale';
import { cleanText } from '../../shared/text-clean';
import { storing } from './db/database';
import { DossierAlreadyRated, type AmendOutcome, type RatingStore } from './db/rating-store';
import type { DossierService } from './counter/dossier-service';
import type { DutyService } from './counter/duty-service';

export interface RatingServiceDeps {
  store: RatingStore;
  config: KioskConfig;
  appVersion: string;
  /** Wall clock: the time stored with each rating (ms since the epoch). */
  now: () => number;
  /**
   * A clock that never goes backwards (ms, any origin), for the misuse guard's intervals:
   * the wall clock can be set back by staff or corrected by NTP, and an interval measured on
   * it would then look short and flag real ratings. Default: performance.now().
   */
  monotonicNow?: () => number;
  /** Latest known server−kiosk clock offset, recorded with each rating. */
  clockOffsetMs?: () => number | null;
  /** The officer on duty, stored with every rating; none when absent. */
  duty?: DutyService;
  /** Checks the dossier code of a dossier-linked rating; such ratings are refused when absent. */
  dossiers?: DossierService;
}

/** Time after the follow-up closes before a low rating is settled for upload anyway. */
export const SETTLE_GRACE_MS = 30_000;
/**
 * A satisfied citizen may add a comment from the thank-you screen: the rating waits the
 * screen's time and this much more before it may be uploaded. Pressing "Ý kiến khác" holds
 * it open at once (holdForComment), so a few seconds cover a slow answer to that call.
 */
export const THANKS_GRACE_MS = 5_000;
/** How long a rating stays amendable once the citizen opens the comment keyboard. */
export const COMMENT_HOLD_MS = 10 * 60_000;

/** `text` cut to at most `max` UTF-16 code units without splitting a surrogate pair. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/**
 * The comment as stored: control characters and bidi overrides removed (not refused: the
 * citizen's words are kept), line breaks kept, blank means none. Cleaning normalises to
 * NFC, which can lengthen a few scripts, so the result is clipped to the stored limit.
 */
export function cleanComment(comment: string | undefined): string | null {
  if (comment === undefined) return null;
  const cleaned = clip(cleanText(comment, { multiline: true }).trim(), COMMENT_MAX_LENGTH).trim();
  return cleaned === '' ? null : cleaned;
}

export function createRatingService(deps: RatingServiceDeps) {
  const { store, config, appVersion, now } = deps;
  // The global, looked up at each call, so that a test's fake timers can drive it.
  const monotonicNow = deps.monotonicNow ?? (() => globalThis.performance.now());
  const cooldownMs = config.misuse.cooldownSeconds * 1000;
  const burstWindowMs = config.misuse.burstWindowSeconds * 1000;
  const followUpWindowMs = (config.timeouts.followUpSeconds + config.timeouts.thankYouSeconds) * 1000 + SETTLE_GRACE_MS;

  // The misuse guard needs the monotonic times of the last few stored ratings, newest
  // first. It starts empty: stored times are wall-clock times, and after the clock was set
  // back they would lie in the future and flag every tap that follows, restart after restart.
  const recent: number[] = [];

  const thanksWindowMs = config.timeouts.thankYouSeconds * 1000 + THANKS_GRACE_MS;

  function submit(input: KioskInput<'submitRating'>): Result<SubmitRatingOutput> {
    if (!isLevelOnScale(input.level, config.scale)) {
      return fail('INVALID_INPUT', { field: 'level', detail: `level ${input.level} is not on the ${config.scale}-level scale` });
    }
    let dossierCode: string | null = null;
    if (input.dossier) {
      if (!deps.dossiers) return fail('DOSSIER_INVALID', { field: 'dossier', detail: 'dossier ratings are not available' });
      const checked = deps.dossiers.checkForRating(input.dossier.code);
      if (!checked.ok) return checked;
      dossierCode = checked.value;
    }
    const level = input.level;
    const followUp = needsFollowUp(level);
    const t = now();
    const m = monotonicNow();
    const last = recent[0];
    // A dossier-linked rating answers a receipt that staff just scanned, and the dossier
    // can be rated only once: the misuse guard is for anonymous taps.
    if (!dossierCode && last !== undefined && cooldownMs > 0 && m - last < cooldownMs) {
      // The screen still thanks the citizen; the tap is simply not counted twice.
      return ok({ id: null, seq: null, stored: false, flagged: false, followUp: false });
    }
    const oldestInBurst = recent[config.misuse.burstCount - 2];
    const flagged = !dossierCode && recent.length === config.misuse.burstCount - 1 && oldestInBurst !== undefined && m - oldestInBurst < burstWindowMs;
    const zoned = zonedParts(t, config.timezone);
    let written: Result<{ id: string; seq: number }>;
    try {
      // Rolled back on a full disk: the screen apologises instead of thanking.
      written = storing(() =>
        store.insert({
          id: uuidv7({ msecs: t }),
          createdAtMs: t,
          utcOffsetMin: zoned.offsetMinutes,
          localDay: zoned.day,
          localHour: zoned.hour,
          scale: config.scale === '5' ? 5 : 3,
          level,
          language: input.language,
          unitCode: config.unit.code,
          kioskId: config.kiosk.id,
          counterId: config.kiosk.counterId ?? null,
          officerId: deps.duty?.current(zoned.day)?.id ?? null,
          dossierCode,
          dossierCapture: input.dossier && dossierCode ? input.dossier.capture : 'none',
          appVersion,
          misuseFlag: flagged,
          clockOffsetMs: deps.clockOffsetMs?.() ?? null,
          settleAfterMs: t + (followUp ? followUpWindowMs : thanksWindowMs),
        }),
      );
    } catch (error) {
      if (error instanceof DossierAlreadyRated) return fail('DOSSIER_ALREADY_RATED', { params: { code: error.code } });
      throw error;
    }
    if (!written.ok) return written;
    const { id, seq } = written.value;
    recent.unshift(m);
    recent.length = Math.min(recent.length, config.misuse.burstCount - 1);
    return ok({ id, seq, stored: true, flagged, followUp });
  }

  // Only what this kiosk offers: the contract accepts any key of the pattern (so uploads of
  // a unit's own reasons pass), the screen shows the configured ones.
  const configuredReasons = new Set(config.reasons.map((r) => r.key));

  function amend(input: KioskInput<'amendRating'>): Result<{ id: string }> {
    const unknown = input.reasons.find((key) => !configuredReasons.has(key));
    if (unknown !== undefined) {
      // The key matched REASON_KEY_PATTERN (lower-case ASCII), so quoting it is safe.
      return fail('INVALID_INPUT', { field: 'reasons', detail: `unknown reason "${unknown}": not one of the configuration's reasons` });
    }
    // Rolled back on a full disk: the rating keeps its earlier reasons and comment.
    const written = storing(() => store.amend(input.id, input.reasons, cleanComment(input.comment), now()));
    if (!written.ok) return written;
    const outcome: AmendOutcome = written.value;
    if (outcome === 'not_found') return fail('RATING_NOT_FOUND', { field: 'id' });
    if (outcome === 'locked') return fail('RATING_LOCKED', { field: 'id' });
    return ok({ id: input.id });
  }

  function holdForComment(input: KioskInput<'holdForComment'>): Result<{ id: string }> {
    const t = now();
    // Rolled back on a full disk: the rating settles on its earlier schedule, and the comment
    // screen warns at once, before the citizen types what could not be saved either.
    const written = storing(() => store.holdOpen(input.id, t, t + COMMENT_HOLD_MS));
    if (!written.ok) return written;
    const outcome: AmendOutcome = written.value;
    if (outcome === 'not_found') return fail('RATING_NOT_FOUND', { field: 'id' });
    if (outcome === 'locked') return fail('RATING_LOCKED', { field: 'id' });
    return ok({ id: input.id });
  }

  return { submit, amend, holdForComment };
}

export type RatingService = ReturnType<typeof createRatingService>;
