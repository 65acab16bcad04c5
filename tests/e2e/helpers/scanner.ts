// A USB barcode/QR scanner as the kiosk sees it: a keyboard that types a burst of keys a
// few milliseconds apart and ends with Enter.
import { expect, test, type Locator, type Page } from '@playwright/test';

/** What a USB scanner does: every character as a key press a few ms apart, then Enter. */
export async function scan(page: Page, text: string, gapMs = 10): Promise<void> {
  await page.keyboard.type(text, { delay: gapMs });
  await page.keyboard.press('Enter');
}

/**
 * Scans until the kiosk shows `outcome`, rescanning as staff do when it says "Chưa đọc được
 * mã hồ sơ": on a loaded 2-core machine a key of the burst can arrive late, and the kiosk
 * then refuses the scan rather than keep a shortened code. Each rescan is recorded.
 */
export async function scanUntil(page: Page, text: string, outcome: Locator): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await scan(page, text);
    const unread = page.locator('[data-testid="scan-notice"][data-kind="failed"]');
    // Keys held up longer than a person's pause read as typing, not a scan, and the kiosk
    // rightly does nothing: staff would scan again, and so does the test.
    const reacted = await expect(outcome.or(unread).first())
      .toBeVisible({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (reacted && (await outcome.isVisible())) return;
    test.info().annotations.push({ type: 'rescan', description: `scan ${attempt} ${reacted ? 'arrived with a stall and was refused' : 'read as typing'}` });
    if (attempt === 3) throw new Error('three scans in a row were not read as one scan');
    if (reacted) await expect(unread).toHaveCount(0, { timeout: 10_000 });
  }
}

export const scanIntoSession = (page: Page, text: string) => scanUntil(page, text, page.getByTestId('dossier-session'));
export const notice = (page: Page, kind: string) => page.locator(`[data-testid="scan-notice"][data-kind="${kind}"]`);
