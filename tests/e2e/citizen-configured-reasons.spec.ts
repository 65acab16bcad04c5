// A unit's own follow-up reasons (`reasons` in the configuration) end to end: the follow-up
// screen offers them in the configured order, in Vietnamese and in English (Vietnamese where
// a reason has no English label); a chosen one is stored in the real SQLite file, uploaded to
// the reference receiver and accepted; the admin tally and the exports name it by its label,
// and a reason the unit has since retired still shows in old data. Real web host, real
// receiver, real Chromium.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { hashPin } from '../../electron/services/admin/pin-hash';
import { DATABASE_FILE_NAME, openDatabase } from '../../electron/services/db/database';
import { insertRatings } from '../support/rating-fixtures';
import { startCityServer, TEST_KIOSK_TOKEN, type TestCityServer } from '../support/city-server';
import { tempDir } from '../support/temp-db';
import { startWebHost, type WebHost } from '../support/web-host';
import { holdHotspot, installClock } from './helpers/admin-hotspot';
import { expectNoAxeViolations } from './helpers/axe';
import { expectThanksThenIdle, levelButton, openKiosk, readRatings, testConfig, EN_LEVEL_LABELS, VI_FOLLOW_UP, VI_LEVEL_LABELS } from './helpers/citizen-kiosk';

const PIN = '246810';
const UNIT_CODE = 'HOIPHU';
const KIOSK_ID = 'e2e-kiosk';

const REASONS = [
  { key: 'long_queue', factor: 'A', labels: { vi: 'Phải xếp hàng quá lâu', en: 'Had to queue too long' } },
  // No English label: shown in Vietnamese on the English screen.
  { key: 'late', factor: 'D', labels: { vi: 'Trả kết quả chậm so với giấy hẹn' } },
  { key: 'online_help', factor: 'B', labels: { vi: 'Chưa được hướng dẫn nộp hồ sơ trực tuyến', en: 'No help with applying online' } },
  { key: 'other', factor: null, labels: { vi: 'Lý do khác', en: 'Other' } },
] as const;
const VI_LABELS = REASONS.map((r) => r.labels.vi);
const EN_LABELS = ['Had to queue too long', 'Trả kết quả chậm so với giấy hẹn', 'No help with applying online', 'Other'];
/** Stored before the unit changed its list: a default reason and one of its own, both retired since. */
const RETIRED = { fees: 'Phí, lệ phí không đúng quy định', queue_ticket: 'queue_ticket' } as const;

let pinHash = '';
test.beforeAll(async () => {
  pinHash = await hashPin(PIN);
});

let host: WebHost | undefined;
let city: TestCityServer | undefined;
let data: { dir: string; cleanup: () => void } | undefined;
test.beforeEach(async ({ page }) => {
  // The admin area's hidden corner is held on Playwright's clock.
  await installClock(page);
});
test.afterEach(async () => {
  await host?.stop();
  await city?.close();
  data?.cleanup();
  host = city = data = undefined;
});

const chips = (page: Page) => page.getByRole('group').getByRole('button');

async function rateLow(page: Page, label: string, question: string | RegExp) {
  await levelButton(page, label).click();
  await expect(page.getByRole('heading', { name: question })).toBeVisible();
}

/** The downloaded file's path, in Playwright's download folder. */
async function downloadExport(page: Page, label: string): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: label }).click();
  return (await (await download).path())!;
}

test('configured reasons: offered in order in both languages, stored, uploaded, tallied and exported by label', async ({ page }) => {
  city = await startCityServer({ kiosks: [{ kioskId: KIOSK_ID, unitCode: UNIT_CODE, token: TEST_KIOSK_TOKEN }] });
  data = tempDir('kiosk-reasons-e2e-');
  const db = openDatabase(path.join(data.dir, DATABASE_FILE_NAME));
  insertRatings(db, [{ at: Date.now() - 60_000, level: 2, reasons: ['fees', 'queue_ticket'] }], { unitCode: UNIT_CODE, kioskId: KIOSK_ID });
  db.close();
  host = await startWebHost({
    dataDir: data.dir,
    config: testConfig({
      reasons: REASONS.map((r) => ({ ...r, labels: { ...r.labels } })),
      server: { url: city.url, token: TEST_KIOSK_TOKEN, intervalSeconds: 1 },
      admin: { pinHash, idleSeconds: 600 },
    }),
  });
  await openKiosk(page, host);

  // Vietnamese: the unit's four reasons, in its order, nothing else.
  await rateLow(page, VI_LEVEL_LABELS[2], VI_FOLLOW_UP);
  await expect(chips(page)).toHaveText(VI_LABELS);
  await expectNoAxeViolations(page, 'the follow-up screen with configured reasons');
  await chips(page).filter({ hasText: VI_LABELS[0] }).click();
  await chips(page).filter({ hasText: VI_LABELS[2] }).click();
  await page.getByRole('button', { name: 'Gửi', exact: true }).click();
  await expectThanksThenIdle(page, { low: true });

  // English: the English labels, Vietnamese (marked as such) where the unit gave none.
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await rateLow(page, EN_LEVEL_LABELS[2], /What were you not satisfied with/);
  await expect(chips(page)).toHaveText(EN_LABELS);
  await expect(chips(page).nth(1).locator('[lang]')).toHaveAttribute('lang', 'vi');
  await expect(chips(page).nth(0).locator('[lang]')).toHaveAttribute('lang', 'en');
  await expectNoAxeViolations(page, 'the English follow-up screen with configured reasons');
  await chips(page).filter({ hasText: EN_LABELS[1] }).click();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Thank you for your feedback!' })).toBeVisible();

  // Stored by key, in the order tapped, in the real database.
  await expect
    .poll(() => readRatings(host!.dataDir).map((r) => [r.language, r.reasons]))
    .toEqual([
      ['vi', ['fees', 'queue_ticket']],
      ['vi', ['long_queue', 'online_help']],
      ['en', ['late']],
    ]);
  // All three reach the receiver and are accepted, old keys and the unit's own alike.
  await expect.poll(() => city!.count(), { timeout: 20_000 }).toBe(3);
  const uploaded = [...city.stored().values()].join('\n');
  for (const key of ['"long_queue","online_help"', '"late"', '"fees","queue_ticket"']) expect(uploaded).toContain(key);
  await expect.poll(() => readRatings(host!.dataDir).length).toBe(3);

  // The reception head's tally: every reason by its label, retired ones included.
  await expect(page.getByRole('heading', { name: /Ông\/Bà có hài lòng/ })).toBeVisible({ timeout: 10_000 });
  await holdHotspot(page, 3_300);
  const pad = page.getByTestId('admin-pin-pad');
  for (const digit of PIN) await pad.getByRole('button', { name: digit, exact: true }).click();
  await pad.getByRole('button', { name: 'Đồng ý' }).click();
  await expect(page.getByRole('heading', { name: 'Thống kê kết quả đánh giá' })).toBeVisible();
  const bars = page.getByTestId('tally-by-reason').getByRole('listitem');
  // One each: configured order first, then the retired default, then the retired key of its own.
  await expect(bars).toHaveText([
    new RegExp(`^${VI_LABELS[0]}\\s*1$`),
    new RegExp(`^${VI_LABELS[1]}\\s*1$`),
    new RegExp(`^${VI_LABELS[2]}\\s*1$`),
    new RegExp(`^${RETIRED.fees}\\s*1$`),
    new RegExp(`^${RETIRED.queue_ticket}\\s*1$`),
  ]);
  await expectNoAxeViolations(page, 'the admin tally with configured and retired reasons');

  // The exports: labels (never keys) of configured and retired reasons, and section VI with factors.
  const csv = fs.readFileSync(await downloadExport(page, 'Xuất CSV'), 'utf8');
  for (const label of [...VI_LABELS.slice(0, 3), RETIRED.fees, RETIRED.queue_ticket]) expect(csv).toContain(label);
  expect(csv).not.toContain('long_queue');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await downloadExport(page, 'Xuất Excel'));
  const rows: string[] = [];
  wb.worksheets[0]!.eachRow((row) => {
    const cells: string[] = [];
    row.eachCell((c) => {
      const v = String(c.value);
      if (cells.at(-1) !== v) cells.push(v);
    });
    rows.push(cells.join(' | '));
  });
  expect(rows).toEqual(
    expect.arrayContaining([
      `1 | ${VI_LABELS[0]} | A | 1`,
      `2 | ${VI_LABELS[1]} | D | 1`,
      `3 | ${VI_LABELS[2]} | B | 1`,
      `4 | ${RETIRED.fees} | B | 1`,
      `5 | queue_ticket | — | 1`,
    ]),
  );
});

test('a kiosk without `reasons` offers the eight reasons of today, and refuses a key it does not offer', async ({ page }) => {
  host = await startWebHost({ config: testConfig() });
  await openKiosk(page, host);
  await rateLow(page, VI_LEVEL_LABELS[2], VI_FOLLOW_UP);
  await expect(chips(page)).toHaveText([
    'Trả kết quả trễ hẹn',
    'Phải đi lại, bổ sung hồ sơ nhiều lần',
    'Thái độ, cách hướng dẫn của cán bộ',
    'Thủ tục, giấy tờ phức tạp hoặc ngoài quy định',
    'Phí, lệ phí không đúng quy định',
    'Kết quả có sai sót',
    'Chờ lâu, nơi chờ, biển chỉ dẫn',
    'Lý do khác',
  ]);
  // What a page cannot send: a key of the right shape that this kiosk does not offer.
  const rated = await host.call<{ id: string }>('submitRating', { level: 2, language: 'vi' });
  if (!rated.ok) throw new Error('not stored');
  const refused = await host.call('amendRating', { id: rated.value.id, reasons: ['long_queue'] });
  expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'reasons' } });
  // The page's rating (still on its follow-up screen) and this one: neither got a reason.
  expect(readRatings(host.dataDir).map((r) => r.reasons)).toEqual([[], []]);
});
