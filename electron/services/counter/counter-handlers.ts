// The counter workflow's contract methods: who is on duty, and opening a dossier session
// from a scan (any screen, no session: the scanner is the counter's own device) or from a
// code typed by staff (a staff session is required).
import { fail, ok } from '../../../shared/errors';
import type { KioskHandlers } from '../../../shared/kiosk-api';
import type { SessionGrant } from '../admin/admin-sessions';
import type { Logger } from '../logger';
import type { DossierService } from './dossier-service';
import type { DutyService } from './duty-service';

export interface CounterHandlerDeps {
  duty: DutyService;
  dossiers: DossierService;
  /** Slides a staff session and says who holds it; null when unknown or expired. */
  touchSession: (session: string) => SessionGrant | null;
  logger: Logger;
}

export type CounterHandlers = Pick<KioskHandlers, 'openDossier' | 'getDuty' | 'setDuty'>;

export function createCounterHandlers(deps: CounterHandlerDeps): CounterHandlers {
  const { duty, dossiers, touchSession, logger } = deps;
  return {
    getDuty: () => ok({ officer: duty.current() }),
    setDuty: (input) => {
      const grant = touchSession(input.session);
      if (!grant) return fail('ADMIN_SESSION_EXPIRED');
      // An officer may sign themselves in or out, never put a colleague on duty.
      if (grant.role === 'officer' && input.officerId !== null && input.officerId !== grant.officerId) {
        return fail('FORBIDDEN', { field: 'officerId', detail: 'an officer may only sign themselves in' });
      }
      if (input.officerId !== null && !duty.officerById(input.officerId)) {
        return fail('INVALID_INPUT', { field: 'officerId', detail: 'no such officer in the configuration' });
      }
      const officer = duty.set(input.officerId);
      logger.info({ officerId: officer?.id ?? null, by: grant.role }, officer ? 'officer on duty' : 'officer signed out');
      return ok({ officer });
    },
    openDossier: (input) => {
      if (input.source === 'typed' && !touchSession(input.session)) return fail('ADMIN_SESSION_EXPIRED');
      return dossiers.open(input.raw, input.source);
    },
  };
}
