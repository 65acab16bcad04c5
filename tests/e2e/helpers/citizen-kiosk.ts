// Shared steps for the citizen end-to-end specs: a real web host with short timeouts in a
// temp data dir, the page opened on it, and the stored ratings read back from the SQLite file.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, type Locator, type Page } from '@playwright/test';
import type { KioskConfigInput } from '../../../shared/config-schema';
import { testKioskConfig, type TestConfigOverrides } from '../../support/test-config';
import { startWebHost, type StartWebHostOptions, type WebHost } from '../../support/web-host';

export const VI_LEVEL_LABELS = {
  5: 'Rất hài lòng',
  4: 'Hài lòng',
  3: 'Bình thường',
  2: 'Không hài lòng',
  1: 'Rất không hài lòng',
} as const;

export const EN_LEVEL_LABELS = {
  5: 'Very satisfied',
  4: 'Satisfied',
  3: 'Neutral',
  2: 'Not satisfied',
  1: 'Very dissatisfied',
} as const;

export const VI_QUESTION = 'Ông/Bà có hài lòng với sự phục vụ của chúng tôi?';
export const VI_THANKS = 'Cảm ơn Ông/Bà đã đánh giá!';
export const VI_THANKS_LOW = 'Chúng tôi xin tiếp thu và sẽ cải thiện.';
export const VI_FOLLOW_UP = 'Ông/Bà chưa hài lòng về điều gì?';
export const VI_SAVE_FAILED = 'Xin lỗi, chưa lưu được đánh giá. Ông/Bà vui lòng chạm lại.';
export const UNIT_NAME = 'Trung tâm Phục vụ hành chính công phường Hội Phú';

/** What every e2e kiosk shares: the unit on screen, one counter, timeouts short enough for tests. */
const E2E_KIOSK: TestConfigOverrides = {
  unit: { code: 'HOIPHU', name: UNIT_NAME, place: 'Gia Lai' },
  kiosk: { id: 'e2e-kiosk', counterId: 'Q1' },
  counters: [{ id: 'Q1', name: 'Quầy 1' }],
  scale: '3',
  languages: ['vi', 'en'],
  timeouts: { thankYouSeconds: 1, followUpSeconds: 30 },
  misuse: { cooldownSeconds: 0, burstCount: 50, burstWindowSeconds: 30 },
};

/** A valid e2e kiosk config (tests/support/test-config.ts) with `overrides` merged in. */
export function testConfig(...overrides: TestConfigOverrides[]): KioskConfigInput {
  return testKioskConfig(E2E_KIOSK, ...overrides);
}

export function startKiosk(overrides: TestConfigOverrides = {}, options: StartWebHostOptions = {}): Promise<WebHost> {
  return startWebHost({ config: testConfig(overrides), ...options });
}

/** Opens the page the way the kiosk's browser does: at the ready line's address, token in the fragment. */
export async function openKiosk(page: Page, host: WebHost): Promise<void> {
  await page.goto(host.pageUrl);
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible();
}

export function levelButton(page: Page, label: string): Locator {
  return page.getByRole('button', { name: label, exact: true });
}

/** The thank-you screen appears (with the line for a low rating, or without it), then the idle question returns. */
export async function expectThanksThenIdle(page: Page, options: { low?: boolean } = {}): Promise<void> {
  // The screen lasts a second in these tests: what it says is read in one look, since a
  // second look on a busy machine can come after it has gone.
  const message = page.getByRole('status').filter({ has: page.getByRole('heading', { name: VI_THANKS }) });
  if (options.low === undefined) await expect(message).toBeVisible();
  else await expect(message.locator('h1, p')).toHaveText(options.low ? [VI_THANKS, VI_THANKS_LOW] : [VI_THANKS]);
  await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible({ timeout: 10_000 });
}

export interface StoredRating {
  level: number;
  scale: number;
  reasons: string[];
  language: string;
  unitCode: string;
  kioskId: string;
}

/** Reads what the host committed; a read-only connection sees the WAL like any reader. */
export function readRatings(dataDir: string): StoredRating[] {
  const file = path.join(dataDir, 'ratings.db');
  if (!fs.existsSync(file)) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT level, scale, reasons, language, unit_code AS unitCode, kiosk_id AS kioskId FROM ratings ORDER BY seq').all() as Array<
      Omit<StoredRating, 'reasons'> & { reasons: string }
    >;
    return rows.map((r) => ({ ...r, reasons: JSON.parse(r.reasons) as string[] }));
  } finally {
    db.close();
  }
}
