// The upload status for the staff line and the admin panel: asked at once, then every 15 s,
// and no answer is applied after the component has gone.
import { useEffect, useState } from 'react';
import type { KioskError } from '../../../shared/errors';
import type { KioskApi, SyncStatus } from '../../../shared/kiosk-api';

export const SYNC_POLL_MS = 15_000;

/** The last status the backend gave; `error` is set while the latest ask failed. */
export function useSyncStatus(api: KioskApi): { status: SyncStatus | null; error: KioskError | null } {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [error, setError] = useState<KioskError | null>(null);

  useEffect(() => {
    let alive = true;
    const load = async () => {
      const result = await api.getSyncStatus({});
      if (!alive) return;
      if (result.ok) {
        setStatus(result.value);
        setError(null);
      } else {
        setError(result.error);
      }
    };
    void load();
    const timer = setInterval(() => void load(), SYNC_POLL_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [api]);

  return { status, error };
}
