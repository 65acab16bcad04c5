// The citizen may switch to English; the next citizen always starts in Vietnamese.
import { expect, test } from '@playwright/test';
import type { WebHost } from '../support/web-host';
import { EN_LEVEL_LABELS, levelButton, openKiosk, readRatings, startKiosk, VI_LEVEL_LABELS, VI_QUESTION } from './helpers/citizen-kiosk';

let host: WebHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

test('English labels and question, then back to Vietnamese after the thank-you', async ({ page }) => {
  host = await startKiosk();
  await openKiosk(page, host);
  await page.getByRole('button', { name: 'English', exact: true }).click();

  await expect(page.getByRole('heading', { name: 'Are you satisfied with our service?' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  for (const label of Object.values(EN_LEVEL_LABELS).filter((l) => l !== 'Neutral' && l !== 'Very dissatisfied')) {
    await expect(levelButton(page, label)).toBeVisible();
  }
  await expect(levelButton(page, VI_LEVEL_LABELS[4])).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'English', exact: true })).toHaveAttribute('aria-pressed', 'true');

  await levelButton(page, EN_LEVEL_LABELS[4]).click();
  await expect(page.getByRole('heading', { name: 'Thank you for your feedback!' })).toBeVisible();
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(levelButton(page, VI_LEVEL_LABELS[4])).toBeVisible();

  expect(readRatings(host.dataDir)).toMatchObject([{ level: 4, language: 'en' }]);
});

test('the English low-rating follow-up and thanks', async ({ page }) => {
  host = await startKiosk();
  await openKiosk(page, host);
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await levelButton(page, EN_LEVEL_LABELS[2]).click();
  await expect(page.getByRole('heading', { name: 'What were you not satisfied with?' })).toBeVisible();
  await page.getByRole('button', { name: 'Result was late', exact: true }).click();
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByText('We hear you and will improve.')).toBeVisible();
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible({ timeout: 10_000 });
  expect(readRatings(host.dataDir)).toMatchObject([{ level: 2, language: 'en', reasons: ['late'] }]);
});

test('no language switch when the config offers Vietnamese only', async ({ page }) => {
  host = await startKiosk({ languages: ['vi'] });
  await openKiosk(page, host);
  await expect(page.getByRole('button', { name: 'English', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Tiếng Việt', exact: true })).toHaveCount(0);
});
