// The web host's API over real HTTP on 127.0.0.1: every route refuses a missing or wrong
// token and invalid input, and nothing reaches the database in those cases.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKioskBackend, type KioskBackend } from '../../../electron/services/backend';
import { silentLogger } from '../../../electron/services/logger';
import { startWebHost, type WebHost } from '../../../electron/web-host/web-host';
import { KIOSK_METHODS } from '../../../shared/kiosk-methods';
import { tempDir } from '../../support/temp-db';

let t: { dir: string; cleanup: () => void };
let backend: KioskBackend;
let host: WebHost;
const count = () => backend.db!.prepare('SELECT count(*) FROM ratings').pluck().get() as number;

function post(method: string, body: string, headers: Record<string, string> = {}) {
  return fetch(new URL(`api/${method}`, host.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Kiosk-Token': host.token, ...headers },
    body,
  });
}

/** Raw request so the Host header can be forged (fetch does not allow it). */
function rawGet(pathName: string, hostHeader: string): Promise<number> {
  const u = new URL(host.url);
  return new Promise((resolve, reject) => {
    http
      .get({ host: u.hostname, port: u.port, path: pathName, headers: { Host: hostHeader } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

beforeAll(async () => {
  t = tempDir();
  const rendererDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  // The placeholder an older build carried: the host must not fill it in any more.
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<meta name="kiosk-token" content="%KIOSK_TOKEN%"><p>kiosk</p>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.css'), 'p{color:red}');
  fs.writeFileSync(path.join(rendererDir, 'favicon.svg'), '<svg/>');
  fs.writeFileSync(path.join(t.dir, 'secret.txt'), 'outside');
  backend = createKioskBackend({
    paths: { dataDir: path.join(t.dir, 'data'), configPath: path.join(t.dir, 'none.json') },
    appVersion: '1.0.0',
    logger: silentLogger,
  });
  host = await startWebHost({ handlers: backend.handlers, rendererDir, logger: silentLogger });
});
afterAll(async () => {
  await host.close();
  backend.close();
  t.cleanup();
});

describe('web host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('hands out the token only in the page address fragment, never in a served file', async () => {
    expect(host.pageUrl).toBe(`${host.url}#token=${host.token}`);
    const files = fs.readdirSync(path.join(t.dir, 'renderer'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    const served = [
      '/',
      '/index.html',
      ...files.map((e) => `/${path.relative(path.join(t.dir, 'renderer'), path.join(e.parentPath, e.name)).split(path.sep).join('/')}`),
    ];
    expect(served).toContain('/assets/app.js');
    for (const file of served) {
      const res = await fetch(new URL(file, host.url));
      expect(res.status, file).toBe(200);
      const text = await res.text();
      expect(text, file).not.toContain(host.token);
      expect(JSON.stringify([...res.headers]), file).not.toContain(host.token);
    }
  });

  it('serves the page with a strict CSP', async () => {
    const res = await fetch(host.url);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("object-src 'none'");
    const js = await fetch(new URL('assets/app.js', host.url));
    expect(js.headers.get('content-type')).toContain('text/javascript');
  });

  it('refuses paths that leave the renderer folder', async () => {
    const own = new URL(host.url).host;
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2f..%2fsecret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt']) {
      expect(await rawGet(p, own)).toBe(404);
    }
    expect(await rawGet('/%00', own)).toBe(400);
    expect(await rawGet('/assets/app.js', own)).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect(await rawGet('/', 'evil.example:80')).toBe(403);
    expect(await rawGet('/', new URL(host.url).host)).toBe(200);
  });

  it.each(KIOSK_METHODS)('%s refuses a missing or wrong token and stores nothing', async (method) => {
    const before = count();
    const input = method === 'submitRating' ? '{"level":5,"language":"vi"}' : '{}';
    for (const headers of [{ 'X-Kiosk-Token': '' }, { 'X-Kiosk-Token': 'x'.repeat(32) }, { 'X-Kiosk-Token': host.token.slice(0, -1) }]) {
      const res = await post(method, input, headers);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(count()).toBe(before);
  });

  it.each(KIOSK_METHODS)('%s refuses invalid input with a clear error and stores nothing', async (method) => {
    const before = count();
    const res = await post(method, JSON.stringify({ level: 'năm', unexpected: true, pin: 12, session: 1, id: 'x' }));
    const body = (await res.json()) as { ok: boolean; error: { code: string; field?: string } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('INVALID_INPUT');
    expect(body.error.field).toBeTruthy();
    expect(count()).toBe(before);
  });

  it('refuses a body that is not JSON, too large, or of the wrong type', async () => {
    const before = count();
    expect((await post('submitRating', '{"level":5,')).status).toBe(400);
    expect((await post('submitRating', JSON.stringify({ level: 5, language: 'vi', pad: 'x'.repeat(70_000) }))).status).toBe(413);
    expect((await post('submitRating', '{"level":5,"language":"vi"}', { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect((await post('submitRating', '{"level":5,"language":"vi"}', { Origin: 'https://evil.example' })).status).toBe(403);
    expect(count()).toBe(before);
  });

  it('answers an unknown method with 404', async () => {
    const res = await post('dropDatabase', '{}');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('stores a valid rating and answers with its id', async () => {
    const before = count();
    const res = await post('submitRating', JSON.stringify({ level: 4, language: 'vi' }), { Origin: new URL(host.url).origin });
    const body = (await res.json()) as { ok: true; value: { id: string; stored: boolean } };
    expect(body).toMatchObject({ ok: true, value: { stored: true } });
    expect(count()).toBe(before + 1);
    expect(backend.db!.prepare('SELECT level FROM ratings WHERE id = ?').pluck().get(body.value.id)).toBe(4);
  });
});
