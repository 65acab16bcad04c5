// After a low rating the citizen may say why; what they chose is stored with the rating,
// whether they press "Gửi" or simply walk away.
import { expect, test, type Page } from '@playwright/test';
import type { WebHost } from '../support/web-host';
import { expectThanksThenIdle, levelButton, openKiosk, readRatings, startKiosk, VI_FOLLOW_UP, VI_LEVEL_LABELS } from './helpers/citizen-kiosk';

const REASON = {
  late: 'Trả kết quả trễ hẹn',
  staff_attitude: 'Thái độ, cách hướng dẫn của cán bộ',
  fees: 'Phí, lệ phí không đúng quy định',
  waiting_facilities: 'Chờ lâu, nơi chờ, biển chỉ dẫn',
} as const;
const FEES_HINT = /Nếu Ông\/Bà bị thu phí sai quy định/;

let host: WebHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

async function rateNotSatisfied(page: Page) {
  await levelButton(page, VI_LEVEL_LABELS[2]).click();
  await expect(page.getByRole('heading', { name: VI_FOLLOW_UP })).toBeVisible();
}

const chip = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

test('two chosen reasons are stored with the rating after "Gửi"', async ({ page }) => {
  host = await startKiosk();
  await openKiosk(page, host);
  await rateNotSatisfied(page);
  // All eight reasons are offered, none chosen yet.
  await expect(page.locator('[aria-pressed]')).toHaveCount(8);
  await expect(page.locator('[aria-pressed="true"]')).toHaveCount(0);

  await chip(page, REASON.late).click();
  await chip(page, REASON.staff_attitude).click();
  await chip(page, REASON.waiting_facilities).click();
  await chip(page, REASON.waiting_facilities).click(); // changed their mind
  // The complaint hint shows only while "fees" is chosen.
  await expect(page.getByText(FEES_HINT)).toHaveCount(0);
  await chip(page, REASON.fees).click();
  await expect(page.getByText(FEES_HINT)).toBeVisible();
  await chip(page, REASON.fees).click();
  await expect(page.getByText(FEES_HINT)).toHaveCount(0);
  await expect(chip(page, REASON.late)).toHaveAttribute('aria-pressed', 'true');
  await expect(chip(page, REASON.waiting_facilities)).toHaveAttribute('aria-pressed', 'false');
  await page.getByRole('button', { name: 'Gửi', exact: true }).click();
  await expectThanksThenIdle(page, { low: true });

  const [rating] = readRatings(host.dataDir);
  expect(rating?.level).toBe(2);
  expect([...rating!.reasons].sort()).toEqual(['late', 'staff_attitude']);
});

test('"Bỏ qua" thanks the citizen and stores the rating without reasons', async ({ page }) => {
  host = await startKiosk();
  await openKiosk(page, host);
  await rateNotSatisfied(page);
  await chip(page, REASON.late).click();
  await page.getByRole('button', { name: 'Bỏ qua', exact: true }).click();
  await expectThanksThenIdle(page, { low: true });
  expect(readRatings(host.dataDir)).toMatchObject([{ level: 2, reasons: [] }]);
});

test('walking away keeps the reasons chosen so far', async ({ page }) => {
  host = await startKiosk({ timeouts: { followUpSeconds: 2 } });
  await openKiosk(page, host);
  await rateNotSatisfied(page);
  await chip(page, REASON.fees).click();
  await expect(page.getByText(FEES_HINT)).toBeVisible();
  await expectThanksThenIdle(page, { low: true });
  expect(readRatings(host.dataDir)).toMatchObject([{ level: 2, reasons: ['fees'] }]);

  // Walking away without choosing anything stores the rating alone.
  await rateNotSatisfied(page);
  await expectThanksThenIdle(page, { low: true });
  expect(readRatings(host.dataDir)).toMatchObject([
    { level: 2, reasons: ['fees'] },
    { level: 2, reasons: [] },
  ]);
});
