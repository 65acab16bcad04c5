// A USB barcode/QR scanner as the kiosk sees it: a keyboard that types a burst of keys a
// few milliseconds apart and ends with Enter.
import { expect, test, type Locator, type Page } from '@playwright/test';

/**
 * Holds Playwright's clock a moment ahead of the page's time. The page's clock runs on while
 * the test asks for its time, so on a loaded machine the moment may already have passed
 * ("Cannot fast-forward to the past"): then it asks again, further ahead.
 */
async function holdClock(page: Page): Promise<void> {
  for (const aheadMs of [50, 250, 1000]) {
    try {
      await page.clock.pauseAt((await page.evaluate(() => Date.now())) + aheadMs);
      return;
    } catch (error) {
      if (aheadMs === 1000 || !String(error).includes('fast-forward to the past')) throw error;
    }
  }
}

/**
 * What a USB scanner does: every character as a key press a few ms apart, then Enter.
 * The keys carry the scanner's rhythm, not the time a busy test machine got them through:
 * as the operating system's input events do, each is stamped with when it was pressed
 * (Chromium takes KeyboardEvent.timeStamp from that), and the kiosk judges a scan by that
 * rhythm alone. Under Playwright's clock (installClock) the page's events carry the fake
 * clock's time instead, so the clock is held and moved on by the gap between keys.
 */
export async function scan(page: Page, text: string, gapMs = 10): Promise<void> {
  const keys = [...text, 'Enter'];
  if (await page.evaluate(() => 'isFake' in Date)) {
    await holdClock(page);
    try {
      for (const key of keys) {
        await page.keyboard.press(key);
        await page.clock.runFor(gapMs);
      }
    } finally {
      await page.clock.resume();
    }
    return;
  }
  const cdp = await page.context().newCDPSession(page);
  try {
    const start = Date.now() / 1000;
    for (const [i, key] of keys.entries()) {
      const timestamp = start + (i * gapMs) / 1000;
      const named = key === 'Enter' ? { code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13, text: '\r' } : { text: key, unmodifiedText: key };
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key, timestamp, ...named });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, timestamp: timestamp + 0.002, ...named });
    }
  } finally {
    await cdp.detach();
  }
}

/**
 * Scans until the kiosk shows `outcome`, rescanning as staff do when it says "Chưa đọc được
 * mã hồ sơ" (with the keys stamped as above that should not happen; if it does, each
 * rescan is recorded and named in the failure).
 */
export async function scanUntil(page: Page, text: string, outcome: Locator): Promise<void> {
  const rescans: string[] = [];
  for (let attempt = 1; ; attempt++) {
    await scan(page, text);
    const unread = page.locator('[data-testid="scan-notice"][data-kind="failed"]');
    // Keys held up longer than a person's pause read as typing, not a scan, and the kiosk
    // rightly does nothing: staff would scan again, and so does the test.
    const reacted = await expect(outcome.or(unread).first())
      .toBeVisible({ timeout: 15_000 })
      .then(() => true)
      .catch(() => false);
    if (reacted && (await outcome.isVisible())) return;
    rescans.push(`scan ${attempt} ${reacted ? 'arrived with a stall and was refused' : 'was not answered (read as typing)'}`);
    test.info().annotations.push({ type: 'rescan', description: rescans.at(-1) });
    if (attempt === 3) throw new Error(`three scans in a row were not read as one scan: ${rescans.join('; ')}`);
    if (reacted) await expect(unread).toHaveCount(0, { timeout: 10_000 });
  }
}

export const scanIntoSession = (page: Page, text: string) => scanUntil(page, text, page.getByTestId('dossier-session'));
export const notice = (page: Page, kind: string) => page.locator(`[data-testid="scan-notice"][data-kind="${kind}"]`);
