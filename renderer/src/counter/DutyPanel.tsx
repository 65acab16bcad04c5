// The shift at this counter: who is on duty, signing in and out, and the way to type a
// dossier code. The reception head may put any officer on duty; an officer who signed in
// with their own PIN sees only their own shift.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicConfig } from '../../../shared/config-schema';
import type { KioskError } from '../../../shared/errors';
import type { AdminSessionInfo, DossierSession, KioskApi, OfficerRef } from '../../../shared/kiosk-api';
import { ADMIN_TITLE_ID } from '../admin/admin-title';
import { errorMessage } from '../admin/error-message';
import { TypedDossierEntry } from './TypedDossierEntry';

export interface DutyPanelProps {
  api: KioskApi;
  grant: AdminSessionInfo;
  officers: PublicConfig['officers'];
  onDossier: (dossier: DossierSession) => void;
  onSessionExpired: () => void;
}

export function DutyPanel({ api, grant, officers, onDossier, onSessionExpired }: DutyPanelProps) {
  const { t } = useTranslation();
  const [onDuty, setOnDuty] = useState<OfficerRef | null>(null);
  const [error, setError] = useState<KioskError | null>(null);
  const [typing, setTyping] = useState(false);

  useEffect(() => {
    let alive = true;
    void api.getDuty({}).then((r) => {
      if (alive && r.ok) setOnDuty(r.value.officer);
    });
    return () => {
      alive = false;
    };
  }, [api]);

  async function setDuty(officerId: string | null) {
    const result = await api.setDuty({ session: grant.session, officerId });
    if (result.ok) {
      setOnDuty(result.value.officer);
      setError(null);
    } else if (result.error.code === 'ADMIN_SESSION_EXPIRED') onSessionExpired();
    else setError(result.error);
  }

  if (typing) {
    return <TypedDossierEntry api={api} session={grant.session} onOpened={onDossier} onSessionExpired={onSessionExpired} onCancel={() => setTyping(false)} />;
  }

  const head = grant.role === 'head';
  const here = officers.filter((o) => o.atThisCounter);
  const elsewhere = officers.filter((o) => !o.atThisCounter);
  const choice = (o: { id: string; name: string }) => (
    <button
      key={o.id}
      type="button"
      className={`admin-button${onDuty?.id === o.id ? ' admin-button--selected' : ''}`}
      aria-pressed={onDuty?.id === o.id}
      onClick={() => void setDuty(o.id)}
    >
      {o.name}
    </button>
  );

  return (
    <section className="duty-panel" data-testid="duty-panel">
      <h2 id={ADMIN_TITLE_ID}>{t('counter.duty.title')}</h2>
      <p className="duty-panel__current" data-testid="duty-current">
        {onDuty ? t(head ? 'counter.duty.current' : 'counter.duty.signedIn', { name: onDuty.name }) : t('counter.duty.nobody')}
      </p>
      <p className="admin-note">{t('counter.duty.endsAtMidnight')}</p>
      {head && officers.length > 0 && (
        <div className="duty-panel__choices" role="group" aria-label={t('counter.duty.choose')}>
          <h3>{t('counter.duty.choose')}</h3>
          <div className="duty-panel__row">{here.map(choice)}</div>
          {elsewhere.length > 0 && (
            <>
              <h3>{t('counter.duty.otherCounters')}</h3>
              <div className="duty-panel__row">{elsewhere.map(choice)}</div>
            </>
          )}
        </div>
      )}
      <p className="admin-error" role="alert">
        {error ? errorMessage(t, error) : ''}
      </p>
      <div className="duty-panel__actions">
        <button type="button" className="admin-button" disabled={!onDuty} onClick={() => void setDuty(null)}>
          {t('counter.duty.signOut')}
        </button>
        <button type="button" className="admin-button admin-button--primary" onClick={() => setTyping(true)}>
          {t('counter.typed.open')}
        </button>
      </div>
    </section>
  );
}
