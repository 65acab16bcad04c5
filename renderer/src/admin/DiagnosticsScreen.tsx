// IT's screen behind the admin PIN: the kiosk's state at a glance (version, configuration
// without its secrets, database size and integrity, upload queue, last sync, clock, disk,
// log folder), a connection test, the diagnostics zip, and the one way to quit the app.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskError } from '../../../shared/errors';
import type { Diagnostics, KioskApi } from '../../../shared/kiosk-api';
import { ADMIN_TITLE_ID } from './admin-title';
import { AdminSection } from './AdminSection';
import { ConnectionTestPanel } from './ConnectionTestPanel';
import { DiagnosticsExportPanel } from './DiagnosticsExportPanel';
import { clockOffsetWords, formatBytes, formatNumber, weekdayRuns } from './diagnostics-format';
import { ExitAppPanel } from './ExitAppPanel';
import { LanguagePacksSection } from './LanguagePacksSection';
import { Loaded } from './Loaded';
import { formatDateTime } from './format';
import { syncErrorText } from './sync-error-text';

export interface DiagnosticsScreenProps {
  api: KioskApi;
  session: string;
  timeZone: string;
  onSessionExpired: () => void;
  /** Closes the admin area (back to the citizens' screen). */
  onExit: () => void;
  /** The app is quitting at IT's request. */
  onAppStopped: () => void;
}

type T = ReturnType<typeof useTranslation>['t'];

function Row({ label, id, children }: { label: string; id: string; children: ReactNode }) {
  return (
    <div className="diag-row">
      <dt>{label}</dt>
      <dd data-testid={`diag-${id}`}>{children}</dd>
    </div>
  );
}

function DiagSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <AdminSection title={title}>
      <dl className="diag-list">{children}</dl>
    </AdminSection>
  );
}

function officeDays(t: T, days: readonly number[]): string {
  const day = (d: number) => t(`admin.diagnostics.weekdays.d${d as 1 | 2 | 3 | 4 | 5 | 6 | 7}`);
  const runs = weekdayRuns(days);
  if (runs.length === 0) return t('admin.diagnostics.noOfficeDays');
  return runs
    .map((r) =>
      r.to - r.from >= 2
        ? t('admin.diagnostics.dayRange', { from: day(r.from), to: day(r.to) })
        : r.from === r.to
          ? day(r.from)
          : `${day(r.from)}, ${day(r.to)}`,
    )
    .join(', ');
}

function clockText(t: T, offsetMs: number | null, language: string): string {
  const words = clockOffsetWords(offsetMs, language);
  if (words.kind === 'unknown') return t('admin.diagnostics.clockUnknown');
  if (words.kind === 'same') return t('admin.diagnostics.clockSame');
  const amount = t(`admin.diagnostics.${words.unit}`, { n: words.n });
  return t(words.kind === 'slow' ? 'admin.diagnostics.clockSlow' : 'admin.diagnostics.clockFast', { amount });
}

function Figures({ d, timeZone }: { d: Diagnostics; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const time = (iso: string | null) => (iso ? formatDateTime(iso, timeZone) : t('admin.diagnostics.never'));
  const count = (n: number | null) => (n === null ? t('admin.diagnostics.unknown') : formatNumber(n, lang));
  const c = d.config;
  const proxy =
    c.proxy.mode === 'system'
      ? t('admin.diagnostics.proxySystem')
      : c.proxy.mode === 'direct'
        ? t('admin.diagnostics.proxyDirect')
        : c.proxy.credentials
          ? t('admin.diagnostics.proxyCredentials', { host: c.proxy.host ?? '' })
          : (c.proxy.host ?? '');
  const integrity =
    d.database.integrity === 'ok'
      ? t('admin.diagnostics.integrityOk')
      : t(d.database.integrity === 'damaged' ? 'admin.diagnostics.integrityDamaged' : 'admin.diagnostics.integrityUnchecked', {
          detail: d.database.integrityDetail ?? '',
        });
  return (
    <>
      <DiagSection title={t('admin.diagnostics.sections.app')}>
        <Row label={t('admin.diagnostics.appVersion')} id="version">
          {d.appVersion}
        </Row>
        <Row label={t('admin.diagnostics.configFile')} id="config-file">
          {c.source === 'demo' ? t('admin.diagnostics.configDemo') : <code>{c.path}</code>}
        </Row>
        <Row label={t('admin.diagnostics.unit')} id="unit">
          {c.unitName} (<code>{c.unitCode}</code>)
        </Row>
        <Row label={t('admin.diagnostics.kioskId')} id="kiosk">
          <code>{c.kioskId}</code>
        </Row>
        <Row label={t('admin.diagnostics.counter')} id="counter">
          {c.counterId === null ? t('admin.diagnostics.noCounter') : `${c.counterName ?? ''} (${c.counterId})`}
        </Row>
        <Row label={t('admin.diagnostics.server')} id="server">
          {c.serverHost === null ? t('admin.diagnostics.serverOff') : <code>{c.serverHost}</code>}
        </Row>
        <Row label={t('admin.diagnostics.token')} id="token">
          {c.tokenSet ? t('admin.diagnostics.tokenSet') : t('admin.diagnostics.tokenNotSet')}
        </Row>
        <Row label={t('admin.diagnostics.proxy')} id="proxy">
          {proxy}
        </Row>
        <Row label={t('admin.diagnostics.officeHours')} id="office-hours">
          {t('admin.diagnostics.officeHoursValue', { days: officeDays(t, c.officeHours.days), start: c.officeHours.start, end: c.officeHours.end })}
        </Row>
        <Row label={t('admin.diagnostics.timezone')} id="timezone">
          {c.timezone}
        </Row>
        <Row label={t('admin.diagnostics.updates')} id="updates">
          {c.updatesHost === null ? t('admin.diagnostics.updatesOff') : <code>{c.updatesHost}</code>}
        </Row>
        <Row label={t('admin.diagnostics.csvSeparator')} id="csv-separator">
          <code>&quot;{c.csvSeparator}&quot;</code>
        </Row>
      </DiagSection>
      <DiagSection title={t('admin.diagnostics.sections.database')}>
        <Row label={t('admin.diagnostics.dbFile')} id="db-file">
          <code>{d.database.file}</code>
        </Row>
        <Row label={t('admin.diagnostics.dbSize')} id="db-size">
          {t('admin.diagnostics.dbSizeValue', { size: formatBytes(d.database.bytes, lang), wal: formatBytes(d.database.walBytes, lang) })}
        </Row>
        <Row label={t('admin.diagnostics.integrity')} id="integrity">
          <span className={d.database.integrity === 'ok' ? 'diag-ok' : 'admin-error'}>{integrity}</span>
        </Row>
        <Row label={t('admin.diagnostics.schemaVersion')} id="schema">
          {d.database.schemaVersion ?? t('admin.diagnostics.unknown')}
        </Row>
      </DiagSection>
      <DiagSection title={t('admin.diagnostics.sections.uploads')}>
        <Row label={t('admin.diagnostics.state')} id="state">
          {t(`sync.states.${d.uploads.state}`)}
        </Row>
        <Row label={t('admin.diagnostics.pending')} id="pending">
          {count(d.uploads.pending)}
        </Row>
        <Row label={t('admin.diagnostics.delivered')} id="delivered">
          {count(d.uploads.delivered)}
        </Row>
        <Row label={t('admin.diagnostics.rejected')} id="rejected">
          {count(d.uploads.rejected)}
        </Row>
        {d.uploads.oldestPendingAt && d.uploads.pending > 0 ? (
          <Row label={t('admin.diagnostics.oldestPending')} id="oldest-pending">
            {time(d.uploads.oldestPendingAt)}
          </Row>
        ) : null}
        <Row label={t('admin.diagnostics.lastAttempt')} id="last-attempt">
          {time(d.uploads.lastAttemptAt)}
        </Row>
        <Row label={t('admin.diagnostics.lastSuccess')} id="last-success">
          {time(d.uploads.lastSuccessAt)}
        </Row>
        <Row label={t('admin.diagnostics.lastError')} id="last-error">
          {d.uploads.lastError ? (
            <span className="admin-error">
              {t('admin.diagnostics.lastErrorValue', {
                time: formatDateTime(d.uploads.lastError.at, timeZone),
                reason: syncErrorText(t, d.uploads.lastError.code),
              })}
            </span>
          ) : (
            t('admin.diagnostics.none')
          )}
        </Row>
        {d.uploads.nextAttemptAt ? (
          <Row label={t('admin.diagnostics.nextAttempt')} id="next-attempt">
            {time(d.uploads.nextAttemptAt)}
          </Row>
        ) : null}
        <Row label={t('admin.diagnostics.clockOffset')} id="clock">
          {clockText(t, d.clockOffsetMs, lang)}
        </Row>
      </DiagSection>
      <DiagSection title={t('admin.diagnostics.sections.machine')}>
        <Row label={t('admin.diagnostics.dataDir')} id="data-dir">
          <code>{d.disk.dataDir}</code>
        </Row>
        <Row label={t('admin.diagnostics.freeDisk')} id="free-disk">
          {d.disk.freeBytes === null || d.disk.totalBytes === null
            ? t('admin.diagnostics.unknown')
            : t('admin.diagnostics.freeDiskValue', { free: formatBytes(d.disk.freeBytes, lang), total: formatBytes(d.disk.totalBytes, lang) })}
        </Row>
        <Row label={t('admin.diagnostics.logsDir')} id="logs-dir">
          {d.logsDir === null ? t('admin.diagnostics.noLogsDir') : <code>{d.logsDir}</code>}
        </Row>
        {d.storage.fullAt ? (
          <Row label={t('admin.diagnostics.storage')} id="storage-full">
            <span className="admin-error">{t('admin.diagnostics.storageFull', { time: formatDateTime(d.storage.fullAt, timeZone) })}</span>
          </Row>
        ) : null}
        {d.storage.recovery ? (
          <Row label={t('admin.diagnostics.storage')} id="storage-recovery">
            <span className="admin-error">
              {t('admin.diagnostics.storageRecovered', { time: formatDateTime(d.storage.recovery.at, timeZone), file: d.storage.recovery.movedTo })}
            </span>
          </Row>
        ) : null}
      </DiagSection>
      <LanguagePacksSection languagePacks={d.languagePacks} />
    </>
  );
}

export function DiagnosticsScreen({ api, session, timeZone, onSessionExpired, onExit, onAppStopped }: DiagnosticsScreenProps) {
  const { t } = useTranslation();
  const [diagnostics, setDiagnostics] = useState<Diagnostics | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<KioskError | null>(null);
  const latest = useRef(0);

  const load = useCallback(async () => {
    const request = ++latest.current;
    setLoading(true);
    const result = await api.getDiagnostics({ session });
    if (request !== latest.current) return;
    setLoading(false);
    if (result.ok) {
      setDiagnostics(result.value);
      setError(null);
    } else if (result.error.code === 'ADMIN_SESSION_EXPIRED') {
      onSessionExpired();
    } else {
      setError(result.error);
    }
  }, [api, session, onSessionExpired]);

  useEffect(() => {
    // Reading the figures is the effect's whole job; "loading" belongs with it.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  return (
    <div className="admin-tally admin-diagnostics" data-testid="admin-diagnostics">
      <header className="admin-header">
        <div className="admin-header__titles">
          <h1 id={ADMIN_TITLE_ID}>{t('admin.diagnostics.title')}</h1>
          <p className="admin-header__unit">
            {diagnostics && !loading
              ? t('admin.diagnostics.checkedAt', { time: formatDateTime(diagnostics.generatedAt, timeZone) })
              : t('admin.diagnostics.loading')}
          </p>
        </div>
        <div className="admin-header__actions">
          <button type="button" className="admin-button" disabled={loading} onClick={() => void load()}>
            {t('admin.diagnostics.refresh')}
          </button>
          <button type="button" className="admin-button admin-button--exit" onClick={onExit}>
            {t('admin.exit')}
          </button>
        </div>
      </header>
      <div className="admin-body">
        <aside className="admin-side">
          <ConnectionTestPanel api={api} session={session} onSessionExpired={onSessionExpired} />
          <DiagnosticsExportPanel api={api} session={session} onSessionExpired={onSessionExpired} />
          <ExitAppPanel api={api} session={session} onSessionExpired={onSessionExpired} onStopped={onAppStopped} />
        </aside>
        <main className="admin-main" aria-busy={loading}>
          <p className="admin-note">{t('admin.diagnostics.intro')}</p>
          <Loaded value={diagnostics} error={error} loadingText={t('admin.diagnostics.loading')}>
            {(d) => <Figures d={d} timeZone={timeZone} />}
          </Loaded>
        </main>
      </div>
    </div>
  );
}
