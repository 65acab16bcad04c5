// The city staff's dashboard under /dashboard: server-rendered pages over the storage's
// roll-ups, signed in with a reader token. Every answer carries the strict CSP; every read
// is a GET that changes nothing, and both POSTs refuse a cross-site origin.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { reconciliationSchema } from '../../shared/upload-protocol';
import { DEFAULT_SIGN_IN_LIMIT, RateLimitError, signInClientKey } from '../rate-limits';
import { reasonNames } from '../reason-labels';
import type { KioskHealthRow, ReceiverStorage } from '../receiver-storage';
import { tokenDigest, type Principal } from '../tokens';
import { dayTrend, parseSort, reasonSummary, sortUnits, staffSummary, summarizeUnits, totalOf } from './aggregate';
import { DashboardError } from './errors';
import { isDashboardLanguage, translator, type DashboardLanguage } from './i18n';
import { errorPage, kiosksPage, overviewPage, signInPage, unitPage, type KioskView, type PageContext } from './pages';
import { daysOf, parsePeriod } from './period';
import { provinceCsv, provinceFileName, provinceXlsx, type ProvinceReport } from './province-report';
import { LANG_COOKIE, parseCookies, SESSION_COOKIE, SESSION_LIFETIME_MS, sessionKey, sessionKeys, setCookie, signSession, verifySession } from './session';
import { DASHBOARD_CSS } from './style';

export const DASHBOARD_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export interface DashboardOptions {
  /** Mark the session cookie Secure: set when a TLS proxy is in front of the receiver. */
  secureCookie?: boolean;
  /** An officer with fewer ratings in the period shows counts but no rate (default 10). */
  officerMinRatings?: number;
  /** A kiosk without a heartbeat for longer is shown as silent, first (default 30). */
  silentAfterMinutes?: number;
  /** Unit code → name, from the tokens file's `units`. */
  unitNames?: ReadonlyMap<string, string>;
  /**
   * Addresses of the TLS proxies or load balancers in front of the receiver: from them, and
   * only them, the sign-in limit counts the client that X-Forwarded-For names.
   */
  trustedProxies?: readonly string[];
}

export const DEFAULT_OFFICER_MIN_RATINGS = 10;
export const DEFAULT_SILENT_AFTER_MINUTES = 30;

export interface DashboardDeps {
  store: ReceiverStorage;
  tokens: Map<string, Principal>;
  now: () => number;
  utcOffsetMinutes: number;
  /** Sign-ins and refusals (never a token), and failures. */
  logger: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  options: DashboardOptions;
}

export interface Dashboard {
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
}

/**
 * Who is signing in: the connection's address, or, when that is a trusted proxy, the last
 * address in X-Forwarded-For (the one the proxy itself saw; earlier ones are the client's
 * to write). A header that names no address leaves the proxy's own.
 */
export function clientAddress(req: IncomingMessage, trustedProxies: BlockList): string | undefined {
  const remote = req.socket.remoteAddress;
  // Without a link-local address's zone ("%eth0"), which BlockList does not take.
  const address = remote?.split('%')[0] ?? '';
  const family = isIP(address);
  if (!remote || family === 0 || !trustedProxies.check(address, family === 6 ? 'ipv6' : 'ipv4')) return remote;
  const header = req.headers['x-forwarded-for'];
  const last = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').at(-1)?.trim() ?? '';
  return isIP(last) ? last : remote;
}

/** Enough for a token of 500 characters, form-encoded. */
const MAX_FORM_BYTES = 4096;

const FAVICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0b4f8a"/><path d="M4 8.5l2.5 2.5L12 5.5" stroke="#fff" stroke-width="2" fill="none"/></svg>';

const baseHeaders = (): Record<string, string> => ({
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
});

export function createDashboard(deps: DashboardDeps): Dashboard {
  const keys = sessionKeys(deps.tokens);
  const signIns = deps.store.signInLimiter(DEFAULT_SIGN_IN_LIMIT);
  // Exact addresses (an IPv4 proxy also matches its ::ffff: form), not the limit's /64 buckets.
  const trustedProxies = new BlockList();
  for (const a of deps.options.trustedProxies ?? []) trustedProxies.addAddress(a, isIP(a) === 6 ? 'ipv6' : 'ipv4');
  const officerMinRatings = deps.options.officerMinRatings ?? DEFAULT_OFFICER_MIN_RATINGS;
  const silentAfterMs = (deps.options.silentAfterMinutes ?? DEFAULT_SILENT_AFTER_MINUTES) * 60_000;
  // Every unit the registry knows: named in `units`, or the unit of a kiosk's token.
  const unitNames = new Map(deps.options.unitNames ?? []);
  const registeredKiosks: { kioskId: string; unitCode: string }[] = [];
  for (const who of deps.tokens.values()) {
    if (who.kind !== 'kiosk') continue;
    registeredKiosks.push(who);
    if (!unitNames.has(who.unitCode)) unitNames.set(who.unitCode, who.unitCode);
  }

  function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string | string[]> = {}): void {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    res.writeHead(status, { ...baseHeaders(), 'content-type': type, 'content-length': String(bytes.length), ...extra });
    res.end(bytes);
  }

  const sendPage = (res: ServerResponse, status: number, page: string, extra: Record<string, string | string[]> = {}) =>
    send(res, status, page, 'text/html; charset=utf-8', extra);

  function redirect(res: ServerResponse, location: string, cookies: string[] = []): void {
    res.writeHead(303, { ...baseHeaders(), location, 'content-length': '0', ...(cookies.length ? { 'set-cookie': cookies } : {}) });
    res.end();
  }

  /**
   * A cross-site form post (CSRF) is refused. Under Referrer-Policy: no-referrer Chromium sends
   * even a same-origin form's Origin as "null"; then only Sec-Fetch-Site can vouch for it.
   */
  function requireSameOrigin(req: IncomingMessage): void {
    const origin = req.headers.origin;
    const site = req.headers['sec-fetch-site'];
    if (origin !== undefined && origin !== 'null') {
      let host: string | null = null;
      try {
        host = new URL(origin).host;
      } catch {
        host = null;
      }
      if (host === null || host !== req.headers.host) throw new DashboardError(403, 'crossSite');
      return;
    }
    if (origin === 'null' ? site !== 'same-origin' : site !== undefined && site !== 'same-origin' && site !== 'none')
      throw new DashboardError(403, 'crossSite');
  }

  async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') throw new DashboardError(415, 'badForm');
    if (Number(req.headers['content-length'] ?? 0) > MAX_FORM_BYTES) throw new DashboardError(413, 'tooLarge');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_FORM_BYTES) throw new DashboardError(413, 'tooLarge');
      chunks.push(chunk);
    }
    return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  }

  function sessionReader(req: IncomingMessage): string | null {
    const value = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    return value ? verifySession(value, keys, deps.now()) : null;
  }

  async function login(req: IncomingMessage, res: ServerResponse, ctx: PageContext, cookies: string[]): Promise<void> {
    requireSameOrigin(req);
    const token = (await readForm(req)).get('token')?.trim() ?? '';
    // The connection's own address, unless it is a proxy IT named (--trusted-proxy): a
    // forwarded-for header from anyone else is the client's to write. Behind an unnamed load
    // balancer the limit is therefore province-wide (docs/city-server.md §6.1).
    const client = signInClientKey(clientAddress(req, trustedProxies));
    let succeeded: () => Promise<void>;
    try {
      succeeded = await signIns.attempt(client, deps.now());
    } catch (error) {
      if (!(error instanceof RateLimitError)) throw error;
      deps.logger.warn({ client, retryAfterSeconds: error.retryAfterSeconds }, 'dashboard sign-in refused: too many failed sign-ins');
      throw new DashboardError(429, 'tooManySignIns', { minutes: Math.ceil(error.retryAfterSeconds / 60), retryAfterSeconds: error.retryAfterSeconds });
    }
    const digest = token.length > 0 && token.length <= 500 ? tokenDigest(token) : null;
    const who = digest ? deps.tokens.get(digest) : undefined;
    // A kiosk's token is refused like a wrong one: it must not open the city's figures.
    if (!digest || who?.kind !== 'reader') {
      deps.logger.warn({ kind: who?.kind ?? 'unknown', client }, 'dashboard sign-in refused');
      sendPage(res, 401, signInPage(ctx, true), cookies.length ? { 'set-cookie': cookies } : {});
      return;
    }
    // The reader is who they say: a count that could not be taken back must not keep them out.
    await succeeded().catch((error: unknown) =>
      deps.logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'dashboard sign-in not taken back from the failure count'),
    );
    deps.logger.info({ reader: who.name, client }, 'dashboard sign-in');
    const value = signSession(who.name, sessionKey(digest), deps.now() + SESSION_LIFETIME_MS);
    const secure = deps.options.secureCookie === true;
    redirect(res, '/dashboard', [...cookies, setCookie(SESSION_COOKIE, value, { maxAgeSeconds: SESSION_LIFETIME_MS / 1000, secure })]);
  }

  async function logout(req: IncomingMessage, res: ServerResponse, cookies: string[]): Promise<void> {
    requireSameOrigin(req);
    await readForm(req);
    redirect(res, '/dashboard', [...cookies, setCookie(SESSION_COOKIE, '', { maxAgeSeconds: 0, secure: deps.options.secureCookie === true })]);
  }

  async function overview(res: ServerResponse, ctx: PageContext, extra: Record<string, string[]>): Promise<void> {
    const period = parsePeriod(ctx.url.searchParams, deps.now(), deps.utcOffsetMinutes);
    const sort = parseSort(ctx.url.searchParams);
    const [rows, reasonRows, labels] = await Promise.all([
      deps.store.unitDayTally(period.from, period.to),
      deps.store.reasonTally(period.from, period.to, null),
      deps.store.reasonLabels(),
    ]);
    const units = summarizeUnits(rows, unitNames);
    const total = totalOf(units);
    const names = reasonNames(labels);
    const reasons = reasonSummary(reasonRows, names.anyUnit, ctx.lang, total.total);
    sendPage(
      res,
      200,
      overviewPage(ctx, { period, sort, units: sortUnits(units, sort), total, trend: dayTrend(rows, daysOf(period.from, period.to)), reasons }),
      extra,
    );
  }

  async function unit(res: ServerResponse, ctx: PageContext, unitCode: string, extra: Record<string, string[]>): Promise<void> {
    const period = parsePeriod(ctx.url.searchParams, deps.now(), deps.utcOffsetMinutes);
    const [staffRows, reasonRows, labels] = await Promise.all([
      deps.store.staffTally(unitCode, period.from, period.to),
      deps.store.reasonTally(period.from, period.to, unitCode),
      deps.store.reasonLabels(),
    ]);
    const { counters, officers } = staffSummary(staffRows, officerMinRatings);
    // Every unflagged rating has one counter row ('' where none): their sum is the unit's total.
    const total = counters.reduce((sum, c) => sum + c.total, 0);
    const names = reasonNames(labels);
    const reasons = reasonSummary(reasonRows, (key) => names.ofUnit(unitCode, key), ctx.lang, total);
    sendPage(
      res,
      200,
      unitPage(ctx, { period, unitCode, unitName: unitNames.get(unitCode) ?? unitCode, counters, officers, officerMinRatings, reasons }),
      extra,
    );
  }

  async function kiosks(res: ServerResponse, ctx: PageContext, extra: Record<string, string[]>): Promise<void> {
    const now = deps.now();
    const latest = new Map<string, KioskHealthRow>();
    for (const row of await deps.store.kioskHealth()) {
      const seen = latest.get(row.kiosk_id);
      if (!seen || (row.last_heartbeat_ms ?? -1) > (seen.last_heartbeat_ms ?? -1)) latest.set(row.kiosk_id, row);
    }
    const registered = new Map(registeredKiosks.map((k) => [k.kioskId, k.unitCode]));
    const ids = new Set([...registered.keys(), ...latest.keys()]);
    const views: KioskView[] = [...ids].map((kioskId) => {
      const row = latest.get(kioskId);
      const unitCode = registered.get(kioskId) ?? row!.unit_code;
      const beat = readHeartbeat(row?.heartbeat ?? null);
      const lastHeartbeatMs = row?.last_heartbeat_ms ?? null;
      return {
        kioskId,
        unitCode,
        unitName: unitNames.get(unitCode) ?? unitCode,
        silent: lastHeartbeatMs === null || now - lastHeartbeatMs > silentAfterMs,
        appVersion: beat.appVersion,
        queueDepth: beat.queueDepth,
        lastHeartbeatMs,
        lastBatchMs: row?.last_batch_ms ?? null,
        clockSkewMs: row?.clock_skew_ms ?? null,
        mismatches: readReconciliation(row?.reconciliation ?? null),
      };
    });
    sendPage(res, 200, kiosksPage(ctx, sortKiosks(views), silentAfterMs / 60_000, deps.utcOffsetMinutes), extra);
  }

  async function report(res: ServerResponse, ctx: PageContext, kind: 'xlsx' | 'csv'): Promise<void> {
    const q = ctx.url.searchParams;
    const period = parsePeriod(q, deps.now(), deps.utcOffsetMinutes);
    const sep = q.get('sep') ?? 'comma';
    if (sep !== 'comma' && sep !== 'semicolon') throw new DashboardError(400, 'badSeparator');
    const units = sortUnits(summarizeUnits(await deps.store.unitDayTally(period.from, period.to), unitNames), { key: 'unit', dir: 'asc' });
    const data: ProvinceReport = { from: period.from, to: period.to, generatedAt: new Date(deps.now()), utcOffsetMinutes: deps.utcOffsetMinutes, units };
    const name = provinceFileName(data, kind);
    const disposition = { 'content-disposition': `attachment; filename="${name}"` };
    if (kind === 'xlsx') send(res, 200, await provinceXlsx(data), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', disposition);
    else send(res, 200, provinceCsv(data, sep === 'semicolon' ? ';' : ','), 'text/csv; charset=utf-8', disposition);
  }

  async function dispatch(req: IncomingMessage, res: ServerResponse, url: URL, ctx: PageContext, cookies: string[]): Promise<void> {
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const extra: Record<string, string[]> = cookies.length ? { 'set-cookie': cookies } : {};
    if (path === '/dashboard/login' || path === '/dashboard/logout') {
      if (method !== 'POST') throw new DashboardError(405, 'method', { allow: 'POST' });
      return path === '/dashboard/login' ? login(req, res, ctx, cookies) : logout(req, res, cookies);
    }
    if (method !== 'GET' && method !== 'HEAD') throw new DashboardError(405, 'method', { allow: 'GET, HEAD' });
    if (path === '/dashboard/style.css') {
      send(res, 200, DASHBOARD_CSS, 'text/css; charset=utf-8', { 'cache-control': 'no-cache' });
      return;
    }
    if (path === '/dashboard/favicon.svg') {
      send(res, 200, FAVICON, 'image/svg+xml', { 'cache-control': 'no-cache' });
      return;
    }
    if (path === '/dashboard' || path === '/dashboard/') {
      if (!ctx.reader) return sendPage(res, 200, signInPage(ctx, false), extra);
      return overview(res, ctx, extra);
    }
    // Every other page shows figures: without a session, the way in is the sign-in page.
    if (!ctx.reader) return redirect(res, '/dashboard', cookies);
    if (path === '/dashboard/kiosks') return kiosks(res, ctx, extra);
    if (path === '/dashboard/report.xlsx') return report(res, ctx, 'xlsx');
    if (path === '/dashboard/report.csv') return report(res, ctx, 'csv');
    const unitMatch = /^\/dashboard\/unit\/([A-Za-z0-9._-]{1,64})$/.exec(path);
    if (unitMatch) return unit(res, ctx, unitMatch[1]!, extra);
    throw new DashboardError(404, 'notFound');
  }

  return {
    async handle(req, res, url) {
      // ?lang= picks the language and a cookie remembers it; otherwise the cookie, else Vietnamese.
      const cookies: string[] = [];
      const asked = url.searchParams.get('lang');
      let lang: DashboardLanguage = 'vi';
      if (isDashboardLanguage(asked)) {
        lang = asked;
        cookies.push(setCookie(LANG_COOKIE, lang, { maxAgeSeconds: 365 * 86_400, secure: deps.options.secureCookie === true }));
      } else {
        const remembered = parseCookies(req.headers.cookie).get(LANG_COOKIE);
        if (isDashboardLanguage(remembered)) lang = remembered;
      }
      const ctx: PageContext = { lang, t: translator(lang), reader: sessionReader(req), url };
      try {
        await dispatch(req, res, url, ctx, cookies);
      } catch (error) {
        if (res.headersSent) throw error;
        const known = error instanceof DashboardError ? error : null;
        if (!known) deps.logger.error({ error: error instanceof Error ? error.stack : String(error), url: url.pathname }, 'dashboard request failed');
        else if (known.status === 403) deps.logger.warn({ code: known.key, url: url.pathname }, 'dashboard request refused');
        const status = known?.status ?? 500;
        const message = ctx.t(`dashboard.errors.${known?.key ?? 'internal'}`, known?.params);
        const headers: Record<string, string | string[]> = cookies.length ? { 'set-cookie': cookies } : {};
        if (status === 405) headers.allow = String(known!.params.allow);
        if (status === 429) headers['retry-after'] = String(known!.params.retryAfterSeconds);
        // A refused request's body is never read: the connection closes after the answer.
        if (!req.complete) {
          headers.connection = 'close';
          req.resume();
        }
        sendPage(res, status, errorPage(ctx, message), headers);
      }
    },
  };
}

/** The fields shown from a kiosk's own heartbeat, taken only when they have the expected type. */
function readHeartbeat(json: string | null): { appVersion: string | null; queueDepth: number | null } {
  let v: unknown = null;
  try {
    v = json === null ? null : JSON.parse(json);
  } catch {
    v = null;
  }
  const o = typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  return {
    appVersion: typeof o.appVersion === 'string' ? o.appVersion.slice(0, 50) : null,
    queueDepth: typeof o.queueDepth === 'number' && Number.isSafeInteger(o.queueDepth) && o.queueDepth >= 0 ? o.queueDepth : null,
  };
}

function readReconciliation(json: string | null): KioskView['mismatches'] {
  if (json === null) return null;
  try {
    const parsed = reconciliationSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const collator = new Intl.Collator('vi', { numeric: true });

/** Silent kiosks first, the longest silent (never heard from) at the top; then by unit and kiosk. */
export function sortKiosks(views: KioskView[]): KioskView[] {
  return [...views].sort(
    (a, b) =>
      Number(b.silent) - Number(a.silent) ||
      (a.silent ? (a.lastHeartbeatMs ?? -Infinity) - (b.lastHeartbeatMs ?? -Infinity) || 0 : 0) ||
      collator.compare(a.unitName, b.unitName) ||
      collator.compare(a.kioskId, b.kioskId),
  );
}
