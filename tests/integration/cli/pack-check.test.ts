// `npm run pack:dir` starts with electron/pack-check.ts: without the Electron zip in
// electron-builder's cache and without a way to download it, one clear line and exit 1,
// instead of a stack trace minutes later. Run as the real process, on an empty cache and an
// unreachable mirror; nothing is downloaded.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-db';
import { REPO_ROOT } from '../../support/web-host';

const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const ELECTRON_VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
const ZIP = `electron-v${ELECTRON_VERSION}-linux-${process.arch}.zip`;

let t: { dir: string; cleanup: () => void };
let mirror: string;
beforeAll(async () => {
  t = tempDir('pack-check-');
  // A port nothing listens on: the "download host" refuses at once, as offline.
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  mirror = `http://127.0.0.1:${port}/`;
});
afterAll(() => t.cleanup());

function check(cacheHome: string, electronMirror = mirror, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  // Only what the check reads: no proxy of the runner's, no .npmrc mirror.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: path.join(t.dir, 'home'), XDG_CACHE_HOME: cacheHome, ELECTRON_MIRROR: electronMirror };
  return new Promise((resolve) => {
    execFile(TSX, ['electron/pack-check.ts', ...args], { cwd: REPO_ROOT, env, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the pack:dir pre-check', () => {
  it('says in one line that Electron must be downloaded and the host cannot be reached, and exits 1', async () => {
    const cache = path.join(t.dir, 'empty-cache');
    const r = await check(cache);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `pack:dir needs ${ZIP}, which electron-builder downloads from 127.0.0.1:${new URL(mirror).port} and this machine cannot reach: ` +
        `run it once with internet access, or put that file in a subfolder of ${path.join(cache, 'electron')} (or set ELECTRON_MIRROR).\n`,
    );
    expect(fs.existsSync(cache)).toBe(false);
  });

  it('for dist:win (--platform win32), asks for the Windows x64 zip instead', async () => {
    const cache = path.join(t.dir, 'win-cache');
    const r = await check(cache, mirror, ['--platform', 'win32']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^dist:win needs electron-v${ELECTRON_VERSION.replaceAll('.', '\\.')}-win32-x64\\.zip, which electron-builder downloads from 127\\.0\\.0\\.1:`,
      ),
    );
    // The Linux zip in the cache does not count for a Windows build.
    fs.mkdirSync(path.join(cache, 'electron', 'a1b2c3'), { recursive: true });
    fs.writeFileSync(path.join(cache, 'electron', 'a1b2c3', ZIP), 'zip');
    expect((await check(cache, mirror, ['--platform', 'win32'])).code).toBe(1);
    fs.writeFileSync(path.join(cache, 'electron', 'a1b2c3', `electron-v${ELECTRON_VERSION}-win32-x64.zip`), 'zip');
    expect(await check(cache, mirror, ['--platform', 'win32'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('lets packaging go ahead, silently, when the zip is already in the cache', async () => {
    const cache = path.join(t.dir, 'warm-cache');
    // @electron/get files each download under a folder named by a hash of its URL.
    fs.mkdirSync(path.join(cache, 'electron', 'a1b2c3'), { recursive: true });
    fs.writeFileSync(path.join(cache, 'electron', 'a1b2c3', ZIP), 'zip');
    expect(await check(cache)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('lets electron-builder download when the host answers, without asking it for anything itself', async () => {
    const received: Buffer[] = [];
    let connections = 0;
    const server = net.createServer((socket) => {
      connections++;
      socket.on('data', (d) => received.push(d));
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as net.AddressInfo;
      expect(await check(path.join(t.dir, 'cold-cache'), `http://127.0.0.1:${port}/`)).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(connections).toBe(1);
      expect(Buffer.concat(received).length).toBe(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
