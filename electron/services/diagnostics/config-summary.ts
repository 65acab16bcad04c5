// The configuration as the diagnostics screen shows it: what IT checks on a visit (which
// unit and kiosk, where uploads go, through which proxy, the office hours, which file), and
// nothing that is a secret. The token is only "set" or "not set"; a proxy is its host.
import type { KioskConfig } from '../../../shared/config-schema';
import type { DiagnosticsConfig } from '../../../shared/kiosk-api';

export interface ConfigSummaryInput {
  config: KioskConfig;
  source: 'file' | 'demo';
  path: string | null;
  /** The shell follows the operating system's proxy settings when server.proxy is empty (Electron). */
  systemProxy: boolean;
}

/** host[:port] of an address, or null for none or one that does not parse. */
export function hostOf(text: string): string | null {
  if (text === '') return null;
  try {
    return new URL(text).host || null;
  } catch {
    return null;
  }
}

function proxyOf(config: KioskConfig, systemProxy: boolean): DiagnosticsConfig['proxy'] {
  const configured = config.server.proxy;
  if (configured === '') return { mode: systemProxy ? 'system' : 'direct', host: null, credentials: false };
  let credentials = false;
  try {
    const url = new URL(configured);
    credentials = url.username !== '' || url.password !== '';
  } catch {
    // The schema only lets a parseable address through; nothing to add then.
  }
  return { mode: 'configured', host: hostOf(configured), credentials };
}

export function summarizeConfig({ config, source, path, systemProxy }: ConfigSummaryInput): DiagnosticsConfig {
  const counter = config.counters.find((k) => k.id === config.kiosk.counterId) ?? null;
  return {
    source,
    path: source === 'demo' ? null : path,
    unitCode: config.unit.code,
    unitName: config.unit.name,
    kioskId: config.kiosk.id,
    counterId: config.kiosk.counterId ?? null,
    counterName: counter?.name ?? null,
    scale: config.scale,
    timezone: config.timezone,
    serverHost: hostOf(config.server.url),
    tokenSet: config.server.token !== '',
    proxy: proxyOf(config, systemProxy),
    officeHours: { days: [...config.officeHours.days], start: config.officeHours.start, end: config.officeHours.end },
    updatesHost: hostOf(config.updates.url),
    csvSeparator: config.exports.csvSeparator,
    officers: config.officers.length,
    counters: config.counters.length,
  };
}
