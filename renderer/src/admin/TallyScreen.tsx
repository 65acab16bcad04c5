// After the PIN: the period picker, the tally for that period, exports and upload status.
// The session token lives only in React state (AdminArea) and is passed down, never stored.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskError } from '../../../shared/errors';
import type { KioskApi } from '../../../shared/kiosk-api';
import type { Scale } from '../../../shared/rating-scale';
import type { Tally } from '../../../shared/tally';
import { ADMIN_TITLE_ID } from './admin-title';
import { AdminSection } from './AdminSection';
import { HourChart } from './charts/HourChart';
import { DateRangePicker } from './DateRangePicker';
import { presetRange, todayIn, type DayRange } from './day-math';
import { ExportButtons } from './ExportButtons';
import { formatDay } from './format';
import { Loaded } from './Loaded';
import { CounterTable, OfficerTable } from './GroupTables';
import { DayTable, ReasonBars } from './ReasonAndDayTables';
import { SyncStatusPanel } from './SyncStatusPanel';
import { LevelTable, SummaryCards } from './TallySummary';

export interface TallyScreenProps {
  api: KioskApi;
  session: string;
  scale: Scale;
  unitName: string;
  timeZone: string;
  idleSeconds: number | null;
  onSessionExpired: () => void;
  onExit: () => void;
}

export function TallyScreen({ api, session, scale, unitName, timeZone: initialZone, idleSeconds, onSessionExpired, onExit }: TallyScreenProps) {
  const { t } = useTranslation();
  const [timeZone, setTimeZone] = useState(initialZone);
  const today = todayIn(timeZone);
  const [range, setRange] = useState<DayRange>(() => presetRange('today', todayIn(initialZone)));
  const [tally, setTally] = useState<Tally | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<KioskError | null>(null);
  const latestRequest = useRef(0);
  const lastCallAt = useRef(0);

  const load = useCallback(
    async (r: DayRange) => {
      const request = ++latestRequest.current;
      lastCallAt.current = Date.now();
      setLoading(true);
      const result = await api.getTally({ session, from: r.from, to: r.to });
      // A slow answer for an older period must not overwrite the one on screen.
      if (request !== latestRequest.current) return;
      setLoading(false);
      if (result.ok) {
        setTally(result.value);
        setError(null);
        if (result.value.timezone) setTimeZone(result.value.timezone);
      } else if (result.error.code === 'ADMIN_SESSION_EXPIRED') {
        onSessionExpired();
      } else {
        setError(result.error);
      }
    },
    [api, session, onSessionExpired],
  );

  useEffect(() => {
    // Fetching the tally is the effect's whole job; "loading" belongs with the new range.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load(range);
  }, [load, range]);

  // The backend session slides only on admin calls, the screen's idle timer on touches: while
  // the head is reading (touching, scrolling) refresh the figures now and then so the session
  // does not lapse under an active user.
  useEffect(() => {
    if (idleSeconds === null) return;
    const onActivity = () => {
      if (Date.now() - lastCallAt.current > idleSeconds * 500) void load(range);
    };
    window.addEventListener('pointerdown', onActivity, { capture: true, passive: true });
    return () => window.removeEventListener('pointerdown', onActivity, { capture: true });
  }, [idleSeconds, load, range]);

  const shown = tally !== null && tally.from === range.from && tally.to === range.to ? tally : null;

  return (
    <div className="admin-tally" data-testid="admin-tally">
      <header className="admin-header">
        <div className="admin-header__titles">
          <h1 id={ADMIN_TITLE_ID}>{t('admin.title')}</h1>
          <p className="admin-header__unit">{unitName}</p>
        </div>
        <div className="admin-header__actions">
          <button type="button" className="admin-button" onClick={() => void load(range)}>
            {t('admin.refresh')}
          </button>
          <button type="button" className="admin-button" onClick={() => window.print()}>
            {t('admin.print')}
          </button>
          <button type="button" className="admin-button admin-button--exit" onClick={onExit}>
            {t('admin.exit')}
          </button>
        </div>
      </header>
      <div className="admin-body">
        <aside className="admin-side">
          <DateRangePicker range={range} today={today} onChange={setRange} />
          <ExportButtons api={api} session={session} range={range} onSessionExpired={onSessionExpired} />
          <SyncStatusPanel api={api} timeZone={timeZone} />
          {idleSeconds !== null ? <p className="admin-note admin-no-print">{t('admin.idleNote', { s: idleSeconds })}</p> : null}
        </aside>
        <main className="admin-main" aria-busy={loading}>
          <p className="admin-print-only admin-print-period">{t('admin.range.period', { from: formatDay(range.from), to: formatDay(range.to) })}</p>
          <p className="admin-note admin-own-tally">{t('admin.ownTallyNote')}</p>
          <Loaded value={shown} error={error} loadingText={t('admin.loading')}>
            {(view) => (
              <>
                {view.total === 0 && view.flagged === 0 ? <p className="admin-empty">{t('admin.summary.empty')}</p> : null}
                <SummaryCards tally={view} />
                <div className="admin-grid2">
                  <LevelTable tally={view} scale={scale} />
                  <AdminSection title={t('admin.sections.byHour')}>
                    <HourChart byHour={view.byHour} />
                  </AdminSection>
                </div>
                <div className="admin-grid2">
                  <ReasonBars rows={view.byReason} reasons={view.reasons} />
                  <DayTable rows={view.byDay} />
                </div>
                {/* The counter table has a column per level (seven figures on the five-level
                  scale): it gets the full width rather than half of it. */}
                <CounterTable rows={view.byCounter} scale={scale} />
                <OfficerTable rows={view.byOfficer} />
              </>
            )}
          </Loaded>
        </main>
      </div>
    </div>
  );
}
