// On the 5-level scale, "Bình thường" is not a complaint: its follow-up asks what we should
// improve, while the two dissatisfied levels keep "Ông/Bà chưa hài lòng về điều gì?".
import { expect, test, type Page } from '@playwright/test';
import type { WebHost } from '../support/web-host';
import {
  EN_LEVEL_LABELS,
  expectThanksThenIdle,
  levelButton,
  openKiosk,
  readRatings,
  startKiosk,
  VI_FOLLOW_UP,
  VI_LEVEL_LABELS,
  VI_QUESTION,
} from './helpers/citizen-kiosk';

const VI_NEUTRAL_FOLLOW_UP = 'Theo Ông/Bà, chúng tôi cần cải thiện điều gì?';
const EN_NEUTRAL_FOLLOW_UP = 'What do you think we should improve?';
const EN_FOLLOW_UP = 'What were you not satisfied with?';

let host: WebHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });

test('"Bình thường" asks what to improve; the dissatisfied levels ask what was not satisfactory', async ({ page }) => {
  host = await startKiosk({ scale: '5' });
  await openKiosk(page, host);

  await levelButton(page, VI_LEVEL_LABELS[3]).click();
  await expect(heading(page, VI_NEUTRAL_FOLLOW_UP)).toBeVisible();
  await expect(heading(page, VI_FOLLOW_UP)).toHaveCount(0);
  // The reasons group is named by the question on screen, for screen readers too.
  await expect(page.getByRole('group', { name: VI_NEUTRAL_FOLLOW_UP })).toBeVisible();
  await page.getByRole('button', { name: 'Chờ lâu, nơi chờ, biển chỉ dẫn', exact: true }).click();
  await page.getByRole('button', { name: 'Gửi', exact: true }).click();
  await expectThanksThenIdle(page, { low: true });

  for (const level of [2, 1] as const) {
    await levelButton(page, VI_LEVEL_LABELS[level]).click();
    await expect(heading(page, VI_FOLLOW_UP)).toBeVisible();
    await expect(heading(page, VI_NEUTRAL_FOLLOW_UP)).toHaveCount(0);
    await page.getByRole('button', { name: 'Bỏ qua', exact: true }).click();
    await expectThanksThenIdle(page, { low: true });
  }

  expect(readRatings(host.dataDir)).toMatchObject([
    { level: 3, scale: 5, reasons: ['waiting_facilities'] },
    { level: 2, scale: 5, reasons: [] },
    { level: 1, scale: 5, reasons: [] },
  ]);
});

test('the English neutral follow-up asks what to improve', async ({ page }) => {
  host = await startKiosk({ scale: '5' });
  await openKiosk(page, host);
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await levelButton(page, EN_LEVEL_LABELS[3]).click();
  await expect(heading(page, EN_NEUTRAL_FOLLOW_UP)).toBeVisible();
  await expect(heading(page, EN_FOLLOW_UP)).toHaveCount(0);
  await page.getByRole('button', { name: 'Skip', exact: true }).click();
  await expect(page.getByText('We hear you and will improve.')).toBeVisible();
  // The kiosk returns to Vietnamese after the thanks; a very dissatisfied rating in English
  // keeps the complaint wording.
  await expect(heading(page, VI_QUESTION)).toBeVisible({ timeout: 10_000 });
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await levelButton(page, EN_LEVEL_LABELS[1]).click();
  await expect(heading(page, EN_FOLLOW_UP)).toBeVisible();
});
