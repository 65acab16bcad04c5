// Staff type a dossier code from the receipt when the scanner cannot read it. The code is
// checked by the backend exactly as a scan is; a good one opens the citizen's session.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DOSSIER_CODE_MAX_LENGTH } from '../../../shared/dossier-code';
import type { KioskError } from '../../../shared/errors';
import type { DossierSession, KioskApi } from '../../../shared/kiosk-api';
import { ADMIN_TITLE_ID } from '../admin/admin-title';
import { errorMessage } from '../admin/error-message';
import { OnScreenKeyboard } from '../keyboard/OnScreenKeyboard';

export interface TypedDossierEntryProps {
  api: KioskApi;
  session: string;
  onOpened: (dossier: DossierSession) => void;
  onSessionExpired: () => void;
  onCancel: () => void;
}

export function TypedDossierEntry({ api, session, onOpened, onSessionExpired, onCancel }: TypedDossierEntryProps) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<KioskError | null>(null);

  async function submit() {
    if (code.trim() === '' || busy) return;
    setBusy(true);
    const result = await api.openDossier({ source: 'typed', raw: code, session });
    setBusy(false);
    if (result.ok) onOpened(result.value);
    else if (result.error.code === 'ADMIN_SESSION_EXPIRED') onSessionExpired();
    else setError(result.error);
  }

  return (
    <section className="typed-dossier" data-testid="typed-dossier">
      <h2 id={ADMIN_TITLE_ID}>{t('counter.typed.title')}</h2>
      <p className="admin-note">{t('counter.typed.hint')}</p>
      <div className="typed-dossier__code" role="textbox" aria-readonly="true" aria-label={t('counter.typed.title')} data-testid="typed-dossier-code">
        {code}
      </div>
      <p className="admin-error" role="alert" data-testid="typed-dossier-error">
        {error ? errorMessage(t, error) : ''}
      </p>
      <OnScreenKeyboard
        value={code}
        onChange={(v) => {
          setError(null);
          setCode(v);
        }}
        maxLength={DOSSIER_CODE_MAX_LENGTH}
        layout="code"
        tonePlacement="old"
      />
      <div className="typed-dossier__actions">
        <button type="button" className="admin-button" onClick={onCancel}>
          {t('counter.typed.cancel')}
        </button>
        <button type="button" className="admin-button admin-button--primary" disabled={busy || code.trim() === ''} onClick={() => void submit()}>
          {t('counter.typed.submit')}
        </button>
      </div>
    </section>
  );
}
