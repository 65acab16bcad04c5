// "Xuất tệp chẩn đoán": the zip for IT, handed over the way report exports are (a shell that
// saves files itself says what became of it; otherwise the page collects it by id).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskError } from '../../../shared/errors';
import type { ExportOutput, KioskApi } from '../../../shared/kiosk-api';
import { collectExportFile } from './download';
import { errorMessage } from './error-message';

export interface DiagnosticsExportPanelProps {
  api: KioskApi;
  session: string;
  onSessionExpired: () => void;
}

type Outcome = { kind: 'saved'; path: string } | { kind: 'downloaded'; file: string } | { kind: 'cancelled' } | { kind: 'error'; error: KioskError } | null;

const collectFailed: KioskError = { code: 'EXPORT_FAILED', detail: 'the diagnostics file could not be downloaded' };

async function deliver(output: ExportOutput): Promise<Outcome> {
  if (output.handover?.kind === 'saved') return { kind: 'saved', path: output.handover.location };
  if (output.handover?.kind === 'cancelled') return { kind: 'cancelled' };
  const collected = await collectExportFile(output.fileId, output.fileName, output.mime);
  return collected ? { kind: 'downloaded', file: output.fileName } : { kind: 'error', error: collectFailed };
}

export function DiagnosticsExportPanel({ api, session, onSessionExpired }: DiagnosticsExportPanelProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

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
    const done = await deliver(result.value);
    setBusy(false);
    setOutcome(done);
  };

  const status = (): string => {
    if (busy) return t('admin.diagnostics.export.working');
    switch (outcome?.kind) {
      case undefined:
        return '';
      case 'saved':
        return t('admin.exports.saved', { path: outcome.path });
      case 'downloaded':
        return t('admin.exports.downloaded', { file: outcome.file });
      case 'cancelled':
        return t('admin.exports.cancelled');
      case 'error':
        return errorMessage(t, outcome.error);
    }
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
