// The box every admin table sits in. A table wider than its card (five levels, long counter
// names, a portrait or 1366-px screen) scrolls sideways inside this box, with its first
// column held in place (admin-figures.css), instead of spilling out of the card or hiding
// the satisfied-rate column. Named after its section's heading and focusable, so it can be
// scrolled without a finger.
import type { ReactNode } from 'react';
import { useSectionHeading } from './AdminSection';

export function TableScroll({ children }: { children: ReactNode }) {
  const heading = useSectionHeading();
  return (
    // A scrollable region must be reachable by keyboard (WCAG 2.1.1) and named.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div className="admin-table-scroll" role="region" aria-labelledby={heading} tabIndex={0}>
      {children}
    </div>
  );
}
