// The sync service's connection test (one heartbeat through the uploads' route) as the
// contract gives it to the diagnostics screen.
import type { KioskConfig } from '../../../shared/config-schema';
import type { ConnectionCheck } from '../../../shared/kiosk-api';
import type { ConnectionTest } from '../sync/sync-messages';
import { hostOf } from './config-summary';

export function toConnectionCheck(test: ConnectionTest, config: Pick<KioskConfig, 'server'>): ConnectionCheck {
  return {
    ok: test.ok,
    kind: test.kind,
    serverHost: hostOf(config.server.url),
    detail: test.detail ?? null,
    httpStatus: test.httpStatus ?? null,
    ms: test.ms,
    via: test.via,
    proxy: test.proxy ?? null,
    routeSource: test.routeSource,
    clockOffsetMs: test.clockOffsetMs ?? null,
  };
}

export async function connectionCheckOf(sync: { testConnection(): Promise<ConnectionTest> }, config: Pick<KioskConfig, 'server'>): Promise<ConnectionCheck> {
  return toConnectionCheck(await sync.testConnection(), config);
}
