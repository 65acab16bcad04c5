// The one session check in front of every staff-only handler: resolve the session (sliding
// its idle expiry), then its role. An unknown, locked or idle session is
// ADMIN_SESSION_EXPIRED (the screen asks for the PIN again); a live session of the wrong
// role is FORBIDDEN. Both are answered before the handler runs, the same way for every method.
import { fail, type Result } from '../../../shared/errors';
import type { StaffRole } from '../../../shared/kiosk-api';
import type { AdminSessions, SessionGrant } from './admin-sessions';

type Answer<O> = Result<O> | Promise<Result<O>>;

export interface GuardRule {
  roles: readonly StaffRole[];
  /** Why another role is refused (for IT, in the error's detail). */
  refusal: string;
}

/** Tallies and exports hold per-officer figures, staff personal data: the reception head's alone. */
export const HEAD_ONLY: GuardRule = { roles: ['head'], refusal: "the reception head's PIN is needed for tallies and exports" };

/** Diagnostics and quitting the app are for IT, who use the admin PIN; an officer's PIN opens neither. */
export const IT_ONLY: GuardRule = { roles: ['head'], refusal: 'the admin PIN is needed for diagnostics and to quit the kiosk' };

export function createSessionGuard(sessions: AdminSessions, now: () => number) {
  /** Slides the session's idle expiry; null when it is unknown or has expired. */
  function touch(session: string): SessionGrant | null {
    return sessions.touch(session, now());
  }

  /** `handler` behind the session check, given the grant it passed with. */
  function guarded<I extends { session: string }, O>(rule: GuardRule, handler: (input: I, grant: SessionGrant) => Answer<O>): (input: I) => Answer<O> {
    return (input) => {
      const grant = touch(input.session);
      if (!grant) return fail('ADMIN_SESSION_EXPIRED');
      if (!rule.roles.includes(grant.role)) return fail('FORBIDDEN', { detail: rule.refusal });
      return handler(input, grant);
    };
  }

  return { touch, guarded };
}

export type SessionGuard = ReturnType<typeof createSessionGuard>;
