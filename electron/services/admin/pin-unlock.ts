// Unlocking with a PIN: the reception head's (the whole admin area) or an officer's own
// (a narrower session that also puts them on duty). Wrong PINs are counted and lock the pad
// with a growing delay (pin-lockout.ts). Attempts run one at a time, so a burst of parallel
// guesses cannot slip past the attempt limit.
import type { KioskConfig } from '../../../shared/config-schema';
import { fail, ok, type Result } from '../../../shared/errors';
import type { AdminSessionInfo, KioskInput } from '../../../shared/kiosk-api';
import type { DutyService } from '../counter/duty-service';
import type { Logger } from '../logger';
import type { AdminSessions, SessionGrant } from './admin-sessions';
import { parsePinHash, verifyPin } from './pin-hash';
import type { LockStatus, PinLockout } from './pin-lockout';

export interface PinUnlockDeps {
  config: KioskConfig;
  lockout: PinLockout;
  sessions: AdminSessions;
  duty: DutyService;
  now: () => number;
  logger: Logger;
}

function lockedError(s: Extract<LockStatus, { locked: true }>) {
  const seconds = Math.ceil(s.remainingMs / 1000);
  return fail('PIN_LOCKED', { params: { m: Math.ceil(seconds / 60), seconds } });
}

export function sessionInfo(g: SessionGrant): AdminSessionInfo {
  return { session: g.session, expiresAt: new Date(g.expiresAtMs).toISOString(), role: g.role, officerId: g.officerId };
}

export function createPinUnlock(deps: PinUnlockDeps) {
  const { config, lockout, sessions, now, logger } = deps;
  let attempts: Promise<unknown> = Promise.resolve();

  /** The hash to check and where it comes from: the reception head's, or one officer's. */
  function hashFor(officerId: string | undefined): Result<{ hash: string; field: string }> {
    if (officerId === undefined) return ok({ hash: config.admin.pinHash, field: 'admin.pinHash' });
    const index = config.officers.findIndex((o) => o.id === officerId);
    if (index < 0) return fail('INVALID_INPUT', { field: 'officerId', detail: 'no such officer in the configuration' });
    return ok({ hash: config.officers[index]!.pinHash, field: `officers.${index}.pinHash` });
  }

  async function tryPin(pin: string, officerId: string | undefined): Promise<Result<AdminSessionInfo>> {
    const source = hashFor(officerId);
    if (!source.ok) return source;
    if (source.value.hash === '') return fail('PIN_NOT_SET');
    const stored = parsePinHash(source.value.hash);
    if (!stored) {
      return fail('CONFIG_INVALID', { field: source.value.field, detail: 'not a hash made by `npm run admin -- hash-pin`' });
    }
    const before = lockout.status(now());
    if (before.locked) return lockedError(before);
    if (await verifyPin(pin, stored)) {
      lockout.recordSuccess();
      if (officerId === undefined) {
        logger.info('admin area unlocked');
        return ok(sessionInfo(sessions.open(now())));
      }
      deps.duty.set(officerId);
      logger.info({ officerId }, 'officer signed in and is on duty');
      return ok(sessionInfo(sessions.open(now(), { role: 'officer', officerId })));
    }
    const after = lockout.recordFailure(now());
    if (after.locked) {
      logger.warn({ lockSeconds: Math.ceil(after.remainingMs / 1000) }, 'admin PIN pad locked after repeated wrong PINs');
      return lockedError(after);
    }
    logger.warn({ attemptsLeft: after.attemptsLeft }, 'wrong admin PIN');
    return fail('PIN_WRONG', { params: { n: after.attemptsLeft } });
  }

  function unlock(input: KioskInput<'adminUnlock'>): Promise<Result<AdminSessionInfo>> {
    const next = attempts.then(() => tryPin(input.pin, input.officerId));
    attempts = next.catch(() => undefined);
    return next;
  }

  return { unlock, lockStatus: () => lockout.status(now()) };
}
