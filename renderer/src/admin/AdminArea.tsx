// The reception head's area behind the hidden hotspot: PIN pad, then the tally. It closes
// itself after the configured idle time, because it shows per-officer figures and must
// never be left open on the citizens' screen.
import './admin.css';
import './admin-pin.css';
import './admin-controls.css';
import './admin-figures.css';
import './admin-screens.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PublicConfig } from '../../../shared/config-schema';
import type { KioskError } from '../../../shared/errors';
import { useKioskApi } from '../api/kiosk-context';
import { DEFAULT_TIME_ZONE } from './day-math';
import { PinPad } from './PinPad';
import { TallyScreen } from './TallyScreen';
import { useIdleTimeout } from './use-idle-timeout';

export interface AdminAreaProps {
  onExit: () => void;
}

/** Used only until getBootstrap answers; matches the config schema's default. */
const FALLBACK_IDLE_SECONDS = 120;

export function AdminArea({ onExit }: AdminAreaProps) {
  const api = useKioskApi();
  const [config, setConfig] = useState<PublicConfig | null>(null);
  const [session, setSession] = useState<string | null>(null);
  const [notice, setNotice] = useState<KioskError | null>(null);
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

  const sessionExpired = useCallback(() => {
    setSession(null);
    setNotice({ code: 'ADMIN_SESSION_EXPIRED' });
  }, []);

  const idleSeconds = config?.adminIdleSeconds ?? FALLBACK_IDLE_SECONDS;
  useIdleTimeout(idleSeconds, exit);

  return (
    <div className="admin-area" role="dialog" aria-modal="true" data-testid="admin-area">
      {session === null ? (
        <PinPad
          api={api}
          notice={notice}
          adminEnabled={config?.adminEnabled ?? true}
          onClose={exit}
          onUnlocked={(info) => {
            setNotice(null);
            setSession(info.session);
          }}
        />
      ) : (
        <TallyScreen
          api={api}
          session={session}
          scale={config?.scale ?? '3'}
          unitName={config?.unitName ?? ''}
          timeZone={config?.timezone ?? DEFAULT_TIME_ZONE}
          idleSeconds={config ? config.adminIdleSeconds : null}
          onSessionExpired={sessionExpired}
          onExit={exit}
        />
      )}
    </div>
  );
}
