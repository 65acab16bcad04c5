// The counter workflow end to end: an officer signs in behind the hidden gesture, a USB
// scanner's burst opens the dossier's session on the citizen's screen, the rating is
// stored with the dossier code, capture kind, counter and officer, a rated dossier is
// refused on the kiosk and at the city receiver, a comment is typed in Telex on the
// on-screen keyboard, and a survey number needs its consent box. Real web host, SQLite,
// Chromium, and the reference receiver on 127.0.0.1.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import { hashPin } from '../../electron/services/admin/pin-hash';
import { startCityServer, type TestCityServer } from '../support/city-server';
import type { TestConfigOverrides } from '../support/test-config';
import { startWebHost, type WebHost } from '../support/web-host';
import { holdHotspot, installClock } from './helpers/admin-hotspot';
import { levelButton, openKiosk, testConfig, VI_QUESTION, VI_THANKS } from './helpers/citizen-kiosk';
import { docsScreenshot } from './helpers/docs-screenshot';
import { notice, scan, scanIntoSession, scanUntil } from './helpers/scanner';

const HEAD_PIN = '135791';
const LAN_PIN = '246810';
const CODE = '000.00.31.H21-261201-0042';
const SESSION_QUESTION = 'Ông/Bà vui lòng đánh giá mức độ hài lòng';
const ALREADY_RATED = 'Hồ sơ này đã được đánh giá. Xin cảm ơn Ông/Bà!';

let headHash = '';
let lanHash = '';
test.beforeAll(async () => {
  [headHash, lanHash] = await Promise.all([hashPin(HEAD_PIN), hashPin(LAN_PIN)]);
});

function counterConfig(...extra: TestConfigOverrides[]) {
  return testConfig(
    {
      counters: [
        { id: 'Q1', name: 'Quầy 1' },
        { id: 'Q2', name: 'Quầy 2' },
      ],
      officers: [
        { id: 'lan.nt', name: 'Nguyễn Thị Lan', counterId: 'Q1', pinHash: lanHash },
        { id: 'minh.tv', name: 'Trần Văn Minh', counterId: 'Q2' },
      ],
      admin: { pinHash: headHash, idleSeconds: 60 },
    },
    ...extra,
  );
}

let host: WebHost | null = null;
let second: WebHost | null = null;
let city: TestCityServer | null = null;
test.afterEach(async () => {
  await host?.stop();
  await second?.stop();
  await city?.close();
  host = second = city = null;
});

interface Row {
  level: number;
  counter_id: string | null;
  officer_id: string | null;
  dossier_code: string | null;
  dossier_capture: string;
  comment: string | null;
  upload_state: string;
  delivery_note: string | null;
}
function rows(dataDir: string): Row[] {
  const file = path.join(dataDir, 'ratings.db');
  if (!fs.existsSync(file)) return [];
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare('SELECT level, counter_id, officer_id, dossier_code, dossier_capture, comment, upload_state, delivery_note FROM ratings ORDER BY seq')
      .all() as Row[];
  } finally {
    db.close();
  }
}

/** Needs installClock(page) before the kiosk was opened. */
async function openStaffArea(page: Page): Promise<void> {
  await holdHotspot(page, 3_200);
  await expect(page.getByTestId('admin-pin-pad')).toBeVisible();
}

async function enterPin(page: Page, pin: string): Promise<void> {
  const pad = page.getByTestId('admin-pin-pad');
  for (const d of pin) await pad.getByRole('button', { name: d, exact: true }).click();
  await pad.getByRole('button', { name: 'Đồng ý' }).click();
}

async function officerSignsIn(page: Page): Promise<void> {
  await openStaffArea(page);
  await page.getByTestId('pin-who').getByRole('button', { name: 'Nguyễn Thị Lan' }).click();
  await expect(page.getByRole('heading', { name: 'Nhập mã PIN của Nguyễn Thị Lan' })).toBeVisible();
  await enterPin(page, LAN_PIN);
  await expect(page.getByTestId('duty-current')).toHaveText('Đã nhận ca: Nguyễn Thị Lan');
  // An officer sees their shift, never the tally.
  await expect(page.getByRole('button', { name: 'Thống kê' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Đóng' }).click();
  await expect(page.getByTestId('on-duty')).toHaveText('Cán bộ tiếp nhận: Nguyễn Thị Lan');
}

/** Types on the on-screen keyboard key by key, as a finger would. */
async function tapKeys(page: Page, keys: string): Promise<void> {
  for (const ch of keys) {
    if (ch === ' ') {
      await page.locator('[data-key="space"]').click();
    } else if (ch !== ch.toLowerCase()) {
      await page.locator('[data-key="shift"]').click();
      await page.locator(`[data-key="${ch.toLowerCase()}"]`).click();
    } else {
      await page.locator(`[data-key="${ch}"]`).click();
    }
  }
}

test('an officer signs in; a scan opens the dossier session; the rating stores code, capture, counter and officer; a second scan is refused', async ({
  page,
}) => {
  host = await startWebHost({ config: counterConfig() });
  await installClock(page);
  await openKiosk(page, host);
  await officerSignsIn(page);

  await scanIntoSession(page, CODE);
  const session = page.getByTestId('dossier-session');
  await expect(session.getByRole('heading', { name: SESSION_QUESTION })).toBeVisible();
  await expect(session).toContainText(`Hồ sơ số ${CODE}`);
  await expect(session).toContainText('Quầy 1');
  await expect(session).toContainText('Cán bộ Nguyễn Thị Lan');
  await docsScreenshot(page, 'dossier-session.png', 300);

  await levelButton(page, 'Hài lòng').click();
  await expect(page.getByRole('heading', { name: VI_THANKS })).toBeVisible();
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible({ timeout: 15_000 });
  expect(rows(host.dataDir)).toEqual([
    expect.objectContaining({ level: 4, counter_id: 'Q1', officer_id: 'lan.nt', dossier_code: CODE, dossier_capture: 'barcode' }),
  ]);

  // The same receipt again, this time its QR code: the dossier is already rated.
  await scanUntil(page, `https://dichvucong.gialai.gov.vn/tra-cuu?ma=${CODE}`, notice(page, 'alreadyRated'));
  await expect(page.getByTestId('scan-notice')).toHaveText(ALREADY_RATED);
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible();
  expect(rows(host.dataDir)).toHaveLength(1);
});

test('a person typing is never taken for a scan; a bad code is refused with its message and changes nothing', async ({ page }) => {
  host = await startWebHost({ config: counterConfig() });
  await openKiosk(page, host);
  // Every scan the kiosk takes is an openDossier call, sent from the key handler of its Enter.
  const opened: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/openDossier')) opened.push(r.postData() ?? '');
  });

  await scan(page, CODE, 90);
  // The Enter has been handled when the key press returns; a frame later, a notice it raised
  // would be on screen.
  await page.evaluate(
    () => new Promise<void>((resolve) => (globalThis as unknown as { requestAnimationFrame(cb: () => void): number }).requestAnimationFrame(() => resolve())),
  );
  await expect(page.getByTestId('dossier-session')).toHaveCount(0);
  await expect(page.getByTestId('scan-notice')).toHaveCount(0);

  await scanUntil(page, 'HELLO-WORLD-42', notice(page, 'invalid'));
  // Requests are reported in the order they were sent: the typed code, had it been taken for
  // a scan, would be here before the bad code's call.
  expect(opened.length).toBeGreaterThan(0);
  expect(opened.filter((body) => !body.includes('HELLO-WORLD-42'))).toEqual([]);
  await expect(page.getByTestId('scan-notice')).toHaveText('Mã hồ sơ không hợp lệ, chưa ghi nhận. Vui lòng quét lại.');
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible();
  expect(rows(host.dataDir)).toEqual([]);
});

test('a session nobody answers expires and records nothing; a scan during a follow-up waits for that citizen', async ({ page }) => {
  host = await startWebHost({ config: counterConfig({ dossier: { sessionSeconds: 1.5 } }) });
  await openKiosk(page, host);
  await scanIntoSession(page, CODE);
  await expect(page.getByRole('heading', { name: SESSION_QUESTION })).toBeVisible();
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible({ timeout: 5_000 });
  expect(rows(host.dataDir)).toEqual([]);

  // Another citizen is answering the follow-up: the next dossier waits its turn.
  await levelButton(page, 'Không hài lòng').click();
  await expect(page.getByRole('heading', { name: 'Ông/Bà chưa hài lòng về điều gì?' })).toBeVisible();
  await scanUntil(page, CODE, notice(page, 'queued'));
  await expect(page.getByTestId('scan-notice')).toContainText(CODE);
  await page.getByRole('button', { name: 'Bỏ qua' }).click();
  await expect(page.getByRole('heading', { name: SESSION_QUESTION })).toBeVisible({ timeout: 10_000 });
  expect(rows(host.dataDir).map((r) => r.dossier_code)).toEqual([null]);
});

test('a comment tapped in Telex on the on-screen keyboard is stored exactly', async ({ page }) => {
  host = await startWebHost({ config: counterConfig() });
  await openKiosk(page, host);
  await levelButton(page, 'Không hài lòng').click();
  await page.getByRole('button', { name: 'Thái độ, cách hướng dẫn của cán bộ' }).click();
  await page.getByTestId('open-comment').click();
  await expect(page.getByRole('heading', { name: 'Ý kiến khác' })).toBeVisible();

  await tapKeys(page, 'Cans booj raats nhieejt tinhf');
  await expect(page.getByTestId('comment-text')).toHaveText('Cán bộ rất nhiệt tình');
  await docsScreenshot(page, 'comment-keyboard.png');
  await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
  await expect(page.getByRole('heading', { name: VI_THANKS })).toBeVisible();
  await expect.poll(() => rows(host!.dataDir)[0]?.comment).toBe('Cán bộ rất nhiệt tình');
  const db = new Database(path.join(host.dataDir, 'ratings.db'), { readonly: true });
  expect(db.prepare('SELECT reasons FROM ratings').pluck().get()).toBe('["staff_attitude"]');
  db.close();
});

test('the reception head puts an officer on duty and types a code that the scanner could not read', async ({ page }) => {
  host = await startWebHost({ config: counterConfig() });
  await installClock(page);
  await openKiosk(page, host);
  await openStaffArea(page);
  await enterPin(page, HEAD_PIN);
  await page.getByRole('button', { name: 'Ca trực và mã hồ sơ' }).click();
  await page.getByTestId('duty-panel').getByRole('button', { name: 'Trần Văn Minh' }).click();
  await expect(page.getByTestId('duty-current')).toHaveText('Đang trực: Trần Văn Minh');

  await page.getByRole('button', { name: 'Nhập mã hồ sơ' }).click();
  await tapKeys(page, CODE.toLowerCase());
  await expect(page.getByTestId('typed-dossier-code')).toHaveText(CODE);
  await page.getByRole('button', { name: 'Mời công dân đánh giá' }).click();
  await expect(page.getByRole('heading', { name: SESSION_QUESTION })).toBeVisible();
  await expect(page.getByTestId('dossier-session')).toContainText('Cán bộ Trần Văn Minh');
  await levelButton(page, 'Rất hài lòng').click();
  await expect(page.getByRole('heading', { name: VI_THANKS })).toBeVisible();
  await expect
    .poll(() => rows(host!.dataDir))
    .toEqual([expect.objectContaining({ level: 5, officer_id: 'minh.tv', dossier_code: CODE, dossier_capture: 'typed' })]);
});

test('the city receiver refuses a second rating of the same dossier sent by another kiosk', async ({ page }) => {
  test.setTimeout(120_000);
  city = await startCityServer({
    kiosks: [
      { kioskId: 'kiosk-a', unitCode: 'HOIPHU', token: 'kiosk-a-token-0123456789' },
      { kioskId: 'kiosk-b', unitCode: 'HOIPHU', token: 'kiosk-b-token-0123456789' },
    ],
  });
  const server = (token: string) => ({ url: city!.url, token, intervalSeconds: 0.5, backoff: { baseSeconds: 0.5, maxSeconds: 1 } });
  host = await startWebHost({ config: counterConfig({ kiosk: { id: 'kiosk-a', counterId: 'Q1' }, server: server('kiosk-a-token-0123456789') }) });
  second = await startWebHost({ config: counterConfig({ kiosk: { id: 'kiosk-b', counterId: 'Q2' }, server: server('kiosk-b-token-0123456789') }) });

  await openKiosk(page, host);
  await scanIntoSession(page, CODE);
  await levelButton(page, 'Rất hài lòng').click();
  await expect(page.getByRole('heading', { name: VI_THANKS })).toBeVisible();
  // A satisfied rating waits out its thank-you window (a comment may follow), then goes up;
  // the receiver keeps the first rating it receives for a dossier.
  await expect.poll(() => rows(host!.dataDir)[0]?.upload_state, { timeout: 60_000 }).toBe('delivered');
  expect(rows(host.dataDir)[0]?.delivery_note).toBeNull();

  // The citizen goes to another counter with the same receipt: that kiosk cannot know.
  await openKiosk(page, second);
  await scanIntoSession(page, CODE);
  await levelButton(page, 'Hài lòng').click();
  await expect(page.getByRole('heading', { name: VI_THANKS })).toBeVisible();
  await expect.poll(() => rows(second!.dataDir)[0]?.delivery_note, { timeout: 60_000 }).toBe('dossier_rated');
  expect(rows(second.dataDir)[0]?.upload_state).toBe('delivered');
  expect(city.count()).toBe(1);
  expect(city.db.prepare(`SELECT level FROM ratings`).pluck().all()).toEqual([5]);
});

test('a survey number needs the unticked consent box and is stored apart from the rating', async ({ page }) => {
  host = await startWebHost({ config: counterConfig({ contact: { enabled: true, contactPoint: 'Bộ phận Một cửa, 0269 3823 456' } }) });
  await openKiosk(page, host);
  await levelButton(page, 'Rất hài lòng').click();
  await page.getByTestId('thanks-contact').click();
  await expect(page.getByTestId('contact-notice')).toContainText('được xóa sau 30 ngày');
  const consent = page.getByTestId('contact-consent');
  await expect(consent).toHaveAttribute('aria-checked', 'false');
  for (const d of '0912345678') await page.locator(`.phone-pad [data-key="${d}"]`).click();
  const send = page.getByRole('button', { name: 'Gửi', exact: true });
  await expect(send).toBeDisabled();
  await consent.click();
  await send.click();
  await expect(page.getByText('Cảm ơn Ông/Bà đã đồng ý tham gia khảo sát!')).toBeVisible();

  const db = new Database(path.join(host.dataDir, 'ratings.db'), { readonly: true });
  try {
    expect(db.prepare('SELECT phone FROM contacts').pluck().all()).toEqual(['0912345678']);
    const ratings = JSON.stringify(db.prepare('SELECT * FROM ratings').all());
    expect(ratings).not.toContain('0912345678');
  } finally {
    db.close();
  }
});
