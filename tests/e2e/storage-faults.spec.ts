// Storage faults on screen. A full disk: the citizen gets an apology, never a thank-you, for
// a rating that was not saved, and the next tap saves once there is room (the STORAGE_FULL
// answer is injected on the browser's network layer; tests/integration/storage proves the
// backend gives it on a real SQLITE_FULL). A damaged database: the kiosk starts on its
// replacement and the reception head's admin area tells IT what happened, in Vietnamese. Days
// the city server holds fewer ratings for than the kiosk delivered: the same panel lists them.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { hashPin } from '../../electron/services/admin/pin-hash';
import { openDatabase } from '../../electron/services/db/database';
import { createSyncStateQueries } from '../../electron/services/db/sync-state-queries';
import { saveReconciliation } from '../../electron/services/sync/sync-state';
import { buildKioskDb, leafPages, overwritePage } from '../support/damaged-db';
import { tempDir } from '../support/temp-db';
import type { WebHost } from '../support/web-host';
import { expectThanksThenIdle, levelButton, openKiosk, readRatings, startKiosk, VI_LEVEL_LABELS, VI_QUESTION, VI_THANKS } from './helpers/citizen-kiosk';

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

test('disk full after the tap: the follow-up, comment and survey screens apologise, say the rating is kept, and let the citizen go', async ({ page }) => {
  const VI_FEEDBACK_FULL =
    'Xin lỗi Ông/Bà, máy tạm thời chưa lưu được ý kiến. Đánh giá của Ông/Bà đã được ghi nhận. Cán bộ của chúng tôi sẽ khắc phục sớm, mong Ông/Bà thông cảm.';
  const VI_CONTACT_FULL = 'Xin lỗi Ông/Bà, máy tạm thời chưa lưu được số điện thoại. Cán bộ của chúng tôi sẽ khắc phục sớm, mong Ông/Bà thông cảm.';
  host = await startKiosk({ timeouts: { thankYouSeconds: 30 }, contact: { enabled: true } });
  await openKiosk(page, host);
  // The rating is stored for real; what follows it meets a full disk.
  const full = { json: { ok: false, error: { code: 'STORAGE_FULL', detail: 'database or disk is full' } } };
  for (const method of ['amendRating', 'holdForComment', 'submitContact']) await page.route(`**/api/${method}`, (route) => route.fulfill(full));

  await levelButton(page, VI_LEVEL_LABELS[2]).click();
  await page.getByRole('button', { name: 'Trả kết quả trễ hẹn' }).click();
  await page.getByRole('button', { name: 'Gửi', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(VI_FEEDBACK_FULL);
  // The comment keyboard warns as soon as it opens (the hold failed), before anything is typed.
  await page.getByTestId('open-comment').click();
  await expect(page.getByTestId('comment-screen').getByRole('alert')).toHaveText(VI_FEEDBACK_FULL);
  await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
  await expect(page.getByRole('heading', { name: VI_THANKS })).toBeVisible();
  expect(readRatings(host.dataDir).map((r) => [r.level, r.reasons])).toEqual([[2, []]]);

  await page.getByTestId('thanks-contact').click();
  await page.getByTestId('contact-consent').click();
  for (const digit of '0912345678') await page.getByTestId('contact-screen').locator(`[data-key="${digit}"]`).click();
  await page.getByTestId('contact-screen').getByRole('button', { name: 'Gửi', exact: true }).click();
  await expect(page.getByText(VI_CONTACT_FULL)).toBeVisible();
  await expect(page.getByTestId('contact-done')).toHaveCount(0);
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
  // Removed with the host's data in afterEach.
  const { dir: dataDir } = tempDir('kiosk-e2e-damaged-');
  const file = path.join(dataDir, 'ratings.db');
  buildKioskDb(file, 600);
  const leaves = leafPages(file, 'ratings');
  overwritePage(file, leaves[Math.floor(leaves.length / 2)]!.pageno);

  host = await startKiosk({ admin: { pinHash: await hashPin(PIN) } }, { dataDir });
  await openKiosk(page, host);
  await levelButton(page, VI_LEVEL_LABELS[5]).click();
  await expectThanksThenIdle(page);

  await unlockAdmin(page);
  const notice = page.getByTestId('storage-recovery');
  await expect(notice).toContainText('cơ sở dữ liệu bị hỏng và đã được thay bằng tệp mới');
  await expect(notice).toContainText(/Tệp hỏng được giữ lại với tên ratings\.corrupt-.+\.db/);
  await expect(notice).toContainText('Vui lòng báo bộ phận CNTT.');
});

test('the city server holds fewer ratings than the kiosk delivered: the admin area names the days', async ({ page }) => {
  const { dir: dataDir } = tempDir('kiosk-e2e-reconciliation-');
  const db = openDatabase(path.join(dataDir, 'ratings.db'));
  // As the upload worker keeps the server's last answer to its heartbeat.
  saveReconciliation(createSyncStateQueries(db), {
    checkedAtMs: Date.parse('2026-12-03T14:05:00+07:00'),
    days: [
      { day: '2026-12-01', kioskDelivered: 10, serverReceived: 8 },
      { day: '2026-12-02', kioskDelivered: 4, serverReceived: 0 },
    ],
  });
  db.close();

  host = await startKiosk({ admin: { pinHash: await hashPin(PIN) } }, { dataDir });
  await openKiosk(page, host);
  await unlockAdmin(page);
  const notice = page.getByTestId('reconciliation');
  await expect(notice).toContainText('Đối chiếu với máy chủ lúc 14:05 03/12/2026: số lượt chưa khớp ở 2 ngày');
  await expect(notice.getByRole('listitem')).toHaveText(['máy chủ đã nhận 8/10 lượt ngày 01/12/2026', 'máy chủ đã nhận 0/4 lượt ngày 02/12/2026']);
});
