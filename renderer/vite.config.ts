// Builds the citizen renderer into dist/renderer. The same files are served by the web host
// (http://127.0.0.1) and by Electron's app:// protocol, so every URL is relative.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// import.meta.dirname (Node ≥ 20.11) keeps this file free of node: imports, which the
// renderer's lint rules forbid, and works from any working directory and on Windows.
const root = import.meta.dirname;

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: `${root}/../dist/renderer`,
    emptyOutDir: true,
    // The CSP allows fonts and scripts from 'self' only: never inline assets as data: URLs.
    assetsInlineLimit: 0,
    target: 'chrome130',
    sourcemap: false,
  },
});
