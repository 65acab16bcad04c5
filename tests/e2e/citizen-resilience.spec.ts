// What the citizen sees when the backend is unreachable or slow, the staff status line, and
// the hidden admin gesture. Faults are injected on the browser's own network layer; the
// host behind it is real.
import { expect, test } from '@playwright/test';
import type { WebHost } from '../support/web-host';
import { installClock } from './helpers/admin-hotspot';
import { expectThanksThenIdle, levelButton, openKiosk, readRatings, startKiosk, VI_LEVEL_LABELS, VI_QUESTION, VI_SAVE_FAILED } from './helpers/citizen-kiosk';

let host: WebHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

test('a failed save says so on the idle screen and the citizen can tap again', async ({ page }) => {
  host = await startKiosk();
  await openKiosk(page, host);
  await page.route('**/api/submitRating', (route) => route.abort('connectionrefused'));
  await levelButton(page, VI_LEVEL_LABELS[5]).click();
  await expect(page.getByRole('alert')).toHaveText(VI_SAVE_FAILED);
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible();
  expect(readRatings(host.dataDir)).toEqual([]);

  await page.unroute('**/api/submitRating');
  await levelButton(page, VI_LEVEL_LABELS[5]).click();
  await expectThanksThenIdle(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(readRatings(host.dataDir).map((r) => r.level)).toEqual([5]);
});

test('while a slow save is in flight the screen says so and further taps are ignored', async ({ page }) => {
  host = await startKiosk();
  await openKiosk(page, host);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/submitRating', async (route) => {
    await released;
    await route.continue();
  });
  await levelButton(page, VI_LEVEL_LABELS[4]).click();
  await expect(page.getByText('Đang lưu đánh giá…')).toBeVisible();
  // The other faces are marked aria-disabled; a finger does not wait for them, so force the taps.
  await levelButton(page, VI_LEVEL_LABELS[2]).tap({ force: true });
  await levelButton(page, VI_LEVEL_LABELS[4]).tap({ force: true });
  // Not thanked before the rating is stored.
  await expect(page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' })).toHaveCount(0);
  release();
  await expectThanksThenIdle(page);
  expect(readRatings(host.dataDir).map((r) => r.level)).toEqual([4]);
});

test('the staff status line follows getSyncStatus, and is hidden while sync is not available', async ({ page }) => {
  host = await startKiosk();
  await openKiosk(page, host);
  const status = await host.call<{ pending: number }>('getSyncStatus');
  if (status.ok) {
    await expect(page.getByTestId('sync-status')).toContainText(`Chưa gửi: ${status.value.pending}`);
  } else {
    expect(status.error.code).toBe('NOT_FOUND');
    await expect(page.getByTestId('sync-status')).toHaveCount(0);
  }
});

test('holding the top-left corner for 3 seconds opens the admin area; a tap does nothing', async ({ page }) => {
  host = await startKiosk();
  // The hold is measured by the page's setTimeout: run on Playwright's clock, it lasts exactly
  // as long as the test says.
  await installClock(page);
  await openKiosk(page, host);
  const box = (await page.getByTestId('admin-hotspot').boundingBox())!;
  expect(box.width).toBeGreaterThanOrEqual(80);
  expect(box.x).toBe(0);
  expect(box.y).toBe(0);

  await page.getByTestId('admin-hotspot').tap();
  await page.mouse.move(box.x + 40, box.y + 40);
  await page.mouse.down();
  await page.mouse.up();
  // Shorter holds (a tap, a 1.5 s press) never open it, however long one waits after.
  await page.mouse.down();
  await page.clock.runFor(1_500);
  await page.mouse.up();
  await page.clock.runFor(2_000);
  await expect(page.getByTestId('admin-layer')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible();

  await page.mouse.down();
  await page.clock.runFor(3_000);
  await expect(page.getByTestId('admin-layer')).toBeVisible();
  await page.mouse.up();
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toHaveCount(0);
  expect(readRatings(host.dataDir)).toEqual([]);
});

test('a crash while rendering shows a calm wait message and the kiosk comes back by itself', async ({ page }) => {
  host = await startKiosk();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  // A bootstrap the renderer cannot draw (an unknown scale) stands in for any rendering bug;
  // only the first answer is broken, as if the fault were transient.
  await page.route(
    '**/api/getBootstrap',
    async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { ok: true; value: { config: { scale: string } } };
      body.value.config.scale = '9';
      await route.fulfill({ response, json: body });
    },
    { times: 1 },
  );
  await page.goto(host.pageUrl);
  await expect(page.getByText('Xin Ông/Bà vui lòng chờ trong giây lát…')).toBeVisible();
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible({ timeout: 15_000 });
  expect(errors.some((e) => e.includes('kiosk renderer crashed'))).toBe(true);
  await levelButton(page, VI_LEVEL_LABELS[5]).click();
  await expectThanksThenIdle(page);
  expect(readRatings(host.dataDir).map((r) => r.level)).toEqual([5]);
});
