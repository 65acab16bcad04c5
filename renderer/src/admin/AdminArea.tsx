// The staff area behind the hidden hotspot: PIN pad, then the tally, the shift and IT's
// diagnostics (the reception head's PIN, which IT uses too) or only the shift (an officer
// with their own PIN). It closes itself after the configured idle time, because it shows
// per-officer figures and must never be left open on the citizens' screen.
import './admin.css';
import './admin-pin.css';
import './admin-controls.css';
import './admin-figures.css';
import './admin-screens.css';
import './admin-diagnostics.css';
import '../counter/counter-staff.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicConfig } from '../../../shared/config-schema';
import type { KioskError } from '../../../shared/errors';
import type { AdminSessionInfo, DossierSession } from '../../../shared/kiosk-api';
import { DutyPanel } from '../counter/DutyPanel';
import { useKioskApi } from '../api/kiosk-context';
import { useDialogFocus } from '../hooks/use-dialog-focus';
import { ADMIN_TITLE_ID } from './admin-title';
import { DEFAULT_TIME_ZONE } from './day-math';
import { DiagnosticsScreen } from './DiagnosticsScreen';
import { PinPad } from './PinPad';
import { TallyScreen } from './TallyScreen';
import { useIdleTimeout } from './use-idle-timeout';

export interface AdminAreaProps {
  onExit: () => void;
  /** Staff typed a dossier code: leave the area and ask the citizen to rate it. */
  onDossier: (dossier: DossierSession) => void;
}

type Tab = 'tally' | 'duty' | 'diagnostics';

const TAB_LABELS = { tally: 'counter.tabs.tally', duty: 'counter.tabs.duty', diagnostics: 'admin.diagnostics.tab' } as const;

/** Used only until getBootstrap answers; matches the config schema's default. */
const FALLBACK_IDLE_SECONDS = 120;

export function AdminArea({ onExit, onDossier }: AdminAreaProps) {
  const api = useKioskApi();
  const { t } = useTranslation();
  const [config, setConfig] = useState<PublicConfig | null>(null);
  const [grant, setGrant] = useState<AdminSessionInfo | null>(null);
  const [tab, setTab] = useState<Tab>('tally');
  const session = grant?.session ?? null;
  const [notice, setNotice] = useState<KioskError | null>(null);
  /** IT quit the app from the diagnostics screen: nothing is left to do on this page. */
  const [stopped, setStopped] = useState(false);
  const exiting = useRef(false);

  useEffect(() => {
    let alive = true;
    void api.getBootstrap({}).then((result) => {
      if (alive && result.ok) setConfig(result.value.config);
    });
    return () => {
      alive = false;
    };
  }, [api]);

  const exit = useCallback(() => {
    if (exiting.current) return;
    exiting.current = true;
    // Leave at once; locking is best effort (the backend session also expires on its own).
    if (session !== null) void api.adminLock({ session });
    onExit();
  }, [api, session, onExit]);

  const dossierTyped = useCallback(
    (dossier: DossierSession) => {
      if (exiting.current) return;
      exiting.current = true;
      if (session !== null) void api.adminLock({ session });
      onDossier(dossier);
    },
    [api, session, onDossier],
  );

  const sessionExpired = useCallback(() => {
    setGrant(null);
    setNotice({ code: 'ADMIN_SESSION_EXPIRED' });
  }, []);

  const idleSeconds = config?.adminIdleSeconds ?? FALLBACK_IDLE_SECONDS;
  useIdleTimeout(stopped ? null : idleSeconds, exit);
  // Escape leaves as "Đóng"/"Thoát" do (nothing is lost: the session is locked), but not once
  // the app has stopped, when there is no citizen screen left to go back to.
  const dialogRef = useDialogFocus<HTMLDivElement>({ onEscape: stopped ? undefined : exit });

  if (stopped) {
    return (
      <div className="admin-area" role="alert" data-testid="app-stopped">
        <div className="admin-stopped">
          <h1>{t('admin.diagnostics.exit.stoppedTitle')}</h1>
          <p>{t('admin.diagnostics.exit.stoppedText')}</p>
        </div>
      </div>
    );
  }

  return (
    <div ref={dialogRef} className="admin-area" role="dialog" aria-modal="true" aria-labelledby={ADMIN_TITLE_ID} tabIndex={-1} data-testid="admin-area">
      {grant === null ? (
        <PinPad
          api={api}
          notice={notice}
          adminEnabled={config?.adminEnabled ?? true}
          staff={config?.staff ?? []}
          onClose={exit}
          onUnlocked={(info) => {
            setNotice(null);
            setTab(info.role === 'head' ? 'tally' : 'duty');
            setGrant(info);
          }}
        />
      ) : (
        <>
          {grant.role === 'head' && (
            <nav className="staff-tabs" aria-label={t('counter.tabs.duty')}>
              {(['tally', 'duty', 'diagnostics'] as const).map((k) => (
                <button
                  key={k}
                  type="button"
                  className={`admin-button${tab === k ? ' admin-button--selected' : ''}`}
                  aria-pressed={tab === k}
                  onClick={() => setTab(k)}
                >
                  {t(TAB_LABELS[k])}
                </button>
              ))}
            </nav>
          )}
          {tab === 'duty' ? (
            <div className="staff-duty">
              <DutyPanel api={api} grant={grant} officers={config?.officers ?? []} onDossier={dossierTyped} onSessionExpired={sessionExpired} />
              <button type="button" className="admin-button admin-button--exit staff-duty__close" onClick={exit}>
                {t('counter.duty.close')}
              </button>
            </div>
          ) : tab === 'diagnostics' ? (
            <DiagnosticsScreen
              api={api}
              session={grant.session}
              timeZone={config?.timezone ?? DEFAULT_TIME_ZONE}
              onSessionExpired={sessionExpired}
              onExit={exit}
              onAppStopped={() => setStopped(true)}
            />
          ) : (
            <TallyScreen
              api={api}
              session={grant.session}
              scale={config?.scale ?? '3'}
              unitName={config?.unitName ?? ''}
              timeZone={config?.timezone ?? DEFAULT_TIME_ZONE}
              idleSeconds={config ? config.adminIdleSeconds : null}
              onSessionExpired={sessionExpired}
              onExit={exit}
            />
          )}
        </>
      )}
    </div>
  );
}
