// exportReport for the admin screen: behind the reception head's session, the file is made
// by an export worker (reports/export-runner.ts) and answered by id for the shell to hand over.
import type { KioskHandlers } from '../../../shared/kiosk-api';
import type { ExportRunner } from '../reports/export-runner';
import { HEAD_ONLY, type SessionGuard } from './session-guard';

export function createExportHandlers(guard: SessionGuard, exporter: Pick<ExportRunner, 'run'>): Pick<KioskHandlers, 'exportReport'> {
  return { exportReport: guard.guarded(HEAD_ONLY, (input) => exporter.run(input.format, input.from, input.to)) };
}
