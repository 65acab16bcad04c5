// The composition root wires uploads: with a server configured the backend syncs on its
// own, reports getSyncStatus, and stamps new ratings with the clock offset it learned.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SubmitRatingOutput, SyncStatus } from '../../../shared/kiosk-api';
import type { Result } from '../../../shared/errors';
import { createKioskBackend, type KioskBackend } from '../../../electron/services/backend';
import { silentLogger } from '../../../electron/services/logger';
import { startCityServer, TEST_KIOSK_TOKEN, type TestCityServer } from '../../support/city-server';
import { tempDir } from '../../support/temp-db';
import { writeTestConfig, type TestConfigOverrides } from '../../support/test-config';

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

function start(server: TestConfigOverrides['server']): KioskBackend {
  const configPath = writeTestConfig(dir.dir, { server });
  return createKioskBackend({ paths: { dataDir: dir.dir, configPath }, appVersion: '0.1.0', logger: silentLogger });
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
});
