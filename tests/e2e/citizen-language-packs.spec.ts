// Language packs end to end (docs/languages.md): a pack file in the web host's
// `<data dir>/languages` is offered under its own name and used on the citizen's screens,
// a key it leaves out shows Vietnamese, a rating in it is stored and uploaded with its code
// (a real receiver on 127.0.0.1 accepts it), and the kiosk returns to Vietnamese. An invalid
// pack is not offered and IT reads why on the diagnostics screen. The test pack is "qaa", a
// code ISO 639 reserves for local use (tests/support/language-pack-fixture.ts).
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEMO_CONFIG_INPUT } from '../../shared/config-schema';
import { vi as viTexts } from '../../shared/i18n/vi';
import { packSourceTexts } from '../../electron/services/language-packs';
import { startCityServer, TEST_KIOSK_TOKEN, type TestCityServer } from '../support/city-server';
import { TEST_PACK_MARK, TEST_PACK_NAME, testLanguagePack, writePack } from '../support/language-pack-fixture';
import { tempDir } from '../support/temp-db';
import type { WebHost } from '../support/web-host';
import { holdHotspot, installClock } from './helpers/admin-hotspot';
import { expectNoAxeViolations } from './helpers/axe';
import { EN_LEVEL_LABELS, levelButton, openKiosk, readRatings, startKiosk, VI_LEVEL_LABELS, VI_QUESTION } from './helpers/citizen-kiosk';

const DEMO_PIN = '123456';
const KIOSK_ID = 'e2e-kiosk';
const UNIT_CODE = 'HOIPHU';
const QAA_QUESTION = `${TEST_PACK_MARK} Are you satisfied with our service?`;
const qaa = (english: string) => `${TEST_PACK_MARK} ${english}`;

let host: WebHost | undefined;
let city: TestCityServer | undefined;
test.afterEach(async () => {
  await host?.stop();
  if (host) fs.rmSync(host.dataDir, { recursive: true, force: true });
  host = undefined;
  await city?.close();
  city = undefined;
});

/** A data folder whose `languages` folder holds `packs` (file name → content), as IT would leave it. */
function dataDirWith(packs: Record<string, unknown>): string {
  const { dir } = tempDir('kiosk-packs-');
  for (const [file, content] of Object.entries(packs)) writePack(path.join(dir, 'languages'), file, content);
  return dir;
}

/** The language switch, whose own label is in the language showing. */
const languageButtons = (page: Page, label: string = viTexts.citizen.language.label) =>
  page.getByRole('group', { name: label, exact: true }).getByRole('button');

test('a pack is offered under its own name and used on the screens; a missing key shows Vietnamese; the rating is stored and uploaded with its code', async ({
  page,
}) => {
  city = await startCityServer({ kiosks: [{ kioskId: KIOSK_ID, unitCode: UNIT_CODE, token: TEST_KIOSK_TOKEN }] });
  const dataDir = dataDirWith({ 'qaa.json': testLanguagePack(['citizen.hint']) });
  host = await startKiosk({ languages: ['vi', 'en', 'qaa'], server: { url: city.url, token: TEST_KIOSK_TOKEN, intervalSeconds: 1 } }, { dataDir });
  await openKiosk(page, host);

  await expect(languageButtons(page)).toHaveText(['Tiếng Việt', 'English', TEST_PACK_NAME]);
  await page.getByRole('button', { name: TEST_PACK_NAME, exact: true }).click();
  await expect(page.getByRole('heading', { name: QAA_QUESTION })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'qaa');
  await expect(page.getByRole('button', { name: TEST_PACK_NAME, exact: true })).toHaveAttribute('aria-pressed', 'true');
  // Left out of the pack: the Vietnamese text, never a raw key.
  await expect(page.getByText(viTexts.citizen.hint, { exact: true })).toBeVisible();
  // Each language keeps its own name whatever is showing.
  await expect(languageButtons(page, qaa('Language'))).toHaveText(['Tiếng Việt', 'English', TEST_PACK_NAME]);
  await expectNoAxeViolations(page, 'the idle screen in a language pack');

  // A low rating: the follow-up question in the pack's language, then its thanks.
  await levelButton(page, qaa(EN_LEVEL_LABELS[2])).click();
  await expect(page.getByRole('heading', { name: qaa('What were you not satisfied with?') })).toBeVisible();
  await page.getByRole('button', { name: qaa('Skip'), exact: true }).click();
  await expect(page.getByRole('heading', { name: qaa('Thank you for your feedback!') })).toBeVisible();
  // The next citizen starts in Vietnamese.
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible({ timeout: 10_000 });
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await expect(levelButton(page, VI_LEVEL_LABELS[4])).toBeVisible();

  // A high rating settles for upload within seconds (a skipped low one waits for its grace period).
  await page.getByRole('button', { name: TEST_PACK_NAME, exact: true }).click();
  await levelButton(page, qaa(EN_LEVEL_LABELS[4])).click();
  await expect(page.getByRole('heading', { name: qaa('Thank you for your feedback!') })).toBeVisible();
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible({ timeout: 10_000 });

  expect(readRatings(host.dataDir)).toMatchObject([
    { level: 2, language: 'qaa' },
    { level: 4, language: 'qaa' },
  ]);
  // The receiver keeps each rating as canonicalRatingContent (shared/upload-protocol.ts): level 7th, language 10th.
  const uploaded = () =>
    [...city!.stored().values()].map((content) => {
      const fields = JSON.parse(content) as unknown[];
      return { level: fields[6], language: fields[9] };
    });
  await expect.poll(() => uploaded().find((r) => r.level === 4), { timeout: 30_000 }).toMatchObject({ level: 4, language: 'qaa' });
});

test('the kiosk leaves a pack language for Vietnamese when nobody touches it', async ({ page }) => {
  await installClock(page);
  host = await startKiosk({ languages: ['vi', 'qaa'] }, { dataDir: dataDirWith({ 'qaa.json': testLanguagePack() }) });
  await openKiosk(page, host);
  await expect(languageButtons(page)).toHaveText(['Tiếng Việt', TEST_PACK_NAME]);
  await page.getByRole('button', { name: TEST_PACK_NAME, exact: true }).click();
  await expect(page.getByRole('heading', { name: QAA_QUESTION })).toBeVisible();
  await page.clock.runFor(61_000);
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
});

test('an invalid pack is not offered, and the diagnostics screen says why, with the packs that are used', async ({ page }) => {
  await installClock(page);
  const broken = testLanguagePack();
  broken.code = 'qab';
  broken.name = 'Qab (broken)';
  (broken.translation.keyboard as Record<string, string>).counter = '{{n}} characters';
  const dataDir = dataDirWith({ 'qaa.json': testLanguagePack(['citizen.hint']), 'qab.json': broken, 'vi.json': testLanguagePack() });
  host = await startKiosk({ languages: ['vi', 'en', 'qaa', 'qab'], admin: { pinHash: DEMO_CONFIG_INPUT.admin!.pinHash!, idleSeconds: 600 } }, { dataDir });
  await openKiosk(page, host);

  // Still starts, and offers the valid languages only.
  await expect(languageButtons(page)).toHaveText(['Tiếng Việt', 'English', TEST_PACK_NAME]);
  await expect(page.getByRole('button', { name: 'Qab (broken)' })).toHaveCount(0);
  // The rating contract refuses a language the kiosk does not offer; nothing is stored.
  expect(await host.call('submitRating', { level: 5, language: 'qab' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'language' } });
  expect(readRatings(host.dataDir)).toEqual([]);
  expect(host.stderr()).toContain('language pack qab.json refused: \\"keyboard.counter\\" must contain {{max}} {{n}}');

  await holdHotspot(page, 3_300);
  const pad = page.getByTestId('admin-pin-pad');
  for (const digit of DEMO_PIN) await pad.getByRole('button', { name: digit, exact: true }).click();
  await pad.getByRole('button', { name: 'Đồng ý' }).click();
  await page.getByRole('button', { name: 'Chẩn đoán kỹ thuật' }).click();
  await expect(page.getByRole('heading', { name: 'Gói ngôn ngữ', level: 2 })).toBeVisible();

  const packs = page.getByTestId('diag-language-packs');
  await expect(packs).toContainText(path.join(host.dataDir, 'languages'));
  const total = packSourceTexts().size;
  await expect(page.getByTestId('diag-language-pack-qaa.json')).toHaveText(
    `Đang dùng: đã dịch ${total - 1}/${total} câuCòn 1 câu chưa dịch, đang hiển thị bằng tiếng Việt: citizen.hint.`,
  );
  await expect(page.getByTestId('diag-language-pack-qab.json')).toHaveText(
    'Bị từ chối, không dùngCâu "keyboard.counter" phải giữ đúng các chỗ điền {{max}} {{n}} như bản tiếng Việt (bản dịch có: {{n}}).',
  );
  await expect(page.getByTestId('diag-language-pack-qab')).toHaveText(
    'Không dùng đượcTệp cấu hình có ngôn ngữ "qab" nhưng thư mục gói ngôn ngữ không có tệp "qab.json" hợp lệ.',
  );
  await expect(page.getByTestId('diag-language-pack-vi.json')).toHaveText(
    'Bị từ chối, không dùngNgôn ngữ "vi" có sẵn trong phần mềm, không thể thay bằng gói ngôn ngữ.',
  );
  await expectNoAxeViolations(page, 'the diagnostics screen with language packs');
});
