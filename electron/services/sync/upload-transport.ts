// The connection pool uploads use, chosen again before every run (proxy-route.ts says which
// way): an undici Agent straight to the server, or undici's ProxyAgent through an HTTP(S)
// proxy. Each route has its own pool, so a change of route or close() drops its connections.
import { Agent, ProxyAgent, type Dispatcher } from 'undici';
import type { Logger } from '../logger';
import { chooseRoute, describeRoute, sameRoute, type RouteSource, type UploadRoute } from './proxy-route';

export interface UploadTransport {
  dispatcher: Dispatcher;
  /**
   * A pool of its own on the same route, for IT's connection test: a socket kept from the
   * last run may have been closed by a server that restarted since, and the test should
   * answer for a new connection (connect, TLS, proxy tunnel) as the next run would make it.
   * The caller closes it.
   */
  separate(): Dispatcher;
  via: 'direct' | 'proxy';
  /** The proxy's scheme, host and port; null when direct. */
  proxy: string | null;
  source: RouteSource;
}

export type TransportChoice = { ok: true; transport: UploadTransport } | { ok: false; code: 'proxy_unsupported'; detail: string };

export interface TransportSourceDeps {
  serverUrl: string;
  /** `server.proxy`: wins everywhere when set. */
  configProxy: string;
  /**
   * The system's answer in PAC form for a URL ("PROXY host:3128; DIRECT"), where the shell
   * can ask (Electron's session.resolveProxy); absent elsewhere, which means direct.
   */
  resolveSystemProxy?: (url: string) => Promise<string>;
  /** How long the system's answer may take before the last known route is used. */
  resolveTimeoutMs: number;
  logger: Logger;
}

export interface TransportSource {
  /** The transport for the next run; connections are kept while the route stays the same. */
  current(): Promise<TransportChoice>;
  /** Drops every connection; the next current() starts afresh. */
  close(): void;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export function createTransportSource(deps: TransportSourceDeps): TransportSource {
  let route: UploadRoute | null = null;
  let agent: Agent | ProxyAgent | null = null;
  let transport: UploadTransport | null = null;
  /** The system's last answer, used while a new one does not come. */
  let lastPac: string | null = null;

  async function systemAnswer(): Promise<string | null> {
    if (deps.configProxy !== '' || !deps.resolveSystemProxy) return null;
    try {
      lastPac = await withTimeout(deps.resolveSystemProxy(deps.serverUrl), deps.resolveTimeoutMs);
    } catch (error) {
      deps.logger.warn(
        { error: error instanceof Error ? error.message : String(error), using: lastPac ?? 'DIRECT' },
        'could not read the system proxy settings; using the last known ones',
      );
    }
    return lastPac ?? 'DIRECT';
  }

  function build(next: UploadRoute): UploadTransport | null {
    const shown = describeRoute(next);
    if (next.via === 'unusable') return null;
    // Tunnelled (CONNECT) whatever the server's scheme: without proxyTunnel an http:// server
    // would be sent absolute-form requests, and a proxy's 502 could not be told from the server's.
    const pool = next.via === 'direct' ? () => new Agent() : () => new ProxyAgent({ uri: next.url, proxyTunnel: true });
    agent = pool();
    return { dispatcher: agent, separate: pool, via: next.via, proxy: shown.proxy, source: next.source };
  }

  function dropAgent(): void {
    // Requests still in flight on the old route finish; the pool then closes.
    void agent?.close().catch(() => {});
    agent = null;
  }

  return {
    async current(): Promise<TransportChoice> {
      const choice = chooseRoute(deps.configProxy, await systemAnswer());
      const next = choice.route;
      if (route === null || !sameRoute(route, next)) {
        for (const s of choice.skipped) {
          deps.logger.warn({ entry: s.entry, reason: s.reason }, 'system proxy entry passed over: the kiosk speaks only DIRECT, PROXY and HTTPS');
        }
        dropAgent();
        route = next;
        transport = build(next);
        const shown = describeRoute(next);
        if (next.via === 'unusable') deps.logger.error({ source: next.source, detail: next.detail }, 'no usable proxy in the system settings; uploads wait');
        else deps.logger.info({ via: shown.via, proxy: shown.proxy, source: shown.source }, 'upload route');
      }
      if (transport === null) return { ok: false, code: 'proxy_unsupported', detail: route.via === 'unusable' ? route.detail : 'no usable route' };
      return { ok: true, transport };
    },
    close(): void {
      void agent?.destroy().catch(() => {});
      agent = null;
      route = null;
      transport = null;
    },
  };
}
