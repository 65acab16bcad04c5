// The thank-you screen. After a satisfied rating it also offers "Ý kiến khác", and where
// the unit collects them, a phone number for the city's survey; a touch on the screen
// keeps it up while the citizen reaches for one of those.
import { useTranslation } from 'react-i18next';
import { useRestartableTimeout } from '../hooks/use-timeout';
import { useSpokenPrompt } from '../speech/speech-context';

export interface ThankYouScreenProps {
  /** After a low rating: add that the office takes it on board. */
  low: boolean;
  timeoutSeconds: number;
  onDone: () => void;
  /** Present when the citizen may still add a comment to this rating. */
  onComment?: () => void;
  /** Present when the unit collects phone numbers for its survey. */
  onContact?: () => void;
}

export function ThankYouScreen({ low, timeoutSeconds, onDone, onComment, onContact }: ThankYouScreenProps) {
  const { t } = useTranslation();
  const hasActions = Boolean(onComment || onContact);
  const { restart } = useRestartableTimeout(timeoutSeconds * 1000, onDone);
  // Said while the screen shows; the timeout above never waits for it.
  useSpokenPrompt('thanks', low ? `${t('citizen.thanks')} ${t('citizen.thanksLow')}` : t('citizen.thanks'));
  return (
    <main className="screen thank-you-screen" onPointerDown={hasActions ? restart : undefined}>
      <div role="status" className="thank-you-screen__message">
        <svg className="thank-you-screen__mark" viewBox="0 0 100 100" aria-hidden="true" focusable="false">
          <circle cx="50" cy="50" r="46" />
          <path d="M29 52 L44 66 L72 36" />
        </svg>
        <h1 className="thank-you-screen__title">{t('citizen.thanks')}</h1>
        {low && <p className="thank-you-screen__low">{t('citizen.thanksLow')}</p>}
      </div>
      {hasActions && (
        <div className="thank-you-screen__actions">
          {onComment && (
            <button type="button" className="action-button action-button--secondary" data-testid="thanks-comment" onClick={onComment}>
              {t('citizen.comment.open')}
            </button>
          )}
          {onContact && (
            <button type="button" className="action-button action-button--secondary" data-testid="thanks-contact" onClick={onContact}>
              {t('citizen.contact.open')}
            </button>
          )}
        </div>
      )}
    </main>
  );
}
