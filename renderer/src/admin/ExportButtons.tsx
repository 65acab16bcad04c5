// Xuất Excel / CSV / PDF for the period on screen. The export is built by the backend from
// the same query as the tally, so the file and the screen always agree. The answer names the
// finished file: a shell that hands files over itself (Electron's save dialog) says what
// became of it; otherwise the page collects it by id and the browser downloads it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../../shared/kiosk-api';
import type { DayRange } from './day-math';
import { handOver, handoverStatus, type HandoverOutcome } from './handover';

// Excel first: it is the report to sign and opens in one click on any Windows setting, where a
// CSV may open as one column (docs/exports.md).
const FORMATS = ['xlsx', 'csv', 'pdf'] as const;
type ExportFormat = (typeof FORMATS)[number];

export interface ExportButtonsProps {
  api: KioskApi;
  session: string;
  range: DayRange;
  onSessionExpired: () => void;
}

export function ExportButtons({ api, session, range, onSessionExpired }: ExportButtonsProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [outcome, setOutcome] = useState<HandoverOutcome>(null);

  const run = async (format: ExportFormat) => {
    setBusy(format);
    setOutcome(null);
    const result = await api.exportReport({ session, from: range.from, to: range.to, format });
    if (!result.ok) {
      setBusy(null);
      if (result.error.code === 'ADMIN_SESSION_EXPIRED') onSessionExpired();
      else setOutcome({ kind: 'error', error: result.error });
      return;
    }
    const done = await handOver(result.value, 'the export file');
    setBusy(null);
    setOutcome(done);
  };

  const status = (): string => {
    if (busy !== null) return t('admin.exports.working');
    return handoverStatus(t, outcome);
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
      <p className="admin-exports__hint">{t('admin.exports.hint')}</p>
      <p className={outcome?.kind === 'error' ? 'admin-exports__status admin-error' : 'admin-exports__status'} role="status" data-testid="export-status">
        {status()}
      </p>
    </section>
  );
}
