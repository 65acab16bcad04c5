// The uploader through a misbehaving network. Each fault must leave the queue intact and
// correctly classified; after the faults stop, every rating is on the receiver exactly
// once with the kiosk's content and nothing is pending.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCityServer, type TestCityServer } from '../../support/city-server';
import { startFaultProxy, type Fault, type FaultProxy } from '../../support/fault-proxy';
import { mulberry32 } from '../../support/rating-fixtures';
import { kioskUnderTest, testConfig, type KioskUnderTest } from './kiosk-under-test';

let city: TestCityServer;
let proxy: FaultProxy;
let kiosk: KioskUnderTest;
let delays: number[];

beforeEach(async () => {
  city = await startCityServer();
  proxy = await startFaultProxy(city.url);
  delays = [];
  // Manual timers: the test decides when the next run happens and reads the chosen delay.
  kiosk = kioskUnderTest(testConfig(proxy.url, { batchSize: 20, timeoutSeconds: 0.3, intervalSeconds: 60, backoff: { baseSeconds: 1, maxSeconds: 64 } }), {
    timers: { setTimeout: (_fn, ms) => delays.push(ms), clearTimeout: () => {} },
    random: () => 1,
  });
  kiosk.sync.start();
});
afterEach(async () => {
  await kiosk.close();
  await proxy.close();
  await city.close();
});

const states = () => kiosk.rows().map((r) => r.upload_state);
function expectAllDeliveredExactlyOnce(): void {
  expect(city.stored()).toEqual(kiosk.expectedContent());
  expect(kiosk.sync.status()).toMatchObject({ pending: 0, rejected: 0 });
}

describe('uploader faults, one at a time', () => {
  it('500: nothing delivered, exponential backoff, then delivered when the server recovers', async () => {
    kiosk.seed(30);
    proxy.setStanding({ kind: 'status', status: 500 });
    for (let i = 0; i < 4; i++) expect((await kiosk.sync.syncNow())!.stop).toMatchObject({ kind: 'failed', code: 'server_error' });
    expect(delays.slice(1)).toEqual([1000, 2000, 4000, 8000]);
    expect(kiosk.sync.status()).toMatchObject({ state: 'backoff', pending: 30, lastError: { code: 'server_error' } });
    proxy.setStanding(null);
    expect((await kiosk.sync.syncNow())!.stop).toEqual({ kind: 'done' });
    expect(delays.at(-1)).toBe(60_000);
    expect(kiosk.sync.status().state).toBe('idle');
    expectAllDeliveredExactlyOnce();
  });

  it('401: authentication failed state, retried at the longest interval, clears when accepted', async () => {
    kiosk.seed(5);
    proxy.enqueue({ kind: 'status', status: 401 });
    expect((await kiosk.sync.syncNow())!.stop).toMatchObject({ kind: 'auth_failed' });
    expect(kiosk.sync.status().state).toBe('auth_failed');
    expect(delays.at(-1)).toBe(64_000);
    await kiosk.sync.syncNow();
    expect(kiosk.sync.status().state).toBe('idle');
    expectAllDeliveredExactlyOnce();
  });

  it('413: halves the batch size until the server takes it, in the same run', async () => {
    kiosk.seed(45);
    proxy.enqueue({ kind: 'status', status: 413 }, { kind: 'status', status: 413 });
    const r = await kiosk.sync.syncNow();
    expect(r).toMatchObject({ stop: { kind: 'done' }, delivered: 45 });
    const batches = proxy.log.filter((e) => e.path.startsWith('/v1/ratings/batch'));
    expect(batches.filter((e) => e.status === 413)).toHaveLength(2);
    expect(batches.slice(2).every((e) => e.status === 200)).toBe(true);
    // Both refused batches of 20 were sent again in batches of 10 or fewer.
    expect(batches.length).toBeGreaterThanOrEqual(2 + 45 / 10);
    expectAllDeliveredExactlyOnce();
  });

  it('429 and 503 honour Retry-After', async () => {
    kiosk.seed(5);
    proxy.enqueue({ kind: 'status', status: 429, headers: { 'retry-after': '7' } }, { kind: 'status', status: 503, headers: { 'retry-after': '3' } });
    expect((await kiosk.sync.syncNow())!.stop).toMatchObject({ kind: 'throttled', retryAfterMs: 7000 });
    expect(delays.at(-1)).toBe(7000);
    expect((await kiosk.sync.syncNow())!.stop).toMatchObject({ kind: 'throttled', retryAfterMs: 3000 });
    expect(delays.at(-1)).toBe(3000);
    expect(kiosk.sync.status().lastError?.code).toBe('throttled');
    await kiosk.sync.syncNow();
    expectAllDeliveredExactlyOnce();
  });

  it('a 200 with an HTML body (captive portal) delivers nothing', async () => {
    kiosk.seed(5);
    proxy.enqueue({ kind: 'html200' });
    expect((await kiosk.sync.syncNow())!.stop).toMatchObject({ kind: 'failed', code: 'bad_response' });
    expect(states()).toEqual(Array(5).fill('pending'));
    await kiosk.sync.syncNow();
    expectAllDeliveredExactlyOnce();
  });

  it('a partial ack delivers only the listed ids; the rest go in a later batch', async () => {
    kiosk.seed(20);
    proxy.enqueue({ kind: 'partial', keep: 7 });
    const r = await kiosk.sync.syncNow();
    expect(r).toMatchObject({ stop: { kind: 'done' }, delivered: 20 });
    // the 13 unacknowledged went again: as duplicates, since the receiver already had them
    expect(proxy.log.filter((e) => e.path.startsWith('/v1/ratings/batch')).length).toBe(2);
    expectAllDeliveredExactlyOnce();
  });

  it('a server that keeps acknowledging only part of each batch is followed pass by pass; one that acknowledges nothing stops the run', async () => {
    kiosk.seed(20);
    proxy.setStanding({ kind: 'partial', keep: 3 });
    expect(await kiosk.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 20 });
    expectAllDeliveredExactlyOnce();
    kiosk.seed(4, 11);
    proxy.setStanding({ kind: 'partial', keep: 0 });
    expect((await kiosk.sync.syncNow())!.stop).toMatchObject({ kind: 'failed', code: 'no_progress' });
    expect(kiosk.sync.status()).toMatchObject({ state: 'backoff', pending: 4 });
  });

  it('a reset connection and a response that never comes are retried later', async () => {
    kiosk.seed(5);
    proxy.enqueue({ kind: 'reset' });
    expect((await kiosk.sync.syncNow())!.stop).toMatchObject({ kind: 'failed', code: 'network' });
    proxy.enqueue({ kind: 'hang' });
    const t0 = Date.now();
    expect((await kiosk.sync.syncNow())!.stop).toMatchObject({ kind: 'failed', code: 'timeout' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
    expect(states()).toEqual(Array(5).fill('pending'));
    await kiosk.sync.syncNow();
    expectAllDeliveredExactlyOnce();
  });

  it('stored, then the connection dropped before the answer: the re-send is a duplicate, never a second copy', async () => {
    kiosk.seed(10);
    proxy.enqueue({ kind: 'store-then-drop' });
    expect((await kiosk.sync.syncNow())!.stop).toMatchObject({ kind: 'failed', code: 'network' });
    expect(city.count()).toBe(10);
    expect(states()).toEqual(Array(10).fill('pending'));
    expect(await kiosk.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 10 });
    expectAllDeliveredExactlyOnce();
  });
});

describe('uploader under a storm of faults', () => {
  it('delivers everything exactly once after a random mix of faults, with the scheduler running on real timers', async () => {
    await kiosk.close();
    kiosk = kioskUnderTest(
      testConfig(proxy.url, { batchSize: 16, timeoutSeconds: 0.2, intervalSeconds: 0.02, backoff: { baseSeconds: 0.005, maxSeconds: 0.03 } }),
    );
    const rand = mulberry32(Number(process.env.FAULT_SEED ?? 42));
    const menu: Fault[] = [
      { kind: 'status', status: 500 },
      { kind: 'status', status: 502, body: '<html>Bad gateway</html>' },
      { kind: 'status', status: 401 },
      { kind: 'status', status: 413 },
      { kind: 'status', status: 429, headers: { 'retry-after': '0' } },
      { kind: 'status', status: 503 },
      { kind: 'html200' },
      { kind: 'partial', keep: 3 },
      { kind: 'reset' },
      { kind: 'hang' },
      { kind: 'store-then-drop' },
      { kind: 'store-then-drop' },
    ];
    const faults = Number(process.env.SOAK ? 400 : 40);
    for (let i = 0; i < faults; i++) proxy.enqueue(menu[Math.floor(rand() * menu.length)]!);
    kiosk.seed(60);
    // A rating arrives while the faults are going on.
    kiosk.sync.start();
    let added = false;
    await vi.waitFor(
      () => {
        if (!added && proxy.pendingFaults() < faults / 2) {
          kiosk.seed(25, 99);
          added = true;
        }
        expect({ faultsLeft: proxy.pendingFaults(), pending: kiosk.sync.status().pending }).toEqual({ faultsLeft: 0, pending: 0 });
      },
      { timeout: 20_000, interval: 20 },
    );
    expect(proxy.pendingFaults()).toBe(0);
    expect(added).toBe(true);
    expect(kiosk.rows()).toHaveLength(85);
    expectAllDeliveredExactlyOnce();
  });
});
