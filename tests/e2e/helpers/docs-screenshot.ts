// README pictures come from the e2e runs that check the same screens, but only when asked
// (KIOSK_DOCS_SCREENSHOTS=1): an ordinary test run must not rewrite tracked files.
import path from 'node:path';
import type { Page } from '@playwright/test';
import { REPO_ROOT } from '../../support/web-host';

export async function docsScreenshot(page: Page, name: string, settleMs = 0): Promise<void> {
  if (!process.env.KIOSK_DOCS_SCREENSHOTS) return;
  // Lets a CSS transition finish so the picture shows the settled state. A real wait on
  // purpose: transitions run on the browser's animation clock, which no page event reports
  // the end of here and Playwright's clock does not drive; ordinary runs skip it (above).
  if (settleMs > 0) await page.waitForTimeout(settleMs);
  await page.screenshot({ path: path.join(REPO_ROOT, 'docs', 'screenshots', name) });
}
