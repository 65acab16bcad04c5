// Fails early, with the fix, when Debian's Chromium is missing (Playwright must never
// download its own browser here). Also builds the renderer once, before any host starts.
import fs from 'node:fs';
import { ensureRendererBuilt } from '../../electron/web-host/renderer-build';
import { REPO_ROOT } from './web-host';

export default function globalSetup(): void {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium)) {
    throw new Error(`Chromium not found at ${chromium}. Install Debian's package: apt-get install -y chromium (bash .ci/run does this).`);
  }
  ensureRendererBuilt(REPO_ROOT);
}
