// Burn-in care on the idle screen (config `screen`), on Playwright's clock: dark outside
// office hours, woken by a touch that rates nothing, dark again after the idle time; lit in
// office hours; and the content's slow shift, which never takes anything off the screen.
import { expect, test, type Page } from '@playwright/test';
import { SCREEN_WAKE_MS, WAKE_GUARD_MS } from '../../renderer/src/hooks/screen-dimmer';
import { SHIFT_ORBIT, SHIFT_STEP_MS } from '../../renderer/src/hooks/screen-shift';
import type { WebHost } from '../support/web-host';
import { expectThanksThenIdle, levelButton, openKiosk, readRatings, startKiosk, VI_LEVEL_LABELS } from './helpers/citizen-kiosk';

/** Vietnamese wall time (the kiosk's zone, UTC+7). */
const vn = (local: string) => new Date(`${local}+07:00`);
const HOURS = { days: [1, 2, 3, 4, 5], start: '07:00', end: '17:30' };
/** Tuesday 1 December 2026. */
const TUESDAY_EVENING = vn('2026-12-01T20:00:00');
const TUESDAY_MORNING = vn('2026-12-01T09:00:00');

let host: WebHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

/** Every rating the page asks the backend to store. */
function watchRatings(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/submitRating')) calls.push(r.postData() ?? '');
  });
  return calls;
}

async function centreOf(page: Page, label: string): Promise<{ x: number; y: number }> {
  const box = (await levelButton(page, label).boundingBox())!;
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

test.describe('outside office hours', () => {
  test('the idle screen is dark; a touch on a face only wakes it; it goes dark again after the idle time', async ({ page }) => {
    host = await startKiosk({ officeHours: HOURS, screen: { shift: false, dimOutsideOfficeHours: true } });
    const submitted = watchRatings(page);
    await page.clock.install({ time: TUESDAY_EVENING });
    await openKiosk(page, host);
    const layer = page.getByTestId('screen-dim');
    await expect(layer).toHaveAttribute('data-phase', 'dimmed');
    await expect(layer).toHaveText('Mời Ông/Bà chạm vào màn hình để đánh giá');

    // A citizen's finger lands right on "Rất hài lòng".
    const face = await centreOf(page, VI_LEVEL_LABELS[5]);
    await page.touchscreen.tap(face.x, face.y);
    await page.clock.runFor(WAKE_GUARD_MS);
    await expect(layer).toHaveCount(0);
    await expect(page.getByTestId('idle-screen')).toBeVisible();
    // The waking touch rated nothing: no request, no row, no thank-you.
    await expect(page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' })).toHaveCount(0);
    expect(submitted).toEqual([]);
    expect(readRatings(host.dataDir)).toEqual([]);

    // Awake, the same tap rates, as it does in office hours.
    await page.touchscreen.tap(face.x, face.y);
    await expectThanksThenIdle(page);
    await expect.poll(() => readRatings(host!.dataDir).map((r) => r.level)).toEqual([5]);
    expect(submitted).toHaveLength(1);

    // Lit for a while after the last touch, then dark again.
    await expect(layer).toHaveCount(0);
    await page.clock.fastForward(SCREEN_WAKE_MS);
    await expect(layer).toHaveAttribute('data-phase', 'dimmed');
    // And the next touch, anywhere, again only wakes it.
    await page.mouse.click(face.x, face.y);
    await page.clock.runFor(WAKE_GUARD_MS);
    await expect(layer).toHaveCount(0);
    expect(submitted).toHaveLength(1);
  });

  test('a dark screen stays dark all night long and lights up by itself when the centre opens', async ({ page }) => {
    host = await startKiosk({ officeHours: HOURS, screen: { shift: false, dimOutsideOfficeHours: true } });
    await page.clock.install({ time: vn('2026-12-02T06:58:00') });
    await openKiosk(page, host);
    const layer = page.getByTestId('screen-dim');
    await expect(layer).toHaveAttribute('data-phase', 'dimmed');
    await page.clock.fastForward(3 * 60_000);
    await expect(layer).toHaveCount(0);
  });
});

test('in office hours the idle screen is never dark', async ({ page }) => {
  host = await startKiosk({ officeHours: HOURS, screen: { shift: false, dimOutsideOfficeHours: true } });
  await page.clock.install({ time: TUESDAY_MORNING });
  await openKiosk(page, host);
  await page.clock.fastForward(3 * SCREEN_WAKE_MS);
  await expect(page.getByTestId('screen-dim')).toHaveCount(0);
  await levelButton(page, VI_LEVEL_LABELS[5]).click();
  await expectThanksThenIdle(page);
  await expect.poll(() => readRatings(host!.dataDir).map((r) => r.level)).toEqual([5]);
});

test('with dimming turned off, the idle screen stays lit at night', async ({ page }) => {
  host = await startKiosk({ officeHours: HOURS, screen: { shift: false, dimOutsideOfficeHours: false } });
  await page.clock.install({ time: TUESDAY_EVENING });
  await openKiosk(page, host);
  await page.clock.fastForward(3 * SCREEN_WAKE_MS);
  await expect(page.getByTestId('screen-dim')).toHaveCount(0);
});

/** The little of the DOM measure() uses (the tests compile without the DOM library). */
interface PageElement {
  className: string;
  tagName: string;
  getBoundingClientRect(): { left: number; top: number; right: number; bottom: number };
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
}
interface PageGlobals {
  document: { querySelector(selector: string): PageElement | null };
  getComputedStyle(el: PageElement): Record<'borderLeftWidth' | 'borderTopWidth' | 'paddingLeft' | 'paddingTop' | 'transitionDuration', string>;
}

/** How far the idle content sits from its place in the layout, and every part's box. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
    const main = document.querySelector('[data-testid="idle-screen"]')!;
    const content = main.querySelector('.idle-screen__content')!;
    const m = main.getBoundingClientRect();
    const c = content.getBoundingClientRect();
    const style = getComputedStyle(main);
    const home = {
      x: m.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft),
      y: m.top + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop),
    };
    const parts = [...content.querySelectorAll('header, h1, .idle-screen__hint, .language-switch__option, .rating-button, footer')].map((el) => {
      const r = el.getBoundingClientRect();
      return { name: el.className || el.tagName, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    });
    return {
      // `+ 0`: a sub-pixel below zero rounds to -0, which is not the orbit's 0.
      offset: { x: Math.round(c.left - home.x) + 0, y: Math.round(c.top - home.y) + 0 },
      // The content never covers the red rule along the top of the screen.
      content: { top: c.top, ruleBottom: m.top + parseFloat(style.borderTopWidth) },
      parts,
      transition: getComputedStyle(content).transitionDuration,
    };
  });
}

for (const size of [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 1080, height: 1920 },
]) {
  test(`the idle content moves after the step time and stays fully on screen at ${size.width}×${size.height}`, async ({ page }) => {
    host = await startKiosk({ scale: '5', screen: { shift: true, dimOutsideOfficeHours: false } });
    // A jump instead of a glide, so each position can be measured at once (and the rule for it is tested).
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.setViewportSize(size);
    // Just after a step began: the next one is a whole step away.
    const start = Math.ceil(TUESDAY_MORNING.getTime() / SHIFT_STEP_MS) * SHIFT_STEP_MS + 5_000;
    await page.clock.install({ time: new Date(start) });
    await openKiosk(page, host);

    const first = await measure(page);
    expect(first.transition).toBe('0s');
    expect(SHIFT_ORBIT).toContainEqual(first.offset);
    // Not before the step time is up.
    await page.clock.fastForward(SHIFT_STEP_MS - 60_000);
    expect((await measure(page)).offset).toEqual(first.offset);

    const seen = new Set<string>();
    for (let step = 0; step < SHIFT_ORBIT.length; step++) {
      const before = (await measure(page)).offset;
      await page.clock.fastForward(step === 0 ? 65_000 : SHIFT_STEP_MS);
      await expect.poll(async () => (await measure(page)).offset).not.toEqual(before);
      const now = await measure(page);
      expect(SHIFT_ORBIT).toContainEqual(now.offset);
      seen.add(`${now.offset.x},${now.offset.y}`);
      expect(now.content.top).toBeGreaterThanOrEqual(now.content.ruleBottom);
      for (const p of now.parts) {
        const where = `${p.name} at ${JSON.stringify(now.offset)}`;
        expect.soft(p.left, where).toBeGreaterThanOrEqual(0);
        expect.soft(p.top, where).toBeGreaterThanOrEqual(0);
        expect.soft(p.right, where).toBeLessThanOrEqual(size.width);
        expect.soft(p.bottom, where).toBeLessThanOrEqual(size.height);
      }
    }
    expect(seen.size).toBe(SHIFT_ORBIT.length);
  });
}

test('the content glides unless reduced motion is asked for, and holds still under a finger', async ({ page }) => {
  host = await startKiosk({ screen: { shift: true, dimOutsideOfficeHours: false } });
  const start = Math.ceil(TUESDAY_MORNING.getTime() / SHIFT_STEP_MS) * SHIFT_STEP_MS + 5_000;
  await page.clock.install({ time: new Date(start) });
  await openKiosk(page, host);
  expect((await measure(page)).transition).toBe('2s');

  await page.emulateMedia({ reducedMotion: 'reduce' });
  const before = (await measure(page)).offset;
  // A citizen touches the screen (the language switch) just before the step falls due.
  await page.clock.fastForward(SHIFT_STEP_MS - 10_000);
  await page.getByRole('button', { name: 'English' }).tap();
  // The screen in English first (the language's resources may load): only then measure it.
  await expect(page.getByRole('heading', { name: 'Are you satisfied with our service?' })).toBeVisible();
  await page.clock.fastForward(10_000);
  expect((await measure(page)).offset).toEqual(before);
  // Once the screen has been left alone, it moves.
  await page.clock.fastForward(30_000);
  await expect.poll(async () => (await measure(page)).offset).not.toEqual(before);
});
