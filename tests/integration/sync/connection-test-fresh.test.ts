// IT's "test connection" answers for a connection made now, as the next upload would make
// it, not for a socket the uploads kept alive. On an office network a kept socket can die
// without a word (a NAT or firewall forgets it), or belong to a server that has restarted
// since: the test must not report that as the server being unreachable, nor report a
// working server through a socket that is about to fail. A relay on 127.0.0.1 in front of a
// real receiver silences the connections it already carries, as a forgetful NAT would.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { kioskUnderTest, testConfig, type KioskUnderTest } from './kiosk-under-test';
import { startRecordingReceiver, type RecordingReceiver } from './recording-receiver';

interface Relay {
  url: string;
  /** Connections accepted so far. */
  accepted: number;
  /** From now on, bytes on the connections already open go nowhere, in either direction. */
  silenceOpen(): void;
  close(): Promise<void>;
}

async function startRelay(target: string): Promise<Relay> {
  const { port: targetPort } = new URL(target);
  const open = new Set<{ client: net.Socket; upstream: net.Socket; silent: boolean }>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(targetPort), '127.0.0.1');
    const pair = { client, upstream, silent: false };
    open.add(pair);
    relay.accepted += 1;
    client.on('data', (b) => void (pair.silent || upstream.write(b)));
    upstream.on('data', (b) => void (pair.silent || client.write(b)));
    const end = () => {
      open.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relay: Relay = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    accepted: 0,
    silenceOpen() {
      for (const pair of open) pair.silent = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const pair of open) pair.client.destroy();
        server.close(() => resolve());
      }),
  };
  return relay;
}

let receiver: RecordingReceiver;
let relay: Relay;
let k: KioskUnderTest | null = null;

beforeEach(async () => {
  receiver = await startRecordingReceiver();
  relay = await startRelay(receiver.url);
});
afterEach(async () => {
  await k?.close();
  k = null;
  await relay.close();
  await receiver.close();
});

describe('the connection test', () => {
  it('opens a connection of its own: a kept socket gone silent does not make a working server look unreachable', async () => {
    k = kioskUnderTest(testConfig(relay.url, { timeoutSeconds: 2 }));
    k.seed(3);
    expect(await k.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 3 });
    const kept = relay.accepted;
    expect(kept).toBeGreaterThanOrEqual(1);
    relay.silenceOpen();

    const check = await k.sync.testConnection();
    expect(check).toMatchObject({ ok: true, kind: 'ok', httpStatus: 200 });
    expect(relay.accepted).toBe(kept + 1);
    // The heartbeat the test sent is the one that arrived, on the new connection.
    expect(receiver.heartbeats).toHaveLength(2);
  });

  it('reports a refused connection as refused, every time, even right after a successful upload', async () => {
    k = kioskUnderTest(testConfig(relay.url, { timeoutSeconds: 2 }));
    k.seed(3);
    expect(await k.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 3 });
    await relay.close();
    for (let i = 0; i < 3; i += 1) {
      const check = await k.sync.testConnection();
      expect(check).toMatchObject({ ok: false, kind: 'network' });
      expect(check.ok === false && check.detail).toContain('ECONNREFUSED');
    }
  });
});
