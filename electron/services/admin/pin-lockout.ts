// Counts wrong PINs and locks the pad after `maxPinAttempts` of them, for
// lockoutBaseSeconds, doubling with each further lock-out (at most MAX_LOCK_MS) until a
// correct PIN resets it.
// The state lives in the kv table, so pulling the plug does not lift a lock.
import type { AdminQueries } from '../db/admin-queries';

const KV_KEY = 'admin.pin_lockout';
/** Doubling stops at a day: long enough to make guessing hopeless, short enough that the pad is usable again the next day without IT. */
export const MAX_LOCK_MS = 24 * 3600 * 1000;

export interface LockoutPolicy {
  maxAttempts: number;
  baseSeconds: number;
}

interface LockoutState {
  /** Wrong PINs since the last lock-out or success. */
  failures: number;
  /** Lock-outs since the last success; sets the next lock's length. */
  lockouts: number;
  lockedUntilMs: number | null;
  lockMs: number;
}

const FRESH: LockoutState = { failures: 0, lockouts: 0, lockedUntilMs: null, lockMs: 0 };

export type LockStatus = { locked: false; attemptsLeft: number } | { locked: true; remainingMs: number };

function isState(v: unknown): v is LockoutState {
  const s = v as LockoutState;
  return (
    typeof s === 'object' &&
    s !== null &&
    Number.isInteger(s.failures) &&
    Number.isInteger(s.lockouts) &&
    (s.lockedUntilMs === null || Number.isFinite(s.lockedUntilMs)) &&
    Number.isFinite(s.lockMs)
  );
}

export function lockDurationMs(policy: LockoutPolicy, lockoutNumber: number): number {
  const factor = 2 ** Math.min(Math.max(lockoutNumber - 1, 0), 30);
  return Math.min(policy.baseSeconds * 1000 * factor, MAX_LOCK_MS);
}

export function createPinLockout(queries: AdminQueries, policy: LockoutPolicy) {
  function load(): LockoutState {
    const raw = queries.getValue(KV_KEY);
    if (raw === null) return { ...FRESH };
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isState(parsed)) return parsed;
    } catch {
      // fall through: a damaged record must not unlock the pad
    }
    // Unreadable state: never read it as "no failures"; the next lock-out starts doubled.
    return { failures: 0, lockouts: 1, lockedUntilMs: null, lockMs: 0 };
  }

  function save(s: LockoutState): void {
    queries.setValue(KV_KEY, JSON.stringify(s));
  }

  function status(nowMs: number): LockStatus {
    const s = load();
    if (s.lockedUntilMs !== null) {
      // min(): if the clock was set back, the lock still ends after its own length.
      const remainingMs = Math.min(s.lockedUntilMs - nowMs, s.lockMs);
      if (remainingMs > 0) return { locked: true, remainingMs };
    }
    return { locked: false, attemptsLeft: Math.max(policy.maxAttempts - s.failures, 1) };
  }

  function recordFailure(nowMs: number): LockStatus {
    const s = load();
    const failures = s.failures + 1;
    if (failures < policy.maxAttempts) {
      save({ ...s, failures });
      return { locked: false, attemptsLeft: policy.maxAttempts - failures };
    }
    const lockouts = s.lockouts + 1;
    const lockMs = lockDurationMs(policy, lockouts);
    save({ failures: 0, lockouts, lockedUntilMs: nowMs + lockMs, lockMs });
    return { locked: true, remainingMs: lockMs };
  }

  function recordSuccess(): void {
    queries.deleteValue(KV_KEY);
  }

  return { status, recordFailure, recordSuccess };
}

export type PinLockout = ReturnType<typeof createPinLockout>;
