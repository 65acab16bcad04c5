// Builds the sandboxed preload to dist/electron/preload.cjs: one self-contained CommonJS
// file. A sandboxed preload can only require 'electron' (and a few polyfilled builtins),
// so everything else, including shared/kiosk-methods.ts, is bundled in.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist/electron', import.meta.url)),
    emptyOutDir: false,
    target: 'chrome140',
    sourcemap: false,
    minify: false,
    lib: {
      entry: fileURLToPath(new URL('./preload/preload.ts', import.meta.url)),
      formats: ['cjs'],
      fileName: () => 'preload.cjs',
    },
    rolldownOptions: {
      external: ['electron'],
      output: { codeSplitting: false },
    },
  },
});
