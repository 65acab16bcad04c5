// "Kiểm tra kết nối": one request to the city server now (the heartbeat, nothing uploaded),
// answered in words with the technical detail underneath for IT.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskError } from '../../../shared/errors';
import type { ConnectionCheck, KioskApi } from '../../../shared/kiosk-api';
import { errorMessage } from './error-message';
import { formatNumber } from './diagnostics-format';
import { syncErrorText } from './sync-error-text';

export interface ConnectionTestPanelProps {
  api: KioskApi;
  session: string;
  onSessionExpired: () => void;
}

type Outcome = { kind: 'check'; check: ConnectionCheck } | { kind: 'error'; error: KioskError } | null;

export function ConnectionTestPanel({ api, session, onSessionExpired }: ConnectionTestPanelProps) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const run = async () => {
    setBusy(true);
    setOutcome(null);
    const result = await api.testConnection({ session });
    setBusy(false);
    if (result.ok) setOutcome({ kind: 'check', check: result.value });
    else if (result.error.code === 'ADMIN_SESSION_EXPIRED') onSessionExpired();
    else setOutcome({ kind: 'error', error: result.error });
  };

  let text = '';
  let detail: string | null = null;
  let failed = false;
  if (busy) text = t('admin.diagnostics.test.working');
  else if (outcome?.kind === 'error') {
    text = errorMessage(t, outcome.error);
    failed = true;
  } else if (outcome?.kind === 'check') {
    const c = outcome.check;
    if (c.ok) {
      const values = { host: c.serverHost ?? '', ms: formatNumber(c.ms, i18n.language), via: c.proxy ?? '' };
      text = t(c.proxy ? 'admin.diagnostics.test.okVia' : 'admin.diagnostics.test.ok', values);
    } else if (c.kind === 'disabled') {
      text = t('admin.diagnostics.test.disabled');
    } else {
      failed = true;
      text = t(c.proxy ? 'admin.diagnostics.test.failedVia' : 'admin.diagnostics.test.failed', { reason: syncErrorText(t, c.kind), via: c.proxy ?? '' });
      const parts = [c.httpStatus === null ? null : `HTTP ${c.httpStatus}`, c.detail].filter((p) => p !== null);
      detail = parts.length > 0 ? parts.join(' — ') : null;
    }
  }

  return (
    <section className="admin-panel diag-panel" aria-labelledby="diag-test-title">
      <h2 id="diag-test-title">{t('admin.diagnostics.test.title')}</h2>
      <button type="button" className="admin-button admin-button--primary diag-panel__button" disabled={busy} onClick={() => void run()}>
        {t('admin.diagnostics.test.button')}
      </button>
      <p className={failed ? 'diag-panel__status admin-error' : 'diag-panel__status'} role="status" data-testid="connection-status">
        {text}
      </p>
      {detail ? (
        <p className="admin-note diag-panel__detail" data-testid="connection-detail">
          {t('admin.diagnostics.test.detail', { detail })}
        </p>
      ) : null}
    </section>
  );
}
