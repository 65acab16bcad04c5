// The renderer the web host builds for itself when dist/renderer is missing or stale, and the
// one `npm run build` packages, is React's production build, whatever NODE_ENV the process
// that asks for it carries. Vitest
// sets NODE_ENV=test, as it does for the web hosts the tests start, so this test builds under
// exactly the condition that once produced a development build: one whose StrictMode runs
// every effect twice, so that the kiosk said each spoken prompt twice.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ensureRendererBuilt } from '../../../electron/web-host/renderer-build';
import { tempDir } from '../../support/temp-db';
import { REPO_ROOT } from '../../support/web-host';

const t = tempDir('renderer-build-');
afterAll(() => t.cleanup());

/** Whether the built scripts carry React's production build and not its development one. */
function reactBuildOf(outDir: string) {
  const assets = path.join(outDir, 'assets');
  const scripts = fs.readdirSync(assets).filter((f) => f.endsWith('.js'));
  expect(scripts.length).toBeGreaterThan(0);
  const code = scripts.map((f) => fs.readFileSync(path.join(assets, f), 'utf8')).join('\n');
  // React's production build replaces its messages with numbered codes; the development
  // build carries them, such as its warning about list items without keys.
  // Booleans, so that a failure does not print half a megabyte of bundle.
  return { production: code.includes('Minified React error'), development: code.includes('Each child in a list should have a unique') };
}

it('builds React’s production renderer even when NODE_ENV says "test", and only when its output is missing or stale', () => {
  expect(process.env.NODE_ENV).toBe('test');
  const outDir = path.join(t.dir, 'renderer');
  expect(ensureRendererBuilt(REPO_ROOT, outDir)).toBe(outDir);
  expect(reactBuildOf(outDir)).toEqual({ production: true, development: false });

  // Up to date: left as it is.
  const builtAt = fs.statSync(path.join(outDir, 'index.html')).mtimeMs;
  ensureRendererBuilt(REPO_ROOT, outDir);
  expect(fs.statSync(path.join(outDir, 'index.html')).mtimeMs).toBe(builtAt);
}, 60_000);

it('builds React’s production renderer when NODE_ENV says "development", as a developer’s shell running `npm run build` may', () => {
  // The same build as `npm run build:renderer` (vite build with renderer/vite.config.ts), in
  // a process that inherits this NODE_ENV.
  const outDir = path.join(t.dir, 'packaged');
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'development';
  try {
    expect(ensureRendererBuilt(REPO_ROOT, outDir)).toBe(outDir);
  } finally {
    process.env.NODE_ENV = before;
  }
  expect(reactBuildOf(outDir)).toEqual({ production: true, development: false });
}, 60_000);
