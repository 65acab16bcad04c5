// The diagnostics screen's three methods, behind the admin PIN: the figures, a connection
// test to the city server, and the zip for IT (handed over like a report export, by id).
import type { KioskHandlers } from '../../../shared/kiosk-api';
import type { DiagnosticsService } from '../diagnostics/diagnostics-service';
import { IT_ONLY, type SessionGuard } from './session-guard';

export type DiagnosticsHandlers = Pick<KioskHandlers, 'getDiagnostics' | 'testConnection' | 'exportDiagnostics'>;

export function createDiagnosticsHandlers(
  guard: SessionGuard,
  diagnostics: Pick<DiagnosticsService, 'collect' | 'testConnection' | 'exportZip'>,
): DiagnosticsHandlers {
  return {
    getDiagnostics: guard.guarded(IT_ONLY, () => diagnostics.collect()),
    testConnection: guard.guarded(IT_ONLY, () => diagnostics.testConnection()),
    exportDiagnostics: guard.guarded(IT_ONLY, () => diagnostics.exportZip()),
  };
}
