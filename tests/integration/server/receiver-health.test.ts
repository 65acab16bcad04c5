// GET /v1/health looks at the storage, so that a load balancer stops sending kiosks to a
// receiver whose database is gone: 200 while it answers; 503 storage_unavailable, within the
// bound, when the SQLite file was removed under the running receiver, or when PostgreSQL
// refuses connections or stops answering (a TCP relay in front of the run's cluster plays the
// network); 200 again once PostgreSQL is back. Never the database's URL or password.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RECEIVER_DB_FILE } from '../../../server/receiver-db';
import { HEALTH_TIMEOUT_MS } from '../../../server/receiver-routes';
import { startCityServer, startReceiver, STORAGES, type TestCityServer, type TestReceiver } from '../../support/city-server';
import { TEST_PG_PASSWORD, testDatabase } from '../../support/postgres';
import { get } from './receiver-helpers';

const UNAVAILABLE = { ok: false, protocol: 1, error: { code: 'storage_unavailable' } };

async function health(url: string): Promise<{ status: number; body: unknown; ms: number }> {
  const started = performance.now();
  const a = await get(url, '/v1/health', null);
  return { status: a.status, body: JSON.parse(a.text), ms: performance.now() - started };
}

describe.each(STORAGES)('health on %s', (storage) => {
  let city: TestReceiver;
  beforeAll(async () => {
    city = await startReceiver(storage);
  });
  afterAll(async () => {
    await city?.close();
  });

  it('answers 200 with the protocol while the storage answers', async () => {
    expect(await health(city.url)).toMatchObject({ status: 200, body: { ok: true, protocol: 1 } });
  });
});

describe('health on sqlite, the database file removed under the running receiver', () => {
  let city: TestCityServer;
  afterEach(async () => {
    await city?.close();
  });

  it('answers 503 storage_unavailable: what it stored from then on would be gone at the next start', async () => {
    city = await startCityServer();
    expect((await health(city.url)).status).toBe(200);
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(city.dataDir, RECEIVER_DB_FILE + suffix), { force: true });
    const a = await health(city.url);
    expect(a.status).toBe(503);
    expect(a.body).toEqual(UNAVAILABLE);
  });

  it('answers 503 once the database is closed', async () => {
    city = await startCityServer();
    city.db.close();
    expect(await health(city.url)).toMatchObject({ status: 503, body: UNAVAILABLE });
  });
});

type Mode = 'pass' | 'refuse' | 'hold';

/** A TCP relay to PostgreSQL that can cut the line: drop every connection, or take them and never answer. */
async function startRelay(target: { host: string; port: number }) {
  let mode: Mode = 'pass';
  const open = new Set<net.Socket>();
  let held = 0;
  const server = net.createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => {});
    if (mode === 'refuse') return void client.destroy();
    if (mode === 'hold') {
      held++;
      return;
    }
    const upstream = net.connect(target.port, target.host);
    open.add(upstream);
    upstream.on('close', () => open.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    /** Every open connection is cut, as when the database server goes away. */
    set(next: Mode) {
      mode = next;
      held = 0;
      for (const s of open) s.destroy();
    },
    held: () => held,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('health on postgres, the database going away and coming back', () => {
  let db: Awaited<ReturnType<typeof testDatabase>>;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let city: TestReceiver;
  const logs: string[] = [];
  let onLog = () => {};
  const log = (obj: object | string, msg?: string) => {
    logs.push(JSON.stringify([obj, msg]));
    onLog();
  };
  /** Resolves once the receiver has logged `msg` more than `before` times. */
  const logged = (msg: string, before: number) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (logs.filter((l) => l.includes(msg)).length > before) resolve();
      };
      onLog = check;
      check();
    });
  const LOST = 'database connection lost while idle';
  const lostSoFar = () => logs.filter((l) => l.includes(LOST)).length;

  beforeAll(async () => {
    db = await testDatabase();
    const u = new URL(db.url);
    relay = await startRelay({ host: u.hostname, port: Number(u.port) });
    u.port = String(relay.port);
    city = await startReceiver('postgres', { databaseUrl: u.toString(), logger: { info: log, warn: log, error: log } });
  });

  afterAll(async () => {
    relay?.set('pass');
    await city?.close();
    await relay?.close();
    await db?.drop();
  });

  it('answers 503 at once while PostgreSQL refuses connections, and 200 again when it is back', async () => {
    expect((await health(city.url)).status).toBe(200);
    relay.set('refuse');
    const down = await health(city.url);
    expect(down.status).toBe(503);
    expect(down.body).toEqual(UNAVAILABLE);
    expect(down.ms).toBeLessThan(HEALTH_TIMEOUT_MS);
    relay.set('pass');
    expect(await health(city.url)).toMatchObject({ status: 200, body: { ok: true, protocol: 1 } });
  });

  it('answers 503 within the bound while PostgreSQL does not answer at all, with one ping under way however many checks', async () => {
    expect((await health(city.url)).status).toBe(200);
    const lost = lostSoFar();
    relay.set('hold');
    // Once the pool has let go of its idle connection, a ping must open a new one, which hangs.
    await logged(LOST, lost);
    const [a, b] = await Promise.all([health(city.url), health(city.url)]);
    for (const down of [a, b]) {
      expect(down.status).toBe(503);
      expect(down.body).toEqual(UNAVAILABLE);
      expect(down.ms).toBeGreaterThanOrEqual(HEALTH_TIMEOUT_MS - 50);
      // The bound, plus room for a machine busy with other test files.
      expect(down.ms).toBeLessThan(HEALTH_TIMEOUT_MS + 3_000);
    }
    const c = await health(city.url);
    expect(c.status).toBe(503);
    expect(relay.held()).toBe(1);
    // The network comes back: the connection that hung is reset, and the next ping finds PostgreSQL.
    relay.set('pass');
    const deadline = Date.now() + 15_000;
    let back = await health(city.url);
    while (back.status !== 200 && Date.now() < deadline) back = await health(city.url);
    expect(back).toMatchObject({ status: 200, body: { ok: true, protocol: 1 } });
  });

  it('logs why, without the password', () => {
    const said = logs.filter((l) => l.includes('health check: storage unavailable'));
    expect(said.length).toBeGreaterThanOrEqual(4);
    expect(logs.join('\n')).not.toContain(TEST_PG_PASSWORD);
  });
});
