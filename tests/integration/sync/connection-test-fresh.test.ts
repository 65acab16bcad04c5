// IT's "test connection" answers for a connection made now, as the next upload would make
// it, not for a socket the uploads kept alive. On an office network a kept socket can die
// without a word (a NAT or firewall forgets it), or belong to a server that has restarted
// since: the test must not report that as the server being unreachable, nor report a
// working server through a socket that is about to fail. A proxy on 127.0.0.1 in front of a
// real receiver silences the connections it already carries, as a forgetful NAT would.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { kioskUnderTest, testConfig, type KioskUnderTest } from './kiosk-under-test';
import { startRecordingReceiver, type RecordingReceiver } from './recording-receiver';

let receiver: RecordingReceiver;
let proxy: FaultProxy;
let k: KioskUnderTest | null = null;

beforeEach(async () => {
  receiver = await startRecordingReceiver();
  proxy = await startFaultProxy(receiver.url);
});
afterEach(async () => {
  await k?.close();
  k = null;
  await proxy.close();
  await receiver.close();
});

/** A kiosk that has just uploaded three ratings through the proxy, keeping its connection. */
async function afterAnUpload(): Promise<KioskUnderTest> {
  k = kioskUnderTest(testConfig(proxy.url, { timeoutSeconds: 2 }));
  k.seed(3);
  expect(await k.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 3 });
  return k;
}

describe('the connection test', () => {
  it('opens a connection of its own: a kept socket gone silent does not make a working server look unreachable', async () => {
    const kiosk = await afterAnUpload();
    const kept = proxy.connections();
    expect(kept).toBeGreaterThanOrEqual(1);
    proxy.silenceOpenConnections();

    const check = await kiosk.sync.testConnection();
    expect(check).toMatchObject({ ok: true, kind: 'ok', httpStatus: 200 });
    expect(proxy.connections()).toBe(kept + 1);
    // The heartbeat the test sent is the one that arrived, on the new connection.
    expect(receiver.heartbeats).toHaveLength(2);
  });

  it('reports a refused connection as refused, every time, even right after a successful upload', async () => {
    const kiosk = await afterAnUpload();
    await proxy.close();
    for (let i = 0; i < 3; i += 1) {
      const check = await kiosk.sync.testConnection();
      expect(check).toMatchObject({ ok: false, kind: 'network' });
      expect(check.ok === false && check.detail).toContain('ECONNREFUSED');
    }
  });
});
