// The counter workflow's citizen screens (a dossier's session, the comment keyboard, the
// survey contact) keep every control on screen and large enough for a finger on the
// 1920×1080 kiosk, on 1366×768 and in 1080×1920 portrait.
import { expect, test, type Page } from '@playwright/test';
import { startWebHost, type WebHost } from '../support/web-host';
import { levelButton, openKiosk, testConfig } from './helpers/citizen-kiosk';
import { scanIntoSession } from './helpers/scanner';

const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 1080, height: 1920 },
];

let host: WebHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

async function expectControlsFit(page: Page, minHeight: number): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const at = `${size.width}×${size.height}`;
    const buttons = await page.getByRole('button').all();
    expect(buttons.length).toBeGreaterThan(0);
    for (const button of buttons) {
      const box = (await button.boundingBox())!;
      const name = (await button.getAttribute('aria-label')) ?? (await button.innerText());
      expect.soft(box.x, `${name} at ${at}`).toBeGreaterThanOrEqual(0);
      expect.soft(box.y, `${name} at ${at}`).toBeGreaterThanOrEqual(0);
      expect.soft(box.x + box.width, `${name} at ${at}`).toBeLessThanOrEqual(size.width);
      expect.soft(box.y + box.height, `${name} at ${at}`).toBeLessThanOrEqual(size.height);
      expect.soft(box.height, `${name} at ${at}`).toBeGreaterThanOrEqual(minHeight);
    }
  }
}

test('a dossier session fits on every supported screen', async ({ page }) => {
  host = await startWebHost({ config: testConfig() });
  await openKiosk(page, host);
  await scanIntoSession(page, '000.00.31.H21-261201-0042');
  await expectControlsFit(page, 56);
});

test('the comment keyboard fits on every supported screen', async ({ page }) => {
  host = await startWebHost({ config: testConfig() });
  await openKiosk(page, host);
  await levelButton(page, 'Không hài lòng').click();
  await page.getByTestId('open-comment').click();
  await expect(page.getByTestId('comment-screen')).toBeVisible();
  await expectControlsFit(page, 48);
});

test('the survey contact screen fits on every supported screen', async ({ page }) => {
  host = await startWebHost({
    config: testConfig({ timeouts: { thankYouSeconds: 30 }, contact: { enabled: true, contactPoint: 'Bộ phận Một cửa, 0269 3823 456' } }),
  });
  await openKiosk(page, host);
  await levelButton(page, 'Rất hài lòng').click();
  await page.getByTestId('thanks-contact').click();
  await expect(page.getByTestId('contact-screen')).toBeVisible();
  await expectControlsFit(page, 56);
});
