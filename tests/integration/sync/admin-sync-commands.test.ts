// `npm run admin -- sync` and `status` as IT runs them: separate processes on the kiosk's
// data directory.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/services/db/database';
import { startCityServer, TEST_KIOSK_ID, TEST_KIOSK_TOKEN, type TestCityServer } from '../../support/city-server';
import { startConnectProxy } from '../../support/connect-proxy';
import { generateRatings, insertRatings } from '../../support/rating-fixtures';
import { runAdmin } from '../../support/admin-cli';
import { tempDir } from '../../support/temp-db';
import { TEST_UNIT_CODE, writeTestConfig } from '../../support/test-config';

const admin = (args: string[]) => runAdmin(args, { env: { KIOSK_LOG_LEVEL: 'silent' } });

function kioskDir(serverUrl: string, n: number, proxy = ''): { dir: string; cleanup: () => void } {
  const t = tempDir('kiosk-admin-sync-');
  const server = serverUrl ? { url: serverUrl, token: TEST_KIOSK_TOKEN, timeoutSeconds: 2, proxy } : {};
  writeTestConfig(t.dir, { server });
  const db = openDatabase(path.join(t.dir, 'ratings.db'));
  insertRatings(db, generateRatings({ fromDay: '2026-02-02', days: 1, perDay: n }), { kioskId: TEST_KIOSK_ID, unitCode: TEST_UNIT_CODE });
  db.close();
  return t;
}

let city: TestCityServer;
beforeAll(async () => {
  city = await startCityServer();
});
afterAll(async () => {
  await city.close();
});

describe('admin sync and status', () => {
  it('sync uploads everything and exits 0; status then shows nothing pending', async () => {
    const k = kioskDir(city.url, 450);
    const sync = await admin(['sync', '--data-dir', k.dir]);
    expect(sync.stderr).toBe('');
    expect(sync.code).toBe(0);
    expect(JSON.parse(sync.stdout)).toMatchObject({ result: { kind: 'done', delivered: 450 }, status: { pending: 0, state: 'idle' } });
    expect(city.count()).toBe(450);
    const status = await admin(['status', '--data-dir', k.dir]);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ kioskId: TEST_KIOSK_ID, state: 'idle', pending: 0, lastError: null, server: city.url });
    expect(JSON.parse(status.stdout).lastSuccessAt).toMatch(/^\d{4}-\d\d-\d\dT.*\+07:00$/);
    k.cleanup();
  });

  it('sync exits 1 when the server cannot be reached, and status shows the error and what is pending', async () => {
    const k = kioskDir('http://127.0.0.1:9/', 12);
    const sync = await admin(['sync', '--data-dir', k.dir]);
    expect(sync.code).toBe(1);
    expect(JSON.parse(sync.stdout)).toMatchObject({ result: { kind: 'failed', code: 'network' }, status: { pending: 12 } });
    const status = JSON.parse((await admin(['status', '--data-dir', k.dir])).stdout);
    expect(status).toMatchObject({ state: 'backoff', pending: 12, lastError: { code: 'network' } });
    expect(status.oldestPendingAt).toMatch(/^2026-02-02T07:.*\+07:00$/);
    k.cleanup();
  });

  it('sync goes through server.proxy (a real CONNECT proxy, with Basic credentials); wrong credentials exit 1 with proxy_auth and never print them', async () => {
    const proxy = await startConnectProxy();
    try {
      proxy.requireAuth({ user: 'kiosk', password: 'Pr0xy-Pa55' });
      const bad = kioskDir(city.url, 7, proxy.urlWith('kiosk', 'Wr0ng-Pa55'));
      const refused = await admin(['sync', '--data-dir', bad.dir]);
      expect(refused.code).toBe(1);
      expect(JSON.parse(refused.stdout)).toMatchObject({
        result: { kind: 'failed', code: 'proxy_auth' },
        status: { pending: 7, lastError: { code: 'proxy_auth' } },
      });
      expect(refused.stdout + refused.stderr).not.toContain('Wr0ng-Pa55');
      expect(JSON.parse((await admin(['status', '--data-dir', bad.dir])).stdout)).toMatchObject({
        state: 'backoff',
        pending: 7,
        lastError: { code: 'proxy_auth' },
      });
      bad.cleanup();

      const before = city.count();
      const good = kioskDir(city.url, 60, proxy.urlWith('kiosk', 'Pr0xy-Pa55'));
      const sync = await admin(['sync', '--data-dir', good.dir]);
      expect(sync.stderr).toBe('');
      expect(sync.code).toBe(0);
      expect(JSON.parse(sync.stdout)).toMatchObject({ result: { kind: 'done', delivered: 60 }, status: { pending: 0 } });
      expect(city.count()).toBe(before + 60);
      const through = proxy.tunnels.filter((t) => t.status === 200).flatMap((t) => t.requests());
      expect(through).toContain('POST /v1/kiosks/heartbeat');
      expect(through).toContain('POST /v1/ratings/batch');
      expect(proxy.plainRequests).toEqual([]);
      good.cleanup();
    } finally {
      await proxy.close();
    }
  });

  it('refuses clearly when uploads are off or the data directory is wrong', async () => {
    const k = kioskDir('', 3);
    const off = await admin(['sync', '--data-dir', k.dir]);
    expect(off.code).toBe(3);
    expect(off.stderr).toMatch(/server\.url is empty/);
    expect(JSON.parse((await admin(['status', '--data-dir', k.dir])).stdout)).toMatchObject({ state: 'disabled', pending: 3 });
    const wrong = await admin(['status', '--data-dir', path.join(k.dir, 'nope')]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/no kiosk database/);
    expect(fs.existsSync(path.join(k.dir, 'nope'))).toBe(false);
    k.cleanup();
  });
});
