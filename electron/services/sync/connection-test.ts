// IT's "test connection": one heartbeat through the route the uploads take right now, proxy
// included, answered with what happened and how long it took. It writes nothing: the
// clock offset it learns is reported, not kept, and no rating is read for sending.
import type { ReasonDefinition } from '../../../shared/rating-scale';
import type { UploadQueries } from '../db/upload-queries';
import type { DayCountWindow } from './day-counts';
import { heartbeatExchange } from './heartbeat';
import type { ConnectionTest } from './sync-messages';
import { heartbeatBody } from './sync-run';
import type { TransportSource } from './upload-transport';

export interface ConnectionTestDeps {
  transports: TransportSource;
  queries: UploadQueries;
  serverUrl: string;
  token: string;
  timeoutMs: number;
  kioskId: string;
  unitCode: string;
  appVersion: string;
  isoTime: (ms: number) => string;
  now: () => number;
  signal?: AbortSignal;
  /** As the sync's heartbeat sends them; a comparison in the answer is not kept. */
  dayCountWindow?: DayCountWindow;
  reasons?: readonly ReasonDefinition[];
}

export async function testConnection(deps: ConnectionTestDeps): Promise<ConnectionTest> {
  const t0 = performance.now();
  const ms = () => Math.round(performance.now() - t0);
  const choice = await deps.transports.current();
  if (!choice.ok) return { ok: false, kind: choice.code, detail: choice.detail, ms: ms(), via: 'proxy', routeSource: 'system' };
  const { transport } = choice;
  const route = { via: transport.via, routeSource: transport.source, ...(transport.proxy ? { proxy: transport.proxy } : {}) };
  const dispatcher = transport.separate();
  const { outcome, httpStatus } = await heartbeatExchange(
    deps.serverUrl,
    deps.token,
    heartbeatBody(deps),
    deps.isoTime,
    { dispatcher, timeoutMs: deps.timeoutMs, signal: deps.signal, proxy: transport.proxy },
    deps.now,
  ).finally(() => void dispatcher.destroy().catch(() => {}));
  const status = httpStatus === null ? {} : { httpStatus };
  switch (outcome.kind) {
    case 'ok':
      return { ok: true, kind: 'ok', ...status, ms: ms(), ...route, clockOffsetMs: outcome.clockOffsetMs };
    case 'aborted':
      return { ok: false, kind: 'internal', detail: 'uploads stopped during the test', ms: ms(), ...route };
    case 'failed':
      return { ok: false, kind: outcome.code, detail: outcome.detail, ...status, ms: ms(), ...route };
    default:
      return { ok: false, kind: outcome.kind, detail: outcome.detail, ...status, ms: ms(), ...route };
  }
}
