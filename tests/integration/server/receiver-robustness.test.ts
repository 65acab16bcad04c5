// A slow or malformed client cannot hold the receiver: header and body deadlines close it,
// and the receiver keeps answering everyone else. Also the `npm run city-server` entry.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver, STORAGES, TEST_KIOSK_TOKEN, type TestReceiver } from '../../support/city-server';
import { tempDir } from '../../support/temp-db';
import { REPO_ROOT } from '../../support/web-host';
import { batch, post, wireRating } from './receiver-helpers';

describe.each(STORAGES)('on %s', (storage) => {
  let city: TestReceiver;
  beforeAll(async () => {
    city = await startReceiver(storage, {
      requestTimeoutMs: 600,
      headersTimeoutMs: 300,
      kiosks: [{ kioskId: 'kiosk-01', unitCode: 'UNIT-A', token: TEST_KIOSK_TOKEN }],
    });
  });
  afterAll(async () => {
    await city.close();
  });

  /**
   * Opens a raw connection, writes `first`, then dribbles `drip` every 100 ms; resolves when the
   * server closes it. Real time on purpose: the receiver's own deadlines are what is tested.
   */
  function slowClient(first: string, drip: string): Promise<{ closedAfterMs: number; received: string }> {
    const u = new URL(city.url);
    return new Promise((resolve) => {
      const t0 = Date.now();
      let received = '';
      const socket = net.connect(Number(u.port), u.hostname, () => socket.write(first));
      const timer = setInterval(() => socket.writable && socket.write(drip), 100);
      socket.on('data', (d) => (received += d.toString()));
      socket.on('error', () => {});
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ closedAfterMs: Date.now() - t0, received });
      });
    });
  }

  describe('receiver under slow and malformed clients', () => {
    it('drops a client that never finishes its headers or its body, and keeps serving others', async () => {
      const slowHeaders = slowClient('POST /v1/ratings/batch HTTP/1.1\r\nHost: x\r\n', 'X-A: b\r\n');
      const body = JSON.stringify(batch([wireRating({ seq: 1 })]));
      const slowBody = slowClient(
        `POST /v1/ratings/batch HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TEST_KIOSK_TOKEN}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`,
        ' ',
      );
      const ok = await post(city.url, '/v1/ratings/batch', batch([wireRating({ seq: 2 })]), TEST_KIOSK_TOKEN);
      expect(ok.status).toBe(200);
      const [h, b] = await Promise.all([slowHeaders, slowBody]);
      expect(h.closedAfterMs).toBeLessThan(5_000);
      expect(b.closedAfterMs).toBeLessThan(5_000);
      expect(b.received).toMatch(/^HTTP\/1\.1 408/);
      expect(await city.count()).toBe(1);
    });

    it('answers garbage on the wire with 400 and stays up', async () => {
      const g = await slowClient('NOT HTTP AT ALL\r\n\r\n', '');
      expect(g.received).toMatch(/^HTTP\/1\.1 400/);
      const ok = await post(city.url, '/v1/ratings/batch', batch([wireRating({ seq: 3 })]), TEST_KIOSK_TOKEN);
      expect(ok.status).toBe(200);
    });
  });
});

describe('npm run city-server', () => {
  it('starts on the given port with a tokens file and prints the ready line; a bad tokens file is refused', async () => {
    const t = tempDir('city-cli-');
    const tokens = path.join(t.dir, 'tokens.json');
    fs.writeFileSync(tokens, JSON.stringify({ kiosks: [{ kioskId: 'kiosk-01', unitCode: 'UNIT-A', token: TEST_KIOSK_TOKEN }] }));
    const run = (args: string[]) =>
      spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const child = run(['--port', '0', '--data-dir', path.join(t.dir, 'data'), '--tokens', tokens]);
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /City server ready at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}`)));
    });
    // Taken now: the command line keeps the product's window of accepted rating times.
    const res = await post(url, '/v1/ratings/batch', batch([wireRating({ seq: 1, createdAt: new Date().toISOString() })]), TEST_KIOSK_TOKEN);
    expect(res).toMatchObject({ status: 200, json: { accepted: [expect.any(String)] } });
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    expect(fs.existsSync(path.join(t.dir, 'data', 'city-ratings.db'))).toBe(true);

    fs.writeFileSync(tokens, JSON.stringify({ kiosks: [{ kioskId: 'kiosk-01', unitCode: 'UNIT-A', token: 'short' }] }));
    const bad = run(['--port', '0', '--data-dir', path.join(t.dir, 'data'), '--tokens', tokens]);
    let err = '';
    bad.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((r) => bad.once('exit', r));
    expect(code).toBe(2);
    expect(err).toMatch(/tokens file invalid at kiosks\.0\.token: .*16/);
    t.cleanup();
  });
});
