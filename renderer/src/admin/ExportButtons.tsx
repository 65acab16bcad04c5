// Xuất Excel / CSV / PDF for the period on screen. The export is built by the backend from
// the same query as the tally, so the file and the screen always agree.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskError } from '../../../shared/errors';
import type { KioskApi } from '../../../shared/kiosk-api';
import type { DayRange } from './day-math';
import { downloadBase64File } from './download';
import { errorMessage } from './error-message';

const FORMATS = ['xlsx', 'csv', 'pdf'] as const;
type ExportFormat = (typeof FORMATS)[number];

type Outcome = { kind: 'saved'; path: string } | { kind: 'downloaded'; file: string } | { kind: 'error'; error: KioskError } | null;

export interface ExportButtonsProps {
  api: KioskApi;
  session: string;
  range: DayRange;
  onSessionExpired: () => void;
}

export function ExportButtons({ api, session, range, onSessionExpired }: ExportButtonsProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const run = async (format: ExportFormat) => {
    setBusy(format);
    setOutcome(null);
    const result = await api.exportReport({ session, from: range.from, to: range.to, format });
    setBusy(null);
    if (!result.ok) {
      if (result.error.code === 'ADMIN_SESSION_EXPIRED') onSessionExpired();
      else setOutcome({ kind: 'error', error: result.error });
      return;
    }
    const { fileName, mime, savedTo, dataBase64 } = result.value;
    if (dataBase64 !== null) {
      downloadBase64File(fileName, mime, dataBase64);
      setOutcome({ kind: 'downloaded', file: fileName });
    } else if (savedTo !== null) {
      setOutcome({ kind: 'saved', path: savedTo });
    }
    // Neither: the save dialog was cancelled on purpose; nothing to report.
  };

  return (
    <section className="admin-panel admin-exports" aria-label={t('admin.exports.title')}>
      <h2>{t('admin.exports.title')}</h2>
      <div className="admin-exports__buttons">
        {FORMATS.map((f) => (
          <button key={f} type="button" className="admin-button" disabled={busy !== null} onClick={() => void run(f)}>
            {t(`admin.exports.${f}`)}
          </button>
        ))}
      </div>
      <p className={outcome?.kind === 'error' ? 'admin-exports__status admin-error' : 'admin-exports__status'} role="status" data-testid="export-status">
        {busy !== null
          ? t('admin.exports.working')
          : outcome === null
            ? ''
            : outcome.kind === 'saved'
              ? t('admin.exports.saved', { path: outcome.path })
              : outcome.kind === 'downloaded'
                ? t('admin.exports.downloaded', { file: outcome.file })
                : errorMessage(t, outcome.error)}
      </p>
    </section>
  );
}
