// Staff-facing upload status at the bottom of the idle screen: small and grey so the
// citizen's eye stays on the faces. Hidden while the backend has no sync service
// (NOT_FOUND) or cannot answer at all.
import { useTranslation } from 'react-i18next';
import { formatLocalDateTime } from '../../../shared/local-time';
import { useKioskApi } from '../api/kiosk-context';
import { useSyncStatus } from '../api/use-sync-status';

/** `timeZone`: the kiosk's configured zone, so staff read the same clock as the reports. */
export function SyncStatusLine({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const { status, error } = useSyncStatus(useKioskApi());

  if (!status || error) return null;
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
