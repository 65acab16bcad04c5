// The composition root wires uploads: with a server configured the backend syncs on its
// own, reports getSyncStatus, and stamps new ratings with the clock offset it learned.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SubmitRatingOutput, SyncStatus } from '../../../shared/kiosk-api';
import type { Result } from '../../../shared/errors';
import { createKioskBackend, type KioskBackend } from '../../../electron/services/backend';
import { silentLogger } from '../../../electron/services/logger';
import { startCityServer, TEST_KIOSK_TOKEN, type TestCityServer } from '../../support/city-server';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy';
import { tempDir } from '../../support/temp-db';
import { testKioskConfig, writeTestConfig, type TestConfigOverrides } from '../../support/test-config';
import { startWebHost, type WebHost } from '../../support/web-host';

let city: TestCityServer;
let backend: KioskBackend | null = null;
let dir: { dir: string; cleanup: () => void };
beforeEach(async () => {
  city = await startCityServer();
  dir = tempDir('kiosk-backend-sync-');
});
afterEach(async () => {
  backend?.close();
  backend = null;
  await city.close();
  dir.cleanup();
});

function start(server: TestConfigOverrides['server'], resolveSystemProxy?: (url: string) => Promise<string>): KioskBackend {
  const configPath = writeTestConfig(dir.dir, { server });
  return createKioskBackend({ paths: { dataDir: dir.dir, configPath }, appVersion: '0.1.0', logger: silentLogger, resolveSystemProxy });
}

/** Polls until `ok(get())` holds and returns that value; fails after `ms`. */
function until<T>(get: () => T, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  return vi.waitFor(
    () => {
      const v = get();
      if (!ok(v)) throw new Error(`not yet: ${JSON.stringify(v)}`);
      return v;
    },
    { timeout: ms, interval: 20 },
  );
}

describe('backend upload wiring', () => {
  it('uploads on its own schedule and records the learned clock offset with new ratings', async () => {
    backend = start({ url: city.url, token: TEST_KIOSK_TOKEN, intervalSeconds: 0.05, backoff: { baseSeconds: 0.05, maxSeconds: 0.1 } });
    const status = () => backend!.handlers.getSyncStatus({}) as Result<SyncStatus>;
    const first = await until(status, (s) => s.ok && s.value.clockOffsetMs !== null);
    expect(first).toMatchObject({ ok: true, value: { state: expect.stringMatching(/idle|syncing/) } });
    const tap = backend.handlers.submitRating({ level: 5, language: 'vi' }) as Result<SubmitRatingOutput>;
    if (!tap.ok || !tap.value.id) throw new Error('not stored');
    const row = backend.db!.prepare<[string], { clock_offset_ms: number | null }>('SELECT clock_offset_ms FROM ratings WHERE id = ?').get(tap.value.id)!;
    expect(row.clock_offset_ms).not.toBeNull();
    // The thank-you screen may still add a comment, so the rating waits seconds before it is
    // due; this test is about the wiring, not that window.
    backend.db!.prepare('UPDATE ratings SET settle_after_ms = ? WHERE id = ?').run(Date.now(), tap.value.id);
    await until(
      () => city.stored().has(tap.value.id!),
      (v) => v,
    );
    expect(city.stored().has(tap.value.id)).toBe(true);
    expect(await until(status, (s) => s.ok && s.value.pending === 0)).toMatchObject({ ok: true, value: { pending: 0 } });
  });

  it('with no server the status is "disabled" and the queue keeps everything', () => {
    backend = start({});
    void backend.handlers.submitRating({ level: 4, language: 'vi' });
    expect(backend.handlers.getSyncStatus({})).toMatchObject({ ok: true, value: { state: 'disabled', pending: 1, lastSuccessAt: null } });
  });

  describe('through an office proxy', () => {
    let proxy: ConnectProxy;
    let host: WebHost | null = null;
    beforeEach(async () => {
      proxy = await startConnectProxy();
    });
    afterEach(async () => {
      await host?.stop();
      host = null;
      await proxy.close();
    });

    /** A tap through the backend, made due at once (the thank-you screen's window is not this test's). */
    function tap(b: KioskBackend): string {
      const r = b.handlers.submitRating({ level: 5, language: 'vi' }) as Result<SubmitRatingOutput>;
      if (!r.ok || !r.value.id) throw new Error('not stored');
      b.db!.prepare('UPDATE ratings SET settle_after_ms = ? WHERE id = ?').run(Date.now(), r.value.id);
      return r.value.id;
    }

    it('server.proxy: the backend the web host builds uploads on its own schedule through the proxy', async () => {
      backend = start({ url: city.url, token: TEST_KIOSK_TOKEN, proxy: proxy.url, intervalSeconds: 0.05, backoff: { baseSeconds: 0.05, maxSeconds: 0.1 } });
      const id = tap(backend);
      await until(
        () => city.stored().has(id),
        (v) => v,
      );
      expect(proxy.tunnels.flatMap((t) => t.requests())).toContain('POST /v1/ratings/batch');
      expect(proxy.plainRequests).toEqual([]);
    });

    it("Electron's resolveSystemProxy: the backend follows the system's PAC answer", async () => {
      const asked: string[] = [];
      backend = start({ url: city.url, token: TEST_KIOSK_TOKEN, intervalSeconds: 0.05, backoff: { baseSeconds: 0.05, maxSeconds: 0.1 } }, async (url) => {
        asked.push(url);
        return `PROXY ${new URL(proxy.url).host}; DIRECT`;
      });
      const id = tap(backend);
      await until(
        () => city.stored().has(id),
        (v) => v,
      );
      expect(asked[0]).toBe(city.url);
      expect(proxy.tunnels.flatMap((t) => t.requests())).toContain('POST /v1/ratings/batch');
    });

    it('the web host process (npm run start:web) honours server.proxy with credentials, and its log never shows them', async () => {
      proxy.requireAuth({ user: 'centre', password: 'W3b-H0st-Pw' });
      host = await startWebHost({
        config: testKioskConfig({
          timeouts: { thankYouSeconds: 0.1, followUpSeconds: 0.2 },
          server: { url: city.url, token: TEST_KIOSK_TOKEN, proxy: proxy.urlWith('centre', 'W3b-H0st-Pw'), intervalSeconds: 0.1 },
        }),
        env: { KIOSK_LOG_LEVEL: 'info' },
      });
      const r = await host.call<SubmitRatingOutput>('submitRating', { level: 4, language: 'vi' });
      if (!r.ok || !r.value.id) throw new Error(`not stored: ${JSON.stringify(r)}`);
      const id = r.value.id;
      await until(
        () => city.stored().has(id),
        (v) => v,
        20_000,
      );
      expect(proxy.tunnels.some((t) => t.status === 200 && t.requests().includes('POST /v1/ratings/batch'))).toBe(true);
      expect(proxy.plainRequests).toEqual([]);
      expect(host.stderr()).toMatch(/upload route/);
      expect(host.stderr()).not.toContain('W3b-H0st-Pw');
    });
  });
});
