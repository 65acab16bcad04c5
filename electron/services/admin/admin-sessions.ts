// Admin sessions live in memory only: a restart ends them, which is the safe direction.
// Each session slides: every admin call pushes its expiry `idleSeconds` further, the same
// idle timeout after which the admin screen closes itself.
import { randomBytes } from 'node:crypto';
import type { StaffRole } from '../../../shared/kiosk-api';

/** A handful of tablets at most open the admin area; the cap bounds memory if something loops. */
const MAX_SESSIONS = 32;

export interface StaffIdentity {
  role: StaffRole;
  officerId: string | null;
}

export interface SessionGrant extends StaffIdentity {
  session: string;
  expiresAtMs: number;
}

export function createAdminSessions(idleSeconds: number) {
  const idleMs = idleSeconds * 1000;
  const sessions = new Map<string, StaffIdentity & { expiresAtMs: number }>();

  function prune(nowMs: number): void {
    for (const [token, s] of sessions) if (s.expiresAtMs <= nowMs) sessions.delete(token);
  }

  /** A reception head's session unless told otherwise (the officer sign-in says so). */
  function open(nowMs: number, who: StaffIdentity = { role: 'head', officerId: null }): SessionGrant {
    prune(nowMs);
    while (sessions.size >= MAX_SESSIONS) {
      const oldest = sessions.keys().next().value;
      if (oldest === undefined) break;
      sessions.delete(oldest);
    }
    // 24 random bytes: 32 base64url characters, within the contract's 16..128 pattern.
    const session = randomBytes(24).toString('base64url');
    const expiresAtMs = nowMs + idleMs;
    sessions.set(session, { ...who, expiresAtMs });
    return { session, expiresAtMs, ...who };
  }

  /** Extends a live session and returns its new expiry; null when unknown or idle too long. */
  function touch(session: string, nowMs: number): SessionGrant | null {
    const s = sessions.get(session);
    if (!s) return null;
    if (s.expiresAtMs <= nowMs) {
      sessions.delete(session);
      return null;
    }
    s.expiresAtMs = nowMs + idleMs;
    return { session, expiresAtMs: s.expiresAtMs, role: s.role, officerId: s.officerId };
  }

  function close(session: string): void {
    sessions.delete(session);
  }

  return { open, touch, close, count: () => sessions.size };
}

export type AdminSessions = ReturnType<typeof createAdminSessions>;
