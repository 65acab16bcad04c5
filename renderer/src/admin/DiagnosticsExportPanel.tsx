// "Xuất tệp chẩn đoán": the zip for IT, handed over the way report exports are (a shell that
// saves files itself says what became of it; otherwise the page collects it by id).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../../../shared/kiosk-api';
import { handOver, handoverStatus, type HandoverOutcome } from './handover';

export interface DiagnosticsExportPanelProps {
  api: KioskApi;
  session: string;
  onSessionExpired: () => void;
}

export function DiagnosticsExportPanel({ api, session, onSessionExpired }: DiagnosticsExportPanelProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<HandoverOutcome>(null);

  const run = async () => {
    setBusy(true);
    setOutcome(null);
    const result = await api.exportDiagnostics({ session });
    if (!result.ok) {
      setBusy(false);
      if (result.error.code === 'ADMIN_SESSION_EXPIRED') onSessionExpired();
      else setOutcome({ kind: 'error', error: result.error });
      return;
    }
    const done = await handOver(result.value, 'the diagnostics file');
    setBusy(false);
    setOutcome(done);
  };

  const status = (): string => {
    if (busy) return t('admin.diagnostics.export.working');
    return handoverStatus(t, outcome);
  };

  return (
    <section className="admin-panel diag-panel" aria-labelledby="diag-export-title">
      <h2 id="diag-export-title">{t('admin.diagnostics.export.title')}</h2>
      <p className="admin-note">{t('admin.diagnostics.export.note')}</p>
      <button type="button" className="admin-button diag-panel__button" disabled={busy} onClick={() => void run()}>
        {t('admin.diagnostics.export.button')}
      </button>
      <p className={outcome?.kind === 'error' ? 'diag-panel__status admin-error' : 'diag-panel__status'} role="status" data-testid="diagnostics-export-status">
        {status()}
      </p>
    </section>
  );
}
