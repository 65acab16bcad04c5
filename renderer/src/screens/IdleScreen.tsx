// The screen a citizen sees: the question and one large face per level. A tap is saved
// before the citizen is thanked; a failed save says so here and lets them tap again.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, PublicConfig } from '../../../shared/config-schema';
import type { SubmitRatingOutput } from '../../../shared/kiosk-api';
import { LEVEL_KEYS, LEVELS_BY_SCALE, type Level } from '../../../shared/rating-scale';
import { useKioskApi } from '../api/kiosk-context';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { RatingButton } from '../components/RatingButton';
import { SyncStatusLine } from '../components/SyncStatusLine';

/** Only after this long does a slow save show "saving…", so a normal tap never flickers. */
const SLOW_SAVE_MS = 700;

export interface IdleScreenProps {
  config: PublicConfig;
  onRated: (level: Level, outcome: SubmitRatingOutput) => void;
}

export function IdleScreen({ config, onRated }: IdleScreenProps) {
  const api = useKioskApi();
  const { t, i18n } = useTranslation();
  const [saving, setSaving] = useState<Level | null>(null);
  const [slow, setSlow] = useState(false);
  const [failed, setFailed] = useState(false);
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
    if (saving === null) return;
    const timer = setTimeout(() => setSlow(true), SLOW_SAVE_MS);
    return () => clearTimeout(timer);
  }, [saving]);

  async function choose(level: Level) {
    if (busy.current) return;
    busy.current = true;
    setSaving(level);
    setFailed(false);
    const result = await api.submitRating({ level, language: i18n.language as Language });
    if (!mounted.current) return;
    busy.current = false;
    setSaving(null);
    setSlow(false);
    if (result.ok) {
      onRated(level, result.value);
    } else {
      console.warn('rating not saved', result.error);
      setFailed(true);
    }
  }

  const levels = LEVELS_BY_SCALE[config.scale];
  return (
    <main className="screen idle-screen">
      <header className="kiosk-header">
        <div className="kiosk-header__unit">
          <p className="kiosk-header__name">{config.unitName}</p>
          {config.counterName && <p className="kiosk-header__counter">{t('citizen.counter', { counter: config.counterName })}</p>}
        </div>
        <LanguageSwitch languages={config.languages} />
      </header>

      <section className="idle-screen__prompt">
        <h1 className="idle-screen__question">{t('citizen.question')}</h1>
        <p className="idle-screen__hint">{t('citizen.hint')}</p>
      </section>

      <div className={`rating-row rating-row--${levels.length}`} role="group" aria-label={t('citizen.question')}>
        {levels.map((level) => (
          <RatingButton
            key={level}
            level={level}
            label={t(`citizen.levels.${LEVEL_KEYS[level]}`)}
            chosen={saving === level}
            muted={saving !== null && saving !== level}
            onChoose={(l) => void choose(l)}
          />
        ))}
      </div>

      <div className="idle-screen__notice" aria-live="polite">
        {failed && (
          <p className="notice notice--error" role="alert">
            {t('citizen.saveFailed')}
          </p>
        )}
        {!failed && slow && <p className="notice notice--info">{t('citizen.saving')}</p>}
      </div>

      <footer className="kiosk-footer">
        <SyncStatusLine timeZone={config.timezone} />
      </footer>
    </main>
  );
}
