// Every table of the admin tally fits its card, or scrolls inside its own container with the
// first column held in place, at the three screen sizes a reception desk has (1920×1080,
// 1366×768, a 1080×1920 portrait monitor) and on both scales, with enough counters and
// officers to fill the tables. The satisfied-rate column is always visible or reachable by
// scrolling that table. Screenshots of each case are written under test-results.
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { hashPin } from '../../electron/services/admin/pin-hash';
import { DATABASE_FILE_NAME, openDatabase } from '../../electron/services/db/database';
import { zonedParts } from '../../shared/local-time';
import { LEVELS_BY_SCALE, REASON_CODES, type Scale } from '../../shared/rating-scale';
import { insertRatings, type FixtureRating } from '../support/rating-fixtures';
import { tempDir } from '../support/temp-db';
import { startWebHost, type WebHost } from '../support/web-host';
import { holdHotspot, installClock } from './helpers/admin-hotspot';
import { openKiosk, testConfig } from './helpers/citizen-kiosk';

const PIN = '246810';
const SIZES = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1366x768', width: 1366, height: 768 },
  { name: '1080x1920', width: 1080, height: 1920 },
] as const;

// Names as long as real ones get: a counter named after its fields, officers with four words.
const COUNTERS = [
  'Quầy 1 - Đất đai, tài nguyên và môi trường',
  'Quầy 2 - Hộ tịch, chứng thực',
  'Quầy 3 - Lao động - Thương binh và Xã hội',
  'Quầy 4 - Xây dựng, quy hoạch đô thị',
  'Quầy 5 - Tư pháp',
  'Quầy 6 - Kinh tế, đăng ký kinh doanh hộ cá thể',
].map((name, i) => ({ id: `Q${i + 1}`, name }));
const OFFICERS = [
  'Nguyễn Thị Hồng Nhung',
  'Trần Văn Minh Quân',
  'Lê Hoàng Bảo Ngọc',
  'Phạm Nguyễn Thị Thu Hương',
  'Võ Đặng Quốc Trung',
  'Huỳnh Thị Ngọc Hạnh',
  'Đỗ Minh Khôi',
].map((name, i) => ({ id: `CB${String(i + 1).padStart(2, '0')}`, name }));

let pinHash = '';
test.beforeAll(async () => {
  pinHash = await hashPin(PIN);
});

let hosts: WebHost[] = [];
test.afterEach(async () => {
  await Promise.all(hosts.map((h) => h.stop()));
  hosts = [];
});

/** Today's ratings on every counter and officer, every level of the scale, every reason. */
function ratingsFor(scale: Scale): FixtureRating[] {
  const day = zonedParts(Date.now(), 'Asia/Ho_Chi_Minh').day;
  const levels = LEVELS_BY_SCALE[scale];
  const rows: FixtureRating[] = [];
  for (let i = 0; i < 240; i++) {
    const level = levels[i % levels.length]!;
    const minute = 7 * 60 + ((i * 7) % (10 * 60));
    rows.push({
      at: `${day}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+07:00`,
      level,
      scale: Number(scale) as 3 | 5,
      counterId: COUNTERS[i % COUNTERS.length]!.id,
      officerId: OFFICERS[i % OFFICERS.length]!.id,
      reasons: level <= 3 ? [REASON_CODES[i % REASON_CODES.length]!] : [],
    });
  }
  return rows;
}

async function openTally(page: Page, scale: Scale): Promise<void> {
  const { dir: dataDir } = tempDir(`kiosk-admin-tables-${scale}-`);
  const db = openDatabase(path.join(dataDir, DATABASE_FILE_NAME));
  insertRatings(db, ratingsFor(scale), { unitCode: 'HOIPHU', kioskId: 'e2e-kiosk' });
  db.close();
  const config = testConfig({
    scale,
    counters: COUNTERS,
    officers: OFFICERS,
    admin: { pinHash, idleSeconds: 600, officerMinRatings: 5 },
  });
  const h = await startWebHost({ config, dataDir });
  hosts.push(h);
  await openKiosk(page, h);
  await holdHotspot(page, 3_300);
  const pad = page.getByTestId('admin-pin-pad');
  for (const digit of PIN) await pad.getByRole('button', { name: digit, exact: true }).click();
  await pad.getByRole('button', { name: 'Đồng ý' }).click();
  await expect(page.getByTestId('tally-total')).toContainText('240');
}

interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

// The few DOM members the in-page checks use. Tests type-check without the DOM library
// (tsconfig.node.json), so the page's globals are reached through these shapes.
interface PageRect {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}
interface PageElement {
  getBoundingClientRect(): PageRect;
  parentElement: PageElement | null;
  classList: { contains(name: string): boolean };
  dataset: Record<string, string | undefined>;
  scrollWidth: number;
  clientWidth: number;
  scrollLeft: number;
  textContent: string | null;
  children: ArrayLike<PageElement>;
  closest(selector: string): PageElement | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  contains(other: PageElement | null): boolean;
  scrollIntoView(options: { block: 'center' }): void;
  scrollTo(x: number, y: number): void;
}
interface PageGlobals {
  document: {
    documentElement: PageElement;
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): Iterable<PageElement>;
    elementFromPoint(x: number, y: number): PageElement | null;
  };
  getComputedStyle(el: PageElement): Record<'borderLeftWidth' | 'paddingLeft' | 'borderRightWidth' | 'paddingRight' | 'overflowX', string>;
  innerWidth: number;
}

interface TableGeometry {
  testId: string;
  card: Box;
  /** The card's inner box, inside its padding. */
  cardContent: Box;
  cardOverflows: boolean;
  /** The table's own scroll container, if it is in one. */
  scroller: (Box & { scrolls: boolean; overflowX: string }) | null;
  table: Box;
}

/** Geometry of every table in the tally, read in the page. */
function tableGeometry(page: Page): Promise<TableGeometry[]> {
  return page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
    const box = (r: PageRect) => ({ left: r.left, right: r.right, top: r.top, bottom: r.bottom });
    return [...document.querySelectorAll('[data-testid="admin-tally"] table')].map((table) => {
      const card = table.closest('.admin-section')!;
      const cs = getComputedStyle(card);
      const c = card.getBoundingClientRect();
      const scrollerEl = table.parentElement?.classList.contains('admin-table-scroll') ? table.parentElement : null;
      return {
        testId: table.dataset.testid ?? '?',
        card: box(c),
        cardContent: {
          left: c.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft),
          right: c.right - parseFloat(cs.borderRightWidth) - parseFloat(cs.paddingRight),
          top: c.top,
          bottom: c.bottom,
        },
        cardOverflows: card.scrollWidth > card.clientWidth,
        scroller: scrollerEl
          ? {
              ...box(scrollerEl.getBoundingClientRect()),
              scrolls: scrollerEl.scrollWidth > scrollerEl.clientWidth,
              overflowX: getComputedStyle(scrollerEl).overflowX,
            }
          : null,
        table: box(table.getBoundingClientRect()),
      };
    });
  });
}

/**
 * Scrolls the table's container to its far end, then reports where the satisfied-rate
 * header and the first column's cells are relative to the container.
 */
async function reachRateColumn(page: Page, testId: string, header: string) {
  return page.evaluate(
    ({ testId, header }) => {
      const { document } = globalThis as unknown as PageGlobals;
      const table = document.querySelector(`[data-testid="${testId}"]`)!;
      const scroller = table.parentElement!;
      // elementFromPoint sees only what is in the viewport.
      table.scrollIntoView({ block: 'center' });
      scroller.scrollLeft = scroller.scrollWidth;
      const s = scroller.getBoundingClientRect();
      const th = [...table.querySelectorAll('thead th')].find((x) => x.textContent?.trim() === header);
      const r = th?.getBoundingClientRect();
      const firstCells = [...table.querySelectorAll('tr')].map((tr) => tr.children[0]!.getBoundingClientRect());
      // The element actually painted at the first column's centre: sticky cells must be on top
      // of the cells scrolling under them.
      const firstRow = table.querySelector('tbody tr')!;
      const fc = firstRow.children[0]!.getBoundingClientRect();
      const hit = document.elementFromPoint(fc.left + fc.width / 2, fc.top + fc.height / 2);
      const result = {
        found: Boolean(th),
        scrolled: scroller.scrollLeft,
        rate: r ? { left: r.left, right: r.right } : null,
        scroller: { left: s.left, right: s.right },
        firstColumnLefts: firstCells.map((c) => c.left),
        firstColumnOnTop: hit !== null && firstRow.children[0]!.contains(hit),
      };
      scroller.scrollLeft = 0;
      return result;
    },
    { testId, header },
  );
}

const SATISFIED_RATE_HEADERS: Record<string, string> = {
  'tally-by-counter': 'Tỷ lệ hài lòng',
  'tally-by-officer': 'Tỷ lệ hài lòng',
  'tally-by-day': 'Tỷ lệ hài lòng',
};

/** The three sizes' checks: no sideways page, every table inside its card or its own scroller. */
async function expectTablesContained(page: Page, size: string): Promise<void> {
  const area = await page.evaluate(() => {
    const { document, innerWidth } = globalThis as unknown as PageGlobals;
    const el = document.querySelector('.admin-area')!;
    return { scrollWidth: el.scrollWidth, clientWidth: el.clientWidth, doc: document.documentElement.scrollWidth, vw: innerWidth };
  });
  expect(area.scrollWidth, `${size}: the admin area scrolls sideways`).toBeLessThanOrEqual(area.clientWidth);
  expect(area.doc, `${size}: the page scrolls sideways`).toBeLessThanOrEqual(area.vw);

  const tables = await tableGeometry(page);
  expect(tables.map((t) => t.testId).sort()).toEqual(['tally-by-counter', 'tally-by-day', 'tally-by-officer', 'tally-levels']);
  for (const t of tables) {
    const where = `${size}, ${t.testId}`;
    expect(t.cardOverflows, `${where}: the card overflows`).toBe(false);
    expect(t.scroller, `${where}: no scroll container of its own`).not.toBeNull();
    const s = t.scroller!;
    // The container stays inside the card's padding; the table may be wider only inside it.
    expect(s.left, where).toBeGreaterThanOrEqual(t.cardContent.left - 0.5);
    expect(s.right, where).toBeLessThanOrEqual(t.cardContent.right + 0.5);
    if (s.scrolls) expect(s.overflowX, where).toMatch(/auto|scroll/);
    else expect(t.table.right, `${where}: the table sticks out of its container`).toBeLessThanOrEqual(s.right + 0.5);
  }
}

/** The satisfied-rate column is in view, or comes into view by scrolling its table, with the first column held. */
async function expectRateReachable(page: Page, size: string, testId: string): Promise<{ scrolled: boolean }> {
  const where = `${size}, ${testId}`;
  const r = await reachRateColumn(page, testId, SATISFIED_RATE_HEADERS[testId]!);
  expect(r.found, `${where}: no satisfied-rate column`).toBe(true);
  expect(r.rate!.left, where).toBeGreaterThanOrEqual(r.scroller.left - 0.5);
  expect(r.rate!.right, where).toBeLessThanOrEqual(r.scroller.right + 0.5);
  if (r.scrolled > 0) {
    for (const left of r.firstColumnLefts) expect(Math.abs(left - r.scroller.left), `${where}: first column moved`).toBeLessThan(1);
    expect(r.firstColumnOnTop, `${where}: first column covered`).toBe(true);
  }
  return { scrolled: r.scrolled > 0 };
}

async function screenshots(page: Page, outputPath: (name: string) => string, name: string): Promise<void> {
  await page.evaluate(() => (globalThis as unknown as PageGlobals).document.querySelector('.admin-area')!.scrollTo(0, 0));
  await page.screenshot({ path: outputPath(`admin-tally-${name}.png`) });
  for (const testId of ['tally-by-counter', 'tally-by-officer']) {
    await page
      .getByTestId(testId)
      .locator('xpath=ancestor::section[1]')
      .screenshot({ path: outputPath(`${testId}-${name}.png`) });
  }
}

for (const scale of ['3', '5'] as const) {
  test(`scale ${scale}: every admin table fits its card or scrolls inside it, at 1920×1080, 1366×768 and 1080×1920`, async ({ page }, testInfo) => {
    await installClock(page);
    await openTally(page, scale);
    // Five levels make the counter table the widest: check it has them all.
    await expect(page.getByTestId('tally-by-counter').locator('thead th')).toHaveCount(3 + LEVELS_BY_SCALE[scale].length);

    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await expect(page.getByTestId('tally-by-counter')).toBeVisible();
      await expectTablesContained(page, size.name);
      for (const testId of Object.keys(SATISFIED_RATE_HEADERS)) await expectRateReachable(page, size.name, testId);
      await screenshots(page, (n) => testInfo.outputPath(n), `scale${scale}-${size.name}`);
    }
  });
}

test('a table too wide for its card scrolls inside it with the first column held in place', async ({ page }, testInfo) => {
  await installClock(page);
  await openTally(page, '5');
  // Narrower than any desk screen, so the five-level counter table cannot fit and must scroll.
  await page.setViewportSize({ width: 720, height: 1280 });
  await expect(page.getByTestId('tally-by-counter')).toBeVisible();
  const counter = (await tableGeometry(page)).find((t) => t.testId === 'tally-by-counter')!;
  expect(counter.scroller?.scrolls).toBe(true);
  expect(counter.cardOverflows).toBe(false);
  expect(await expectRateReachable(page, '720x1280', 'tally-by-counter')).toEqual({ scrolled: true });
  // The region can be scrolled from the keyboard too, and is named after its table.
  await expect(page.getByRole('region', { name: 'Theo quầy' })).toHaveAttribute('tabindex', '0');
  await page.evaluate(() => {
    const s = (globalThis as unknown as PageGlobals).document.querySelector('[data-testid="tally-by-counter"]')!.parentElement!;
    s.scrollLeft = s.scrollWidth;
  });
  await page
    .getByTestId('tally-by-counter')
    .locator('xpath=ancestor::section[1]')
    .screenshot({ path: testInfo.outputPath('tally-by-counter-scale5-720x1280-scrolled.png') });
});
