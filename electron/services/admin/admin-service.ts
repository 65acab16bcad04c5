// The admin area's four contract methods: unlock with a PIN (counted, locked out with a
// growing delay), lock, and the session-guarded tally and export. Unlock attempts run one
// at a time, so a burst of parallel guesses cannot slip past the attempt limit. An
// officer's own PIN opens a narrower session (their shift, typed dossier codes) and puts
// them on duty; tallies and exports stay with the reception head, since per-officer
// figures are staff personal data.
import type { KioskConfig } from '../../../shared/config-schema';
import { fail, ok, type Result } from '../../../shared/errors';
import type { AdminSessionInfo, KioskHandlers, KioskInput } from '../../../shared/kiosk-api';
import type { Db } from '../db/database';
import { createAdminQueries } from '../db/admin-queries';
import type { DutyService } from '../counter/duty-service';
import type { Logger } from '../logger';
import { createExportService } from '../reports/export-service';
import { createAdminSessions, type SessionGrant } from './admin-sessions';
import { parsePinHash, verifyPin } from './pin-hash';
import { createPinLockout, type LockStatus } from './pin-lockout';

export interface AdminServiceDeps {
  db: Db;
  config: KioskConfig;
  now: () => number;
  logger: Logger;
  duty: DutyService;
  fontDir?: string;
}

export type AdminHandlers = Pick<KioskHandlers, 'adminUnlock' | 'adminLock' | 'getTally' | 'exportReport'>;

function lockedError(s: Extract<LockStatus, { locked: true }>) {
  const seconds = Math.ceil(s.remainingMs / 1000);
  return fail('PIN_LOCKED', { params: { m: Math.ceil(seconds / 60), seconds } });
}

export function createAdminService(deps: AdminServiceDeps) {
  const { config, now, logger } = deps;
  const lockout = createPinLockout(createAdminQueries(deps.db), {
    maxAttempts: config.admin.maxPinAttempts,
    baseSeconds: config.admin.lockoutBaseSeconds,
  });
  const sessions = createAdminSessions(config.admin.idleSeconds);
  const exporter = createExportService({ db: deps.db, config, now, logger, fontDir: deps.fontDir });
  let attempts: Promise<unknown> = Promise.resolve();

  const info = (g: SessionGrant): AdminSessionInfo => ({
    session: g.session,
    expiresAt: new Date(g.expiresAtMs).toISOString(),
    role: g.role,
    officerId: g.officerId,
  });

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
        return ok(info(sessions.open(now())));
      }
      deps.duty.set(officerId);
      logger.info({ officerId }, 'officer signed in and is on duty');
      return ok(info(sessions.open(now(), { role: 'officer', officerId })));
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

  /** Slides the session's idle expiry; null when it is unknown or has expired. */
  function touch(session: string): SessionGrant | null {
    return sessions.touch(session, now());
  }

  const expired = () => fail('ADMIN_SESSION_EXPIRED');
  const headOnly = () => fail('FORBIDDEN', { detail: "the reception head's PIN is needed for tallies and exports" });

  const handlers: AdminHandlers = {
    adminUnlock: (input) => unlock(input),
    adminLock: (input) => {
      sessions.close(input.session);
      return ok({ locked: true as const });
    },
    getTally: (input) => {
      const grant = touch(input.session);
      if (!grant) return expired();
      return grant.role === 'head' ? exporter.tally(input.from, input.to) : headOnly();
    },
    exportReport: async (input) => {
      const grant = touch(input.session);
      if (!grant) return expired();
      if (grant.role !== 'head') return headOnly();
      const r = await exporter.toBuffer(input.format, input.from, input.to);
      if (!r.ok) return r;
      return ok({ fileName: r.value.fileName, mime: r.value.mime, savedTo: null, dataBase64: r.value.data.toString('base64') });
    },
  };

  return { handlers, unlock, touch, lockStatus: () => lockout.status(now()), sessionCount: () => sessions.count() };
}

export type AdminService = ReturnType<typeof createAdminService>;
