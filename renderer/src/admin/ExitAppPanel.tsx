// "Thoát ứng dụng": IT's way out of the locked-down kiosk, set apart from everything else on
// the screen and asked twice, since the kiosk then takes no ratings until it is started again.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskError } from '../../../shared/errors';
import type { KioskApi } from '../../../shared/kiosk-api';
import { useDialogFocus } from '../hooks/use-dialog-focus';
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
      {step === 'confirm' ? <ExitConfirmDialog onCancel={() => setStep('idle')} onConfirm={() => void quit()} /> : null}
    </section>
  );
}

/** The question itself, mounted only while it is asked, so it takes the focus each time it opens. */
function ExitConfirmDialog({ onCancel, onConfirm }: { onCancel: () => void; onConfirm: () => void }) {
  const { t } = useTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The safe choice has the focus when the question opens; Escape is the same safe choice.
  const dialogRef = useDialogFocus<HTMLDivElement>({ initialFocus: cancelRef, onEscape: onCancel });
  return (
    <div className="admin-overlay">
      <div
        ref={dialogRef}
        className="diag-confirm"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="diag-exit-confirm-title"
        aria-describedby="diag-exit-confirm-text"
        tabIndex={-1}
      >
        <h2 id="diag-exit-confirm-title">{t('admin.diagnostics.exit.confirmTitle')}</h2>
        <p id="diag-exit-confirm-text">{t('admin.diagnostics.exit.confirmText')}</p>
        <div className="diag-confirm__buttons">
          <button ref={cancelRef} type="button" className="admin-button" onClick={onCancel}>
            {t('admin.diagnostics.exit.cancel')}
          </button>
          <button type="button" className="admin-button diag-exit__button" onClick={onConfirm}>
            {t('admin.diagnostics.exit.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
