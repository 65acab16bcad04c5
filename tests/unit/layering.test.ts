// The import rules of docs/architecture.md ("What each folder may import"), made mechanical:
// a wrong import fails the build. (eslint.config.js says the same for editors; this test
// also catches files eslint skips.)
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/web-host';

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;

function sourceFiles(dir: string): string[] {
  const root = path.join(REPO_ROOT, dir);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && SOURCE.test(e.name))
    .map((e) => path.relative(REPO_ROOT, path.join(e.parentPath, e.name)));
}

/**
 * Every module specifier a file imports, re-exports or requires; with `atStart`, only those
 * loaded as the module starts (no `import type`, no `import()`).
 */
export function importsOf(text: string, { atStart = false } = {}): string[] {
  const specs: string[] = [];
  const type = atStart ? '(?!type\\b)' : '(?:type\\s+)?';
  const patterns = [
    new RegExp(`\\bimport\\s+${type}(?:[^'"\`;]*?\\s+from\\s+)?['"]([^'"]+)['"]`, 'g'),
    new RegExp(`\\bexport\\s+${type}[^'"\`;]*?\\s+from\\s+['"]([^'"]+)['"]`, 'g'),
    ...(atStart ? [] : [/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g]),
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) specs.push(m[1]!);
  return specs;
}

function resolvedTopDir(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return path
    .relative(REPO_ROOT, path.resolve(REPO_ROOT, path.dirname(file), spec))
    .split(path.sep)
    .slice(0, 2)
    .join('/');
}

function violations(dirs: string[], isBad: (file: string, spec: string) => boolean): string[] {
  const out: string[] = [];
  for (const dir of dirs)
    for (const file of sourceFiles(dir))
      for (const spec of importsOf(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'))) if (isBad(file, spec)) out.push(`${file} imports ${spec}`);
  return out;
}

const isElectron = (spec: string) => spec === 'electron' || spec.startsWith('electron/');

/** The packages a module loads as it starts: through its own imports and theirs, repo files followed. */
function packagesLoadedAtStart(entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of importsOf(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'), { atStart: true })) {
      if (!spec.startsWith('.')) {
        if (!spec.startsWith('node:')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
        continue;
      }
      const base = path.relative(REPO_ROOT, path.resolve(REPO_ROOT, path.dirname(file), spec));
      const found = [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find(
        (f) => fs.existsSync(path.join(REPO_ROOT, f)) && fs.statSync(path.join(REPO_ROOT, f)).isFile(),
      );
      if (found) visit(found);
    }
  };
  visit(entry);
  return packages;
}

describe('layering', () => {
  it('recognises the import forms it polices (so the checks below can fail)', () => {
    const sample = `import { app } from 'electron';\nimport type { X } from "../electron/main/x";\nconst e = require('electron');\nexport { y } from './y';\nawait import('node:fs');`;
    expect(importsOf(sample)).toEqual(['electron', '../electron/main/x', './y', 'node:fs', 'electron']);
  });

  it("imports 'electron' only in electron/main and electron/preload", () => {
    const dirs = ['shared', 'renderer', 'server', 'electron/services', 'electron/web-host', 'electron/admin-cli', 'bench'];
    expect(violations(dirs, (_f, spec) => isElectron(spec))).toEqual([]);
  });

  it('keeps the renderer away from electron/ and server/ code and from Node', () => {
    const bad = violations(['renderer/src'], (file, spec) => {
      const top = resolvedTopDir(file, spec);
      return spec.startsWith('node:') || (top !== null && (top.startsWith('electron/') || top.startsWith('server/')));
    });
    expect(bad).toEqual([]);
  });

  it('keeps shared/ free of Node, the DOM libraries and the rest of the repo', () => {
    const bad = violations(['shared'], (file, spec) => {
      const top = resolvedTopDir(file, spec);
      return spec.startsWith('node:') || spec === 'react' || spec === 'react-dom' || (top !== null && !top.startsWith('shared'));
    });
    expect(bad).toEqual([]);
  });

  it('follows imports into packages, and not through import type or import() (so the check below can fail)', () => {
    expect(
      importsOf(`import type { A } from 'a';\nimport { b } from 'b';\nimport 'c';\nawait import('d');\nexport { e } from 'e';`, { atStart: true }),
    ).toEqual(['b', 'c', 'e']);
    expect(packagesLoadedAtStart('electron/services/sync/upload-worker.ts')).toContain('undici');
  });

  // Uploads run in the worker, which loads the HTTP client itself: on the main thread it only
  // lengthens every start (of the kiosk, the web host and each admin command).
  it.each(['electron/main/main.ts', 'electron/web-host/cli.ts', 'electron/admin-cli/cli.ts'])('%s starts without the HTTP client (undici)', (entry) => {
    expect([...packagesLoadedAtStart(entry)]).not.toContain('undici');
  });

  it('keeps electron/services free of the shells', () => {
    const bad = violations(['electron/services'], (file, spec) => {
      const top = resolvedTopDir(file, spec);
      return top !== null && ['electron/main', 'electron/preload', 'electron/web-host', 'renderer/src'].some((d) => top.startsWith(d));
    });
    expect(bad).toEqual([]);
  });
});
