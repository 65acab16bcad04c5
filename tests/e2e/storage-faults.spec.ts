// Storage faults on screen. A full disk: the citizen gets an apology, never a thank-you, for
// a rating that was not saved, and the next tap saves once there is room (the STORAGE_FULL
// answer is injected on the browser's network layer; tests/integration/storage proves the
// backend gives it on a real SQLITE_FULL). A damaged database: the kiosk starts on its
// replacement and the reception head's admin area tells IT what happened, in Vietnamese.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { hashPin } from '../../electron/services/admin/pin-hash';
import { buildKioskDb, leafPages, overwritePage } from '../support/damaged-db';
import { makeTempDir, type WebHost } from '../support/web-host';
import { expectThanksThenIdle, levelButton, openKiosk, readRatings, startKiosk, testConfig, VI_LEVEL_LABELS, VI_QUESTION, VI_THANKS } from './helpers/citizen-kiosk';

const VI_STORAGE_FULL = 'Xin lỗi Ông/Bà, máy tạm thời chưa lưu được đánh giá. Cán bộ của chúng tôi sẽ khắc phục sớm, mong Ông/Bà thông cảm.';
const PIN = '246810';

let host: WebHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  if (host) fs.rmSync(host.dataDir, { recursive: true, force: true });
  host = undefined;
});

test('disk full: an apology instead of thanks, nothing stored, and the next tap saves once there is room', async ({ page }) => {
  host = await startKiosk();
  await openKiosk(page, host);
  await page.route('**/api/submitRating', (route) =>
    route.fulfill({ json: { ok: false, error: { code: 'STORAGE_FULL', detail: 'database or disk is full' } } }),
  );
  await levelButton(page, VI_LEVEL_LABELS[5]).click();
  await expect(page.getByRole('alert')).toHaveText(VI_STORAGE_FULL);
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible();
  await expect(page.getByRole('heading', { name: VI_THANKS })).toHaveCount(0);
  expect(readRatings(host.dataDir)).toEqual([]);

  await page.unroute('**/api/submitRating');
  await levelButton(page, VI_LEVEL_LABELS[5]).click();
  await expectThanksThenIdle(page);
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(readRatings(host.dataDir).map((r) => r.level)).toEqual([5]);
});

async function unlockAdmin(page: Page): Promise<void> {
  const box = (await page.getByTestId('admin-hotspot').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await expect(page.getByRole('heading', { name: 'Nhập mã PIN' })).toBeVisible({ timeout: 6_000 });
  await page.mouse.up();
  const pad = page.getByTestId('admin-pin-pad');
  for (const digit of PIN) await pad.getByRole('button', { name: digit, exact: true }).click();
  await pad.getByRole('button', { name: 'Đồng ý' }).click();
  await expect(page.getByRole('heading', { name: 'Thống kê kết quả đánh giá' })).toBeVisible();
}

test('damaged database: the kiosk starts, takes ratings, and the admin area tells IT', async ({ page }) => {
  const dataDir = makeTempDir('kiosk-e2e-damaged-');
  const file = path.join(dataDir, 'ratings.db');
  buildKioskDb(file, 600);
  const leaves = leafPages(file, 'ratings');
  overwritePage(file, leaves[Math.floor(leaves.length / 2)]!.pageno);

  host = await startKiosk({}, { dataDir, config: { ...testConfig(), admin: { pinHash: await hashPin(PIN) } } });
  await openKiosk(page, host);
  await levelButton(page, VI_LEVEL_LABELS[5]).click();
  await expectThanksThenIdle(page);

  await unlockAdmin(page);
  const notice = page.getByTestId('storage-recovery');
  await expect(notice).toContainText('cơ sở dữ liệu bị hỏng và đã được thay bằng tệp mới');
  await expect(notice).toContainText(/Tệp hỏng được giữ lại với tên ratings\.corrupt-.+\.db/);
  await expect(notice).toContainText('Vui lòng báo bộ phận CNTT.');
});
