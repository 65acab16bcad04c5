// The web host's per-start token reaches only the browser the kiosk opens, in the fragment
// of the address on the host's ready line. No file the host serves contains it; the page
// takes it from its address, removes it from the address bar and keeps working after a
// reload; a page opened at the bare address cannot use the API.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { REPO_ROOT, type WebHost } from '../support/web-host';
import { expectThanksThenIdle, levelButton, openKiosk, readRatings, startKiosk, VI_LEVEL_LABELS, VI_QUESTION } from './helpers/citizen-kiosk';

let host: WebHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

test('no file of the built renderer, as served, contains the token; the API refuses a call without it', async () => {
  host = await startKiosk();
  const built = path.join(REPO_ROOT, 'dist', 'renderer');
  const files = fs
    .readdirSync(built, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => `/${path.relative(built, path.join(e.parentPath, e.name)).split(path.sep).join('/')}`);
  expect(files).toContain('/index.html');
  expect(files.some((f) => f.endsWith('.js'))).toBe(true);
  for (const file of ['/', ...files]) {
    const res = await fetch(new URL(file, host.url));
    expect(res.status, file).toBe(200);
    const body = Buffer.from(await res.arrayBuffer()).toString('latin1');
    expect(body.includes(host.token), file).toBe(false);
    expect(JSON.stringify([...res.headers]).includes(host.token), file).toBe(false);
  }
  const res = await fetch(new URL('api/getBootstrap', host.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  expect(res.status).toBe(401);
  expect(await res.json()).toEqual({ ok: false, error: { code: 'UNAUTHORIZED' } });
});

test('the page takes the token from its address, clears it from the address bar, and keeps it across a reload', async ({ page }) => {
  host = await startKiosk();
  await openKiosk(page, host);
  expect(page.url()).toBe(host.url);
  await levelButton(page, VI_LEVEL_LABELS[5]).click();
  await expectThanksThenIdle(page);

  await page.reload();
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible();
  expect(page.url()).toBe(host.url);
  await levelButton(page, VI_LEVEL_LABELS[4]).click();
  await expectThanksThenIdle(page);
  expect(readRatings(host.dataDir).map((r) => r.level)).toEqual([5, 4]);
});

test('a tab opened at the bare address cannot use the kiosk and says why', async ({ page, context }) => {
  host = await startKiosk();
  // The kiosk's own tab works; the token it keeps is its own, not the browser's.
  await openKiosk(page, host);
  const other = await context.newPage();
  await other.goto(host.url);
  await expect(other.getByRole('heading', { name: 'Máy đánh giá tạm thời chưa sẵn sàng' })).toBeVisible();
  await expect(other.getByTestId('startup-error')).toContainText('Yêu cầu thiếu hoặc sai mã xác thực.');
  await expect(other.getByRole('button')).toHaveCount(0);
  expect(readRatings(host.dataDir)).toEqual([]);
});
