import { useEffect, useRef, type PointerEvent } from 'react';
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
  /**
   * Touched and held (speech on): the label is said instead of the level being chosen, so a
   * citizen who cannot read can hear each one first and then tap. Absent: a hold is a tap.
   */
  onHold?: (level: Level) => void;
}

/** Longer than any tap, short enough that a citizen holding on to listen is not left waiting. */
export const HOLD_TO_HEAR_MS = 500;

export function RatingButton({ level, label, chosen, muted, onChoose, onHold }: RatingButtonProps) {
  const press = usePressFeedback();
  const holdTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Set when the hold spoke the label: the click that ends that touch chooses nothing.
  const held = useRef(false);
  useEffect(() => () => clearTimeout(holdTimer.current), []);
  const endHold = () => clearTimeout(holdTimer.current);
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
      onPointerDown={(e: PointerEvent) => {
        press.handlers.onPointerDown(e);
        held.current = false;
        clearTimeout(holdTimer.current);
        if (!onHold || e.button !== 0) return;
        holdTimer.current = setTimeout(() => {
          held.current = true;
          onHold(level);
        }, HOLD_TO_HEAR_MS);
      }}
      onPointerUp={() => {
        endHold();
        press.handlers.onPointerUp();
      }}
      onPointerCancel={() => {
        endHold();
        press.handlers.onPointerCancel();
      }}
      onPointerLeave={() => {
        endHold();
        press.handlers.onPointerLeave();
      }}
      // One click per tap: Chromium does not fire a second click for the synthesized mouse
      // events of a touch, and the idle screen ignores taps while a save is in flight.
      onClick={() => {
        if (held.current) {
          held.current = false;
          return;
        }
        onChoose(level);
      }}
    >
      <FaceIcon level={level} className="rating-button__face" />
      <span className="rating-button__label">{label}</span>
    </button>
  );
}
