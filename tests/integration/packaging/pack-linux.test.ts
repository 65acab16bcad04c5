// The packaging check: the real electron-builder (`--linux --dir`, as `npm run pack:dir`) on a
// copy of the project, with a stub Electron (stub-electron.ts) instead of the release it would
// download. Then what the kiosk will load from app.asar: the main entry, the workers, the
// preload, the renderer, the migrations and fonts, every production dependency, better-sqlite3's
// native binary unpacked beside the archive, the fuses flipped, and nothing else: no tests, no
// sources, no secrets lying around the project folder.
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CONFIG_INPUT } from '../../../shared/config-schema';
import { MIGRATIONS } from '../../../electron/services/db/migrations';
import { fontFileName, REPORT_FONT_PACKAGE } from '../../../electron/services/reports/pdf-fonts';
import { tempDir } from '../../support/temp-db';
import { ELECTRON_DEFAULT_FUSES, readFuses, writeStubLinuxElectron } from './stub-electron';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar') as {
  listPackage(archive: string, options: { isPack: boolean }): string[];
  extractFile(archive: string, file: string): Buffer;
  statFile(archive: string, file: string): { unpacked?: boolean };
};
const yaml = require('js-yaml') as { load(text: string): unknown };
const { minimatch } = createRequire(require.resolve('app-builder-lib/package.json'))('minimatch') as {
  minimatch(file: string, pattern: string, options?: { dot?: boolean }): boolean;
};

const builderConfig = yaml.load(fs.readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as {
  files: string[];
  linux: { executableName: string };
};
const excludedByConfig = (file: string) => builderConfig.files.filter((f) => f.startsWith('!')).some((f) => minimatch(file, f.slice(1), { dot: true }));

/** Secrets a developer may have lying around the project folder; none may reach the package. */
const SECRET_PIN_HASH = 'scrypt$32768$8$1$c2VjcmV0c2VjcmV0c2VjcmV0$bm90IGluIGFueSBwYWNrYWdlIGV2ZXIgZXZlciBldmVy';
const SECRET_TOKEN = 'city-upload-token-that-must-never-ship';
const BAIT_FILES: Record<string, string> = {
  '.env': `KIOSK_TOKEN=${SECRET_TOKEN}\n`,
  'tokens.json': JSON.stringify({ [SECRET_TOKEN]: 'TTPVHCC-PKU' }),
  'config.json': JSON.stringify({ unit: { code: 'X', name: 'X' }, kiosk: { id: 'k' }, admin: { pinHash: SECRET_PIN_HASH } }),
  '.kiosk-data/config.json': JSON.stringify({ server: { token: SECRET_TOKEN }, admin: { pinHash: SECRET_PIN_HASH } }),
  '.city-data/tokens.json': JSON.stringify({ [SECRET_TOKEN]: 'X' }),
  'dist/renderer/.env.local': `VITE_TOKEN=${SECRET_TOKEN}\n`,
};

let t: { dir: string; cleanup: () => void };
let stage: string;
let appOut: string;
let archive: string;
let entries: Set<string>;

function run(file: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, timeout: 120_000, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` });
    });
  });
}

beforeAll(async () => {
  t = tempDir('kiosk-pack-');
  stage = path.join(t.dir, 'project');
  fs.mkdirSync(stage);
  for (const file of ['package.json', 'package-lock.json', 'electron-builder.yml']) fs.copyFileSync(path.join(REPO_ROOT, file), path.join(stage, file));
  fs.cpSync(path.join(REPO_ROOT, 'build'), path.join(stage, 'build'), { recursive: true });
  // Hard links: a copy in half a second. electron-builder only reads node_modules (no rebuild),
  // and it must be a real folder: through a symlink it finds no transitive dependency.
  execFileSync('cp', ['-al', path.join(REPO_ROOT, 'node_modules'), path.join(stage, 'node_modules')]);
  // The same Vite builds as `npm run build`, into the copy (the project's own dist/ is served
  // by other tests meanwhile), and with the NODE_ENV a shell gives it: under Vitest's "test"
  // Vite would pack React's development build, which no kiosk runs.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(REPO_ROOT, 'renderer/vite.config.ts'),
      logLevel: 'silent',
      build: { outDir: path.join(stage, 'dist/renderer'), emptyOutDir: true },
    });
    for (const config of ['electron/vite.main.config.ts', 'electron/vite.preload.config.ts']) {
      await build({ configFile: path.join(REPO_ROOT, config), logLevel: 'silent', build: { outDir: path.join(stage, 'dist/electron') } });
    }
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  for (const [file, content] of Object.entries(BAIT_FILES)) {
    fs.mkdirSync(path.dirname(path.join(stage, file)), { recursive: true });
    fs.writeFileSync(path.join(stage, file), content);
  }
  const electronDist = path.join(t.dir, 'electron-dist');
  writeStubLinuxElectron(electronDist);
  const r = await run(
    path.join(REPO_ROOT, 'node_modules/.bin/electron-builder'),
    ['--linux', '--dir', '--publish', 'never', '--projectDir', stage, `-c.electronDist=${electronDist}`],
    stage,
  );
  if (r.code !== 0) throw new Error(`electron-builder failed (${r.code}):\n${r.output.slice(-4000)}`);
  appOut = path.join(stage, 'release', 'linux-unpacked');
  archive = path.join(appOut, 'resources', 'app.asar');
  entries = new Set(asar.listPackage(archive, { isPack: false }).map((e) => e.replaceAll('\\', '/')));
}, 180_000);

afterAll(() => t?.cleanup());

const read = (file: string) => asar.extractFile(archive, file).toString('utf8');

describe('electron-builder --linux --dir with a stub Electron', () => {
  it('packs the main entry, its workers, the preload and package.json, and nothing but dist/ and node_modules/', () => {
    const pkg = JSON.parse(read('package.json')) as { main: string; dependencies: Record<string, string>; devDependencies?: unknown };
    expect(pkg.main).toBe('dist/electron/main.js');
    for (const file of ['dist/electron/main.js', 'dist/electron/upload-worker.js', 'dist/electron/export-worker.js', 'dist/electron/preload.cjs']) {
      expect(entries, file).toContain(`/${file}`);
    }
    const topLevel = [...entries].filter((e) => e.split('/').length === 2).sort();
    expect(topLevel).toEqual(['/dist', '/node_modules', '/package.json']);
    expect([...entries].filter((e) => e.startsWith('/dist/')).every((e) => e.startsWith('/dist/electron') || e.startsWith('/dist/renderer'))).toBe(true);
  });

  it('packs the renderer, React’s production build, with every script, stylesheet and font its page loads', () => {
    const html = read('dist/renderer/index.html');
    const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.endsWith('.js'))).toBe(true);
    expect(assets.some((a) => a.endsWith('.css'))).toBe(true);
    for (const asset of assets) expect(entries, asset).toContain(`/dist/renderer/${asset}`);
    const css = assets
      .filter((a) => a.endsWith('.css'))
      .map((a) => read(`dist/renderer/${a}`))
      .join('\n');
    const fonts = [...css.matchAll(/url\(\.?\/?([^)]+\.woff2?)\)/g)].map((m) => path.posix.join('dist/renderer/assets', path.posix.basename(m[1]!)));
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(entries, font).toContain(`/${font}`);
    // React's production build (numbered error codes), not its development build (full
    // messages, and StrictMode running every effect twice). Booleans: no bundle in a failure.
    const code = assets
      .filter((a) => a.endsWith('.js'))
      .map((a) => read(`dist/renderer/${a}`))
      .join('\n');
    expect({ production: code.includes('Minified React error'), development: code.includes('Each child in a list should have a unique') }).toEqual({
      production: true,
      development: false,
    });
  });

  it('carries every database migration in the main-process code', () => {
    const code = [...entries]
      .filter((e) => e.startsWith('/dist/electron/') && e.endsWith('.js'))
      .map((e) => read(e.slice(1)))
      .join('\n');
    for (const migration of MIGRATIONS) expect(code, `migration ${migration.version}`).toContain(migration.sql.trim());
  });

  it('packs the report font the PDF and Excel writers read at run time', () => {
    for (const subset of ['latin', 'vietnamese'] as const) {
      for (const style of ['regular', 'bold', 'italic'] as const) {
        const file = `/node_modules/${REPORT_FONT_PACKAGE}/files/${fontFileName(subset, style)}`;
        expect(entries, file).toContain(file);
      }
    }
  });

  it('packs every production dependency, and theirs, where Node will look for them', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    const resolve = (fromDir: string, name: string): string | null => {
      for (let dir = fromDir; ; dir = path.posix.dirname(dir)) {
        const candidate = path.posix.join(dir, 'node_modules', name);
        if (entries.has(`${candidate}/package.json`)) return candidate;
        if (dir === '/') return null;
      }
    };
    const missing: string[] = [];
    const seen = new Set<string>();
    const queue = Object.keys(pkg.dependencies)
      // The renderer's packages are bundled into dist/renderer and left out on purpose.
      .map((name) => ({ from: '/', name }));
    expect(queue.length).toBeGreaterThan(10);
    while (queue.length > 0) {
      const { from, name } = queue.shift()!;
      // Left out on purpose: the renderer's packages (bundled into dist/renderer) and @types.
      if (excludedByConfig(`node_modules/${name}/package.json`)) continue;
      const at = resolve(from, name);
      if (!at) {
        missing.push(`${name} (needed by ${from})`);
        continue;
      }
      if (seen.has(at)) continue;
      seen.add(at);
      const manifest = JSON.parse(read(`${at.slice(1)}/package.json`)) as { dependencies?: Record<string, string> };
      for (const dep of Object.keys(manifest.dependencies ?? {})) queue.push({ from: at, name: dep });
    }
    expect(missing).toEqual([]);
    expect(seen.size).toBeGreaterThan(100);
  });

  it('unpacks better-sqlite3’s native binaries beside the archive, where Electron can load them', () => {
    for (const prebuild of ['linux-x64.node', 'win32-x64.node']) {
      const inArchive = `node_modules/better-sqlite3/prebuilds/${prebuild}`;
      expect(asar.statFile(archive, inArchive).unpacked, prebuild).toBe(true);
      const onDisk = path.join(appOut, 'resources', 'app.asar.unpacked', inArchive);
      expect(fs.readFileSync(onDisk)).toEqual(fs.readFileSync(path.join(REPO_ROOT, inArchive)));
    }
    expect([...entries].filter((e) => e.endsWith('.node')).every((e) => asar.statFile(archive, e.slice(1)).unpacked)).toBe(true);
  });

  it('flips the fuses electron-builder.yml sets in the packaged binary', () => {
    const binary = fs.readFileSync(path.join(appOut, builderConfig.linux.executableName));
    // Wire order: runAsNode, cookie encryption, NODE_OPTIONS, --inspect, asar integrity,
    // only load app.asar, browser V8 snapshot (left as Electron ships it), file:// privileges.
    expect(readFuses(binary)).toBe('01001100');
    expect(readFuses(binary)).not.toBe(ELECTRON_DEFAULT_FUSES);
  });

  it('ships no tests, no sources and no secrets', () => {
    const own = [...entries].filter((e) => !e.startsWith('/node_modules/'));
    expect(own.filter((e) => /(^|\/)(tests?|__tests__|e2e)(\/|$)|\.(test|spec)\.[cm]?[jt]sx?$|\.tsx?$/.test(e))).toEqual([]);
    for (const bait of Object.keys(BAIT_FILES)) expect(entries, bait).not.toContain(`/${bait}`);
    expect([...entries].filter((e) => /(^|\/)\.env(\.|$)|(^|\/)tokens\.json$|\.(db|db-wal|db-shm|pem|key|p12|pfx)$/.test(e))).toEqual([]);

    // The only PIN hashes anywhere in the archive are the demo configuration's.
    const demoHashes = new Set([DEMO_CONFIG_INPUT.admin?.pinHash, ...(DEMO_CONFIG_INPUT.officers ?? []).map((o) => o.pinHash)]);
    const found = new Map<string, string>();
    for (const e of entries) {
      if (!/\.(js|cjs|mjs|json|html|css|ya?ml|txt|md)$/.test(e)) continue;
      // Files only: a package's folder may be named like one (node_modules/ipaddr.js).
      const stat = asar.statFile(archive, e.slice(1));
      if (!('size' in stat) || stat.unpacked) continue;
      const text = read(e.slice(1));
      expect(text, e).not.toContain(SECRET_TOKEN);
      for (const m of text.matchAll(/scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+/g)) found.set(m[0], e);
    }
    expect([...found.keys()].filter((h) => !demoHashes.has(h))).toEqual([]);
    expect(found.size).toBe(demoHashes.size);
  });
});
