// The screen a citizen sees: the question and one large face per level. A tap is saved
// before the citizen is thanked; a failed save says so here and lets them tap again. With
// a dossier (scanned at the counter) the same screen becomes that dossier's rating session.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, PublicConfig } from '../../../shared/config-schema';
import type { DossierSession, SubmitRatingOutput } from '../../../shared/kiosk-api';
import { LEVEL_KEYS, LEVELS_BY_SCALE, type Level } from '../../../shared/rating-scale';
import { useKioskApi } from '../api/kiosk-context';
import { useDuty } from '../api/use-duty';
import { CitizenAids, type CitizenAidsProps } from '../components/CitizenAids';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { RatingButton } from '../components/RatingButton';
import { SyncStatusLine } from '../components/SyncStatusLine';
import type { ShiftOffset } from '../hooks/screen-shift';
import { useSpeech, useSpokenPrompt } from '../speech/speech-context';
import { levelPrompt } from '../../../shared/speech-prompts';

/** Only after this long does a slow save show "saving…", so a normal tap never flickers. */
const SLOW_SAVE_MS = 700;
/** Long enough to read "this dossier has already been rated" before the idle screen returns. */
export const ALREADY_RATED_NOTICE_MS = 4_000;

export interface IdleScreenProps {
  config: PublicConfig;
  onRated: (level: Level, outcome: SubmitRatingOutput) => void;
  /** The dossier this screen asks about; absent for the anonymous quick rating. */
  dossier?: DossierSession;
  /** The citizen declined to rate the dossier, or it turned out to be rated already. */
  onLeaveDossier?: () => void;
  /** Where the content sits for burn-in care (use-screen-care.ts); absent: in its place. */
  shift?: ShiftOffset;
  /** Dark outside office hours: the layer over it takes every touch, and keys reach nothing here. */
  asleep?: boolean;
  /** "Nghe hướng dẫn" and "Chữ lớn"; absent: not offered. */
  aids?: CitizenAidsProps;
}

export function IdleScreen({ config, onRated, dossier, onLeaveDossier, shift, asleep = false, aids }: IdleScreenProps) {
  const api = useKioskApi();
  const { t, i18n } = useTranslation();
  const onDuty = useDuty(api);
  const [alreadyRated, setAlreadyRated] = useState(false);
  const [saving, setSaving] = useState<Level | null>(null);
  const [slow, setSlow] = useState(false);
  // Which apology a failed save shows: a full disk needs staff, not just another tap.
  const [failed, setFailed] = useState<'saveFailed' | 'storageFull' | null>(null);
  // A ref, not state: two taps in the same frame must not both start a save.
  const busy = useRef(false);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (!alreadyRated || !onLeaveDossier) return;
    const timer = setTimeout(onLeaveDossier, ALREADY_RATED_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [alreadyRated, onLeaveDossier]);

  useEffect(() => {
    if (saving === null) return;
    const timer = setTimeout(() => setSlow(true), SLOW_SAVE_MS);
    return () => clearTimeout(timer);
  }, [saving]);

  async function choose(level: Level) {
    if (busy.current) return;
    busy.current = true;
    setSaving(level);
    setFailed(null);
    const result = await api.submitRating({
      level,
      language: i18n.language as Language,
      ...(dossier ? { dossier: { code: dossier.code, capture: dossier.capture } } : {}),
    });
    if (!mounted.current) return;
    busy.current = false;
    setSaving(null);
    setSlow(false);
    if (result.ok) {
      onRated(level, result.value);
    } else if (result.error.code === 'DOSSIER_ALREADY_RATED') {
      // Rated from another screen or kiosk in between: say so, record nothing more.
      setAlreadyRated(true);
    } else {
      console.warn('rating not saved', result.error);
      setFailed(result.error.code === 'STORAGE_FULL' ? 'storageFull' : 'saveFailed');
    }
  }

  const levels = LEVELS_BY_SCALE[config.scale];
  const speech = useSpeech();
  const question = t(dossier ? 'citizen.dossier.question' : 'citizen.question');
  useSpokenPrompt('idle-question', question, !asleep);
  const officer = dossier ? dossier.officer : onDuty;
  const moved = shift && (shift.x !== 0 || shift.y !== 0);
  return (
    <main className={`screen idle-screen${dossier ? ' idle-screen--dossier' : ''}`} data-testid={dossier ? 'dossier-screen' : 'idle-screen'} inert={asleep}>
      {/* The screen's padding is wider than the shift, so the content moves without leaving the screen. */}
      <div className="idle-screen__content" data-testid="idle-content" style={moved ? { transform: `translate(${shift.x}px, ${shift.y}px)` } : undefined}>
        <header className="kiosk-header">
          <div className="kiosk-header__unit">
            <p className="kiosk-header__name">{config.unitName}</p>
            {config.counterName && <p className="kiosk-header__counter">{t('citizen.counter', { counter: config.counterName })}</p>}
            {!dossier && onDuty && (
              <p className="kiosk-header__duty" data-testid="on-duty">
                {t('citizen.onDuty', { name: onDuty.name })}
              </p>
            )}
          </div>
          <LanguageSwitch languages={config.languages} />
        </header>

        {dossier ? (
          <section className="idle-screen__prompt dossier-prompt" data-testid="dossier-session">
            <p className="dossier-prompt__facts">
              <span className="dossier-prompt__code">{t('citizen.dossier.code', { code: dossier.code })}</span>
              {dossier.counterName && <span>{t('citizen.counter', { counter: dossier.counterName })}</span>}
              {officer && <span>{t('citizen.dossier.officer', { name: officer.name })}</span>}
            </p>
            <h1 className="idle-screen__question">{question}</h1>
            <p className="idle-screen__hint">{t('citizen.hint')}</p>
          </section>
        ) : (
          <section className="idle-screen__prompt">
            <h1 className="idle-screen__question">{question}</h1>
            <p className="idle-screen__hint">{t('citizen.hint')}</p>
          </section>
        )}

        <div className={`rating-row rating-row--${levels.length}`} role="group" aria-label={t('citizen.question')}>
          {levels.map((level) => {
            const label = t(`citizen.levels.${LEVEL_KEYS[level]}`);
            return (
              <RatingButton
                key={level}
                level={level}
                label={label}
                chosen={saving === level}
                muted={saving !== null && saving !== level}
                onChoose={(l) => void choose(l)}
                onHold={speech.on ? (l) => speech.say(levelPrompt(config.scale, l), label) : undefined}
              />
            );
          })}
        </div>

        <div className="idle-screen__notice" aria-live="polite">
          {alreadyRated && (
            <p className="notice notice--info" role="alert">
              {t('citizen.dossier.alreadyRated')}
            </p>
          )}
          {failed && (
            <p className="notice notice--error" role="alert">
              {t(`citizen.${failed}`)}
            </p>
          )}
          {!failed && slow && <p className="notice notice--info">{t('citizen.saving')}</p>}
          {dossier && onLeaveDossier && (
            <button type="button" className="action-button action-button--secondary dossier-prompt__cancel" onClick={onLeaveDossier}>
              {t('citizen.dossier.cancel')}
            </button>
          )}
        </div>

        <footer className="kiosk-footer">
          {aids && <CitizenAids {...aids} />}
          <SyncStatusLine timeZone={config.timezone} />
        </footer>
      </div>
    </main>
  );
}
