// Builds the citizen renderer into dist/renderer. The same files are served by the web host
// (http://127.0.0.1) and by Electron's app:// protocol, so every URL is relative.
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

// import.meta.dirname (Node ≥ 20.11) keeps this file free of node: imports, which the
// renderer's lint rules forbid, and works from any working directory and on Windows.
const root = import.meta.dirname;

const config = {
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
} satisfies UserConfig;

export default defineConfig(({ command }) => {
  // React's production build from every `vite build`, whatever NODE_ENV the shell carries:
  // Vite builds React's development one when NODE_ENV says so (Vitest sets "test" for every
  // process it starts; a developer's profile may set "development"), and its StrictMode runs
  // each effect twice, so the kiosk said each spoken prompt twice. Vite reads NODE_ENV after
  // this file, and its documentation names the config as the place to set it.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return config;
});
