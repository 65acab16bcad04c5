// Per-kiosk limits: requests per minute and ratings per day. A kiosk's token is a secret on
// a public counter PC, so a stolen or misbehaving one must not be able to flood the city's
// figures or its disk. Fixed windows. The embedded receiver keeps them in memory: a restart
// forgets them, which only ever lets a kiosk through sooner. Several receiver processes on
// PostgreSQL count in a shared table instead (pg-store.ts), or each process behind the load
// balancer would let a kiosk through as many times over.
import ipaddr from 'ipaddr.js';
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

/**
 * Failed dashboard sign-ins per client address: a reader token opens the province's figures,
 * so guessing one must be slow. Fixed windows, as above.
 */
export interface SignInLimit {
  failures: number;
  windowMinutes: number;
}

export const DEFAULT_SIGN_IN_LIMIT: SignInLimit = { failures: 10, windowMinutes: 15 };

/** The length of a sign-in limit's fixed window. */
export const signInWindowMs = (limit: SignInLimit): number => limit.windowMinutes * MINUTE_MS;

export const SIGN_IN_DETAIL = (limit: SignInLimit) => `at most ${limit.failures} failed sign-ins per ${limit.windowMinutes} minutes per address`;

export interface SignInLimiter {
  /**
   * Counts a sign-in from `client` as failed before its token is checked, so that guesses sent
   * in parallel cannot all pass a check made before any of them failed; rejects with
   * RateLimitError (429), counting nothing, past the limit. Resolves to the call that takes the
   * count back once the token turns out right.
   */
  attempt(client: string, now: number): Promise<() => Promise<void>>;
}

/** Beyond this many addresses, windows already over are dropped, so a spread of addresses cannot grow the map forever. */
const MAX_TRACKED_CLIENTS = 10_000;

/** The sign-in limit of one process, in memory: the embedded receiver is the only process on its file. */
export function createSignInLimiter(limit: SignInLimit): SignInLimiter {
  const windows = new Map<string, Window>();
  const spanMs = signInWindowMs(limit);
  const detail = SIGN_IN_DETAIL(limit);
  return {
    attempt: async (client, now) => {
      const { start } = windowOf(now, spanMs);
      if (windows.size >= MAX_TRACKED_CLIENTS && !windows.has(client)) {
        for (const [key, w] of windows) if (w.start !== start) windows.delete(key);
      }
      take(windows, client, now, spanMs, 1, limit.failures, detail);
      return async () => {
        const w = windows.get(client);
        // A window that has passed since holds nothing of this attempt to give back.
        if (w && w.start === start && w.used > 0) w.used -= 1;
      };
    },
  };
}

/**
 * The key a client's sign-ins are counted under: its IPv4 address (also when it arrives in
 * its ::ffff: form), or the /64 network of an IPv6 one, since a single IPv6 host is usually
 * handed a whole /64 to pick addresses from. ipaddr.js reads every spelling of an address
 * (zone ids, "::", a dotted IPv4 tail); what it cannot read is counted as written.
 */
export function signInClientKey(remoteAddress: string | undefined): string {
  if (!remoteAddress) return 'unknown';
  if (!ipaddr.isValid(remoteAddress)) return remoteAddress.toLowerCase();
  const address = ipaddr.process(remoteAddress);
  if (address.kind() === 'ipv4') return address.toString();
  return `${(address as ipaddr.IPv6).parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(':')}::/64`;
}
