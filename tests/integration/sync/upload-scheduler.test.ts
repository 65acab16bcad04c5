// The scheduler's life cycle: a first run soon after start, never two runs at once, and a
// stop that aborts a run in flight without touching the database afterwards.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCityServer, type TestCityServer } from '../../support/city-server';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { kioskUnderTest, testConfig, type KioskUnderTest } from './kiosk-under-test';

let city: TestCityServer;
let proxy: FaultProxy;
let kiosk: KioskUnderTest | null = null;
beforeEach(async () => {
  city = await startCityServer();
  proxy = await startFaultProxy(city.url, () => true);
});
afterEach(async () => {
  await kiosk?.close();
  kiosk = null;
  await proxy.close();
  await city.close();
});

describe('upload scheduler', () => {
  it('runs soon after start and then on its interval', async () => {
    const timers: Array<{ ms: number }> = [];
    kiosk = kioskUnderTest(testConfig(city.url, { intervalSeconds: 300 }), {
      startDelayMs: undefined,
      timers: { setTimeout: (_fn, ms) => timers.push({ ms }), clearTimeout: () => {} },
    });
    kiosk.sync.start();
    expect(timers).toEqual([{ ms: 5000 }]);
    expect(Date.parse(kiosk.sync.status().nextAttemptAt!)).toBeGreaterThan(Date.now() + 4000);
    await kiosk.sync.syncNow();
    expect(timers.at(-1)).toEqual({ ms: 300_000 });
  });

  it('never runs two syncs at once: a second request joins the run in flight', async () => {
    kiosk = kioskUnderTest(testConfig(proxy.url, { timeoutSeconds: 0.4 }));
    kiosk.seed(5);
    proxy.enqueue({ kind: 'hang' });
    const first = kiosk.sync.syncNow();
    const second = kiosk.sync.syncNow();
    expect(kiosk.sync.status().state).toBe('syncing');
    const [a, b] = await Promise.all([first, second]);
    expect(b).toBe(a);
    expect(a).toMatchObject({ stop: { kind: 'failed', code: 'timeout' } });
    expect(proxy.log).toHaveLength(1);
  });

  it('stop() aborts a run in flight; the database can be closed at once', async () => {
    kiosk = kioskUnderTest(testConfig(proxy.url, { timeoutSeconds: 5 }));
    kiosk.seed(5);
    kiosk.sync.start();
    proxy.setStanding({ kind: 'hang' });
    const run = kiosk.sync.syncNow();
    // In flight: its request is being held at the proxy.
    await vi.waitFor(() => expect(proxy.log).toEqual([expect.objectContaining({ fault: 'hang' })]));
    const t0 = Date.now();
    kiosk.sync.stop();
    kiosk.db.close();
    expect(await run).toMatchObject({ stop: { kind: 'aborted' } });
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});
