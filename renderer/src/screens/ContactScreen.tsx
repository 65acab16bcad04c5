// A phone number for the city's follow-up survey, only with explicit consent: the notice
// says what it is for, how long it is kept and whom to ask; the consent box starts
// unticked and nothing can be sent before it is ticked. The number is stored apart from
// the rating, which stays anonymous.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKioskApi } from '../api/kiosk-context';
import { useRestartableTimeout } from '../hooks/use-timeout';

const MAX_DIGITS = 11;
const MIN_DIGITS = 10;
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const;
/** How long the "thank you" after a number stays before the idle screen returns. */
const DONE_MS = 4_000;

export interface ContactScreenProps {
  unitName: string;
  retentionDays: number;
  contactPoint: string;
  timeoutSeconds: number;
  onDone: () => void;
}

export function ContactScreen({ unitName, retentionDays, contactPoint, timeoutSeconds, onDone }: ContactScreenProps) {
  const api = useKioskApi();
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [consent, setConsent] = useState(false);
  const [sending, setSending] = useState(false);
  const [invalid, setInvalid] = useState(false);
  // Which apology a failed send shows: a full disk needs staff, a passing fault another tap.
  const [failed, setFailed] = useState<'saveFailed' | 'storageFull' | null>(null);
  const [stored, setStored] = useState(false);

  const { restart } = useRestartableTimeout(stored ? DONE_MS : timeoutSeconds * 1000, onDone, !sending);

  async function send() {
    if (!consent || phone.length < MIN_DIGITS || sending) return;
    setSending(true);
    const result = await api.submitContact({ phone, consent: true });
    setSending(false);
    if (result.ok) {
      setStored(true);
      setPhone('');
    } else if (result.error.code === 'INVALID_INPUT' && result.error.field === 'phone') {
      setInvalid(true);
    } else {
      console.warn('survey contact not stored', result.error.code);
      setFailed(result.error.code === 'STORAGE_FULL' ? 'storageFull' : 'saveFailed');
    }
  }

  if (stored) {
    return (
      <main className="screen thank-you-screen" data-testid="contact-done">
        <h1 className="thank-you-screen__title" role="status">
          {t('citizen.contact.thanks')}
        </h1>
      </main>
    );
  }

  const type = (d: string) => {
    setInvalid(false);
    setFailed(null);
    setPhone((p) => (p.length < MAX_DIGITS ? p + d : p));
  };

  return (
    <main className="screen contact-screen" data-testid="contact-screen" onPointerDown={restart}>
      <h1 className="contact-screen__title">{t('citizen.contact.title')}</h1>
      <p className="contact-screen__notice" data-testid="contact-notice">
        {t('citizen.contact.notice', { unit: unitName, days: retentionDays })}
        {contactPoint && <> {t('citizen.contact.contactPoint', { contact: contactPoint })}</>}
      </p>
      <button
        type="button"
        role="checkbox"
        aria-checked={consent}
        className={`consent-box${consent ? ' is-on' : ''}`}
        data-testid="contact-consent"
        onClick={() => setConsent((c) => !c)}
      >
        <span className="consent-box__tick" aria-hidden="true" />
        <span>{t('citizen.contact.consent')}</span>
      </button>
      <div className="contact-screen__entry">
        <div className="contact-screen__phone" role="textbox" aria-readonly="true" aria-label={t('citizen.contact.phone')} data-testid="contact-phone">
          {phone || <span className="contact-screen__placeholder">{t('citizen.contact.phone')}</span>}
        </div>
        <div className="contact-screen__notice-line" aria-live="polite">
          {invalid && <p className="notice notice--error">{t('citizen.contact.phoneInvalid')}</p>}
          {failed && <p className="notice notice--error">{t(failed === 'storageFull' ? 'citizen.contact.storageFull' : 'citizen.contact.saveFailed')}</p>}
        </div>
        <div className="phone-pad">
          {DIGITS.map((d) => (
            <button key={d} type="button" className="phone-pad__key" data-key={d} onClick={() => type(d)}>
              {d}
            </button>
          ))}
          <button
            type="button"
            className="phone-pad__key phone-pad__key--action"
            data-key="backspace"
            disabled={phone.length === 0}
            onClick={() => setPhone((p) => p.slice(0, -1))}
          >
            {t('citizen.contact.delete')}
          </button>
        </div>
      </div>
      <div className="contact-screen__actions">
        <button type="button" className="action-button action-button--secondary" onClick={onDone}>
          {t('citizen.contact.skip')}
        </button>
        <button
          type="button"
          className="action-button action-button--primary"
          disabled={!consent || phone.length < MIN_DIGITS || sending}
          onClick={() => void send()}
        >
          {t('citizen.contact.send')}
        </button>
      </div>
    </main>
  );
}
