// "Thoát ứng dụng": IT's way out of the locked-down kiosk, set apart from everything else on
// the screen and asked twice, since the kiosk then takes no ratings until it is started again.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskError } from '../../../shared/errors';
import type { KioskApi } from '../../../shared/kiosk-api';
import { errorMessage } from './error-message';

export interface ExitAppPanelProps {
  api: KioskApi;
  session: string;
  onSessionExpired: () => void;
  /** The backend took the request: the app is quitting. */
  onStopped: () => void;
}

type Step = 'idle' | 'confirm' | 'working';

export function ExitAppPanel({ api, session, onSessionExpired, onStopped }: ExitAppPanelProps) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('idle');
  const [error, setError] = useState<KioskError | null>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // The safe choice has the focus when the question opens.
    if (step === 'confirm') cancelRef.current?.focus();
  }, [step]);

  const quit = async () => {
    setStep('working');
    setError(null);
    const result = await api.adminExit({ session });
    if (result.ok) {
      onStopped();
      return;
    }
    setStep('idle');
    if (result.error.code === 'ADMIN_SESSION_EXPIRED') onSessionExpired();
    else setError(result.error);
  };

  return (
    <section className="admin-panel diag-panel diag-exit" aria-labelledby="diag-exit-title">
      <h2 id="diag-exit-title">{t('admin.diagnostics.exit.title')}</h2>
      <p className="admin-note">{t('admin.diagnostics.exit.note')}</p>
      <button type="button" className="admin-button diag-exit__button" disabled={step !== 'idle'} onClick={() => setStep('confirm')}>
        {step === 'working' ? t('admin.diagnostics.exit.working') : t('admin.diagnostics.exit.button')}
      </button>
      {error ? (
        <p className="admin-error" role="alert">
          {errorMessage(t, error)}
        </p>
      ) : null}
      {step === 'confirm' ? (
        <div className="admin-overlay">
          <div
            className="diag-confirm"
            role="alertdialog"
            aria-modal="true"
            aria-labelledby="diag-exit-confirm-title"
            aria-describedby="diag-exit-confirm-text"
          >
            <h2 id="diag-exit-confirm-title">{t('admin.diagnostics.exit.confirmTitle')}</h2>
            <p id="diag-exit-confirm-text">{t('admin.diagnostics.exit.confirmText')}</p>
            <div className="diag-confirm__buttons">
              <button ref={cancelRef} type="button" className="admin-button" onClick={() => setStep('idle')}>
                {t('admin.diagnostics.exit.cancel')}
              </button>
              <button type="button" className="admin-button diag-exit__button" onClick={() => void quit()}>
                {t('admin.diagnostics.exit.confirm')}
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </section>
  );
}
