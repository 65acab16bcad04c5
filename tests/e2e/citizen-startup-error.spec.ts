// A kiosk that cannot store ratings must say so calmly and offer no faces to tap. A broken
// configuration is described in Vietnamese, one sentence per kind of fault, and never by
// quoting the file (it holds the upload token).
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { makeTempDir, startWebHost, type WebHost } from '../support/web-host';
import { readRatings, testConfig } from './helpers/citizen-kiosk';

let host: WebHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

test('an invalid config value shows the Vietnamese error naming the field and the allowed values, and nothing is stored', async ({ page }) => {
  host = await startWebHost({ config: { ...testConfig(), scale: '7' } });
  await page.goto(host.pageUrl);
  await expect(page.getByRole('heading', { name: 'Máy đánh giá tạm thời chưa sẵn sàng' })).toBeVisible();
  await expect(page.getByTestId('startup-error')).toHaveText(
    'Cấu hình không hợp lệ: mục “scale” chỉ nhận một trong các giá trị "3", "5". Vui lòng liên hệ bộ phận CNTT.',
  );
  await expect(page.getByRole('button')).toHaveCount(0);
  // The error is not retried in a loop and the page stays as it is.
  const result = await host.call('submitRating', { level: 5, language: 'vi' });
  expect(result).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID', field: 'scale' } });
  expect(readRatings(host.dataDir)).toEqual([]);
});

test('a config file cut short says so, with the line and column where it stops', async ({ page }) => {
  host = await startWebHost({ configText: '{ "unit": { "code": "X", ' });
  await page.goto(host.pageUrl);
  await expect(page.getByTestId('startup-error')).toHaveText(
    'Cấu hình không hợp lệ: tệp cấu hình bị thiếu phần cuối, nội dung dừng ở dòng 1, cột 26. Vui lòng liên hệ bộ phận CNTT.',
  );
  await expect(page.getByRole('button')).toHaveCount(0);
  expect(readRatings(host.dataDir)).toEqual([]);
});

test('a syntax error is shown by line and column only: the token is not on screen, in the error or in the log', async ({ page }) => {
  const token = 'tok-7c1e9a40b2d85f36';
  // The token's quotes lost: V8's own message would quote the text around the fault.
  const text = JSON.stringify({ ...testConfig(), server: { url: 'https://city.example/kiosk', token } }, null, 2).replace(`"${token}"`, token);
  expect(() => JSON.parse(text)).toThrow(token.slice(0, 8));
  host = await startWebHost({ configText: text });
  await page.goto(host.pageUrl);
  const line = text.split('\n').findIndex((l) => l.includes(token)) + 1;
  // `tok-` reads as the start of `true`: the fault is its second character.
  const column = text.split('\n')[line - 1]!.indexOf(token) + 2;
  await expect(page.getByTestId('startup-error')).toHaveText(
    `Cấu hình không hợp lệ: tệp cấu hình không đúng định dạng JSON, lỗi ở dòng ${line}, cột ${column}. Vui lòng liên hệ bộ phận CNTT.`,
  );
  const result = await host.call('getBootstrap', {});
  expect(result).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID', params: { problem: 'not_json', line, column } } });
  const prefix = token.slice(0, 8);
  expect(JSON.stringify(result)).not.toContain(prefix);
  expect(await page.content()).not.toContain(prefix);
  expect(host.stderr()).toContain('kiosk started with an error');
  expect(host.stderr()).not.toContain(prefix);
});

test('a --config file that does not exist is an error naming it, not the demo unit, and no database is created', async ({ page }) => {
  const elsewhere = makeTempDir();
  const missing = path.join(elsewhere, 'config.json');
  host = await startWebHost({ args: ['--config', missing] });
  await page.goto(host.pageUrl);
  await expect(page.getByTestId('startup-error')).toHaveText(
    `Cấu hình không hợp lệ: không tìm thấy tệp cấu hình ${missing}. Vui lòng liên hệ bộ phận CNTT.`,
  );
  expect(await host.call('submitRating', { level: 5, language: 'vi' })).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });
  expect(fs.existsSync(path.join(host.dataDir, 'ratings.db'))).toBe(false);
  expect(fs.existsSync(missing)).toBe(false);
  fs.rmSync(elsewhere, { recursive: true, force: true });
});

test('a plain-http server address off this computer is refused in Vietnamese', async ({ page }) => {
  host = await startWebHost({ config: { ...testConfig(), server: { url: 'http://city.example/kiosk', token: 'tok-0123456789abcdef' } } });
  await page.goto(host.pageUrl);
  await expect(page.getByTestId('startup-error')).toHaveText(
    'Cấu hình không hợp lệ: địa chỉ máy chủ “server.url” phải bắt đầu bằng https:// (chỉ được dùng http:// cho chính máy này: localhost, 127.x.x.x, ::1). Vui lòng liên hệ bộ phận CNTT.',
  );
  expect(readRatings(host.dataDir)).toEqual([]);
});
