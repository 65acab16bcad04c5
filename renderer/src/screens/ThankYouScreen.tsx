import { useTranslation } from 'react-i18next';
import { useRestartableTimeout } from '../hooks/use-timeout';

export interface ThankYouScreenProps {
  /** After a low rating: add that the office takes it on board. */
  low: boolean;
  timeoutSeconds: number;
  onDone: () => void;
}

export function ThankYouScreen({ low, timeoutSeconds, onDone }: ThankYouScreenProps) {
  const { t } = useTranslation();
  useRestartableTimeout(timeoutSeconds * 1000, onDone);
  return (
    <main className="screen thank-you-screen" role="status">
      <svg className="thank-you-screen__mark" viewBox="0 0 100 100" aria-hidden="true" focusable="false">
        <circle cx="50" cy="50" r="46" />
        <path d="M29 52 L44 66 L72 36" />
      </svg>
      <h1 className="thank-you-screen__title">{t('citizen.thanks')}</h1>
      {low && <p className="thank-you-screen__low">{t('citizen.thanksLow')}</p>}
    </main>
  );
}
