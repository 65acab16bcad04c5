// What `npm run start:web` prints, as the real process a supervisor starts: "Kiosk ready at …"
// only for a kiosk that stores ratings; with a configuration error, the error (every fault,
// one line each, never the file's content) and the address of the error screen instead. And
// the page's icon is served, so a browser's load has no 404 in it.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-db';
import { testKioskConfig } from '../../support/test-config';
import { REPO_ROOT } from '../../support/web-host';

const TOKEN = 'tok-2b7e151628aed2a6';
const ADDRESS = /http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+/;

let t: { dir: string; cleanup: () => void };
let child: ChildProcess | null = null;
beforeAll(() => {
  t = tempDir('web-host-output-');
});
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const gone = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await gone;
  }
  child = null;
});
afterAll(() => t.cleanup());

/** Starts the host on `config` and returns stdout once it names an address (and the rest of its stdout so far). */
async function start(name: string, config: string): Promise<{ stdout: string; stderr: () => string; address: string }> {
  const dataDir = path.join(t.dir, name);
  fs.mkdirSync(dataDir);
  const configPath = path.join(dataDir, 'config.json');
  fs.writeFileSync(configPath, config);
  const proc = spawn(process.execPath, ['--import', 'tsx', 'electron/web-host/cli.ts', '--port', '0', '--data-dir', dataDir, '--config', configPath], {
    cwd: REPO_ROOT,
    env: { ...process.env, KIOSK_LOG_LEVEL: 'error' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const stdout = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no address printed:\n${out}\n${stderr}`)), 60_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (ADDRESS.test(out) && out.endsWith('\n')) {
        clearTimeout(timer);
        resolve(out);
      }
    });
    proc.once('exit', (code) => reject(new Error(`exited ${code}:\n${stderr}`)));
  });
  return { stdout, stderr: () => stderr, address: ADDRESS.exec(stdout)![0] };
}

async function bootstrap(address: string) {
  const url = new URL(address);
  const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
  const res = await fetch(new URL('api/getBootstrap', url.origin), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Kiosk-Token': token },
    body: '{}',
  });
  return res.json() as Promise<{ ok: boolean; error?: { code: string; issues?: unknown[] } }>;
}

describe('the web host on stdout', () => {
  it('with a broken configuration prints every fault and the error screen\'s address, never "ready"', async () => {
    const config = JSON.stringify(
      { ...testKioskConfig({ server: { url: 'https://city.example/kiosk', token: TOKEN } }), scale: '7', languages: ['en'] },
      null,
      2,
    );
    const host = await start('broken', config);
    const configPath = path.join(t.dir, 'broken', 'config.json');
    expect(host.stdout).not.toContain('Kiosk ready');
    expect(host.stdout.split('\n')).toEqual([
      `Kiosk NOT ready: the configuration ${configPath} cannot be used; ratings are not stored.`,
      '  config invalid: scale — must be one of "3", "5"',
      '  config invalid: languages — must start with "vi" (the kiosk returns to Vietnamese when idle)',
      `Error screen at ${host.address}`,
      '',
    ]);
    expect(host.stdout + host.stderr()).not.toContain(TOKEN.slice(0, 8));
    // That address opens the page that shows the error: the token in it is the host's.
    expect(await bootstrap(host.address)).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID', issues: [{ field: 'scale' }, { field: 'languages' }] } });
  });

  it('with a file that is not JSON says where, by line and column', async () => {
    const host = await start('syntax', '{\n  "unit": { "code": "U1", "name": "N" },\n  "kiosk": { "id": "k" } "scale": "3"\n}\n');
    expect(host.stdout).toContain('\n  config invalid: (file) — not valid JSON at line 3, column 26\nError screen at http://127.0.0.1:');
    expect(host.stdout).not.toContain('Kiosk ready');
  });

  it('with a good configuration prints only the ready line', async () => {
    const host = await start('good', JSON.stringify(testKioskConfig()));
    expect(host.stdout).toBe(`Kiosk ready at ${host.address}\n`);
    expect(await bootstrap(host.address)).toMatchObject({ ok: true });
  });
});

describe("the page's icon", () => {
  it('is linked from the page and served 200 as SVG, so the browser does not ask for a missing /favicon.ico', async () => {
    const host = await start('icon', JSON.stringify(testKioskConfig()));
    const origin = new URL(host.address).origin;
    const page = await fetch(`${origin}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const href = /<link rel="icon" type="image\/svg\+xml" href="([^"]+)"/.exec(html)?.[1];
    expect(href).toBe('./favicon.svg');
    const icon = await fetch(new URL(href!, `${origin}/`));
    expect(icon.status).toBe(200);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    const svg = await icon.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    // The CSP allows images from 'self' only: the icon must not load anything else.
    expect(svg).not.toMatch(/href=|url\(/);
  });
});
