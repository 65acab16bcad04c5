// A kiosk that cannot store ratings must say so calmly and offer no faces to tap.
import { expect, test } from '@playwright/test';
import { startWebHost, type WebHost } from '../support/web-host';
import { readRatings, testConfig } from './helpers/citizen-kiosk';

let host: WebHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

test('an invalid config value shows the Vietnamese error naming the field, and nothing is stored', async ({ page }) => {
  host = await startWebHost({ config: { ...testConfig(), scale: '7' } });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Máy đánh giá tạm thời chưa sẵn sàng' })).toBeVisible();
  await expect(page.getByTestId('startup-error')).toContainText('Cấu hình không hợp lệ: scale —');
  await expect(page.getByTestId('startup-error')).toContainText('Vui lòng liên hệ bộ phận CNTT.');
  await expect(page.getByRole('button')).toHaveCount(0);
  // The error is not retried in a loop and the page stays as it is.
  const result = await host.call('submitRating', { level: 5, language: 'vi' });
  expect(result).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID', field: 'scale' } });
  expect(readRatings(host.dataDir)).toEqual([]);
});

test('a config file that is not JSON names the file as the problem', async ({ page }) => {
  host = await startWebHost({ configText: '{ "unit": { "code": "X", ' });
  await page.goto(host.url);
  await expect(page.getByTestId('startup-error')).toContainText('Cấu hình không hợp lệ: (file) —');
  await expect(page.getByRole('button')).toHaveCount(0);
  expect(readRatings(host.dataDir)).toEqual([]);
});
