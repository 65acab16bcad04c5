// A citizen rates on the real kiosk page served by the real web host; ratings are checked
// in the SQLite file the host wrote.
import { expect, test } from '@playwright/test';
import type { WebHost } from '../support/web-host';
import { startWebHost } from '../support/web-host';
import {
  expectThanksThenIdle,
  levelButton,
  openKiosk,
  readRatings,
  startKiosk,
  testConfig,
  UNIT_NAME,
  VI_FOLLOW_UP,
  VI_LEVEL_LABELS,
  VI_QUESTION,
} from './helpers/citizen-kiosk';

let host: WebHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

test('each level of the default 3-level scale is stored after the citizen is thanked', async ({ page }) => {
  host = await startKiosk();
  await openKiosk(page, host);
  await expect(page.getByText(UNIT_NAME)).toBeVisible();
  await expect(page.getByRole('group', { name: VI_QUESTION }).getByRole('button')).toHaveCount(3);

  for (const level of [5, 4, 2] as const) {
    await levelButton(page, VI_LEVEL_LABELS[level]).click();
    if (level === 2) {
      await expect(page.getByRole('heading', { name: VI_FOLLOW_UP })).toBeVisible();
      await page.getByRole('button', { name: 'Bỏ qua', exact: true }).click();
    }
    await expectThanksThenIdle(page, { low: level === 2 });
  }

  const stored = readRatings(host.dataDir);
  expect(stored.map((r) => r.level)).toEqual([5, 4, 2]);
  expect(stored.every((r) => r.scale === 3 && r.language === 'vi' && r.unitCode === 'HOIPHU' && r.kioskId === 'e2e-kiosk')).toBe(true);
});

test('the 5-level scale shows five faces, most satisfied first', async ({ page }) => {
  host = await startKiosk({ scale: '5' });
  await openKiosk(page, host);
  const buttons = page.getByRole('group', { name: VI_QUESTION }).getByRole('button');
  await expect(buttons).toHaveText([5, 4, 3, 2, 1].map((l) => VI_LEVEL_LABELS[l as 1 | 2 | 3 | 4 | 5]));
  const xs = await Promise.all([5, 4, 3, 2, 1].map(async (l) => (await levelButton(page, VI_LEVEL_LABELS[l as 1 | 2 | 3 | 4 | 5]).boundingBox())!.x));
  expect([...xs].sort((a, b) => a - b)).toEqual(xs);

  // A neutral answer is asked what to improve, not what displeased.
  await levelButton(page, VI_LEVEL_LABELS[3]).click();
  await expect(page.getByRole('heading', { name: 'Theo Ông/Bà, chúng tôi cần cải thiện điều gì?' })).toBeVisible();
  await page.getByRole('button', { name: 'Bỏ qua', exact: true }).click();
  await expectThanksThenIdle(page, { low: true });
  expect(readRatings(host.dataDir)).toMatchObject([{ level: 3, scale: 5 }]);
});

test('ratings survive a restart of the host on the same data directory', async ({ page }) => {
  host = await startKiosk();
  await openKiosk(page, host);
  await levelButton(page, VI_LEVEL_LABELS[5]).click();
  await expectThanksThenIdle(page);
  await levelButton(page, VI_LEVEL_LABELS[4]).click();
  await expectThanksThenIdle(page);
  const { dataDir } = host;
  await host.stop();

  host = await startWebHost({ dataDir, config: testConfig() });
  expect(readRatings(dataDir).map((r) => r.level)).toEqual([5, 4]);
  await openKiosk(page, host);
  await levelButton(page, VI_LEVEL_LABELS[5]).click();
  await expectThanksThenIdle(page);
  expect(readRatings(dataDir).map((r) => r.level)).toEqual([5, 4, 5]);
});

test('a double tap stores one rating even without a cool-down', async ({ page }) => {
  host = await startKiosk({ misuse: { cooldownSeconds: 0 } });
  await openKiosk(page, host);
  await levelButton(page, VI_LEVEL_LABELS[4]).dblclick();
  await expectThanksThenIdle(page);
  expect(readRatings(host.dataDir).map((r) => r.level)).toEqual([4]);
});

test('a second tap inside the cool-down is thanked but not stored', async ({ page }) => {
  host = await startKiosk({ misuse: { cooldownSeconds: 5 } });
  await openKiosk(page, host);
  await levelButton(page, VI_LEVEL_LABELS[4]).tap();
  await expectThanksThenIdle(page);
  await levelButton(page, VI_LEVEL_LABELS[5]).tap();
  await expectThanksThenIdle(page);
  expect(readRatings(host.dataDir).map((r) => r.level)).toEqual([4]);
});
