// Builds main and preload with the real Vite configs into a temp folder and checks what the
// packaged app will load: the preload must run in a sandbox that can only require
// 'electron'; the main bundle may only import what is shipped in production node_modules.
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcChannel, KIOSK_METHODS } from '../../../shared/kiosk-methods';
import { tempDir } from '../../support/temp-db';

const root = path.resolve(import.meta.dirname, '../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
let outDir: string;
let cleanup: () => void;
let mainJs: string;
let workerJs: string;
let exportWorkerJs: string;
let preloadCjs: string;

beforeAll(async () => {
  ({ dir: outDir, cleanup } = tempDir('kiosk-electron-build-'));
  for (const configFile of ['electron/vite.main.config.ts', 'electron/vite.preload.config.ts']) {
    await build({ configFile: path.join(root, configFile), logLevel: 'silent', build: { outDir } });
  }
  mainJs = fs.readFileSync(path.join(outDir, 'main.js'), 'utf8');
  workerJs = fs.readFileSync(path.join(outDir, 'upload-worker.js'), 'utf8');
  exportWorkerJs = fs.readFileSync(path.join(outDir, 'export-worker.js'), 'utf8');
  preloadCjs = fs.readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
}, 60_000);

afterAll(() => cleanup());

describe('preload bundle', () => {
  it('requires nothing but electron and bundles no validation library', () => {
    const required = [...preloadCjs.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preloadCjs).not.toMatch(/\bzod\b/);
    expect(preloadCjs).not.toMatch(/^\s*import\s/m);
  });

  it('runs in a sandbox-like context and exposes the contract', async () => {
    const exposed: Record<string, unknown> = {};
    const invoked: unknown[][] = [];
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (name: string, api: unknown) => (exposed[name] = api) },
      ipcRenderer: { invoke: async (...args: unknown[]) => invoked.push(args) },
    };
    const sandboxRequire = (id: string) => {
      if (id === 'electron') return fakeElectron;
      throw new Error(`sandboxed preload cannot require ${id}`);
    };
    const module = { exports: {} };
    vm.runInNewContext(`(function (require, module, exports) {${preloadCjs}\n})`, {})(sandboxRequire, module, module.exports);
    const api = exposed.kiosk as Record<string, (input: unknown) => Promise<unknown>>;
    expect(Object.keys(api).sort()).toEqual([...KIOSK_METHODS].sort());
    await api.submitRating!({ level: 5, language: 'vi' });
    expect(invoked).toEqual([[ipcChannel('submitRating'), { level: 5, language: 'vi' }]]);
  });
});

const importsOf = (code: string) =>
  [...code.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/gm), ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);

/** What a bundle imports from outside the build, following its relative imports (shared chunks). */
function externalImports(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const code = fs.readFileSync(file, 'utf8');
  expect(code).not.toMatch(/\brequire\(/);
  return importsOf(code).flatMap((id) => (id.startsWith('.') ? externalImports(path.resolve(path.dirname(file), id), seen) : [id]));
}

const allowed = (id: string) =>
  id === 'electron' ||
  id.startsWith('node:') ||
  builtinModules.includes(id) ||
  Object.keys(pkg.dependencies).some((dep) => id === dep || id.startsWith(`${dep}/`));

describe('main bundle', () => {
  it('is an ES module that imports only electron, Node builtins and production dependencies', () => {
    const specifiers = externalImports(path.join(outDir, 'main.js'));
    expect(specifiers.length).toBeGreaterThan(0);
    expect(specifiers.filter((id) => !allowed(id))).toEqual([]);
    expect(specifiers).toContain('electron');
    expect(specifiers).toContain('better-sqlite3');
  });

  it('imports none of the packages electron-builder.yml leaves out of the app', () => {
    const yml = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    const excluded = [...yml.matchAll(/"!node_modules\/\{([^}]+)\}\/\*\*"/g)].flatMap((m) => m[1]!.split(','));
    expect(excluded).toContain('react');
    const imported = ['main.js', 'upload-worker.js', 'export-worker.js', 'diagnostics-worker.js'].flatMap((f) => externalImports(path.join(outDir, f)));
    const clash = imported.filter((id) => excluded.some((pkgName) => id === pkgName || id.startsWith(`${pkgName}/`)));
    expect(clash).toEqual([]);
  });

  it('locates the preload, the renderer and both workers next to itself', () => {
    expect(mainJs).toContain('preload.cjs');
    expect(mainJs).toMatch(/["']renderer["']/);
    expect(mainJs).toContain('upload-worker.js');
    expect(mainJs).toContain('export-worker.js');
    expect(mainJs).toContain('diagnostics-worker.js');
  });
});

describe('upload worker bundle', () => {
  it('is built beside main.js, serves the worker messages, and never imports electron', () => {
    const specifiers = externalImports(path.join(outDir, 'upload-worker.js'));
    expect(specifiers.filter((id) => !allowed(id))).toEqual([]);
    expect(specifiers).not.toContain('electron');
    expect(specifiers).toContain('better-sqlite3');
    expect(specifiers).toContain('node:worker_threads');
    expect(workerJs).toMatch(/["']syncNow["']/);
  });
});

describe('export worker bundle', () => {
  it('is built beside main.js, writes reports from SQLite, and never imports electron', () => {
    const specifiers = externalImports(path.join(outDir, 'export-worker.js'));
    expect(specifiers.filter((id) => !allowed(id))).toEqual([]);
    expect(specifiers).not.toContain('electron');
    expect(specifiers).toEqual(expect.arrayContaining(['better-sqlite3', 'node:worker_threads', 'exceljs', 'pdfkit']));
    expect(exportWorkerJs).toContain('kiosk-export-worker');
  });
});

describe('diagnostics worker bundle', () => {
  it('is built beside main.js, checks SQLite and packs the zip, and never imports electron', () => {
    const specifiers = externalImports(path.join(outDir, 'diagnostics-worker.js'));
    expect(specifiers.filter((id) => !allowed(id))).toEqual([]);
    expect(specifiers).not.toContain('electron');
    expect(specifiers).toEqual(expect.arrayContaining(['better-sqlite3', 'node:worker_threads', 'fflate']));
    expect(fs.readFileSync(path.join(outDir, 'diagnostics-worker.js'), 'utf8')).toContain('kiosk-diagnostics-worker');
  });
});
