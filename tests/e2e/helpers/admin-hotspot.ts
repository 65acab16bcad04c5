// The hidden admin gesture, held on Playwright's clock instead of the wall clock: the
// hotspot's 3-second timer is the page's own setTimeout, so the test moves that clock by
// exactly as long as the finger stays down, and a hold never comes out shorter or longer
// because the machine was busy.
import type { Page } from '@playwright/test';

/**
 * Fakes the page's timers (the clock keeps running with real time until a test moves it).
 * Call before the page is opened: a timer started on the real clock is out of its reach.
 */
export async function installClock(page: Page): Promise<void> {
  await page.clock.install();
}

/** Presses the top-left corner, lets `ms` pass on the page's clock, and lifts the finger. */
export async function holdHotspot(page: Page, ms: number): Promise<void> {
  if (!(await page.evaluate(() => 'isFake' in Date))) throw new Error('holdHotspot needs installClock(page) before the page is opened');
  const box = await page.getByTestId('admin-hotspot').boundingBox();
  if (!box) throw new Error('admin hotspot not rendered');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.clock.runFor(ms);
  await page.mouse.up();
}
