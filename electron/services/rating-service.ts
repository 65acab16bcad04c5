// The tap-to-save path. Applies the misuse guard (cool-down, burst flag), stamps the
// rating with everything reports and uploads need, and returns only after commit.
import { v7 as uuidv7 } from 'uuid';
import type { KioskConfig } from '../../shared/config-schema';
import { fail, ok, type Result } from '../../shared/errors';
import type { KioskInput, SubmitRatingOutput } from '../../shared/kiosk-api';
import { zonedParts } from '../../shared/local-time';
import { isLevelOnScale, needsFollowUp } from '../../shared/rating-scale';
import type { RatingStore } from './db/rating-store';

export interface RatingServiceDeps {
  store: RatingStore;
  config: KioskConfig;
  appVersion: string;
  now: () => number;
  /** Latest known server−kiosk clock offset, recorded with each rating. */
  clockOffsetMs?: () => number | null;
}

/** Time after the follow-up closes before a low rating is settled for upload anyway. */
export const SETTLE_GRACE_MS = 30_000;

export function createRatingService(deps: RatingServiceDeps) {
  const { store, config, appVersion, now } = deps;
  const cooldownMs = config.misuse.cooldownSeconds * 1000;
  const burstWindowMs = config.misuse.burstWindowSeconds * 1000;
  const followUpWindowMs = (config.timeouts.followUpSeconds + config.timeouts.thankYouSeconds) * 1000 + SETTLE_GRACE_MS;

  // The misuse guard only needs the last few ratings' times. This process is the only one
  // that stores ratings, so they are read once and then kept here, off the tap path.
  const recent: number[] = store.latestTimes(config.misuse.burstCount - 1);

  function submit(input: KioskInput<'submitRating'>): Result<SubmitRatingOutput> {
    if (!isLevelOnScale(input.level, config.scale)) {
      return fail('INVALID_INPUT', { field: 'level', detail: `level ${input.level} is not on the ${config.scale}-level scale` });
    }
    const level = input.level;
    const followUp = needsFollowUp(level);
    const t = now();
    const last = recent[0];
    if (last !== undefined && cooldownMs > 0 && t - last >= 0 && t - last < cooldownMs) {
      // The screen still thanks the citizen; the tap is simply not counted twice.
      return ok({ id: null, seq: null, stored: false, flagged: false, followUp: false });
    }
    const oldestInBurst = recent[config.misuse.burstCount - 2];
    const flagged = recent.length === config.misuse.burstCount - 1 && oldestInBurst !== undefined && t - oldestInBurst < burstWindowMs;
    const zoned = zonedParts(t, config.timezone);
    const { id, seq } = store.insert({
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
      officerId: null,
      dossierCode: null,
      dossierCapture: 'none',
      appVersion,
      misuseFlag: flagged,
      clockOffsetMs: deps.clockOffsetMs?.() ?? null,
      settleAfterMs: followUp ? t + followUpWindowMs : t,
    });
    recent.unshift(t);
    recent.length = Math.min(recent.length, config.misuse.burstCount - 1);
    return ok({ id, seq, stored: true, flagged, followUp });
  }

  function amend(input: KioskInput<'amendRating'>): Result<{ id: string }> {
    const comment = input.comment?.trim() ? input.comment.trim() : null;
    const outcome = store.amend(input.id, input.reasons, comment, now());
    if (outcome === 'not_found') return fail('RATING_NOT_FOUND', { field: 'id' });
    if (outcome === 'locked') return fail('RATING_LOCKED', { field: 'id' });
    return ok({ id: input.id });
  }

  return { submit, amend };
}

export type RatingService = ReturnType<typeof createRatingService>;
