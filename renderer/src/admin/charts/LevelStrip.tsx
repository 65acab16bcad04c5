// The whole distribution in one stacked bar, most satisfied on the left as on the citizen
// screen. Colour helps; the table next to it carries the meaning.
import type { LevelCount } from '../../../../shared/tally';

export function LevelStrip({ levels, total }: { levels: LevelCount[]; total: number }) {
  let x = 0;
  return (
    <svg viewBox="0 0 100 8" preserveAspectRatio="none" className="admin-strip" aria-hidden="true">
      <rect x={0} y={0} width={100} height={8} className="admin-hbar__track" />
      {total > 0
        ? levels.map((l) => {
            const w = (l.count / total) * 100;
            const rect = w > 0 ? <rect key={l.level} x={x} y={0} width={w} height={8} className={`admin-level-fill--${l.level}`} /> : null;
            x += w;
            return rect;
          })
        : null}
    </svg>
  );
}
