// The upload queue as the reception head needs it: how many ratings wait, when the server
// last took some, and the last error. Hidden while the backend has no sync service.
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../../shared/kiosk-api';
import { useSyncStatus } from '../api/use-sync-status';
import { errorMessage } from './error-message';
import { formatDateTime, formatDay, useAdminFormat } from './format';
import { syncErrorText } from './sync-error-text';

export function SyncStatusPanel({ api, timeZone }: { api: KioskApi; timeZone: string }) {
  const { t } = useTranslation();
  const { status, error } = useSyncStatus(api);
  const fmt = useAdminFormat();

  if (error?.code === 'NOT_FOUND' || (status === null && error === null)) return null;
  return (
    <section className="admin-panel admin-sync" aria-label={t('sync.title')} data-testid="admin-sync">
      <h2>{t('sync.title')}</h2>
      {status === null ? (
        <p className="admin-error">{error ? errorMessage(t, error) : ''}</p>
      ) : (
        <ul className="admin-sync__list">
          <li className={`admin-sync__state admin-sync__state--${status.state}`}>{t(`sync.states.${status.state}`)}</li>
          <li>{t('sync.pending', { n: fmt.count(status.pending) })}</li>
          {status.rejected > 0 ? <li>{t('admin.syncPanel.rejected', { n: fmt.count(status.rejected) })}</li> : null}
          <li>{t('sync.lastSuccess', { time: status.lastSuccessAt ? formatDateTime(status.lastSuccessAt, timeZone) : t('sync.never') })}</li>
          {status.oldestPendingAt && status.pending > 0 ? (
            <li>{t('admin.syncPanel.oldestPending', { time: formatDateTime(status.oldestPendingAt, timeZone) })}</li>
          ) : null}
          {status.storage?.recovery ? (
            <li className="admin-error" data-testid="storage-recovery">
              {t('admin.syncPanel.storageRecovered', {
                time: formatDateTime(status.storage.recovery.at, timeZone),
                pending: fmt.count(status.storage.recovery.pendingCopied),
                ratings: fmt.count(status.storage.recovery.ratingsCopied),
                unreadable: fmt.count(status.storage.recovery.unreadable),
                file: status.storage.recovery.movedTo,
              })}
            </li>
          ) : null}
          {status.storage?.fullAt ? (
            <li className="admin-error" data-testid="storage-full">
              {t('admin.syncPanel.storageFull', { time: formatDateTime(status.storage.fullAt, timeZone) })}
            </li>
          ) : null}
          {status.reconciliation && status.reconciliation.days.length > 0 ? (
            <li className="admin-error" data-testid="reconciliation">
              {t('sync.reconciliation.heading', {
                time: formatDateTime(status.reconciliation.checkedAt, timeZone),
                n: fmt.count(status.reconciliation.days.length),
              })}
              <ul>
                {status.reconciliation.days.map((d) => (
                  <li key={d.day}>
                    {t('sync.reconciliation.day', { server: fmt.count(d.serverReceived), kiosk: fmt.count(d.kioskDelivered), day: formatDay(d.day) })}
                  </li>
                ))}
              </ul>
            </li>
          ) : null}
          {status.lastError ? (
            <li className="admin-error">
              {t('admin.syncPanel.lastError', { time: formatDateTime(status.lastError.at, timeZone), code: syncErrorText(t, status.lastError.code) })}
            </li>
          ) : null}
        </ul>
      )}
    </section>
  );
}
