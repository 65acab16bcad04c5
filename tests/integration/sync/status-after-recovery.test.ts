// `npm run admin -- status` after the city server comes back: a successful sync clears the
// last error, so IT is not sent hunting for a fault the queue has already got past. Real
// processes, the real receiver, a real database.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE_NAME, openDatabase } from '../../../electron/services/db/database';
import { runAdmin } from '../../support/admin-cli';
import { startCityServer, TEST_KIOSK_TOKEN, type TestCityServer } from '../../support/city-server';
import { generateRatings, insertRatings } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';
import { TEST_KIOSK_ID, TEST_UNIT_CODE, writeTestConfig } from '../../support/test-config';

const admin = (args: string[]) => runAdmin(args, { env: { KIOSK_LOG_LEVEL: 'silent' } });

/** A port nothing listens on: taken from the OS, then let go. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let city: TestCityServer;
let t: { dir: string; cleanup: () => void };
beforeAll(async () => {
  city = await startCityServer();
  t = tempDir('kiosk-status-recovery-');
});
afterAll(async () => {
  await city.close();
  t.cleanup();
});

describe('status after a failed and then a successful sync', () => {
  it('shows the error while it stands, and no error once a sync has succeeded', async () => {
    const db = openDatabase(path.join(t.dir, DATABASE_FILE_NAME));
    insertRatings(db, generateRatings({ fromDay: '2026-03-02', days: 1, perDay: 7 }), { unitCode: TEST_UNIT_CODE, kioskId: TEST_KIOSK_ID });
    db.close();
    const server = (url: string) => ({ server: { url, token: TEST_KIOSK_TOKEN, timeoutSeconds: 2 } });

    writeTestConfig(t.dir, server(`http://127.0.0.1:${await closedPort()}/`));
    expect((await admin(['sync', '--data-dir', t.dir])).code).toBe(1);
    const failed = JSON.parse((await admin(['status', '--data-dir', t.dir])).stdout);
    expect(failed).toMatchObject({ state: 'backoff', pending: 7, lastSuccessAt: null, lastError: { code: 'network' } });

    writeTestConfig(t.dir, server(city.url));
    const sync = await admin(['sync', '--data-dir', t.dir]);
    expect({ code: sync.code, stderr: sync.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(sync.stdout).status).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    const status = JSON.parse((await admin(['status', '--data-dir', t.dir])).stdout);
    expect(status).toMatchObject({ state: 'idle', pending: 0, lastError: null });
    expect(status.lastSuccessAt).toMatch(/\+07:00$/);
    expect(city.count()).toBe(7);
    expect(fs.existsSync(path.join(t.dir, DATABASE_FILE_NAME))).toBe(true);
  });
});
