// Uploads through a real HTTP CONNECT proxy on 127.0.0.1 (tests/support/connect-proxy.ts):
// `server.proxy` from the configuration, the system's PAC answer (as Electron gives it),
// proxy authentication, a proxy that is down, refuses or hangs, and TLS failures, each
// reported as its own kind with the back-off of a network failure, and nothing lost.
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { KioskConfig } from '../../../shared/config-schema';
import type { Logger } from '../../../electron/services/logger';
import type { SyncService, SyncServiceDeps } from '../../../electron/services/sync/sync-service';
import { createWorkerSyncService, type WorkerSyncServiceDeps } from '../../../electron/services/sync/worker-sync-service';
import { startCityServer, type TestCityServer } from '../../support/city-server';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy';
import { kioskUnderTest, testConfig, type KioskUnderTest } from './kiosk-under-test';

const PROXY_USER = 'kiosk-01';
const PROXY_PASSWORD = 'Pr0xy-S3cret!';

let city: TestCityServer;
let proxy: ConnectProxy;
let kiosk: KioskUnderTest | null = null;
let logs: string[];
let delays: number[];

const recordingLogger: Logger = {
  info: (obj, msg) => void logs.push(JSON.stringify({ level: 'info', obj, msg })),
  warn: (obj, msg) => void logs.push(JSON.stringify({ level: 'warn', obj, msg })),
  error: (obj, msg) => void logs.push(JSON.stringify({ level: 'error', obj, msg })),
};

beforeEach(async () => {
  city = await startCityServer();
  proxy = await startConnectProxy();
  logs = [];
  delays = [];
});
afterEach(async () => {
  await kiosk?.close();
  kiosk = null;
  await proxy.close();
  await city.close();
});

/** The receiver's `host:port`, as a CONNECT asks for it. */
const authority = (url: string) => new URL(url).host;

/** A kiosk with manual timers (the test reads the delay chosen after each run) and `random` at 1. */
function start(config: KioskConfig, extra: Partial<SyncServiceDeps> = {}): KioskUnderTest {
  kiosk = kioskUnderTest(config, {
    logger: recordingLogger,
    random: () => 1,
    timers: { setTimeout: (_fn, ms) => delays.push(ms), clearTimeout: () => {} },
    ...extra,
  });
  kiosk.sync.start();
  return kiosk;
}

const BACKOFF = { baseSeconds: 0.5, maxSeconds: 9 };

function addContacts(k: KioskUnderTest, n: number): string[] {
  const insert = k.db.prepare(`INSERT INTO contacts (id, phone, created_at_ms, utc_offset_min, unit_code, kiosk_id, consent_version)
    VALUES (?, ?, ?, 420, 'TEST-UNIT', 'kiosk-01', 'v1')`);
  const t = Date.now() - 60_000;
  return Array.from({ length: n }, (_, i) => {
    const id = uuidv7({ msecs: t + i });
    insert.run(id, `09123456${String(i).padStart(2, '0')}`, t + i);
    return id;
  });
}

describe('server.proxy from the configuration', () => {
  it('carries the heartbeat, every batch and the survey contacts through one CONNECT tunnel; every rating stored exactly once', async () => {
    const k = start(testConfig(city.url, { proxy: proxy.url, batchSize: 40 }, { contact: { enabled: true, upload: true } }));
    k.seed(130);
    const contacts = addContacts(k, 3);
    const result = await k.sync.syncNow();
    expect(result).toMatchObject({ stop: { kind: 'done' }, delivered: 130, contacts: { delivered: 3 } });
    expect(city.stored()).toEqual(k.expectedContent());
    expect(
      city.db
        .prepare<[], { id: string }>('SELECT id FROM contacts ORDER BY id')
        .all()
        .map((r) => r.id),
    ).toEqual(contacts);
    // An http:// server is tunnelled too (undici would otherwise send absolute-form requests).
    expect(proxy.plainRequests).toEqual([]);
    expect(proxy.tunnels.every((t) => t.target === authority(city.url) && t.status === 200)).toBe(true);
    const through = proxy.tunnels.flatMap((t) => t.requests());
    expect(through.filter((r) => r === 'POST /v1/kiosks/heartbeat')).toHaveLength(1);
    expect(through.filter((r) => r === 'POST /v1/ratings/batch')).toHaveLength(4);
    expect(through.filter((r) => r === 'POST /v1/contacts')).toHaveLength(1);
    expect(k.sync.status()).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    // A second run sends nothing again: exactly once.
    expect(await k.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 0 });
    expect(city.count()).toBe(130);
    expect(logs).toContainEqual(expect.stringMatching(/"via":"proxy","proxy":"http:\/\/127\.0\.0\.1:\d+","source":"config".*upload route/));
  });

  it('sends the credentials of server.proxy as Proxy-Authorization, and never shows them', async () => {
    proxy.requireAuth({ user: PROXY_USER, password: PROXY_PASSWORD });
    const k = start(testConfig(city.url, { proxy: proxy.urlWith(PROXY_USER, PROXY_PASSWORD) }));
    k.seed(20);
    expect(await k.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 20 });
    expect(proxy.tunnels[0]!.proxyAuthorization).toBe(`Basic ${Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64')}`);
    expect(city.count()).toBe(20);
    const shown = JSON.stringify([logs, k.sync.status(), await k.sync.testConnection()]);
    expect(shown).not.toContain(PROXY_PASSWORD);
    expect(shown).not.toContain(encodeURIComponent(PROXY_PASSWORD));
  });

  it('wrong proxy credentials: the proxy_auth kind, back-off as for a network failure, nothing lost; delivered once IT fixes server.proxy', async () => {
    proxy.requireAuth({ user: PROXY_USER, password: PROXY_PASSWORD });
    const wrong = testConfig(city.url, { proxy: proxy.urlWith(PROXY_USER, 'not-the-password'), backoff: BACKOFF });
    const k = start(wrong);
    k.seed(25);
    const first = await k.sync.syncNow();
    expect(first!.stop).toMatchObject({ kind: 'failed', code: 'proxy_auth', detail: expect.stringContaining('407') });
    expect(await k.sync.syncNow()).toMatchObject({ stop: { code: 'proxy_auth' } });
    // start's 0, then the back-off a network failure gets: 0.5 s, then 1 s (not auth_failed's longest wait).
    expect(delays).toEqual([0, 500, 1000]);
    expect(k.sync.status()).toMatchObject({ state: 'backoff', pending: 25, lastError: { code: 'proxy_auth' } });
    expect(proxy.tunnels.map((t) => t.status)).toEqual([407, 407]);
    expect(city.count()).toBe(0);
    expect(JSON.stringify([logs, k.sync.status()])).not.toContain('not-the-password');
    const rows = k.rows();
    expect(rows.every((r) => r.upload_state === 'pending')).toBe(true);

    // IT corrects the configuration; the kiosk starts again on the same database.
    k.sync.stop();
    await k.sync.idle();
    const { createSyncService } = await import('../../../electron/services/sync/sync-service');
    const fixed = createSyncService({
      db: k.db,
      config: testConfig(city.url, { proxy: proxy.urlWith(PROXY_USER, PROXY_PASSWORD) }),
      appVersion: '0.1.0-test',
      logger: recordingLogger,
    });
    try {
      expect(await fixed.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 25 });
      expect(city.stored()).toEqual(k.expectedContent());
      expect(fixed.status()).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    } finally {
      fixed.stop();
      await fixed.idle();
    }
  });

  it('a proxy that is down: proxy_unreachable, the queue kept, the same back-off as a network failure; delivered when it is back', async () => {
    const down = await startConnectProxy();
    const address = down.url;
    await down.close();
    const k = start(testConfig(city.url, { proxy: address, backoff: BACKOFF }));
    k.seed(12);
    const run = await k.sync.syncNow();
    expect(run!.stop).toMatchObject({ kind: 'failed', code: 'proxy_unreachable', detail: expect.stringContaining(`cannot connect to proxy ${address}`) });
    expect(run!.stop).toMatchObject({ detail: expect.stringContaining('ECONNREFUSED') });
    expect(k.sync.status()).toMatchObject({ state: 'backoff', pending: 12, lastError: { code: 'proxy_unreachable' } });
    expect(city.count()).toBe(0);

    // The same kiosk straight to a server that is down, for comparison: the same delays.
    const network = kioskUnderTest(testConfig(address, { backoff: BACKOFF }), {
      logger: recordingLogger,
      random: () => 1,
      timers: { setTimeout: () => {}, clearTimeout: () => {} },
    });
    try {
      network.seed(1);
      expect((await network.sync.syncNow())!.stop).toMatchObject({ code: 'network' });
    } finally {
      await network.close();
    }
    await k.sync.syncNow();
    expect(delays).toEqual([0, 500, 1000]);

    const back = await startConnectProxy(Number(new URL(address).port));
    try {
      expect(await k.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 12 });
      expect(back.tunnels.length).toBeGreaterThan(0);
      expect(city.stored()).toEqual(k.expectedContent());
    } finally {
      await back.close();
    }
  });

  it.each([502, 503])('a proxy answering %i to CONNECT: proxy_refused with that status, the queue kept', async (status) => {
    proxy.refuseWith(status);
    const k = start(testConfig(city.url, { proxy: proxy.url, backoff: BACKOFF }));
    k.seed(8);
    const run = await k.sync.syncNow();
    expect(run!.stop).toMatchObject({ kind: 'failed', code: 'proxy_refused', detail: expect.stringContaining(`answered ${status} to CONNECT`) });
    expect(delays).toEqual([0, 500]);
    expect(k.sync.status()).toMatchObject({ state: 'backoff', pending: 8, lastError: { code: 'proxy_refused' } });
    proxy.refuseWith(null);
    expect(await k.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 8 });
  });

  it('a proxy that takes CONNECT and never answers: proxy_timeout after the upload timeout', async () => {
    proxy.hold(true);
    const k = start(testConfig(city.url, { proxy: proxy.url, timeoutSeconds: 0.3, backoff: BACKOFF }));
    k.seed(5);
    const run = await k.sync.syncNow();
    expect(run!.stop).toMatchObject({ kind: 'failed', code: 'proxy_timeout', detail: `no answer within 300 ms through proxy ${proxy.url}` });
    expect(delays).toEqual([0, 500]);
    expect(k.sync.status()).toMatchObject({ pending: 5, lastError: { code: 'proxy_timeout' } });
  });

  it('stopping the uploader while the proxy holds the request aborts at once and keeps the queue', async () => {
    proxy.hold(true);
    const k = start(testConfig(city.url, { proxy: proxy.url, timeoutSeconds: 60 }));
    k.seed(5);
    const run = k.sync.syncNow();
    await vi.waitFor(() => expect(proxy.tunnels).toHaveLength(1), { timeout: 5000, interval: 10 });
    k.sync.stop();
    expect(await run).toMatchObject({ stop: { kind: 'aborted' }, delivered: 0 });
    expect(k.sync.status()).toMatchObject({ pending: 5 });
  });

  it('a TLS failure is the tls kind, through the proxy and direct alike', async () => {
    // https:// to the receiver's plain-HTTP port: the handshake fails as with a broken certificate chain.
    const httpsUrl = city.url.replace(/^http:/, 'https:');
    const k = start(testConfig(httpsUrl, { proxy: proxy.url, backoff: BACKOFF }));
    k.seed(3);
    const viaProxy = await k.sync.syncNow();
    expect(viaProxy!.stop).toMatchObject({ kind: 'failed', code: 'tls', detail: expect.stringContaining(`through proxy ${proxy.url}`) });
    expect(proxy.tunnels.map((t) => t.status)).toEqual([200]);
    expect(delays).toEqual([0, 500]);
    const direct = kioskUnderTest(testConfig(httpsUrl), { logger: recordingLogger });
    try {
      direct.seed(1);
      expect((await direct.sync.syncNow())!.stop).toMatchObject({ kind: 'failed', code: 'tls' });
    } finally {
      await direct.close();
    }
    expect(city.count()).toBe(0);
  });
});

describe("the system's proxy settings (Electron's PAC answer)", () => {
  it('asks before each run for the server address, skips SOCKS (logged), uses the first PROXY entry, and follows a change', async () => {
    const asked: string[] = [];
    let answer = `SOCKS5 127.0.0.1:1080; PROXY ${authority(proxy.url)}; DIRECT`;
    const k = start(testConfig(city.url), {
      resolveSystemProxy: async (url) => {
        asked.push(url);
        return answer;
      },
    });
    k.seed(10);
    expect(await k.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 10 });
    expect(asked).toEqual([city.url]);
    expect(proxy.tunnels.length).toBeGreaterThan(0);
    expect(logs).toContainEqual(expect.stringMatching(/"entry":"SOCKS5 127\.0\.0\.1:1080","reason":"unsupported".*passed over/));
    expect(logs).toContainEqual(expect.stringMatching(/"via":"proxy".*"source":"system".*upload route/));

    // The office turns the proxy off: the next run goes direct.
    answer = 'DIRECT';
    const tunnels = proxy.tunnels.length;
    k.seed(4, 99);
    expect(await k.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 4 });
    expect(asked).toHaveLength(2);
    expect(proxy.tunnels).toHaveLength(tunnels);
    expect(city.count()).toBe(14);
  });

  it('server.proxy wins: the system is not even asked', async () => {
    const asked: string[] = [];
    const k = start(testConfig(city.url, { proxy: proxy.url }), { resolveSystemProxy: async (url) => (asked.push(url), 'DIRECT') });
    k.seed(2);
    expect(await k.sync.syncNow()).toMatchObject({ delivered: 2 });
    expect(asked).toEqual([]);
    expect(proxy.tunnels.length).toBeGreaterThan(0);
  });

  it('settings naming only SOCKS proxies: proxy_unsupported, nothing sent, the queue kept', async () => {
    const k = start(testConfig(city.url, { backoff: BACKOFF }), { resolveSystemProxy: async () => 'SOCKS5 127.0.0.1:1080' });
    k.seed(4);
    const run = await k.sync.syncNow();
    expect(run).toMatchObject({ stop: { kind: 'failed', code: 'proxy_unsupported' }, requests: 0 });
    expect(delays).toEqual([0, 500]);
    expect(k.sync.status()).toMatchObject({ state: 'backoff', pending: 4, lastError: { code: 'proxy_unsupported' } });
    expect(logs).toContainEqual(expect.stringMatching(/no usable proxy in the system settings/));
    expect(await k.sync.testConnection()).toMatchObject({ ok: false, kind: 'proxy_unsupported', via: 'proxy', routeSource: 'system' });
  });

  it('a resolver that fails or hangs: the last known answer is used, and it is logged', async () => {
    let calls = 0;
    const k = start(testConfig(city.url, { timeoutSeconds: 0.3 }), {
      resolveSystemProxy: (): Promise<string> => {
        calls++;
        if (calls === 1) return Promise.resolve(`PROXY ${authority(proxy.url)}`);
        if (calls === 2) return Promise.reject(new Error('PAC script failed'));
        return new Promise(() => {});
      },
    });
    const heartbeats = () => proxy.tunnels.flatMap((t) => t.requests()).filter((r) => r === 'POST /v1/kiosks/heartbeat').length;
    k.seed(3);
    expect(await k.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 3 });
    k.seed(2, 11);
    expect(await k.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 2 });
    k.seed(2, 12);
    expect(await k.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 2 });
    expect(calls).toBe(3);
    // Every run went through the proxy of the first answer.
    expect(heartbeats()).toBe(3);
    expect(logs.filter((l) => /could not read the system proxy settings/.test(l))).toHaveLength(2);
    expect(city.count()).toBe(7);
  });
});

describe('testConnection', () => {
  it('direct: one heartbeat, ok with the status, time and clock offset; no rating or sync state touched', async () => {
    const k = start(testConfig(city.url));
    k.seed(6);
    const before = k.rows();
    const statusBefore = k.sync.status();
    const test = await k.sync.testConnection();
    expect(test).toEqual({
      ok: true,
      kind: 'ok',
      httpStatus: 200,
      ms: expect.any(Number),
      via: 'direct',
      routeSource: 'none',
      clockOffsetMs: expect.any(Number),
    });
    expect(Math.abs(test.clockOffsetMs!)).toBeLessThan(1000);
    expect(k.rows()).toEqual(before);
    expect(k.sync.status()).toEqual(statusBefore);
    expect(city.count()).toBe(0);
  });

  it('through the proxy uploads use, with the proxy shown without its credentials', async () => {
    proxy.requireAuth({ user: PROXY_USER, password: PROXY_PASSWORD });
    const k = start(testConfig(city.url, { proxy: proxy.urlWith(PROXY_USER, PROXY_PASSWORD) }));
    k.seed(2);
    const test = await k.sync.testConnection();
    expect(test).toMatchObject({ ok: true, kind: 'ok', httpStatus: 200, via: 'proxy', proxy: proxy.url, routeSource: 'config' });
    expect(proxy.tunnels.flatMap((t) => t.requests())).toEqual(['POST /v1/kiosks/heartbeat']);
    expect(k.rows().every((r) => r.upload_state === 'pending')).toBe(true);
    expect(city.count()).toBe(0);
  });

  it("reports failures with the uploads' classification: wrong proxy credentials, a refusing proxy, a wrong token, uploads off", async () => {
    proxy.requireAuth({ user: PROXY_USER, password: PROXY_PASSWORD });
    const k = start(testConfig(city.url, { proxy: proxy.urlWith(PROXY_USER, 'wrong') }));
    expect(await k.sync.testConnection()).toMatchObject({ ok: false, kind: 'proxy_auth', httpStatus: 407, via: 'proxy', proxy: proxy.url });
    await k.close();
    kiosk = null;

    proxy.requireAuth(null);
    proxy.refuseWith(503);
    const refused = start(testConfig(city.url, { proxy: proxy.url }));
    expect(await refused.sync.testConnection()).toMatchObject({ ok: false, kind: 'proxy_refused', httpStatus: 503 });
    await refused.close();
    kiosk = null;

    proxy.refuseWith(null);
    const token = start(testConfig(city.url, { token: 'not-the-token', proxy: proxy.url }));
    expect(await token.sync.testConnection()).toMatchObject({ ok: false, kind: 'auth_failed', httpStatus: 401, via: 'proxy' });
    expect(token.sync.status()).toMatchObject({ state: 'idle', lastError: null });
    await token.close();
    kiosk = null;

    const off = start(testConfig(''));
    expect(await off.sync.testConnection()).toMatchObject({ ok: false, kind: 'disabled' });
  });
});

describe('the upload worker (the kiosk hosts), same route and classification', () => {
  let sync: SyncService | null = null;
  afterEach(async () => {
    sync?.stop();
    await sync?.idle();
    sync = null;
  });

  function workerFor(k: KioskUnderTest, extra: Partial<WorkerSyncServiceDeps> = {}): SyncService {
    sync = createWorkerSyncService({
      db: k.db,
      dbFile: path.join(k.dir, 'ratings.db'),
      config: k.config,
      appVersion: '0.1.0-test',
      logger: recordingLogger,
      startDelayMs: 0,
      ...extra,
    });
    return sync;
  }

  it('server.proxy with credentials: uploads and the connection test go through the proxy; the password is never logged', async () => {
    proxy.requireAuth({ user: PROXY_USER, password: PROXY_PASSWORD });
    kiosk = kioskUnderTest(testConfig(city.url, { proxy: proxy.urlWith(PROXY_USER, PROXY_PASSWORD), batchSize: 30 }));
    kiosk.seed(100);
    const s = workerFor(kiosk);
    expect(await s.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 100 });
    expect(city.stored()).toEqual(kiosk.expectedContent());
    expect(proxy.tunnels.flatMap((t) => t.requests()).filter((r) => r === 'POST /v1/ratings/batch')).toHaveLength(4);
    expect(proxy.plainRequests).toEqual([]);
    expect(await s.testConnection()).toMatchObject({ ok: true, kind: 'ok', httpStatus: 200, via: 'proxy', proxy: proxy.url, routeSource: 'config' });
    expect(s.status()).toMatchObject({ state: 'idle', pending: 0 });
    expect(logs).toContainEqual(expect.stringMatching(/"thread":"upload-worker".*upload route/));
    expect(JSON.stringify(logs)).not.toContain(PROXY_PASSWORD);
  });

  it('wrong proxy credentials: proxy_auth in the status the main thread shows, nothing lost', async () => {
    proxy.requireAuth({ user: PROXY_USER, password: PROXY_PASSWORD });
    kiosk = kioskUnderTest(testConfig(city.url, { proxy: proxy.urlWith(PROXY_USER, 'wrong-password') }));
    kiosk.seed(10);
    const s = workerFor(kiosk);
    expect((await s.syncNow())!.stop).toMatchObject({ kind: 'failed', code: 'proxy_auth' });
    expect(s.status()).toMatchObject({ state: 'backoff', pending: 10, lastError: { code: 'proxy_auth' } });
    expect(await s.testConnection()).toMatchObject({ ok: false, kind: 'proxy_auth', httpStatus: 407 });
    expect(city.count()).toBe(0);
    expect(JSON.stringify([logs, s.status()])).not.toContain('wrong-password');
  });

  it("the system's proxy: the worker asks the main thread before each run, and follows its answer", async () => {
    kiosk = kioskUnderTest(testConfig(city.url));
    kiosk.seed(40);
    const asked: string[] = [];
    const s = workerFor(kiosk, {
      resolveSystemProxy: async (url) => {
        asked.push(url);
        return `SOCKS5 127.0.0.1:1080; PROXY ${authority(proxy.url)}; DIRECT`;
      },
    });
    expect(await s.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 40 });
    expect(asked).toEqual([city.url]);
    expect(proxy.tunnels.flatMap((t) => t.requests())).toContain('POST /v1/ratings/batch');
    expect(await s.testConnection()).toMatchObject({ ok: true, via: 'proxy', proxy: proxy.url, routeSource: 'system' });
    expect(asked).toHaveLength(2);
    expect(logs).toContainEqual(expect.stringMatching(/SOCKS5 127\.0\.0\.1:1080.*passed over/));
  });

  it('on its own schedule as well: a scheduled run asks the system too', async () => {
    kiosk = kioskUnderTest(testConfig(city.url, { intervalSeconds: 3600 }));
    kiosk.seed(5);
    const asked: string[] = [];
    const s = workerFor(kiosk, { resolveSystemProxy: async (url) => (asked.push(url), `PROXY ${authority(proxy.url)}`) });
    s.start();
    await vi.waitFor(() => expect(city.count()).toBe(5), { timeout: 10_000, interval: 20 });
    expect(asked.length).toBeGreaterThanOrEqual(1);
    expect(proxy.tunnels.length).toBeGreaterThan(0);
  });

  it('testConnection with uploads off answers disabled without starting a worker', async () => {
    kiosk = kioskUnderTest(testConfig(''));
    const started: unknown[] = [];
    const s = workerFor(kiosk, { onWorker: (w) => started.push(w) });
    expect(await s.testConnection()).toMatchObject({ ok: false, kind: 'disabled' });
    expect(started).toEqual([]);
  });
});
