// Per-kiosk limits: requests per minute and ratings per day. A kiosk's token is a secret on
// a public counter PC, so a stolen or misbehaving one must not be able to flood the city's
// figures or its disk. Fixed windows kept in memory: a restart forgets them, which only
// ever lets a kiosk through sooner.
import { HttpError } from './http-io';

export interface RateLimits {
  /** Requests of any kind by one kiosk in one minute. */
  requestsPerMinute: number;
  /** Ratings one kiosk may send in one UTC day (duplicates count: they cost the same). */
  ratingsPerDay: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { requestsPerMinute: 300, ratingsPerDay: 20_000 };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

interface Window {
  start: number;
  used: number;
}

export class RateLimitError extends HttpError {
  constructor(
    detail: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, 'too_many_requests', detail);
  }
}

function take(map: Map<string, Window>, key: string, now: number, spanMs: number, amount: number, limit: number, what: string): void {
  const start = Math.floor(now / spanMs) * spanMs;
  let w = map.get(key);
  if (!w || w.start !== start) map.set(key, (w = { start, used: 0 }));
  if (w.used + amount > limit) {
    throw new RateLimitError(`at most ${limit} ${what}`, Math.max(1, Math.ceil((start + spanMs - now) / 1000)));
  }
  w.used += amount;
}

export function createRateLimiter(limits: RateLimits) {
  const requests = new Map<string, Window>();
  const ratings = new Map<string, Window>();
  return {
    /** Counts one request; throws RateLimitError (429) past the limit. */
    request(kioskId: string, now: number): void {
      take(requests, kioskId, now, MINUTE_MS, 1, limits.requestsPerMinute, 'requests per minute per kiosk');
    },
    /** Counts `n` ratings; throws RateLimitError (429), counting nothing, past the limit. */
    ratings(kioskId: string, n: number, now: number): void {
      take(ratings, kioskId, now, DAY_MS, n, limits.ratingsPerDay, 'ratings per day per kiosk');
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
