// Staff-facing upload status at the bottom of the idle screen: small and grey so the
// citizen's eye stays on the faces. Hidden while the backend has no sync service
// (NOT_FOUND) or cannot answer at all.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/kiosk-api';
import { formatLocalDateTime } from '../../../shared/local-time';
import { useKioskApi } from '../api/kiosk-context';

export const SYNC_POLL_MS = 15_000;

/** `timeZone`: the kiosk's configured zone, so staff read the same clock as the reports. */
export function SyncStatusLine({ timeZone }: { timeZone: string }) {
  const api = useKioskApi();
  const { t } = useTranslation();
  const [status, setStatus] = useState<SyncStatus | null>(null);

  useEffect(() => {
    let cancelled = false;
    const poll = async () => {
      const result = await api.getSyncStatus({});
      if (cancelled) return;
      setStatus(result.ok ? result.value : null);
    };
    void poll();
    const timer = setInterval(() => void poll(), SYNC_POLL_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [api]);

  if (!status) return null;
  const parts = [`${t('sync.title')}: ${t(`sync.states.${status.state}`)}`, t('sync.pending', { n: status.pending })];
  if (status.rejected > 0) parts.push(t('sync.rejected', { n: status.rejected }));
  if (status.state !== 'disabled') {
    parts.push(t('sync.lastSuccess', { time: status.lastSuccessAt ? formatLocalDateTime(Date.parse(status.lastSuccessAt), timeZone) : t('sync.never') }));
  }
  return (
    <p className={`sync-status sync-status--${status.state}`} data-testid="sync-status">
      {parts.join(' · ')}
    </p>
  );
}
