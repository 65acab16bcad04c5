// The staff dialogs with a keyboard (IT plugs one in; a screen reader moves the same way):
// each is named by its heading, takes the focus when it opens, keeps Tab inside while open,
// closes on Escape where closing loses nothing, and gives the focus back to what opened it.
// Real web host, real Chromium.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { DEMO_CONFIG_INPUT } from '../../shared/config-schema';
import { startWebHost, type WebHost } from '../support/web-host';
import { holdHotspot, installClock } from './helpers/admin-hotspot';
import { openKiosk, testConfig, VI_QUESTION } from './helpers/citizen-kiosk';

/** The embedded demo unit's PIN (shared/config-schema.ts). */
const DEMO_PIN = '123456';

let host: WebHost | undefined;
test.beforeEach(async ({ page }) => {
  await installClock(page);
  host = await startWebHost({ config: testConfig({ admin: { pinHash: DEMO_CONFIG_INPUT.admin!.pinHash!, idleSeconds: 600 } }) });
  await openKiosk(page, host);
});
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

/** Whether the focused element is `dialog` or inside it. */
const focusInside = (dialog: Locator) => dialog.evaluate((el) => el.contains(el.ownerDocument.activeElement));

/** Presses Tab (or Shift+Tab) `times` times and checks after each that the focus stayed in `dialog`. */
async function tabAround(page: Page, dialog: Locator, key: 'Tab' | 'Shift+Tab', times: number): Promise<void> {
  for (let i = 1; i <= times; i++) {
    await page.keyboard.press(key);
    expect(await focusInside(dialog), `${key} number ${i} left the dialog`).toBe(true);
  }
}

async function unlock(page: Page): Promise<void> {
  const pad = page.getByTestId('admin-pin-pad');
  for (const digit of DEMO_PIN) await pad.getByRole('button', { name: digit, exact: true }).click();
  await pad.getByRole('button', { name: 'Đồng ý' }).click();
  await expect(page.getByRole('heading', { name: 'Thống kê kết quả đánh giá' })).toBeVisible();
}

test('the admin area is a dialog named by its heading, takes the focus, keeps Tab inside and closes on Escape', async ({ page }) => {
  await holdHotspot(page, 3_300);
  const pinDialog = page.getByRole('dialog', { name: 'Nhập mã PIN' });
  await expect(pinDialog).toBeVisible();
  await expect(pinDialog).toBeFocused();
  // More presses than the pad has buttons, both ways: the focus wraps instead of leaving.
  await tabAround(page, pinDialog, 'Tab', 16);
  await tabAround(page, pinDialog, 'Shift+Tab', 16);
  // Wrapping: Shift+Tab from the first control lands on the last enabled one.
  await pinDialog.getByRole('button', { name: 'Đóng' }).focus();
  await page.keyboard.press('Shift+Tab');
  await expect(pinDialog.getByRole('button', { name: '0', exact: true })).toBeFocused();

  await unlock(page);
  // The PIN pad gave way to the tally: the dialog is named after it and the focus is still inside.
  const tally = page.getByRole('dialog', { name: 'Thống kê kết quả đánh giá' });
  await expect(tally).toBeVisible();
  expect(await focusInside(tally)).toBe(true);
  await tabAround(page, tally, 'Tab', 3);

  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible();
  await expect(page.getByTestId('admin-area')).toHaveCount(0);
});

test('the exit question holds the focus between its two buttons, Escape is "Hủy", and the focus returns to "Thoát ứng dụng"', async ({ page }) => {
  await holdHotspot(page, 3_300);
  await unlock(page);
  await page.getByRole('button', { name: 'Chẩn đoán kỹ thuật' }).click();
  const exitButton = page.getByRole('region', { name: 'Thoát ứng dụng' }).getByRole('button', { name: 'Thoát ứng dụng' });
  await exitButton.focus();
  await page.keyboard.press('Enter');

  const question = page.getByRole('alertdialog', { name: 'Thoát ứng dụng kiosk?' });
  const cancel = question.getByRole('button', { name: 'Hủy' });
  const confirm = question.getByRole('button', { name: 'Đồng ý thoát' });
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(confirm).toBeFocused();

  // Escape closes the question only; the admin area behind it stays open.
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(exitButton).toBeFocused();
  await expect(page.getByRole('dialog', { name: 'Chẩn đoán kỹ thuật' })).toBeVisible();
  expect(await host!.call('getBootstrap', {})).toMatchObject({ ok: true });

  // Closing with "Hủy" gives the focus back the same way.
  await page.keyboard.press('Enter');
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(question).toHaveCount(0);
  await expect(exitButton).toBeFocused();
});

test('the calendar takes the focus, keeps Tab inside, and Escape returns to "Chọn ngày…" with the period unchanged', async ({ page }) => {
  await holdHotspot(page, 3_300);
  await unlock(page);
  const period = await page.getByTestId('admin-period').textContent();
  const opener = page.getByRole('button', { name: 'Chọn ngày…' });
  await opener.focus();
  await page.keyboard.press('Enter');

  const calendar = page.getByRole('dialog', { name: 'Chọn ngày…' });
  await expect(calendar).toBeFocused();
  // A month has up to 31 day buttons plus the month and action buttons: 50 presses wrap at least once.
  await tabAround(page, calendar, 'Tab', 50);
  await calendar.getByRole('button', { name: 'Tháng trước' }).click();
  await page.keyboard.press('Escape');
  await expect(calendar).toHaveCount(0);
  await expect(opener).toBeFocused();
  await expect(page.getByTestId('admin-period')).toHaveText(period!);
  await expect(page.getByTestId('admin-area')).toBeVisible();
});
