// IT's diagnostics screen and "Thoát ứng dụng" end to end: the demo PIN opens the admin area,
// the diagnostics tab shows the kiosk's figures as a real receiver on 127.0.0.1 took its
// ratings, "Kiểm tra kết nối" reaches it (and reports it gone), "Xuất tệp chẩn đoán" downloads
// a real zip without the token, and quitting asks first, then stops the web host. Real web
// host, real SQLite, real Chromium.
import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_CONFIG_INPUT } from '../../shared/config-schema';
import type { Diagnostics } from '../../shared/kiosk-api';
import { startCityServer, TEST_KIOSK_TOKEN, type TestCityServer } from '../support/city-server';
import { startWebHost, type WebHost } from '../support/web-host';
import { holdHotspot, installClock } from './helpers/admin-hotspot';
import { openKiosk, testConfig } from './helpers/citizen-kiosk';

/** The embedded demo unit's PIN (shared/config-schema.ts), as on a kiosk just installed. */
const DEMO_PIN = '123456';
const KIOSK_ID = 'e2e-kiosk';
const UNIT_CODE = 'HOIPHU';

let city: TestCityServer | null = null;
let hosts: WebHost[] = [];

test.beforeEach(async ({ page }) => {
  await installClock(page);
});
test.afterEach(async () => {
  await Promise.all(hosts.map((h) => h.stop()));
  for (const h of hosts) fs.rmSync(h.dataDir, { recursive: true, force: true });
  hosts = [];
  await city?.close();
  city = null;
});

async function kiosk(server: { url: string; token: string } | null): Promise<WebHost> {
  const h = await startWebHost({
    config: testConfig({
      admin: { pinHash: DEMO_CONFIG_INPUT.admin!.pinHash!, idleSeconds: 600 },
      server: server ? { ...server, intervalSeconds: 1 } : { url: '', token: '' },
    }),
  });
  hosts.push(h);
  return h;
}

async function unlockDiagnostics(page: Page): Promise<void> {
  await holdHotspot(page, 3_300);
  const pad = page.getByTestId('admin-pin-pad');
  for (const digit of DEMO_PIN) await pad.getByRole('button', { name: digit, exact: true }).click();
  await pad.getByRole('button', { name: 'Đồng ý' }).click();
  await page.getByRole('button', { name: 'Chẩn đoán kỹ thuật' }).click();
  await expect(page.getByRole('heading', { name: 'Chẩn đoán kỹ thuật', level: 1 })).toBeVisible();
}

test('the demo PIN opens diagnostics: the figures, a connection test, the zip for IT, and a server gone away', async ({ page }) => {
  city = await startCityServer({ kiosks: [{ kioskId: KIOSK_ID, unitCode: UNIT_CODE, token: TEST_KIOSK_TOKEN }] });
  const h = await kiosk({ url: city.url, token: TEST_KIOSK_TOKEN });
  for (const level of [5, 4]) expect(await h.call('submitRating', { level, language: 'vi' })).toMatchObject({ ok: true });
  // The uploader takes them once their follow-up window has passed.
  await expect.poll(() => city!.count(), { timeout: 20_000 }).toBe(2);

  await openKiosk(page, h);
  await unlockDiagnostics(page);
  const host = new URL(city.url).host;
  const row = (id: string) => page.getByTestId(`diag-${id}`);
  await expect(row('kiosk')).toHaveText(KIOSK_ID);
  await expect(row('config-file')).toHaveText(h.configPath);
  await expect(row('server')).toHaveText(host);
  await expect(row('token')).toHaveText('Đã đặt');
  await expect(row('proxy')).toHaveText('Không dùng (kết nối trực tiếp)');
  await expect(row('office-hours')).toHaveText('Thứ Hai đến Thứ Sáu, từ 07:00 đến 17:30');
  await expect(row('integrity')).toHaveText('Bình thường');
  await expect(row('pending')).toHaveText('0');
  await expect(row('delivered')).toHaveText('2');
  await expect(row('rejected')).toHaveText('0');
  await expect(row('last-error')).toHaveText('Không có');
  await expect(row('last-success')).toHaveText(/^\d\d:\d\d \d\d\/\d\d\/\d{4}$/);
  await expect(row('clock')).toHaveText(/^(Khớp \(lệch dưới 1 giây\)|Đồng hồ kiosk (chậm|nhanh) hơn máy chủ \d+(,\d)? giây)$/);
  await expect(row('db-size')).toHaveText(/^\d+(,\d)? (kB|MB) \(trong đó tệp ghi tạm -wal: \d+(,\d)? (byte|kB|MB)\)$/);
  await expect(row('free-disk')).toHaveText(/^\d+(,\d)? (MB|GB|TB) \/ \d+(,\d)? (GB|TB)$/);
  await expect(row('csv-separator')).toHaveText('","');
  await expect(row('logs-dir')).toHaveText('Không ghi tệp nhật ký (nhật ký ghi ra cửa sổ dòng lệnh)');
  expect(await page.content()).not.toContain(TEST_KIOSK_TOKEN);

  await page.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
  await expect(page.getByTestId('connection-status')).toHaveText(new RegExp(`^Kết nối tốt: máy chủ ${host.replace('.', '\\.')} trả lời sau \\d+ ms\\.$`));

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Xuất tệp chẩn đoán' }).click();
  const d = await download;
  expect(d.suggestedFilename()).toMatch(new RegExp(`^chan-doan-${KIOSK_ID}-\\d{8}-\\d{4}\\.zip$`));
  await expect(page.getByTestId('diagnostics-export-status')).toHaveText(`Đã tải xuống: ${d.suggestedFilename()}`);
  const files = unzipSync(new Uint8Array(fs.readFileSync(await d.path())));
  expect(Object.keys(files).sort()).toEqual(['README.txt', 'config.json', 'diagnostics.json']);
  const inZip = Object.values(files).map((f) => strFromU8(f));
  for (const text of inZip) expect(text).not.toContain(TEST_KIOSK_TOKEN);
  const diagnostics = JSON.parse(strFromU8(files['diagnostics.json']!)) as Diagnostics;
  expect(diagnostics.uploads).toMatchObject({ pending: 0, delivered: 2, rejected: 0 });
  expect(diagnostics.config).toMatchObject({ kioskId: KIOSK_ID, serverHost: host, tokenSet: true });

  await city.close();
  city = null;
  await page.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
  await expect(page.getByTestId('connection-status')).toHaveText('Kiểm tra không thành công: Không kết nối được máy chủ.');
  await expect(page.getByTestId('connection-detail')).toContainText('ECONNREFUSED');
});

test('"Thoát ứng dụng" asks first; "Hủy" keeps the kiosk running, "Đồng ý thoát" stops it', async ({ page }) => {
  const h = await kiosk(null);
  await openKiosk(page, h);
  await unlockDiagnostics(page);

  const exitPanel = page.getByRole('region', { name: 'Thoát ứng dụng' });
  await exitPanel.getByRole('button', { name: 'Thoát ứng dụng' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Thoát ứng dụng kiosk?' });
  await expect(dialog).toContainText('Kiosk sẽ ngừng nhận đánh giá của người dân cho đến khi ứng dụng được mở lại.');
  await expect(dialog.getByRole('button', { name: 'Hủy' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Hủy' }).click();
  await expect(dialog).toHaveCount(0);
  expect(await h.call('getBootstrap', {})).toMatchObject({ ok: true });

  const exited = new Promise<number | null>((resolve) => h.child.once('exit', (code) => resolve(code)));
  await exitPanel.getByRole('button', { name: 'Thoát ứng dụng' }).click();
  await dialog.getByRole('button', { name: 'Đồng ý thoát' }).click();
  await expect(page.getByTestId('app-stopped')).toContainText('Ứng dụng kiosk đã dừng');
  await expect(page.getByTestId('app-stopped')).toContainText('Để mở lại, vui lòng khởi động lại ứng dụng hoặc khởi động lại máy.');
  expect(await exited).toBe(0);
});
