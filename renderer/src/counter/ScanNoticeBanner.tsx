// The one line a scan leaves on screen: for the staff when a code is unreadable or queued,
// for the citizen when the dossier was already rated.
import { useTranslation } from 'react-i18next';
import type { ScanNotice } from './use-dossier-scans';

export function ScanNoticeBanner({ notice }: { notice: ScanNotice | null }) {
  const { t } = useTranslation();
  if (!notice) return null;
  const text =
    notice.kind === 'alreadyRated'
      ? t('citizen.dossier.alreadyRated')
      : notice.kind === 'queued'
        ? t('counter.scan.queued', { code: notice.code })
        : notice.kind === 'invalid'
          ? t('counter.scan.invalid')
          : t('counter.scan.failed');
  return (
    <div className={`scan-notice scan-notice--${notice.kind}`} role="status" data-testid="scan-notice" data-kind={notice.kind}>
      {text}
    </div>
  );
}
