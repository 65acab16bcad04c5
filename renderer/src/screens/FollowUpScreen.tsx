// After a low rating: what was not satisfactory, several answers allowed, all optional.
// Walking away keeps what was chosen (saved when the screen times out). "Ý kiến khác" and
// the reason "Lý do khác" lead to the comment keyboard, carrying the reasons along. The
// reasons are the configuration's (a unit may adapt them); "other" and "fees" keep their
// comment keyboard and complaint hint when a unit keeps those keys.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Level, type ReasonDefinition, type ReasonKey, reasonText } from '../../../shared/rating-scale';
import { useKioskApi } from '../api/kiosk-context';
import { useArmed, useRestartableTimeout } from '../hooks/use-timeout';
import { useSpokenPrompt } from '../speech/speech-context';

export interface FollowUpScreenProps {
  ratingId: string;
  /** The level just given: the question is worded for it. */
  level: Level;
  timeoutSeconds: number;
  /** The configured reasons, in the order the unit listed them. */
  reasons: readonly ReasonDefinition[];
  onDone: () => void;
  /** Continue to the comment keyboard; the reasons are stored together with the comment. */
  onComment: (reasons: ReasonKey[]) => void;
}

export function FollowUpScreen({ ratingId, level, timeoutSeconds, reasons: offered, onDone, onComment }: FollowUpScreenProps) {
  const api = useKioskApi();
  const { t, i18n } = useTranslation();
  const armed = useArmed();
  const [chosen, setChosen] = useState<ReasonKey[]>([]);
  const [sending, setSending] = useState(false);
  // Which apology a failed send shows: a full disk needs staff, a passing fault another tap.
  const [failed, setFailed] = useState<'saveFailed' | 'storageFull' | null>(null);
  const finished = useRef(false);

  async function send(reasons: ReasonKey[], fromTimeout: boolean) {
    if (finished.current || sending) return;
    if (!fromTimeout && reasons.includes('other')) {
      finished.current = true;
      onComment(reasons);
      return;
    }
    if (reasons.length === 0) {
      finished.current = true;
      onDone();
      return;
    }
    setSending(true);
    const result = await api.amendRating({ id: ratingId, reasons });
    setSending(false);
    // A lost amendment is not worth keeping a citizen at the screen: the rating itself is
    // saved. A passing failure keeps the screen for another tap; a full disk keeps it once,
    // for its apology, since sending again would not help: the next press moves on.
    if (!result.ok && !fromTimeout && (result.error.code === 'INTERNAL' || (result.error.code === 'STORAGE_FULL' && failed !== 'storageFull'))) {
      console.warn('follow-up reasons not saved', result.error);
      setFailed(result.error.code === 'STORAGE_FULL' ? 'storageFull' : 'saveFailed');
    } else {
      if (!result.ok) console.warn('follow-up reasons not saved', result.error);
      finished.current = true;
      onDone();
    }
  }

  const { restart } = useRestartableTimeout(timeoutSeconds * 1000, () => void send(chosen, true), !sending);

  const toggle = (code: ReasonKey) => setChosen((current) => (current.includes(code) ? current.filter((c) => c !== code) : [...current, code]));

  const disabled = !armed || sending;
  // After "Bình thường" (5-level scale) nothing was called unsatisfactory, so asking what
  // the citizen was not satisfied with reads oddly: ask what we should improve instead.
  const question = t(level === 3 ? 'citizen.followUp.questionNeutral' : 'citizen.followUp.question');
  useSpokenPrompt('follow-up-question', question);
  return (
    <main className={`screen follow-up-screen${armed ? '' : ' is-arming'}`} onPointerDown={restart}>
      <section className="follow-up-screen__prompt">
        <h1 className="follow-up-screen__question">{question}</h1>
        <p className="follow-up-screen__hint">{t('citizen.followUp.questionHint')}</p>
      </section>

      <div className="reason-grid" role="group" aria-label={question}>
        {offered.map((reason) => {
          const code = reason.key;
          const on = chosen.includes(code);
          return (
            <button
              key={code}
              type="button"
              className={`reason-chip${on ? ' is-on' : ''}`}
              aria-pressed={on}
              disabled={disabled}
              data-reason={code}
              onClick={() => toggle(code)}
            >
              <span className="reason-chip__tick" aria-hidden="true" />
              {/* The unit's own wording from the configuration; Vietnamese where a language has none. */}
              <span className="reason-chip__label" lang={reason.labels[i18n.language] ? i18n.language : 'vi'}>
                {reasonText(reason, i18n.language)}
              </span>
            </button>
          );
        })}
      </div>

      <div className="follow-up-screen__notice" aria-live="polite">
        {failed && (
          <p className="notice notice--error" role="alert">
            {t(failed === 'storageFull' ? 'citizen.storageFullFeedback' : 'citizen.saveFailed')}
          </p>
        )}
        {!failed && chosen.includes('fees') && <p className="notice notice--info">{t('citizen.followUp.feesHint')}</p>}
      </div>

      <button
        type="button"
        className="comment-field"
        disabled={disabled}
        data-testid="open-comment"
        onClick={() => {
          if (finished.current) return;
          finished.current = true;
          onComment(chosen);
        }}
      >
        <span className="comment-field__label">{t('citizen.followUp.comment')}</span>
      </button>

      <div className="follow-up-screen__actions">
        <button
          type="button"
          className="action-button action-button--secondary"
          disabled={disabled}
          onClick={() => {
            if (finished.current) return;
            finished.current = true;
            onDone();
          }}
        >
          {t('citizen.followUp.skip')}
        </button>
        <button type="button" className="action-button action-button--primary" disabled={disabled} onClick={() => void send(chosen, false)}>
          {t('citizen.followUp.send')}
        </button>
      </div>
    </main>
  );
}
