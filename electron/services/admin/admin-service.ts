// The admin area's contract methods, put together from their parts: unlocking with a PIN and
// the lock-out (pin-unlock.ts), the one session guard (session-guard.ts), the head-only tally
// and export handlers, and IT's diagnostics and exit behind the same PIN. An officer's own PIN opens a narrower session (their
// shift, typed dossier codes) and puts them on duty; tallies and exports stay with the
// reception head, since per-officer figures are staff personal data.
import type { KioskConfig } from '../../../shared/config-schema';
import { ok } from '../../../shared/errors';
import type { KioskHandlers } from '../../../shared/kiosk-api';
import type { DutyService } from '../counter/duty-service';
import { createAdminQueries } from '../db/admin-queries';
import type { Db } from '../db/database';
import { createTallyQueries } from '../db/tally-queries';
import type { Logger } from '../logger';
import type { DiagnosticsService } from '../diagnostics/diagnostics-service';
import type { ExportRunner } from '../reports/export-runner';
import { createTallyService } from '../reports/tally-service';
import { createAdminSessions } from './admin-sessions';
import { createDiagnosticsHandlers } from './diagnostics-handlers';
import { createExitHandler } from './exit-handler';
import { createExportHandlers } from './export-handlers';
import { createPinUnlock } from './pin-unlock';
import { createPinLockout } from './pin-lockout';
import { createSessionGuard } from './session-guard';
import { createTallyHandlers } from './tally-handlers';

export interface AdminServiceDeps {
  db: Db;
  config: KioskConfig;
  now: () => number;
  logger: Logger;
  duty: DutyService;
  /** Makes export files off the main thread (reports/export-runner.ts). */
  exporter: Pick<ExportRunner, 'run'>;
  diagnostics: Pick<DiagnosticsService, 'collect' | 'testConnection' | 'exportZip'>;
  /** How the shell quits (BackendDeps.requestExit); absent: adminExit answers NOT_SUPPORTED. */
  requestExit?: () => void;
}

export type AdminHandlers = Pick<
  KioskHandlers,
  'adminUnlock' | 'adminLock' | 'getTally' | 'exportReport' | 'getDiagnostics' | 'testConnection' | 'exportDiagnostics' | 'adminExit'
>;

export function createAdminService(deps: AdminServiceDeps) {
  const { config, now } = deps;
  const sessions = createAdminSessions(config.admin.idleSeconds);
  const guard = createSessionGuard(sessions, now);
  const lockout = createPinLockout(createAdminQueries(deps.db), {
    maxAttempts: config.admin.maxPinAttempts,
    baseSeconds: config.admin.lockoutBaseSeconds,
  });
  const pins = createPinUnlock({ config, lockout, sessions, duty: deps.duty, now, logger: deps.logger });

  const handlers: AdminHandlers = {
    adminUnlock: (input) => pins.unlock(input),
    adminLock: (input) => {
      sessions.close(input.session);
      return ok({ locked: true as const });
    },
    ...createTallyHandlers(guard, createTallyService(createTallyQueries(deps.db), config)),
    ...createExportHandlers(guard, deps.exporter),
    ...createDiagnosticsHandlers(guard, deps.diagnostics),
    ...createExitHandler(guard, { requestExit: deps.requestExit, logger: deps.logger }),
  };

  return { handlers, unlock: pins.unlock, touch: guard.touch, guard, lockStatus: pins.lockStatus, sessionCount: () => sessions.count() };
}

export type AdminService = ReturnType<typeof createAdminService>;
