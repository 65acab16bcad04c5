// axe-core (WCAG 2.0/2.1/2.2, A and AA) on every screen a citizen or a staff member can
// reach, at the two screen shapes kiosks are installed in, on the real web host in Chromium.
// Each test walks one path through the kiosk and has axe look at each screen on the way, so
// a screen that regresses is named in the failure together with the rules it breaks.
//
// The dimensions are lists: a display mode (a later "large text" mode is one more entry in
// MODES, with how to switch it on) × a screen shape × the screens themselves.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { hashPin } from '../../electron/services/admin/pin-hash';
import { DATABASE_FILE_NAME, openDatabase } from '../../electron/services/db/database';
import { zonedParts } from '../../shared/local-time';
import { generateRatings, insertRatings } from '../support/rating-fixtures';
import { tempDir } from '../support/temp-db';
import type { TestConfigOverrides } from '../support/test-config';
import { startWebHost, type WebHost } from '../support/web-host';
import { holdHotspot, installClock } from './helpers/admin-hotspot';
import { axeViolations, expectNoAxeViolations, formatViolations } from './helpers/axe';
import { EN_LEVEL_LABELS, levelButton, openKiosk, testConfig, VI_FOLLOW_UP, VI_LEVEL_LABELS, VI_QUESTION, VI_THANKS } from './helpers/citizen-kiosk';
import { notice, scanUntil } from './helpers/scanner';

interface DisplayMode {
  name: string;
  /**
   * Puts a freshly opened kiosk into this mode (from the idle screen, as a citizen would).
   * Runs once per walk, right after the kiosk is opened; absent: the kiosk as it starts.
   */
  enter?: (page: Page) => Promise<void>;
  /**
   * The walks that look at something new in this mode; absent: all of them. Large text is
   * the citizen's: the admin layer draws at normal size whatever the toggle says, the startup
   * error comes before the toggle exists, the dimmed screen covers it, and the citizen
   * screens are checked with large text at three screen sizes by citizen-large-text.spec.ts
   * (axe's rules do not depend on the language shown). What is left is the counter's citizen
   * screens: the dossier session, the officer on duty, a scan notice.
   */
  walks?: readonly Walk[];
}

type Walk = 'vietnamese' | 'english' | 'idle states' | 'startup' | 'admin' | 'counter';

/** Normal text, and "Chữ lớn" switched on from the idle screen (it lasts until the kiosk goes idle). */
const MODES: readonly DisplayMode[] = [
  { name: 'normal text' },
  {
    name: 'large text',
    walks: ['counter'],
    enter: async (page) => {
      const toggle = page.getByRole('button', { name: 'Chữ lớn', exact: true });
      await toggle.click();
      await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    },
  },
];

const SHAPES = [
  { name: 'landscape 1920×1080', viewport: { width: 1920, height: 1080 } },
  { name: 'portrait 1080×1920', viewport: { width: 1080, height: 1920 } },
] as const;

const HEAD_PIN = '246810';
const OFFICER_PIN = '135791';
const WRONG_PIN = '1111';
const CODE = '000.00.31.H21-261201-0042';
const TZ = 'Asia/Ho_Chi_Minh';

// Each test starts its own hosts, so the walks need not wait for one another.
test.describe.configure({ mode: 'parallel' });

let headHash = '';
let officerHash = '';
test.beforeAll(async () => {
  [headHash, officerHash] = await Promise.all([hashPin(HEAD_PIN), hashPin(OFFICER_PIN)]);
});

/** The whole kiosk: both languages, five levels (the most on screen), the survey offer, a counter's staff. */
function a11yConfig(...extra: TestConfigOverrides[]) {
  return testConfig(
    {
      scale: '5',
      // Long enough for axe to look at the thank-you screen before it leaves by itself.
      timeouts: { thankYouSeconds: 60, followUpSeconds: 120 },
      contact: { enabled: true, contactPoint: 'Bộ phận Một cửa, 0269 3823 456' },
      counters: [
        { id: 'Q1', name: 'Quầy 1' },
        { id: 'Q2', name: 'Quầy 2' },
      ],
      officers: [
        { id: 'lan.nt', name: 'Nguyễn Thị Lan', counterId: 'Q1', pinHash: officerHash },
        { id: 'minh.tv', name: 'Trần Văn Minh', counterId: 'Q2' },
      ],
      admin: { pinHash: headHash, idleSeconds: 600, maxPinAttempts: 2, lockoutBaseSeconds: 60 },
    },
    ...extra,
  );
}

let hosts: WebHost[] = [];
test.afterEach(async () => {
  await Promise.all(hosts.map((h) => h.stop()));
  for (const h of hosts) fs.rmSync(h.dataDir, { recursive: true, force: true });
  hosts = [];
});
async function host(options: Parameters<typeof startWebHost>[0]): Promise<WebHost> {
  const h = await startWebHost(options);
  hosts.push(h);
  return h;
}

async function typePin(page: Page, pin: string): Promise<void> {
  const pad = page.getByTestId('admin-pin-pad');
  for (const digit of pin) await pad.getByRole('button', { name: digit, exact: true }).click();
  await pad.getByRole('button', { name: 'Đồng ý' }).click();
}

test('the helper fails on a page that breaks WCAG, naming the rule and the element', async ({ page }) => {
  // Proves the checks below can fail: grey-on-white text and an unnamed button.
  await page.setContent('<html lang="vi"><body><main><p style="color:#bbb;background:#fff">Mờ</p><button id="b"></button></main></body></html>');
  const report = formatViolations(await axeViolations(page));
  expect(report).toContain('color-contrast (serious)');
  expect(report).toContain('button-name (critical)');
  expect(report).toContain('#b');
  await expect(expectNoAxeViolations(page, 'a bad page')).rejects.toThrow(/axe: WCAG violations on a bad page/);
});

for (const mode of MODES) {
  for (const shape of SHAPES) {
    test.describe(`${mode.name}, ${shape.name}`, () => {
      test.use({ viewport: shape.viewport });
      const walk = (name: Walk, title: string, body: Parameters<typeof test>[2]) => {
        if (!mode.walks || mode.walks.includes(name)) test(title, body);
      };
      const check = (page: Page, screen: string) => expectNoAxeViolations(page, `${screen} (${mode.name}, ${shape.name})`);
      const open = async (page: Page, h: WebHost) => {
        await openKiosk(page, h);
        await mode.enter?.(page);
      };
      /** A fresh idle screen without waiting out the screen's own timeout (the token survives a reload). */
      const backToIdle = async (page: Page) => {
        await page.reload();
        await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible();
        await mode.enter?.(page);
      };

      walk('vietnamese', 'citizen screens in Vietnamese: question, follow-up, comment keyboard, thanks, survey contact', async ({ page }) => {
        const h = await host({ config: a11yConfig() });
        await open(page, h);
        await expect(page.getByTestId('sync-status')).toBeVisible();
        await check(page, 'the idle question');

        await levelButton(page, VI_LEVEL_LABELS[2]).click();
        await expect(page.getByRole('heading', { name: VI_FOLLOW_UP })).toBeVisible();
        await check(page, 'the follow-up reasons');
        // The fee complaint hint shows only with "fees" chosen.
        await page.getByRole('button', { name: 'Phí, lệ phí không đúng quy định', exact: true }).click();
        await expect(page.getByText(/Nếu Ông\/Bà bị thu phí sai quy định/)).toBeVisible();
        await check(page, 'the follow-up reasons with one chosen and the fees hint');

        await page.getByTestId('open-comment').click();
        await expect(page.getByTestId('comment-screen')).toBeVisible();
        await page.locator('[data-key="a"]').click();
        await check(page, 'the comment keyboard');
        await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
        await expect(page.getByRole('heading', { name: VI_THANKS })).toBeVisible();
        await check(page, 'the thank-you after a low rating');
        await page.getByTestId('thanks-contact').click();
        await expect(page.getByTestId('contact-screen')).toBeVisible();
        await check(page, 'the survey contact step');
        for (const d of '0912345678') await page.locator(`.phone-pad [data-key="${d}"]`).click();
        await page.getByTestId('contact-consent').click();
        await check(page, 'the survey contact step filled in');
        await page.getByRole('button', { name: 'Gửi', exact: true }).click();
        await expect(page.getByText('Cảm ơn Ông/Bà đã đồng ý tham gia khảo sát!')).toBeVisible();
        await check(page, 'the survey thank-you');
        await backToIdle(page);
        await levelButton(page, VI_LEVEL_LABELS[3]).click();
        await expect(page.getByRole('heading', { name: 'Theo Ông/Bà, chúng tôi cần cải thiện điều gì?' })).toBeVisible();
        await check(page, 'the neutral follow-up');

        await backToIdle(page);
        await levelButton(page, VI_LEVEL_LABELS[5]).click();
        await expect(page.getByTestId('thanks-comment')).toBeVisible();
        await check(page, 'the thank-you with its comment and survey offers');
      });

      walk('english', 'citizen screens in English', async ({ page }) => {
        const h = await host({ config: a11yConfig() });
        await open(page, h);
        await page.getByRole('button', { name: 'English', exact: true }).click();
        await expect(page.getByRole('heading', { name: 'Are you satisfied with our service?' })).toBeVisible();
        await check(page, 'the idle question in English');
        await levelButton(page, EN_LEVEL_LABELS[1]).click();
        await expect(page.getByRole('heading', { name: 'What were you not satisfied with?' })).toBeVisible();
        await check(page, 'the follow-up in English');
        await page.getByTestId('open-comment').click();
        await expect(page.getByTestId('comment-screen')).toBeVisible();
        await check(page, 'the comment keyboard in English');
        await page
          .getByRole('button', { name: 'Skip', exact: true })
          .or(page.getByRole('button', { name: /send/i }))
          .first()
          .click();
        await expect(page.getByRole('heading', { name: 'Thank you for your feedback!' })).toBeVisible();
        await check(page, 'the thank-you in English');
      });

      walk('idle states', 'the idle screen while uploads fail, and dark outside office hours', async ({ page }) => {
        // A receiver that is not there: the status line turns to its warning colour. Short
        // screen timeouts, since a rating is sent only once its thank-you window has passed.
        // A long back-off holds the uploader in "backoff" once it has failed: with a short one
        // the page could open during the next attempt and keep "syncing" until its next ask.
        const h = await host({
          config: a11yConfig({
            timeouts: { thankYouSeconds: 1, followUpSeconds: 1 },
            server: { url: 'http://127.0.0.1:9/kiosk', token: 'tok-0123456789abcdef', intervalSeconds: 1, backoff: { baseSeconds: 600, maxSeconds: 600 } },
          }),
        });
        const rated = await h.call('submitRating', { level: 5, language: 'vi' });
        expect(rated.ok).toBe(true);
        // The page asks for the status when it opens and then only every 15 s: open it once the uploader has failed.
        await expect
          .poll(async () => {
            const status = await h.call<{ state: string }>('getSyncStatus', {});
            return status.ok && status.value.state;
          })
          .toBe('backoff');
        await open(page, h);
        await expect(page.getByTestId('sync-status')).toHaveClass(/sync-status--backoff/);
        await check(page, 'the idle question with the upload warning');

        const dark = await host({
          config: a11yConfig({
            officeHours: { days: [1, 2, 3, 4, 5], start: '07:00', end: '17:30' },
            screen: { shift: false, dimOutsideOfficeHours: true },
          }),
        });
        // Tuesday 1 December 2026, 20:00 in Vietnam.
        await page.clock.install({ time: new Date('2026-12-01T20:00:00+07:00') });
        await openKiosk(page, dark);
        await expect(page.getByTestId('screen-dim')).toHaveAttribute('data-phase', 'dimmed');
        await check(page, 'the idle screen dimmed outside office hours');
      });

      walk('startup', 'the startup error screen and the page opened without its token', async ({ page }) => {
        const broken = await host({ config: { ...a11yConfig(), scale: '7' } });
        await page.goto(broken.pageUrl);
        await expect(page.getByRole('heading', { name: 'Máy đánh giá tạm thời chưa sẵn sàng' })).toBeVisible();
        await expect(page.getByTestId('startup-error').getByRole('listitem')).toHaveCount(1);
        await check(page, 'the startup error screen');

        const h = await host({ config: a11yConfig() });
        await page.goto(h.url);
        await expect(page.getByRole('heading', { name: 'Máy đánh giá tạm thời chưa sẵn sàng' })).toBeVisible();
        await check(page, 'the page opened without its token');
      });

      walk('admin', 'admin screens: PIN pad, wrong PIN, lock-out, tally, calendar, diagnostics, exit confirmation, app stopped', async ({ page }) => {
        // A week of ratings, so the tally's tables and charts have rows.
        const { dir: dataDir } = tempDir('kiosk-a11y-');
        const db = openDatabase(path.join(dataDir, DATABASE_FILE_NAME));
        const day = zonedParts(Date.now(), TZ).day;
        const from = new Date(Date.parse(`${day}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
        insertRatings(
          db,
          [
            ...generateRatings({
              seed: 15,
              fromDay: from,
              days: 7,
              perDay: 20,
              officers: ['lan.nt', 'minh.tv'],
              levels: [5, 5, 4, 3, 2, 1],
              flaggedShare: 0.05,
            }),
          ],
          { unitCode: 'HOIPHU', kioskId: 'e2e-kiosk' },
        );
        db.close();
        const h = await host({ config: a11yConfig(), dataDir });
        // The lock-out is the backend's, on the wall clock: the wrong PINs go to a kiosk of their own.
        const locking = await host({ config: a11yConfig() });
        await installClock(page);
        await open(page, locking);

        await holdHotspot(page, 3_300);
        const pad = page.getByTestId('admin-pin-pad');
        await expect(pad.getByRole('heading', { name: 'Nhập mã PIN' })).toBeVisible();
        await check(page, 'the PIN pad');
        await pad.getByRole('button', { name: '1', exact: true }).click();
        await check(page, 'the PIN pad with a digit entered');
        await pad.getByRole('button', { name: 'Xóa' }).click();
        await typePin(page, WRONG_PIN);
        await expect(page.getByTestId('pin-message')).toHaveText('Sai mã PIN, còn 1 lần thử.');
        await check(page, 'the wrong-PIN message');
        await typePin(page, WRONG_PIN);
        await expect(page.getByTestId('pin-countdown')).toContainText(/Thử lại sau \d+:\d\d/);
        await check(page, 'the lock-out message');

        await open(page, h);
        await holdHotspot(page, 3_300);
        await typePin(page, HEAD_PIN);
        await expect(page.getByRole('heading', { name: 'Thống kê kết quả đánh giá' })).toBeVisible();
        await page.getByRole('button', { name: '7 ngày qua' }).click();
        await expect(page.getByTestId('tally-by-day').getByRole('row')).toHaveCount(1 + 7);
        await check(page, 'the tally');
        await page.getByRole('button', { name: 'Chọn ngày…' }).click();
        await expect(page.getByTestId('admin-calendar')).toBeVisible();
        await check(page, 'the custom range calendar');
        await page.getByTestId('admin-calendar').getByRole('button', { name: 'Hủy' }).click();

        await page.getByRole('button', { name: 'Chẩn đoán kỹ thuật' }).click();
        await expect(page.getByRole('heading', { name: 'Chẩn đoán kỹ thuật', level: 1 })).toBeVisible();
        await expect(page.getByTestId('diag-pending')).toBeVisible();
        await check(page, 'the diagnostics screen');
        await page.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
        await expect(page.getByTestId('connection-status')).not.toBeEmpty();
        await check(page, 'the diagnostics screen after a connection test');
        const exitPanel = page.getByRole('region', { name: 'Thoát ứng dụng' });
        await exitPanel.getByRole('button', { name: 'Thoát ứng dụng' }).click();
        await expect(page.getByRole('alertdialog', { name: 'Thoát ứng dụng kiosk?' })).toBeVisible();
        await check(page, 'the exit confirmation');
        await page.getByRole('alertdialog').getByRole('button', { name: 'Đồng ý thoát' }).click();
        await expect(page.getByTestId('app-stopped')).toContainText('Ứng dụng kiosk đã dừng');
        await check(page, 'the app-stopped screen');
      });
      walk('counter', 'counter screens: officer sign-in, shift, typed dossier code, dossier session, scan notice', async ({ page }) => {
        const h = await host({ config: a11yConfig() });
        await installClock(page);
        await open(page, h);

        await holdHotspot(page, 3_300);
        await page.getByTestId('pin-who').getByRole('button', { name: 'Nguyễn Thị Lan' }).click();
        await expect(page.getByRole('heading', { name: 'Nhập mã PIN của Nguyễn Thị Lan' })).toBeVisible();
        await check(page, "an officer's PIN pad");
        await typePin(page, OFFICER_PIN);
        await expect(page.getByTestId('duty-current')).toHaveText('Đã nhận ca: Nguyễn Thị Lan');
        await check(page, "the officer's shift screen");
        await page.getByRole('button', { name: 'Đóng' }).click();
        await expect(page.getByTestId('on-duty')).toHaveText('Cán bộ tiếp nhận: Nguyễn Thị Lan');
        await check(page, 'the idle question with the officer on duty');

        await scanUntil(page, 'HELLO-WORLD-42', notice(page, 'invalid'));
        await check(page, 'the idle question with a scan notice');

        await holdHotspot(page, 3_300);
        await typePin(page, HEAD_PIN);
        await page.getByRole('button', { name: 'Ca trực và mã hồ sơ' }).click();
        await expect(page.getByTestId('duty-panel')).toBeVisible();
        await check(page, "the reception head's shift screen");
        await page.getByRole('button', { name: 'Nhập mã hồ sơ' }).click();
        await expect(page.getByTestId('typed-dossier')).toBeVisible();
        for (const ch of 'abc') await page.locator(`[data-key="${ch}"]`).click();
        await check(page, 'the typed dossier code keyboard');
        for (let i = 0; i < 3; i++) await page.locator('[data-key="backspace"]').click();
        for (const ch of CODE.toLowerCase()) await page.locator(`[data-key="${ch}"]`).click();
        await page.getByRole('button', { name: 'Mời công dân đánh giá' }).click();
        await expect(page.getByTestId('dossier-session')).toBeVisible();
        await check(page, 'the dossier rating session');
      });
    });
  }
}
