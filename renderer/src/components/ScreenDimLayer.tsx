// The dark layer over the idle screen outside office hours. One button over the whole screen:
// the touch that wakes the kiosk lands here and nowhere else, and the layer turns clear at
// once but stays until that touch is over (screen-dimmer.ts), so it never rates a face.
import { useTranslation } from 'react-i18next';
import type { DimPhase } from '../hooks/screen-dimmer';
import type { ShiftOffset } from '../hooks/screen-shift';

export interface ScreenDimLayerProps {
  phase: DimPhase;
  /** The hint moves with the idle content, so it too never sits on the same pixels all night. */
  shift: ShiftOffset;
  onPress: () => void;
  onRelease: () => void;
}

export function ScreenDimLayer({ phase, shift, onPress, onRelease }: ScreenDimLayerProps) {
  const { t } = useTranslation();
  if (phase === 'awake') return null;
  return (
    <button
      type="button"
      className={`screen-dim screen-dim--${phase}`}
      data-testid="screen-dim"
      data-phase={phase}
      onPointerDown={onPress}
      onPointerUp={onRelease}
      onPointerCancel={onRelease}
      onClick={onRelease}
      onContextMenu={(e) => e.preventDefault()}
    >
      <span className="screen-dim__hint" style={{ transform: `translate(${shift.x}px, ${shift.y}px)` }}>
        {t('citizen.screenCare.wake')}
      </span>
    </button>
  );
}
