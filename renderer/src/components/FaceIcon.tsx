// Faces drawn inline (no network, no image files): the mouth and brows carry the meaning so
// the level reads without colour.
import type { Level } from '../../../shared/rating-scale';

const MOUTHS: Record<Level, string> = {
  5: 'M30 58 Q50 80 70 58',
  4: 'M33 61 Q50 72 67 61',
  3: 'M34 64 L66 64',
  2: 'M33 68 Q50 57 67 68',
  1: 'M30 72 Q50 52 70 72',
};

export function FaceIcon({ level, className }: { level: Level; className?: string }) {
  return (
    <svg className={className} viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <circle className="face__disc" cx="50" cy="50" r="46" />
      {level === 5 ? (
        <>
          <path className="face__feature" d="M29 40 Q35 32 41 40" />
          <path className="face__feature" d="M59 40 Q65 32 71 40" />
          <path className="face__grin" d="M28 56 Q50 86 72 56 Z" />
        </>
      ) : (
        <>
          <circle className="face__eye" cx="36" cy="40" r="5.5" />
          <circle className="face__eye" cx="64" cy="40" r="5.5" />
          <path className="face__feature" d={MOUTHS[level]} />
        </>
      )}
      {level === 1 && (
        <>
          <path className="face__feature face__brow" d="M26 30 L42 34" />
          <path className="face__feature face__brow" d="M74 30 L58 34" />
        </>
      )}
    </svg>
  );
}
