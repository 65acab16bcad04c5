// "Chữ lớn" (issue #15, Large text): one toggle on the idle screen enlarges every citizen
// screen's text and controls at least 1.5×, nothing is cut off or overlaps at the three
// screen shapes kiosks are installed in, axe still passes, and the next citizen gets normal
// text again. Screenshots of each screen at each size go to the test's output folder (and
// the README's docs/screenshots/large-text.png when KIOSK_DOCS_SCREENSHOTS is set).
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import type { WebHost } from '../support/web-host';
import { expectNoAxeViolations } from './helpers/axe';
import { docsScreenshot } from './helpers/docs-screenshot';
import { levelButton, openKiosk, startKiosk, VI_FOLLOW_UP, VI_LEVEL_LABELS, VI_QUESTION, VI_THANKS } from './helpers/citizen-kiosk';

const SIZES = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1366x768', width: 1366, height: 768 },
  { name: '1080x1920', width: 1080, height: 1920 },
] as const;

const LARGE_TEXT = 'Chữ lớn';

let host: WebHost | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
});

/** The whole citizen path on one kiosk: five levels (the most on screen) and the survey offer. */
function startLargeTextKiosk() {
  return startKiosk({
    scale: '5',
    // Long enough to measure the thank-you screen before it leaves by itself.
    timeouts: { thankYouSeconds: 120, followUpSeconds: 120 },
    contact: { enabled: true, contactPoint: 'Bộ phận Một cửa, 0269 3823 456' },
  });
}

// The page's objects as far as the layout check uses them (the tests compile without the DOM's types).
interface PageRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
  width: number;
  height: number;
}
interface PageElement {
  tagName: string;
  namespaceURI: string | null;
  classList: Iterable<string>;
  textContent: string | null;
  childNodes: Iterable<{ nodeType: number; textContent: string | null }>;
  scrollWidth: number;
  scrollHeight: number;
  clientWidth: number;
  clientHeight: number;
  getBoundingClientRect(): PageRect;
  querySelectorAll(selector: string): Iterable<PageElement>;
  matches(selector: string): boolean;
  closest(selector: string): PageElement | null;
  contains(other: PageElement): boolean;
}
interface PageGlobals {
  document: { querySelector(selector: string): PageElement | null };
  getComputedStyle(el: PageElement): Record<'display' | 'visibility' | 'overflowX' | 'overflowY' | 'fontSize', string>;
  innerWidth: number;
  innerHeight: number;
}
const TEXT_NODE = 3;
const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * What is wrong with the screen's layout now, one line each: a text element whose content
 * is larger than its box (cut off or spilling), an element outside the window, and two
 * controls or texts lying over each other. Empty when the screen is sound.
 */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ TEXT_NODE, SVG_NS }) => {
      const { document, getComputedStyle, innerWidth, innerHeight } = globalThis as unknown as PageGlobals;
      const problems: string[] = [];
      const screen = document.querySelector('main.screen');
      if (!screen) return ['no citizen screen shown'];
      const name = (el: PageElement) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
      const shown = (el: PageElement) => {
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return style.display !== 'none' && style.visibility !== 'hidden' && box.width > 0 && box.height > 0;
      };
      const all = [screen, ...screen.querySelectorAll('*')].filter(shown);
      const hasText = (el: PageElement) => [...el.childNodes].some((n) => n.nodeType === TEXT_NODE && (n.textContent ?? '').trim() !== '');
      for (const el of all) {
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        // Content larger than the box: text cut off by a clipping box, or spilling out of it.
        const blockish = style.display !== 'inline' && el.namespaceURI !== SVG_NS;
        const clips = style.overflowX !== 'visible' || style.overflowY !== 'visible';
        // Vietnamese stacks two marks over a letter (ấ, ở): their tops may rise a little above a
        // tight line box without anything being cut, so up to 0.15 of the font size is allowed there.
        const glyphs = 0.15 * parseFloat(style.fontSize);
        if (
          blockish &&
          (hasText(el) || clips || el.matches('button')) &&
          (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + Math.max(1, glyphs))
        ) {
          problems.push(`${name(el)} overflows its box: content ${el.scrollWidth}×${el.scrollHeight}, box ${el.clientWidth}×${el.clientHeight}`);
        }
        if (hasText(el) || el.matches('button, [role="textbox"]')) {
          if (box.left < -0.5 || box.top < -0.5 || box.right > innerWidth + 0.5 || box.bottom > innerHeight + 0.5) {
            problems.push(
              `${name(el)} is outside the window: ${Math.round(box.left)},${Math.round(box.top)} to ${Math.round(box.right)},${Math.round(box.bottom)}`,
            );
          }
        }
      }
      // Controls and texts must not lie over one another (one inside the other is fine).
      const parts = all.filter((el) => el.matches('button, [role="textbox"], h1, p') && !el.closest('.admin-hotspot'));
      for (let i = 0; i < parts.length; i++) {
        for (let j = i + 1; j < parts.length; j++) {
          const a = parts[i]!;
          const b = parts[j]!;
          if (a.contains(b) || b.contains(a)) continue;
          const ra = a.getBoundingClientRect();
          const rb = b.getBoundingClientRect();
          const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
          const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
          if (w > 1 && h > 1) problems.push(`${name(a)} overlaps ${name(b)} by ${Math.round(w)}×${Math.round(h)}`);
        }
      }
      return problems;
    },
    { TEXT_NODE, SVG_NS },
  );
}

async function checkScreen(page: Page, testInfo: TestInfo, screen: string, size: (typeof SIZES)[number]) {
  await page.screenshot({ path: testInfo.outputPath(`large-text-${screen}-${size.name}.png`) });
  expect.soft(await layoutProblems(page), `${screen} at ${size.name}`).toEqual([]);
  await expectNoAxeViolations(page, `${screen} with large text at ${size.name}`);
}

const fontSize = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el) => parseFloat((globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(el).fontSize));

for (const size of SIZES) {
  test(`every citizen screen with large text at ${size.name}: at least 1.5×, nothing cut off or overlapping, axe clean`, async ({ page }, testInfo) => {
    host = await startLargeTextKiosk();
    await page.setViewportSize({ width: size.width, height: size.height });
    await openKiosk(page, host);
    const toggle = page.getByRole('button', { name: LARGE_TEXT, exact: true });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    const normal = { question: await fontSize(page, '.idle-screen__question'), label: await fontSize(page, '.rating-button__label') };
    // The normal layout is sound too, so a failure below is the large mode's.
    expect.soft(await layoutProblems(page), `idle, normal text, at ${size.name}`).toEqual([]);

    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('.kiosk')).toHaveAttribute('data-text-size', 'large');
    expect(await fontSize(page, '.idle-screen__question')).toBeGreaterThanOrEqual(normal.question * 1.5 - 0.01);
    expect(await fontSize(page, '.rating-button__label')).toBeGreaterThanOrEqual(normal.label * 1.5 - 0.01);
    await checkScreen(page, testInfo, 'idle', size);
    if (size.name === '1920x1080') await docsScreenshot(page, 'large-text.png');

    await levelButton(page, VI_LEVEL_LABELS[2]).click();
    await expect(page.getByRole('heading', { name: VI_FOLLOW_UP })).toBeVisible();
    await page.getByRole('button', { name: 'Phí, lệ phí không đúng quy định', exact: true }).click();
    await expect(page.getByText('Nếu Ông/Bà bị thu phí sai quy định', { exact: false })).toBeVisible();
    await checkScreen(page, testInfo, 'follow-up', size);

    await page.getByTestId('open-comment').click();
    await expect(page.getByRole('group', { name: 'Bàn phím' })).toBeVisible();
    await page.getByRole('button', { name: 'a', exact: true }).click();
    // The keys grow with their letters, from the normal clamp(56px, 7vh, 84px) of keyboard.css.
    const normalKeyHeight = Math.min(84, Math.max(56, 0.07 * size.height));
    const key = await page.getByRole('button', { name: 'a', exact: true }).boundingBox();
    expect.soft(key!.height, 'a key of the comment keyboard').toBeGreaterThanOrEqual(normalKeyHeight * 1.5 - 0.5);
    await checkScreen(page, testInfo, 'comment', size);

    await page.getByRole('button', { name: 'Gửi ý kiến', exact: true }).click();
    await expect(page.getByRole('heading', { name: VI_THANKS })).toBeVisible();
    await checkScreen(page, testInfo, 'thanks', size);

    await page.getByTestId('thanks-contact').click();
    await expect(page.getByTestId('contact-screen')).toBeVisible();
    await page.getByTestId('contact-consent').click();
    for (const digit of '0905') await page.locator(`.phone-pad__key[data-key="${digit}"]`).click();
    await checkScreen(page, testInfo, 'contact', size);

    // The citizen leaves: the next one gets normal text (and Vietnamese) again.
    await page.getByRole('button', { name: 'Bỏ qua', exact: true }).click();
    await expect(page.getByRole('heading', { name: VI_QUESTION })).toBeVisible();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(page.locator('.kiosk')).toHaveAttribute('data-text-size', 'normal');
    expect(await fontSize(page, '.idle-screen__question')).toBe(normal.question);
  });
}
