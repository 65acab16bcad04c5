import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  APP_START_URL,
  CONTENT_SECURITY_POLICY,
  createAppRequestHandler,
  isAppUrl,
  mimeTypeFor,
  registerAppScheme,
  resolveAppFile,
} from '../../../electron/main/app-protocol';
import { tempDir } from '../../support/temp-db';

let root: string;
let secretFile: string;
let cleanup: () => void;

beforeAll(() => {
  const t = tempDir('kiosk-protocol-');
  cleanup = t.cleanup;
  const base = t.dir;
  root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>kiosk</title>');
  fs.writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'font.woff2'), Buffer.from([0x77, 0x4f, 0x46, 0x32]));
  // A sibling folder whose name starts like the root: a naive prefix check would leak it.
  secretFile = path.join(base, 'renderer-secret', 'secret.txt');
  fs.mkdirSync(path.dirname(secretFile));
  fs.writeFileSync(secretFile, 'secret');
  fs.writeFileSync(path.join(base, 'outside.txt'), 'outside');
});

afterAll(() => cleanup());

const get = (url: string, method = 'GET') => createAppRequestHandler(root)(new Request(url, { method }));

describe('resolveAppFile', () => {
  it('maps the start URL and the bare origin to index.html', () => {
    expect(resolveAppFile(APP_START_URL, root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile('app://kiosk/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile('app://kiosk/assets/app.js?v=1#x', root)).toBe(path.join(root, 'assets', 'app.js'));
  });

  it.each([
    'app://kiosk/..%2foutside.txt',
    'app://kiosk/assets/..%2f..%2foutside.txt',
    'app://kiosk/..%5coutside.txt',
    'app://kiosk/..%2frenderer-secret%2fsecret.txt',
    'app://kiosk/a%00.html',
    'app://kiosk/%E0%A4%A',
    'app://kiosk/C:/Windows/win.ini',
    'app://other/index.html',
    'https://kiosk/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(url, root)).toBeNull();
  });

  it('keeps ../ and %2e%2e/ inside the root (URL parsing collapses them first)', () => {
    expect(resolveAppFile('app://kiosk/../../outside.txt', root)).toBe(path.join(root, 'outside.txt'));
    expect(resolveAppFile('app://kiosk/%2e%2e/outside.txt', root)).toBe(path.join(root, 'outside.txt'));
  });

  it('never resolves outside the root, whatever the segments', () => {
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%2e%2e', '%2E%2e', '..%2f', '..%5c', '%2f', '%5c', '%00', 'C:', '~', 'assets', 'index.html'),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 8 }), (segments) => {
        const file = resolveAppFile(`app://kiosk/${segments.join('/')}`, root);
        return file === null || file.startsWith(root + path.sep);
      }),
      { numRuns: 500 },
    );
  });
});

describe('app protocol handler', () => {
  it('serves index.html with the strict CSP and the HTML MIME type', async () => {
    const res = await get('app://kiosk/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>kiosk</title>');
  });

  it('states every directive the kiosk relies on', () => {
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ]) {
      expect(CONTENT_SECURITY_POLICY.split('; ')).toContain(directive);
    }
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it('serves scripts and fonts with their MIME types', async () => {
    const js = await get('app://kiosk/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const font = await get('app://kiosk/assets/font.woff2');
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(new Uint8Array(await font.arrayBuffer())).toEqual(new Uint8Array([0x77, 0x4f, 0x46, 0x32]));
  });

  it('refuses traversal and never returns a file outside the renderer folder', async () => {
    for (const [url, status] of [
      ['app://kiosk/..%2f..%2foutside.txt', 403],
      ['app://kiosk/..%2frenderer-secret%2fsecret.txt', 403],
      ['app://kiosk/..%5coutside.txt', 403],
      ['app://kiosk/%2e%2e/outside.txt', 404],
      ['app://kiosk/../renderer-secret/secret.txt', 404],
    ] as const) {
      const res = await get(url);
      expect(res.status, url).toBe(status);
      const body = await res.text();
      expect(body).not.toContain('outside');
      expect(body).not.toContain('secret');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('answers 404 for a missing file, 405 for other methods, and an empty body for HEAD', async () => {
    expect((await get('app://kiosk/missing.js')).status).toBe(404);
    expect((await get('app://kiosk/assets')).status).toBe(404);
    expect((await get('app://kiosk/index.html', 'POST')).status).toBe(405);
    const head = await get('app://kiosk/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('registers app:// as a standard, secure scheme', () => {
    const protocol = { registerSchemesAsPrivileged: vi.fn() };
    registerAppScheme(protocol);
    const [schemes] = protocol.registerSchemesAsPrivileged.mock.calls[0]!;
    expect(schemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
  });
});

describe('small helpers', () => {
  it('isAppUrl accepts only the app origin', () => {
    expect(isAppUrl('app://kiosk/index.html')).toBe(true);
    expect(isAppUrl('app://kiosk.evil/index.html')).toBe(false);
    expect(isAppUrl('app://kioskx/')).toBe(false);
    expect(isAppUrl('https://evil.example/')).toBe(false);
    expect(isAppUrl(null)).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });

  it('mimeTypeFor falls back to octet-stream', () => {
    expect(mimeTypeFor('x.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('x.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('x.unknown')).toBe('application/octet-stream');
  });
});
