// The real web host process (`npm run start:web`) against requests no browser sends, written
// byte for byte on raw sockets because HTTP clients refuse to send most of them. Each one
// gets a 4xx, the process keeps running, and a normal request still succeeds afterwards.
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendOversizedHead } from '../../support/oversized-head';
import { startWebHost, type WebHost } from '../../support/web-host';

let host: WebHost;
let port: number;
let hostHeader: string;

beforeAll(async () => {
  host = await startWebHost();
  port = Number(new URL(host.url).port);
  hostHeader = `127.0.0.1:${port}`;
}, 120_000);
afterAll(async () => {
  await host.stop();
});

/** Writes the bytes as they are (one byte a character) and collects everything until the host closes the socket. */
function exchange(request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    // A reset after the answer is one way of hanging up; what was read is the answer.
    socket.on('error', () => {});
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.write(Buffer.from(request, 'latin1'));
  });
}

/** Ratings in the host's database, read as any other reader of the file would. */
function storedRatings(): number {
  const db = new Database(path.join(host.dataDir, 'ratings.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT count(*) FROM ratings').pluck().get() as number;
  } finally {
    db.close();
  }
}

const statusOf = (reply: string) => Number(/^HTTP\/1\.1 (\d{3}) /.exec(reply)?.[1] ?? 0);

function get(target: string, extraHeaders = ''): string {
  return `GET ${target} HTTP/1.1\r\nHost: ${hostHeader}\r\n${extraHeaders}Connection: close\r\n\r\n`;
}

function post(target: string, body: string, headers: Record<string, string>): string {
  const lines = Object.entries({ Host: hostHeader, 'Content-Length': String(Buffer.byteLength(body, 'latin1')), Connection: 'close', ...headers }).map(
    ([k, v]) => `${k}: ${v}\r\n`,
  );
  return `POST ${target} HTTP/1.1\r\n${lines.join('')}\r\n${body}`;
}

async function expectStillServing(): Promise<void> {
  expect(host.child.exitCode).toBeNull();
  expect(host.child.signalCode).toBeNull();
  expect(statusOf(await exchange(get('/')))).toBe(200);
  expect(await host.call('getBootstrap')).toMatchObject({ ok: true });
}

describe('web host against hostile requests', () => {
  it('answers malformed request lines and targets with a 4xx and keeps running', async () => {
    const requests: Array<[string, number[]]> = [
      // `new URL()` threw on this one and took the whole process down.
      [`GET //[ HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`, [404]],
      [`GET //[::1]:80/api/getBootstrap HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`, [404]],
      [`POST //[ HTTP/1.1\r\nHost: ${hostHeader}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`, [405]],
      [get('http://evil.example/'), [400]],
      [get('*'), [400]],
      [`OPTIONS * HTTP/1.1\r\nHost: ${hostHeader}\r\n\r\n`, [400]],
      [`CONNECT 127.0.0.1:${port} HTTP/1.1\r\nHost: ${hostHeader}\r\n\r\n`, [405]],
      [`GET / HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n`, [400]],
      ['GARBAGE\r\n\r\n', [400]],
      [`GET / HTTP/9.9\r\nHost: ${hostHeader}\r\n\r\n`, [400, 505]],
      [`GET /a b HTTP/1.1\r\nHost: ${hostHeader}\r\n\r\n`, [400]],
      [`GET /\x00 HTTP/1.1\r\nHost: ${hostHeader}\r\n\r\n`, [400]],
      [`GET /${'a'.repeat(20_000)} HTTP/1.1\r\nHost: ${hostHeader}\r\n\r\n`, [431]],
    ];
    for (const [request, expected] of requests) {
      const reply = await exchange(request);
      expect(expected, `${JSON.stringify(request.slice(0, 60))} answered ${reply.slice(0, 40)}`).toContain(statusOf(reply));
    }
    await expectStillServing();
  });

  it('answers bad percent-encoding in any route with a 4xx', async () => {
    for (const target of ['/%', '/%zz', '/%E0%A4%A', '/assets/%C0%AF', '/%00', '/api/%zz', '/index.html%']) {
      const reply = await exchange(get(target));
      expect(statusOf(reply), target).toBe(400);
    }
    for (const target of ['/api/submit%52ating', '/api/%zz']) {
      // Not the API route (the name must be plain letters): a POST to a static path.
      const reply = await exchange(post(target, '{}', { 'Content-Type': 'application/json', 'X-Kiosk-Token': host.token }));
      expect(statusOf(reply), target).toBe(405);
    }
    await expectStillServing();
  });

  it('never serves a file outside the renderer build, however the path is spelt', async () => {
    const targets = [
      '/../package.json',
      '/../../package.json',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/..%2f..%2fpackage.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/assets/..%5c..%5c..%5cpackage.json',
      '/%2e%2e%5c%2e%2e%5cpackage.json',
      '//etc/passwd',
      '/%2fetc%2fpasswd',
      '/assets/../../../../../../etc/passwd',
      '/.%2e/.%2e/package.json',
    ];
    for (const target of targets) {
      const reply = await exchange(get(target));
      expect([400, 404], target).toContain(statusOf(reply));
      expect(reply).not.toContain('"devDependencies"');
      expect(reply).not.toContain('root:');
    }
    await expectStillServing();
  });

  it('answers absurd and broken headers with a 4xx', async () => {
    const ok = { 'Content-Type': 'application/json', 'X-Kiosk-Token': host.token };
    const cases: Array<[string, string, number]> = [
      ['no Host header', 'GET / HTTP/1.1\r\nConnection: close\r\n\r\n', 400],
      ['two different Host headers', `GET / HTTP/1.1\r\nHost: evil.example\r\nHost: ${hostHeader}\r\nConnection: close\r\n\r\n`, 403],
      ['a foreign Host', get('/').replace(hostHeader, 'evil.example'), 403],
      ['a 20 kB header', get('/', `X-Filler: ${'x'.repeat(20_000)}\r\n`), 431],
      ['a 1 MB token', post('/api/getBootstrap', '{}', { ...ok, 'X-Kiosk-Token': 't'.repeat(1_000_000) }), 431],
      ['3000 small headers', get('/', Array.from({ length: 3000 }, (_, i) => `X-${i}: v\r\n`).join('')), 431],
      ['a control character in a value', get('/', 'X-Bad: a\x01b\r\n'), 400],
      ['a space in a header name', get('/', 'Bad Header: x\r\n'), 400],
      ['a header without a colon', get('/', 'NoColonHere\r\n'), 400],
      ['a non-numeric Content-Length', post('/api/getBootstrap', '{}', { ...ok, 'Content-Length': 'abc' }), 400],
      [
        'two different Content-Lengths',
        post('/api/getBootstrap', '{}', ok).replace('Content-Length: 2\r\n', 'Content-Length: 2\r\nContent-Length: 3\r\n'),
        400,
      ],
      ['Content-Length with chunked', post('/api/getBootstrap', '0\r\n\r\n', { ...ok, 'Transfer-Encoding': 'chunked' }), 400],
      [
        'an unknown Transfer-Encoding',
        post('/api/getBootstrap', '{}', { ...ok, 'Transfer-Encoding': 'gzip, chunked' }).replace(/Content-Length: \d+\r\n/, ''),
        400,
      ],
      ['two tokens', post('/api/getBootstrap', '{}', ok).replace('\r\n\r\n', `\r\nX-Kiosk-Token: ${host.token}\r\n\r\n`), 401],
      ['a body on GET', `GET / HTTP/1.1\r\nHost: ${hostHeader}\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello`, 400],
    ];
    for (const [name, request, status] of cases) {
      const reply = await exchange(request);
      expect(statusOf(reply), name).toBe(status);
    }
    await expectStillServing();
  });

  it('answers an oversized header with 431 and reads on while the client is still sending, instead of resetting it', async () => {
    const { reply, reset } = await sendOversizedHead(port, hostHeader);
    expect(statusOf(reply)).toBe(431);
    expect(reset).toBe(false);
    await expectStillServing();
  });

  it('answers bad bodies and look-alike media types with a 4xx and stores nothing', async () => {
    const before = storedRatings();
    const auth = { 'X-Kiosk-Token': host.token };
    const json = { ...auth, 'Content-Type': 'application/json' };
    const cases: Array<[string, string, number]> = [
      ['truncated JSON', post('/api/submitRating', '{"level":5,', json), 400],
      ['not UTF-8 JSON', post('/api/submitRating', '\xff\xfe{', json), 400],
      ['JSON with a NUL', post('/api/submitRating', '{"level":5,"language":"vi"\x00}', json), 400],
      ['application/jsonp', post('/api/submitRating', '{"level":5,"language":"vi"}', { ...auth, 'Content-Type': 'application/jsonp' }), 415],
      ['text/json', post('/api/submitRating', '{"level":5,"language":"vi"}', { ...auth, 'Content-Type': 'text/json' }), 415],
      [
        'application/json-patch+json',
        post('/api/submitRating', '{"level":5,"language":"vi"}', { ...auth, 'Content-Type': 'application/json-patch+json' }),
        415,
      ],
      ['another charset', post('/api/submitRating', '{"level":5,"language":"vi"}', { ...auth, 'Content-Type': 'application/json; charset=latin1' }), 415],
      ['extra parameters', post('/api/submitRating', '{"level":5,"language":"vi"}', { ...auth, 'Content-Type': 'application/json; charset=utf-8; x=y' }), 415],
      ['no Content-Type', post('/api/submitRating', '{"level":5,"language":"vi"}', auth), 415],
      ['a body over the limit', post('/api/submitRating', JSON.stringify({ level: 5, language: 'vi', pad: 'x'.repeat(70_000) }), json), 413],
      ['no token', post('/api/submitRating', '{"level":5,"language":"vi"}', { 'Content-Type': 'application/json' }), 401],
      ['a GET on the API', get('/api/submitRating', `X-Kiosk-Token: ${host.token}\r\n`), 405],
    ];
    for (const [name, request, status] of cases) {
      const reply = await exchange(request);
      expect(statusOf(reply), name).toBe(status);
    }
    expect(storedRatings()).toBe(before);
    expect(await host.call('submitRating', { level: 5, language: 'vi' })).toMatchObject({ ok: true });
    expect(storedRatings()).toBe(before + 1);
    // The exact media type, with or without the UTF-8 charset, still works.
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset=UTF-8']) {
      const reply = await exchange(post('/api/getBootstrap', '{}', { ...auth, 'Content-Type': type }));
      expect(statusOf(reply), type).toBe(200);
    }
    await expectStillServing();
  });
});
