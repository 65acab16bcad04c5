// A kiosk that cannot store ratings must say so calmly and offer no faces to tap. A broken
// configuration is described in Vietnamese, every fault of it in a list, one sentence each,
// and never by quoting the file (it holds the upload token).
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { tempDir } from '../support/temp-db';
import { startWebHost, type WebHost } from '../support/web-host';
import { readRatings, testConfig } from './helpers/citizen-kiosk';

/** The faults listed on the error screen. */
const problems = (page: Page) => page.getByTestId('startup-error').getByRole('listitem');

/** The error panel around the list: how many faults, and whom to call. */
async function expectFrame(page: Page, count: number): Promise<void> {
  const detail = page.getByTestId('startup-error');
  await expect(detail.locator('p').first()).toHaveText(`Cấu hình của máy không hợp lệ, cần sửa ${count} lỗi sau:`);
  await expect(detail.locator('p').last()).toHaveText('Vui lòng liên hệ bộ phận CNTT.');
  await expect(problems(page)).toHaveCount(count);
}

let host: WebHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

test('an invalid config value shows the Vietnamese error naming the field and the allowed values, and nothing is stored', async ({ page }) => {
  host = await startWebHost({ config: { ...testConfig(), scale: '7' } });
  await page.goto(host.pageUrl);
  await expect(page.getByRole('heading', { name: 'Máy đánh giá tạm thời chưa sẵn sàng' })).toBeVisible();
  await expectFrame(page, 1);
  await expect(problems(page)).toHaveText(['Trường scale phải là "3" hoặc "5".']);
  // The field's name is set apart as code, for staff to find it in the file.
  await expect(problems(page).locator('code')).toHaveText(['scale']);
  await expect(page.getByRole('button')).toHaveCount(0);
  // The error is not retried in a loop and the page stays as it is.
  const result = await host.call('submitRating', { level: 5, language: 'vi' });
  expect(result).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID', field: 'scale' } });
  expect(readRatings(host.dataDir)).toEqual([]);
});

test('a config file cut short says so, with the line and column where it stops', async ({ page }) => {
  host = await startWebHost({ configText: '{ "unit": { "code": "X", ' });
  await page.goto(host.pageUrl);
  await expectFrame(page, 1);
  await expect(problems(page)).toHaveText(['Tệp cấu hình bị thiếu phần cuối, nội dung dừng ở dòng 1, cột 26.']);
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
  await expect(problems(page)).toHaveText([`Tệp cấu hình bị lỗi ở dòng ${line}, cột ${column}.`]);
  const result = await host.call('getBootstrap', {});
  expect(result).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID', params: { problem: 'not_json', line, column } } });
  const prefix = token.slice(0, 8);
  expect(JSON.stringify(result)).not.toContain(prefix);
  expect(await page.content()).not.toContain(prefix);
  expect(host.stderr()).toContain('kiosk started with an error');
  expect(host.stderr()).not.toContain(prefix);
});

test('a --config file that does not exist is an error naming it, not the demo unit, and no database is created', async ({ page }) => {
  const elsewhere = tempDir();
  const missing = path.join(elsewhere.dir, 'config.json');
  host = await startWebHost({ args: ['--config', missing] });
  await page.goto(host.pageUrl);
  await expectFrame(page, 1);
  await expect(problems(page)).toHaveText([`Không tìm thấy tệp cấu hình ${missing}.`]);
  expect(await host.call('submitRating', { level: 5, language: 'vi' })).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });
  expect(fs.existsSync(path.join(host.dataDir, 'ratings.db'))).toBe(false);
  expect(fs.existsSync(missing)).toBe(false);
  elsewhere.cleanup();
});

test('a plain-http server address off this computer is refused in Vietnamese', async ({ page }) => {
  host = await startWebHost({ config: testConfig({ server: { url: 'http://city.example/kiosk', token: 'tok-0123456789abcdef' } }) });
  await page.goto(host.pageUrl);
  await expect(problems(page)).toHaveText([
    'Trường server.url phải bắt đầu bằng https:// (chỉ được dùng http:// cho chính máy này: localhost, 127.x.x.x, ::1).',
  ]);
  expect(readRatings(host.dataDir)).toEqual([]);
});

test('a file that is not JSON is shown by its line and column: "Tệp cấu hình bị lỗi ở dòng 7, cột 17"', async ({ page }) => {
  // Line 7 is `  "scale": "3"  "5",`: the second value, where a comma or } should be, is at column 17.
  const lines = JSON.stringify(testConfig({ scale: '3' }), null, 2)
    .split('\n')
    .filter((l) => !l.includes('"scale"'));
  lines.splice(6, 0, '  "scale": "3"  "5",');
  host = await startWebHost({ configText: lines.join('\n') });
  await page.goto(host.pageUrl);
  await expectFrame(page, 1);
  await expect(problems(page)).toHaveText(['Tệp cấu hình bị lỗi ở dòng 7, cột 17.']);
  expect(readRatings(host.dataDir)).toEqual([]);
});

test("every fault of the file is listed, not only the first, each in Vietnamese and none in the log's English", async ({ page }) => {
  host = await startWebHost({
    config: {
      ...testConfig({ server: { url: 'https://city.example/kiosk', token: 'tok-55aa', batchSize: 9000 } }),
      unit: { code: 'TEST-UNIT', name: 'Phường Thử nghiệm', nmae: 'x' },
      kiosk: {},
      scale: '7',
      timeouts: { thankYouSeconds: '5' },
    } as never,
  });
  await page.goto(host.pageUrl);
  await expect(page.getByRole('heading', { name: 'Máy đánh giá tạm thời chưa sẵn sàng' })).toBeVisible();
  await expectFrame(page, 5);
  await expect(problems(page)).toHaveText([
    'Không có trường cấu hình nào tên là unit.nmae, vui lòng kiểm tra chính tả.',
    'Thiếu trường bắt buộc kiosk.id.',
    'Trường scale phải là "3" hoặc "5".',
    'Trường timeouts.thankYouSeconds phải là một số.',
    'Trường server.batchSize không được lớn hơn 5000.',
  ]);
  await expect(problems(page).locator('code')).toHaveText(['unit.nmae', 'kiosk.id', 'scale', 'timeouts.thankYouSeconds', 'server.batchSize']);
  // All five are on screen (the list scrolls only when there are too many to fit).
  for (const item of await problems(page).all()) await expect(item).toBeInViewport();
  const shown = await page.getByTestId('startup-error').textContent();
  for (const english of ['expected', 'Too big', 'unknown key', 'required']) expect(shown).not.toContain(english);
  // The contract still carries each fault for IT, with zod's code and the field's path.
  const result = await host.call('getBootstrap', {});
  expect(result).toMatchObject({
    ok: false,
    error: {
      code: 'CONFIG_INVALID',
      issues: [
        { problem: 'unknown_key', code: 'unrecognized_keys', path: ['unit', 'nmae'] },
        { problem: 'missing_key', code: 'invalid_type', path: ['kiosk', 'id'] },
        { problem: 'not_allowed', code: 'invalid_value', path: ['scale'] },
        { problem: 'wrong_type', code: 'invalid_type', path: ['timeouts', 'thankYouSeconds'] },
        { problem: 'too_big', code: 'too_big', path: ['server', 'batchSize'], params: { kind: 'number', limit: 5000 } },
      ],
    },
  });
  expect(await page.content()).not.toContain('tok-55aa');
  expect(readRatings(host.dataDir)).toEqual([]);
});
