// Per-kiosk limits: requests per minute and ratings per day. A kiosk's token is a secret on
// a public counter PC, so a stolen or misbehaving one must not be able to flood the city's
// figures or its disk. Fixed windows. The embedded receiver keeps them in memory: a restart
// forgets them, which only ever lets a kiosk through sooner. Several receiver processes on
// PostgreSQL count in a shared table instead (pg-store.ts), or each process behind the load
// balancer would let a kiosk through as many times over.
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

/** The start of the fixed window holding `now`, and the seconds left until the next one. */
export function windowOf(now: number, spanMs: number): { start: number; retryAfterSeconds: number } {
  const start = Math.floor(now / spanMs) * spanMs;
  return { start, retryAfterSeconds: Math.max(1, Math.ceil((start + spanMs - now) / 1000)) };
}

export const REQUESTS_DETAIL = (limit: number) => `at most ${limit} requests per minute per kiosk`;
export const RATINGS_DETAIL = (limit: number) => `at most ${limit} ratings per day per kiosk`;
export const RATE_WINDOWS = { minute: MINUTE_MS, day: DAY_MS } as const;

function take(map: Map<string, Window>, key: string, now: number, spanMs: number, amount: number, limit: number, detail: string): void {
  const { start, retryAfterSeconds } = windowOf(now, spanMs);
  let w = map.get(key);
  if (!w || w.start !== start) map.set(key, (w = { start, used: 0 }));
  if (w.used + amount > limit) throw new RateLimitError(detail, retryAfterSeconds);
  w.used += amount;
}

export interface RateLimiter {
  /** Counts one request; rejects with RateLimitError (429) past the limit. */
  request(kioskId: string, now: number): Promise<void>;
  /** Counts `n` ratings; rejects with RateLimitError (429), counting nothing, past the limit. */
  ratings(kioskId: string, n: number, now: number): Promise<void>;
}

/** The limits of one process, in memory. */
export function createRateLimiter(limits: RateLimits): RateLimiter {
  const requests = new Map<string, Window>();
  const ratings = new Map<string, Window>();
  return {
    request: async (kioskId, now) => take(requests, kioskId, now, MINUTE_MS, 1, limits.requestsPerMinute, REQUESTS_DETAIL(limits.requestsPerMinute)),
    ratings: async (kioskId, n, now) => take(ratings, kioskId, now, DAY_MS, n, limits.ratingsPerDay, RATINGS_DETAIL(limits.ratingsPerDay)),
  };
}
