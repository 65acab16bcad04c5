// The web host bounds what one local client can hold: a refused client is hung up on instead
// of having its body drained, a body is refused as soon as it passes the limit, the number of
// open connections is capped, and a client that never finishes its request is timed out.
// Raw sockets on 127.0.0.1, against the real host with its real backend.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKioskBackend, type KioskBackend } from '../../../electron/services/backend';
import { silentLogger } from '../../../electron/services/logger';
import { DEFAULT_WEB_HOST_LIMITS, MAX_BODY_BYTES, startWebHost, type WebHost, type WebHostLimits } from '../../../electron/web-host/web-host';
import { tempDir } from '../../support/temp-db';

let t: { dir: string; cleanup: () => void };
let backend: KioskBackend;
let rendererDir: string;

beforeAll(() => {
  t = tempDir();
  rendererDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<p>kiosk</p>');
  backend = createKioskBackend({
    paths: { dataDir: path.join(t.dir, 'data'), configPath: path.join(t.dir, 'none.json') },
    appVersion: '1.0.0',
    logger: silentLogger,
  });
});
afterAll(() => {
  backend.close();
  t.cleanup();
});

function startHost(limits: Partial<WebHostLimits> = {}): Promise<WebHost> {
  return startWebHost({ handlers: backend.handlers, rendererDir, logger: silentLogger, limits });
}

const portOf = (host: WebHost) => Number(new URL(host.url).port);
const statusOf = (reply: string) => Number(/^HTTP\/1\.1 (\d{3}) /.exec(reply)?.[1] ?? 0);
const ratingCount = () => backend.db!.prepare('SELECT count(*) FROM ratings').pluck().get() as number;

interface Conversation {
  socket: net.Socket;
  /** Everything the host sent so far. */
  reply(): string;
  /** Resolves once the host has closed the connection. */
  closed: Promise<void>;
  /** Resolves once the reply contains `text`. */
  received(text: string): Promise<void>;
}

function converse(host: WebHost, first: string): Conversation {
  const socket = net.connect(portOf(host), '127.0.0.1');
  let reply = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  socket.on('data', (c: Buffer) => {
    reply += c.toString('latin1');
    for (const w of waiters.filter((x) => reply.includes(x.text))) w.resolve();
  });
  // A reset after the answer is one way of hanging up.
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.write(first);
  return {
    socket,
    reply: () => reply,
    closed,
    received: (text) =>
      new Promise<void>((resolve, reject) => {
        if (reply.includes(text)) resolve();
        else {
          waiters.push({ text, resolve });
          void closed.then(() => (reply.includes(text) ? resolve() : reject(new Error(`closed before "${text}"; got: ${reply.slice(0, 200)}`))));
        }
      }),
  };
}

function head(host: WebHost, lines: string[]): string {
  return [`POST /api/submitRating HTTP/1.1`, `Host: 127.0.0.1:${portOf(host)}`, ...lines, '', ''].join('\r\n');
}

describe('web host connection bounds', () => {
  let host: WebHost;
  beforeAll(async () => {
    host = await startHost();
  });
  afterAll(async () => {
    await host.close();
  });

  it('hangs up on an unauthenticated client trickling a body, right after its 401', async () => {
    const declared = 400;
    const c = converse(host, head(host, ['Content-Type: application/json', `Content-Length: ${declared}`]));
    let sent = 0;
    // One byte every 20 ms: the whole body would take 8 s to arrive.
    const trickle = setInterval(() => {
      if (sent < declared && c.socket.writable) {
        c.socket.write('x');
        sent++;
      }
    }, 20);
    await c.closed;
    clearInterval(trickle);
    expect(statusOf(c.reply())).toBe(401);
    expect(c.reply()).toMatch(/\r\nconnection: close\r\n/i);
    expect(sent).toBeLessThan(declared);
  });

  it('hangs up on a cross-origin or wrongly typed request without reading its body', async () => {
    for (const lines of [
      [`X-Kiosk-Token: ${host.token}`, 'Origin: https://evil.example', 'Content-Type: application/json', 'Content-Length: 100000'],
      [`X-Kiosk-Token: ${host.token}`, 'Content-Type: text/plain', 'Content-Length: 100000'],
      [`X-Kiosk-Token: ${'x'.repeat(host.token.length)}`, 'Content-Type: application/json', 'Transfer-Encoding: chunked'],
    ]) {
      // Headers only: the promised body never comes, so only a host that does not wait answers.
      const c = converse(host, head(host, lines));
      await c.closed;
      expect([401, 403, 415]).toContain(statusOf(c.reply()));
    }
  });

  it('answers 413 to a declared body over the limit before any of it is sent', async () => {
    const c = converse(host, head(host, [`X-Kiosk-Token: ${host.token}`, 'Content-Type: application/json', `Content-Length: ${MAX_BODY_BYTES + 1}`]));
    await c.closed;
    expect(statusOf(c.reply())).toBe(413);
  });

  it('answers 413 as soon as a chunked body passes the limit, without waiting for the rest', async () => {
    const before = ratingCount();
    const c = converse(host, head(host, [`X-Kiosk-Token: ${host.token}`, 'Content-Type: application/json', 'Transfer-Encoding: chunked']));
    // Just past the limit, in 8 kB chunks, and then no terminating chunk: the body never ends.
    const chunk = `{"level":5,"pad":"${'x'.repeat(8 * 1024)}`;
    for (let sent = 0; sent <= MAX_BODY_BYTES; sent += chunk.length) {
      c.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    }
    await c.closed;
    expect(statusOf(c.reply())).toBe(413);
    expect(ratingCount()).toBe(before);
  });

  it(`refuses connections past ${DEFAULT_WEB_HOST_LIMITS.maxConnections} and serves again once one closes`, async () => {
    const port = portOf(host);
    const request = `HEAD / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`;
    // Each held connection has been answered once, so the host has certainly counted it.
    const held = await Promise.all(
      Array.from({ length: DEFAULT_WEB_HOST_LIMITS.maxConnections }, async () => {
        const c = converse(host, request);
        await c.received('\r\n\r\n');
        return c;
      }),
    );
    try {
      const extra = converse(host, request);
      await extra.closed;
      expect(extra.reply()).toBe('');

      held.pop()!.socket.destroy();
      // The host learns of the closed socket on its own schedule; each try is a round trip.
      let status = 0;
      for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
        const again = converse(host, `HEAD / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
        await again.closed;
        status = statusOf(again.reply());
      }
      expect(status).toBe(200);
    } finally {
      for (const c of held) c.socket.destroy();
    }
  });
});

describe('web host timeouts', () => {
  let host: WebHost;
  beforeAll(async () => {
    host = await startHost({ headersTimeoutMs: 300, requestTimeoutMs: 800 });
  });
  afterAll(async () => {
    await host.close();
  });

  it('answers 408 to a client that never finishes its headers, and hangs up', async () => {
    const c = converse(host, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${portOf(host)}\r\nX-Slow: `);
    await c.closed;
    expect(statusOf(c.reply())).toBe(408);
  });

  it('answers 408 to an authenticated client whose body never completes, and stores nothing', async () => {
    const before = ratingCount();
    const c = converse(host, head(host, [`X-Kiosk-Token: ${host.token}`, 'Content-Type: application/json', 'Content-Length: 30']));
    c.socket.write('{"level":5,');
    await c.closed;
    expect(statusOf(c.reply())).toBe(408);
    expect(ratingCount()).toBe(before);
  });

  it('still serves a prompt client', async () => {
    const c = converse(host, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${portOf(host)}\r\nConnection: close\r\n\r\n`);
    await c.closed;
    expect(statusOf(c.reply())).toBe(200);
  });
});
