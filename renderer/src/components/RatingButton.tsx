import type { Level } from '../../../shared/rating-scale';
import { usePressFeedback } from '../hooks/use-press-feedback';
import { FaceIcon } from './FaceIcon';

export interface RatingButtonProps {
  level: Level;
  label: string;
  /** This level was tapped and is being saved. */
  chosen: boolean;
  /** Another level is being saved: this one is shown dimmed and ignores taps. */
  muted: boolean;
  onChoose: (level: Level) => void;
}

export function RatingButton({ level, label, chosen, muted, onChoose }: RatingButtonProps) {
  const press = usePressFeedback();
  const classes = ['rating-button', `rating-button--level-${level}`];
  if (press.pressed) classes.push('is-pressed');
  if (chosen) classes.push('is-chosen');
  if (muted) classes.push('is-muted');
  return (
    <button
      type="button"
      className={classes.join(' ')}
      data-level={level}
      aria-disabled={muted || chosen ? 'true' : undefined}
      {...press.handlers}
      // One click per tap: Chromium does not fire a second click for the synthesized mouse
      // events of a touch, and the idle screen ignores taps while a save is in flight.
      onClick={() => onChoose(level)}
    >
      <FaceIcon level={level} className="rating-button__face" />
      <span className="rating-button__label">{label}</span>
    </button>
  );
}
