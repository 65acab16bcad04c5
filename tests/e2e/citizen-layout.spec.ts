// The faces must be big enough for an elderly citizen's finger on the 1920×1080 kiosk and
// fully on screen on the smaller and portrait screens some centres use. Also takes the
// README screenshots (docs/screenshots) when KIOSK_DOCS_SCREENSHOTS is set.
import { expect, test, type Page } from '@playwright/test';
import type { WebHost } from '../support/web-host';
import { docsScreenshot } from './helpers/docs-screenshot';
import { levelButton, openKiosk, startKiosk, VI_FOLLOW_UP, VI_LEVEL_LABELS, VI_QUESTION } from './helpers/citizen-kiosk';

let host: WebHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

async function ratingButtons(page: Page) {
  const group = page.getByRole('group', { name: VI_QUESTION });
  const buttons = await group.getByRole('button').all();
  return Promise.all(buttons.map(async (b) => ({ text: await b.innerText(), box: (await b.boundingBox())! })));
}

async function expectAllInViewport(page: Page) {
  const viewport = page.viewportSize()!;
  for (const { text, box } of await ratingButtons(page)) {
    expect.soft(box.x, text).toBeGreaterThanOrEqual(0);
    expect.soft(box.y, text).toBeGreaterThanOrEqual(0);
    expect.soft(box.x + box.width, text).toBeLessThanOrEqual(viewport.width);
    expect.soft(box.y + box.height, text).toBeLessThanOrEqual(viewport.height);
    expect.soft(box.height, text).toBeGreaterThanOrEqual(120);
  }
}

for (const scale of ['3', '5'] as const) {
  test(`${scale}-level faces are at least 160 px tall at 1920×1080 and fit at 1366×768 and in portrait`, async ({ page }) => {
    host = await startKiosk({ scale });
    await page.setViewportSize({ width: 1920, height: 1080 });
    await openKiosk(page, host);
    const large = await ratingButtons(page);
    expect(large).toHaveLength(Number(scale));
    for (const { text, box } of large) expect(box.height, text).toBeGreaterThanOrEqual(160);
    await expectAllInViewport(page);
    if (scale === '3') await docsScreenshot(page, 'idle.png');

    await page.setViewportSize({ width: 1366, height: 768 });
    await expectAllInViewport(page);

    await page.setViewportSize({ width: 1080, height: 1920 });
    await expectAllInViewport(page);
    const portrait = await ratingButtons(page);
    // A column in portrait: most satisfied on top.
    expect(portrait.map((b) => b.box.y)).toEqual([...portrait.map((b) => b.box.y)].sort((a, b) => a - b));
    expect(new Set(portrait.map((b) => Math.round(b.box.x))).size).toBe(1);
    if (scale === '3') await docsScreenshot(page, 'idle-portrait.png');
  });
}

test('the follow-up screen fits on every supported screen', async ({ page }) => {
  host = await startKiosk();
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openKiosk(page, host);
  await levelButton(page, VI_LEVEL_LABELS[2]).click();
  await expect(page.getByRole('heading', { name: VI_FOLLOW_UP })).toBeVisible();
  await page.getByRole('button', { name: 'Chờ lâu, nơi chờ, biển chỉ dẫn', exact: true }).click();
  await page.getByRole('button', { name: 'Phí, lệ phí không đúng quy định', exact: true }).click();
  await expect(page.getByText('Nếu Ông/Bà bị thu phí sai quy định', { exact: false })).toBeVisible();
  await docsScreenshot(page, 'follow-up.png', 300);

  for (const size of [
    { width: 1920, height: 1080 },
    { width: 1366, height: 768 },
    { width: 1080, height: 1920 },
  ]) {
    await page.setViewportSize(size);
    for (const button of await page.getByRole('button').all()) {
      const box = (await button.boundingBox())!;
      const name = await button.innerText();
      expect.soft(box.y + box.height, `${name} at ${size.width}×${size.height}`).toBeLessThanOrEqual(size.height);
      expect.soft(box.x + box.width, `${name} at ${size.width}×${size.height}`).toBeLessThanOrEqual(size.width);
      expect.soft(box.height, `${name} at ${size.width}×${size.height}`).toBeGreaterThanOrEqual(56);
    }
  }
});
