// The reception head's admin area end to end: the hidden hold gesture, the PIN pad and its
// lock-out, the tally against what citizens tapped, exports as real files, and closing on
// "Thoát" or by itself when idle. Real web host, real SQLite, real Chromium.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { hashPin } from '../../electron/services/admin/pin-hash';
import { DATABASE_FILE_NAME, openDatabase } from '../../electron/services/db/database';
import { formatDayVi, zonedParts } from '../../shared/local-time';
import { generateRatings, insertRatings, referenceTally, type FixtureRating } from '../support/rating-fixtures';
import { tempDir } from '../support/temp-db';
import { startWebHost, type WebHost } from '../support/web-host';
import { holdHotspot, installClock } from './helpers/admin-hotspot';
import { expectThanksThenIdle, levelButton, openKiosk, testConfig, VI_QUESTION } from './helpers/citizen-kiosk';
import { docsScreenshot } from './helpers/docs-screenshot';

const PIN = '246810';
const WRONG_PIN = '1111';
const TZ = 'Asia/Ho_Chi_Minh';

let pinHash = '';
test.beforeAll(async () => {
  pinHash = await hashPin(PIN);
});

interface AdminOverrides {
  idleSeconds?: number;
  maxPinAttempts?: number;
  lockoutBaseSeconds?: number;
  officerMinRatings?: number;
}

function adminConfig(o: AdminOverrides = {}) {
  return testConfig({
    counters: [
      { id: 'Q1', name: 'Quầy 1' },
      { id: 'Q2', name: 'Quầy 2' },
    ],
    admin: { pinHash, idleSeconds: 60, maxPinAttempts: 5, lockoutBaseSeconds: 60, officerMinRatings: 10, ...o },
  });
}

const today = () => zonedParts(Date.now(), TZ).day;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const pct = (part: number, total: number) =>
  `${new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format((part / total) * 100)}\u00a0%`;

async function typePin(page: Page, pin: string): Promise<void> {
  const pad = page.getByTestId('admin-pin-pad');
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
  await pad.getByRole('button', { name: 'Đồng ý' }).click();
}

/** Opens the area and unlocks it; returns the session so tests can check it server-side. */
async function unlock(page: Page): Promise<string> {
  await holdHotspot(page, 3_300);
  await expect(page.getByRole('heading', { name: 'Nhập mã PIN' })).toBeVisible();
  const response = page.waitForResponse((r) => r.url().endsWith('/api/adminUnlock'));
  await typePin(page, PIN);
  const body = (await (await response).json()) as { ok: boolean; value: { session: string } };
  expect(body.ok).toBe(true);
  await expect(page.getByRole('heading', { name: 'Thống kê kết quả đánh giá' })).toBeVisible();
  return body.value.session;
}

async function downloadExport(page: Page, label: string): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: label }).click();
  const d = await download;
  const file = await d.path();
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(file) };
}

// Every test here holds the hidden corner: the page's timers run on Playwright's clock.
test.beforeEach(async ({ page }) => {
  await installClock(page);
});

let hosts: WebHost[] = [];
test.afterEach(async () => {
  await Promise.all(hosts.map((h) => h.stop()));
  for (const h of hosts) fs.rmSync(h.dataDir, { recursive: true, force: true });
  hosts = [];
});
async function host(config: object, dataDir?: string): Promise<WebHost> {
  const h = await startWebHost({ config, dataDir });
  hosts.push(h);
  return h;
}

test('a short tap does nothing; a 3-second hold opens the PIN pad, which counts wrong PINs, locks out and closes', async ({ page }) => {
  const h = await host(adminConfig({ maxPinAttempts: 2, lockoutBaseSeconds: 60 }));
  await openKiosk(page, h);

  await holdHotspot(page, 600);
  // Lifting the finger cancelled the hold: however long one waits now, the pad stays shut.
  await page.clock.runFor(3_000);
  await expect(page.getByTestId('admin-pin-pad')).toHaveCount(0);

  await holdHotspot(page, 3_300);
  const pad = page.getByTestId('admin-pin-pad');
  await expect(pad.getByRole('heading', { name: 'Nhập mã PIN' })).toBeVisible();

  await pad.getByRole('button', { name: '1', exact: true }).click();
  await pad.getByRole('button', { name: '2', exact: true }).click();
  await expect(page.getByTestId('pin-dots')).toHaveAttribute('aria-label', 'Đã nhập 2 chữ số');
  await pad.getByRole('button', { name: 'Xóa' }).click();
  await pad.getByRole('button', { name: 'Xóa' }).click();
  await expect(pad.getByRole('button', { name: 'Đồng ý' })).toBeDisabled();

  await typePin(page, WRONG_PIN);
  await expect(page.getByTestId('pin-message')).toHaveText('Sai mã PIN, còn 1 lần thử.');

  await typePin(page, WRONG_PIN);
  await expect(page.getByTestId('pin-message')).toContainText(/Tạm khóa trong \d+ phút\./);
  await expect(page.getByTestId('pin-countdown')).toContainText(/Thử lại sau \d+:\d\d/);
  for (const key of ['0', '5', '9']) await expect(pad.getByRole('button', { name: key, exact: true })).toBeDisabled();
  // The lock is the backend's, not just the screen's: even the right PIN is refused now.
  const direct = await h.call('adminUnlock', { pin: PIN });
  expect(direct.ok === false && direct.error.code).toBe('PIN_LOCKED');

  await pad.getByRole('button', { name: 'Đóng' }).click();
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible();
  await expect(page.getByTestId('admin-area')).toHaveCount(0);
});

test("the right PIN shows today's tally of the citizens' taps; exports download real files; Thoát locks the session", async ({ page }) => {
  const h = await host(adminConfig());
  await openKiosk(page, h);
  await levelButton(page, 'Rất hài lòng').click();
  await expectThanksThenIdle(page);
  await levelButton(page, 'Hài lòng').click();
  await expectThanksThenIdle(page);
  await levelButton(page, 'Không hài lòng').click();
  await page.getByRole('button', { name: 'Trả kết quả trễ hẹn' }).click();
  await page.getByRole('button', { name: 'Gửi', exact: true }).click();
  await expectThanksThenIdle(page);

  const session = await unlock(page);
  const day = today();
  await expect(page.getByTestId('admin-period')).toHaveText(`Từ ngày ${formatDayVi(day)} đến ngày ${formatDayVi(day)}`);
  await expect(page.getByTestId('tally-total')).toContainText('3');
  await expect(page.getByTestId('tally-satisfied-rate')).toContainText(pct(2, 3));
  await expect(page.getByTestId('tally-flagged')).toContainText('0');
  const levels = page.getByTestId('tally-levels');
  for (const label of ['Rất hài lòng', 'Hài lòng', 'Không hài lòng']) {
    await expect(levels.getByRole('row', { name: new RegExp(`^${label} 1 `) })).toContainText(pct(1, 3));
  }
  await expect(page.getByTestId('tally-by-reason')).toContainText('Trả kết quả trễ hẹn');
  await expect(page.getByTestId('tally-by-counter').getByRole('row', { name: /^Quầy 1 3 / })).toBeVisible();
  // The screen shows what the backend counted for the same period.
  const server = await h.call<{ total: number }>('getTally', { session, from: day, to: day });
  expect(server.ok && server.value.total).toBe(3);

  await page.getByRole('button', { name: 'Hôm qua', exact: true }).click();
  const yesterday = addDays(day, -1);
  await expect(page.getByTestId('admin-period')).toHaveText(`Từ ngày ${formatDayVi(yesterday)} đến ngày ${formatDayVi(yesterday)}`);
  await expect(page.getByTestId('tally-total')).toContainText('0');

  // A custom range by touch, last day first: today back to yesterday (possibly last month).
  await page.getByRole('button', { name: 'Chọn ngày…' }).click();
  const calendar = page.getByTestId('admin-calendar');
  // The calendar opens on the month of the period shown (yesterday's).
  if (yesterday.slice(0, 7) !== day.slice(0, 7)) await calendar.getByRole('button', { name: 'Tháng sau' }).click();
  await calendar.getByRole('button', { name: formatDayVi(day), exact: true }).click();
  await expect(calendar.getByRole('status')).toHaveText('Chạm ngày kết thúc');
  if (yesterday.slice(0, 7) !== day.slice(0, 7)) await calendar.getByRole('button', { name: 'Tháng trước' }).click();
  await calendar.getByRole('button', { name: formatDayVi(yesterday), exact: true }).click();
  await calendar.getByRole('button', { name: 'Xem thống kê' }).click();
  await expect(page.getByTestId('admin-period')).toHaveText(`Từ ngày ${formatDayVi(yesterday)} đến ngày ${formatDayVi(day)}`);
  await expect(page.getByTestId('tally-total')).toContainText('3');

  const xlsx = await downloadExport(page, 'Xuất Excel');
  expect(xlsx.name).toMatch(/\.xlsx$/);
  expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  await expect(page.getByTestId('export-status')).toHaveText(`Đã tải xuống: ${xlsx.name}`);

  const csv = await downloadExport(page, 'Xuất CSV');
  expect(csv.name).toMatch(/\.csv$/);
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csv.bytes.toString('utf8')).toContain('Không hài lòng');

  const pdf = await downloadExport(page, 'Xuất PDF');
  expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  // Each file was served once and then deleted: no report is left in the kiosk's temp folder.
  await expect.poll(() => fs.readdirSync(path.join(h.dataDir, 'temp', 'exports'))).toEqual([]);

  await page.getByRole('button', { name: 'Thoát', exact: true }).click();
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible();
  await expect
    .poll(async () => {
      const r = await h.call('getTally', { session, from: day, to: day });
      return r.ok ? 'open' : r.error.code;
    })
    .toBe('ADMIN_SESSION_EXPIRED');
});

test('the admin area closes itself after the idle time, from the PIN pad and from the tally', async ({ page }) => {
  const h = await host(adminConfig({ idleSeconds: 2 }));
  await openKiosk(page, h);

  await holdHotspot(page, 3_300);
  await expect(page.getByTestId('admin-pin-pad')).toBeVisible();
  await page.clock.runFor(2_000);
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible();

  await unlock(page);
  await expect(page.getByTestId('tally-total')).toBeVisible();
  await page.clock.runFor(2_000);
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible();
  await expect(page.getByTestId('admin-area')).toHaveCount(0);
});

test('a week of ratings: figures match the reference tally (and the docs screenshot)', async ({ page }) => {
  const day = today();
  const from = addDays(day, -6);
  const rows: FixtureRating[] = [
    ...generateRatings({
      seed: 7,
      fromDay: from,
      days: 7,
      perDay: 45,
      officers: ['CB01', 'CB02', 'CB03'],
      // Weighted like a typical desk: mostly satisfied.
      levels: [5, 5, 5, 5, 4, 4, 4, 2],
      flaggedShare: 0.03,
    }),
    // An officer seen only twice: the screen must not show a rate for them.
    { at: `${day}T09:15:00+07:00`, level: 5, officerId: 'CB04', counterId: 'Q2' },
    { at: `${day}T10:40:00+07:00`, level: 2, officerId: 'CB04', counterId: 'Q2', reasons: ['waiting_facilities'] },
  ];
  // Removed with the host's data in afterEach.
  const { dir: dataDir } = tempDir('kiosk-admin-e2e-');
  const db = openDatabase(path.join(dataDir, DATABASE_FILE_NAME));
  insertRatings(db, rows, { unitCode: 'HOIPHU', kioskId: 'e2e-kiosk' });
  db.close();
  const ref = referenceTally(rows, from, day);

  const h = await host(adminConfig(), dataDir);
  await openKiosk(page, h);
  await unlock(page);
  await page.getByRole('button', { name: '7 ngày qua' }).click();
  await expect(page.getByTestId('admin-period')).toHaveText(`Từ ngày ${formatDayVi(from)} đến ngày ${formatDayVi(day)}`);
  const vi = new Intl.NumberFormat('vi-VN');
  await expect(page.getByTestId('tally-total')).toContainText(vi.format(ref.total));
  await expect(page.getByTestId('tally-flagged')).toContainText(vi.format(ref.flagged));
  const satisfied = (ref.levels.get(5) ?? 0) + (ref.levels.get(4) ?? 0);
  await expect(page.getByTestId('tally-satisfied-rate')).toContainText(pct(satisfied, ref.total));
  for (const [level, label] of [
    [5, 'Rất hài lòng'],
    [4, 'Hài lòng'],
    [2, 'Không hài lòng'],
  ] as const) {
    const n = ref.levels.get(level) ?? 0;
    await expect(page.getByTestId('tally-levels').getByRole('row', { name: new RegExp(`^${label} `) })).toHaveText(
      new RegExp(`${vi.format(n)}\\s*${pct(n, ref.total)}`),
    );
  }
  await expect(page.getByTestId('tally-by-officer').getByRole('row', { name: /^CB04 2 / })).toContainText('Chưa đủ số lượt để thống kê');
  await expect(page.getByTestId('tally-by-day').getByRole('row')).toHaveCount(1 + 7);

  if (process.env.KIOSK_DOCS_SCREENSHOTS) await page.mouse.move(1900, 1000);
  await docsScreenshot(page, 'admin-tally.png');
});
