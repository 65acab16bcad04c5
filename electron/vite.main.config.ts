// Builds the Electron main process to dist/electron/main.js as an ES module (package.json
// has "type": "module"; Electron 45 loads ESM entry points), and the workers beside it:
// dist/electron/upload-worker.js, export-worker.js and diagnostics-worker.js (each its own
// thread, loaded by file name: sync/worker-entry.ts, reports/export-worker-entry.ts,
// diagnostics/diagnostics-worker-entry.ts). Dependencies stay external
// and are packaged in node_modules: better-sqlite3 loads a native .node file that cannot be
// bundled, and the others then need no special handling either.
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import pkg from '../package.json' with { type: 'json' };

const dependencies = Object.keys(pkg.dependencies ?? {});
const isExternal = (id: string) =>
  id === 'electron' || id.startsWith('node:') || builtinModules.includes(id) || dependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  publicDir: false,
  build: {
    ssr: true,
    outDir: fileURLToPath(new URL('../dist/electron', import.meta.url)),
    // The preload build writes into the same folder.
    emptyOutDir: false,
    target: 'node24',
    sourcemap: true,
    minify: false,
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('./main/main.ts', import.meta.url)),
        'upload-worker': fileURLToPath(new URL('./services/sync/upload-worker.ts', import.meta.url)),
        'export-worker': fileURLToPath(new URL('./services/reports/export-worker.ts', import.meta.url)),
        'diagnostics-worker': fileURLToPath(new URL('./services/diagnostics/diagnostics-worker.ts', import.meta.url)),
      },
      external: isExternal,
      // Code both entries use goes into chunks/, imported by relative path.
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
  ssr: { target: 'node', noExternal: [] },
});
