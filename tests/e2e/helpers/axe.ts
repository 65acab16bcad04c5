// axe-core on whatever the page shows now, against WCAG 2.0, 2.1 and 2.2 at levels A and AA
// (what EN 301 549 asks of a public kiosk's screen). A failure lists every violation with
// where it is, so the message alone says what to fix without opening a trace.
//
// axe-core itself, put into the page once per document and run there, rather than through
// @axe-core/playwright: its builder injects axe again on every call and opens a blank page to
// merge each frame's results, which made the checks the slowest part of the end-to-end run.
// The kiosk's pages have no frames, so axe.run on the document sees everything the builder would.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Page } from '@playwright/test';

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const;

interface AxeNode {
  target: unknown[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: AxeNode[];
}

/** At most this many elements per rule: one bad CSS class can hit dozens, and the first few say enough. */
const NODES_SHOWN = 5;

/** One readable block per violated rule: its id, impact and help, then each element and why it fails. */
export function formatViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.slice(0, NODES_SHOWN).map((n) => {
        const why = (n.failureSummary ?? '').split('\n').slice(1).join(' ').replace(/\s+/g, ' ').trim();
        return `    - ${n.target.map(String).join(' ')}${why ? `: ${why}` : ''}`;
      });
      if (v.nodes.length > NODES_SHOWN) nodes.push(`    … and ${v.nodes.length - NODES_SHOWN} more`);
      return [`  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}`, ...nodes].join('\n');
    })
    .join('\n');
}

/**
 * Runs axe on the page as it is and fails, naming `where`, when any WCAG 2.x A/AA rule is
 * violated. No rule is disabled: a screen that fails one is fixed, not excused.
 */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  // The report as the compared value: a failure prints it as it is, not as a diff of axe's objects.
  expect(formatViolations(await axeViolations(page)), `axe: WCAG violations on ${where}`).toBe('');
}

let axeSource: string | null = null;

/** axe's WCAG 2.x A/AA violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Through the DevTools protocol, so the page's own CSP does not apply to it; a reload or a
  // navigation drops it, and the next check puts it back.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  return page.evaluate(
    async (tags) => {
      type Axe = { run: (context: unknown, options: object) => Promise<{ violations: AxeViolation[] }> };
      const { axe, document } = globalThis as unknown as { axe: Axe; document: unknown };
      return (await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })).violations;
    },
    WCAG_TAGS as unknown as string[],
  );
}
