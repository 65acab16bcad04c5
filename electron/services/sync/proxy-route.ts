// Which way uploads take to the city server: the configuration's `server.proxy` when it is
// set (every shell), else the system's proxy and PAC settings where the shell can ask for
// them (Electron: Chromium's answer for the server's address), else straight there.
// Pure: no network, so the whole rule is tested as a table.

/** Where a route came from, for the log and the diagnostics screen. */
export type RouteSource = 'config' | 'system' | 'none';

export type UploadRoute =
  | { via: 'direct'; source: RouteSource }
  /** `url` may hold credentials: it is used, never shown (see redactProxyUrl). */
  | { via: 'proxy'; url: string; source: 'config' | 'system' }
  /** The system names only proxies the kiosk cannot use (SOCKS); nothing is sent. */
  | { via: 'unusable'; source: 'system'; detail: string };

export interface PacChoice {
  /** The first usable entry; null when there is none. */
  route: { via: 'direct' } | { via: 'proxy'; url: string } | null;
  /** Entries passed over before it (or all of them), as written, with why. */
  skipped: { entry: string; reason: 'unsupported' | 'malformed' }[];
}

/** `host:port` of a PAC entry, IPv6 in brackets; the scheme's default port when omitted. */
function hostPort(text: string | undefined, defaultPort: number): string | null {
  if (!text || /[/@?#\s]/.test(text)) return null;
  let url: URL;
  try {
    url = new URL(`http://${text}`);
  } catch {
    return null;
  }
  if (url.hostname === '') return null;
  return `${url.hostname}:${url.port || defaultPort}`;
}

/**
 * Reads a PAC answer the way Chromium writes one (`session.resolveProxy`): entries separated
 * by `;`, each `DIRECT`, `PROXY host:port`, `HTTPS host:port`, or a kind the kiosk cannot
 * speak (`SOCKS`, `SOCKS4`, `SOCKS5`, `QUIC`). The first usable entry wins, as in a browser;
 * an empty answer means no proxy.
 */
export function parsePacAnswer(answer: string): PacChoice {
  const skipped: PacChoice['skipped'] = [];
  const entries = answer
    .split(';')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.length === 0) return { route: { via: 'direct' }, skipped };
  for (const entry of entries) {
    const [keyword = '', target, ...rest] = entry.split(/\s+/);
    const kind = keyword.toUpperCase();
    if (kind === 'DIRECT' && target === undefined) return { route: { via: 'direct' }, skipped };
    if ((kind === 'PROXY' || kind === 'HTTPS') && rest.length === 0) {
      const hp = hostPort(target, kind === 'HTTPS' ? 443 : 80);
      if (hp) return { route: { via: 'proxy', url: `${kind === 'HTTPS' ? 'https' : 'http'}://${hp}` }, skipped };
      skipped.push({ entry, reason: 'malformed' });
      continue;
    }
    skipped.push({ entry, reason: /^(SOCKS[45]?|QUIC)$/.test(kind) ? 'unsupported' : 'malformed' });
  }
  return { route: null, skipped };
}

/**
 * The route for the next uploads. `pacAnswer` is the system's answer for the server's
 * address, or null where the shell has no system settings to ask (web host, admin CLI).
 */
export function chooseRoute(configProxy: string, pacAnswer: string | null): { route: UploadRoute; skipped: PacChoice['skipped'] } {
  if (configProxy !== '') return { route: { via: 'proxy', url: configProxy, source: 'config' }, skipped: [] };
  if (pacAnswer === null) return { route: { via: 'direct', source: 'none' }, skipped: [] };
  const pac = parsePacAnswer(pacAnswer);
  if (pac.route === null) {
    const names = pac.skipped.map((s) => s.entry).join('; ');
    return { route: { via: 'unusable', source: 'system', detail: `no usable entry in the system proxy settings (${names})` }, skipped: pac.skipped };
  }
  return { route: pac.route.via === 'direct' ? { via: 'direct', source: 'system' } : { ...pac.route, source: 'system' }, skipped: pac.skipped };
}

/** A proxy address fit for a log or a screen: scheme, host and port, never credentials. */
export function redactProxyUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return '(invalid proxy address)';
  }
}

/** What may be said about a route: its kind and, for a proxy, the redacted address. */
export function describeRoute(route: UploadRoute): { via: 'direct' | 'proxy'; proxy: string | null; source: RouteSource } {
  if (route.via === 'direct') return { via: 'direct', proxy: null, source: route.source };
  if (route.via === 'proxy') return { via: 'proxy', proxy: redactProxyUrl(route.url), source: route.source };
  return { via: 'proxy', proxy: null, source: route.source };
}

/** Two routes that would use the same connections. */
export function sameRoute(a: UploadRoute, b: UploadRoute): boolean {
  if (a.via !== b.via || a.source !== b.source) return false;
  if (a.via === 'proxy' && b.via === 'proxy') return a.url === b.url;
  if (a.via === 'unusable' && b.via === 'unusable') return a.detail === b.detail;
  return true;
}
