// The citizen flow as one small state machine: idle (or a scanned dossier's session) →
// (follow-up) → (comment) → thank-you → (survey contact) → idle, with the staff area behind
// a hidden hold gesture and a full-screen notice when the kiosk cannot store ratings.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bootstrap, DossierSession } from '../../shared/kiosk-api';
import type { KioskError } from '../../shared/errors';
import type { Level, ReasonKey } from '../../shared/rating-scale';
import { AdminArea } from './admin/AdminArea';
import { useKioskApi } from './api/kiosk-context';
import { AdminHotspot } from './components/AdminHotspot';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ScreenDimLayer } from './components/ScreenDimLayer';
import { ScanNoticeBanner } from './counter/ScanNoticeBanner';
import { useDossierScans } from './counter/use-dossier-scans';
import { useScreenCare } from './hooks/use-screen-care';
import { useRestartableTimeout } from './hooks/use-timeout';
import { addLanguagePacks, SOURCE_LANGUAGE, useI18nInstance } from './i18n';
import { CommentScreen } from './screens/CommentScreen';
import { ContactScreen } from './screens/ContactScreen';
import { FollowUpScreen } from './screens/FollowUpScreen';
import { IdleScreen } from './screens/IdleScreen';
import { StartupErrorScreen } from './screens/StartupErrorScreen';
import { ThankYouScreen } from './screens/ThankYouScreen';
import { createBrowserSpeaker } from './speech/browser-speaker';
import { SpeechProvider } from './speech/speech-context';

type Screen =
  | { kind: 'idle' }
  | { kind: 'dossier'; session: DossierSession }
  | { kind: 'followUp'; ratingId: string; level: Level }
  | { kind: 'comment'; ratingId: string; reasons: ReasonKey[]; low: boolean }
  /** ratingId: the rating a satisfied citizen may still comment on. */
  | { kind: 'thanks'; low: boolean; ratingId: string | null }
  | { kind: 'contact' }
  | { kind: 'admin' };

/** Screens a scan may replace at once: nobody is in the middle of a rating there. */
const OPEN_TO_SCAN: ReadonlySet<Screen['kind']> = new Set(['idle', 'dossier', 'thanks']);

type Boot = { kind: 'loading' } | { kind: 'failed'; error: KioskError } | { kind: 'ready'; bootstrap: Bootstrap };

/** A transient failure (host still starting, IPC hiccup) is retried; a config error is not. */
const BOOTSTRAP_RETRY_MS = 5_000;
/**
 * A citizen who switched to English, or turned on large text or speech, and walked away
 * should not leave it for the next one.
 */
const LANGUAGE_RESET_MS = 60_000;
/** A second crash this soon after recovering means state alone does not fix it: reload. */
const REPEATED_CRASH_MS = 60_000;

function useBootstrap(): Boot {
  const api = useKioskApi();
  const i18n = useI18nInstance();
  const [boot, setBoot] = useState<Boot>({ kind: 'loading' });
  useEffect(() => {
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const result = await api.getBootstrap({});
      if (cancelled) return;
      if (result.ok) {
        // Before the first paint that could offer a pack's language.
        addLanguagePacks(i18n, result.value.languagePacks);
        setBoot({ kind: 'ready', bootstrap: result.value });
        return;
      }
      console.error('kiosk cannot start', result.error);
      setBoot({ kind: 'failed', error: result.error });
      if (result.error.code === 'INTERNAL') timer = setTimeout(() => void load(), BOOTSTRAP_RETRY_MS);
    };
    void load();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [api, i18n]);
  return boot;
}

export function App() {
  const api = useKioskApi();
  const boot = useBootstrap();
  const { t } = useTranslation();
  const i18n = useI18nInstance();
  const [screen, setScreen] = useState<Screen>({ kind: 'idle' });
  const [session, setSession] = useState(0);
  // This citizen's aids; null: the configured default (speech) or off (large text).
  const [speechChoice, setSpeechChoice] = useState<boolean | null>(null);
  const [largeText, setLargeText] = useState(false);
  const resetForNextCitizen = useCallback(() => {
    void i18n.changeLanguage(SOURCE_LANGUAGE);
    setSpeechChoice(null);
    setLargeText(false);
  }, [i18n]);
  // What a scan may replace is read from its keyboard handler, outside any render.
  const screenKind = useRef<Screen['kind']>('idle');
  useEffect(() => {
    screenKind.current = screen.kind;
  }, [screen.kind]);

  const openDossier = useCallback(
    (dossier: DossierSession) => {
      // Each dossier starts in Vietnamese, like the idle screen, with a fresh screen.
      resetForNextCitizen();
      setScreen({ kind: 'dossier', session: dossier });
      setSession((s) => s + 1);
    },
    [resetForNextCitizen],
  );
  const { notice: scanNotice, takePending } = useDossierScans(api, boot.kind === 'ready', () => OPEN_TO_SCAN.has(screenKind.current), openDossier);

  const goIdle = useCallback(() => {
    const waiting = takePending();
    if (waiting) {
      openDossier(waiting);
      return;
    }
    resetForNextCitizen();
    setScreen({ kind: 'idle' });
    // A fresh idle screen: no leftover "save failed", pressed or saving state.
    setSession((s) => s + 1);
  }, [resetForNextCitizen, takePending, openDossier]);

  const lastRecovery = useRef(0);
  const recover = useCallback(() => {
    const now = Date.now();
    if (now - lastRecovery.current < REPEATED_CRASH_MS) {
      window.location.reload();
      return;
    }
    lastRecovery.current = now;
    goIdle();
  }, [goIdle]);

  const { restart: touchedIdle } = useRestartableTimeout(
    LANGUAGE_RESET_MS,
    resetForNextCitizen,
    screen.kind === 'idle' && (i18n.language !== SOURCE_LANGUAGE || speechChoice !== null || largeText),
  );
  const bootstrap = boot.kind === 'ready' ? boot.bootstrap : null;
  const speaker = useMemo(() => createBrowserSpeaker(bootstrap?.speechAudio ?? {}, bootstrap?.config.speech.volumeDb ?? 0), [bootstrap]);
  const dossierSeconds = boot.kind === 'ready' ? boot.bootstrap.config.dossierSessionSeconds : 90;
  // A dossier nobody rates records nothing: the idle screen comes back.
  const { restart: touchedDossier } = useRestartableTimeout(dossierSeconds * 1000, goIdle, screen.kind === 'dossier');
  // Burn-in care: the idle content's slow shift and the dark layer outside office hours.
  const care = useScreenCare(boot.kind === 'ready' ? boot.bootstrap.config : null, screen.kind === 'idle');

  if (boot.kind === 'loading') {
    return (
      <main className="screen loading-screen" aria-busy="true">
        <p>{t('citizen.loading')}</p>
      </main>
    );
  }
  if (boot.kind === 'failed') return <StartupErrorScreen error={boot.error} />;

  const { config } = boot.bootstrap;
  const recovering = (
    <main className="screen loading-screen">
      <p>{t('citizen.recovering')}</p>
    </main>
  );
  const rated = (level: Level, outcome: { id: string | null; followUp: boolean }) => {
    if (outcome.followUp && outcome.id) setScreen({ kind: 'followUp', ratingId: outcome.id, level });
    else setScreen({ kind: 'thanks', low: false, ratingId: outcome.id });
  };
  const contactOffer = config.contact.enabled ? () => setScreen({ kind: 'contact' }) : undefined;
  const speechOn = speechChoice ?? config.speech.onByDefault;
  const aids = { speechOn, onSpeech: setSpeechChoice, largeText, onLargeText: setLargeText };

  return (
    <div
      className="kiosk"
      // Large text is one switch for every citizen screen: the styles scale from --text-scale.
      data-text-size={largeText ? 'large' : 'normal'}
      onPointerDown={() => {
        touchedIdle();
        touchedDossier();
        care.noteActivity();
      }}
      onContextMenu={(e) => e.preventDefault()}
    >
      <SpeechProvider speaker={speaker} on={speechOn && screen.kind !== 'admin'}>
        <ErrorBoundary fallback={recovering} onRecover={recover}>
          {screen.kind === 'idle' && (
            <IdleScreen key={session} config={config} onRated={rated} shift={care.shift} asleep={care.phase !== 'awake'} aids={aids} />
          )}
          {screen.kind === 'dossier' && (
            <IdleScreen key={session} config={config} dossier={screen.session} onRated={rated} onLeaveDossier={goIdle} shift={care.shift} aids={aids} />
          )}
          {screen.kind === 'followUp' && (
            <FollowUpScreen
              ratingId={screen.ratingId}
              level={screen.level}
              timeoutSeconds={config.timeouts.followUpSeconds}
              reasons={config.reasons}
              onDone={() => setScreen({ kind: 'thanks', low: true, ratingId: null })}
              onComment={(reasons) => setScreen({ kind: 'comment', ratingId: screen.ratingId, reasons, low: true })}
            />
          )}
          {screen.kind === 'comment' && (
            <CommentScreen
              ratingId={screen.ratingId}
              reasons={screen.reasons}
              tonePlacement={config.tonePlacement}
              timeoutSeconds={config.timeouts.followUpSeconds}
              onDone={() => setScreen({ kind: 'thanks', low: screen.low, ratingId: null })}
            />
          )}
          {screen.kind === 'thanks' && (
            <ThankYouScreen
              low={screen.low}
              timeoutSeconds={config.timeouts.thankYouSeconds}
              onDone={goIdle}
              onComment={
                screen.ratingId ? () => screen.ratingId && setScreen({ kind: 'comment', ratingId: screen.ratingId, reasons: [], low: false }) : undefined
              }
              onContact={contactOffer}
            />
          )}
          {screen.kind === 'contact' && (
            <ContactScreen
              unitName={config.unitName}
              retentionDays={config.contact.retentionDays}
              contactPoint={config.contact.contactPoint}
              timeoutSeconds={config.timeouts.followUpSeconds}
              onDone={goIdle}
            />
          )}
          {screen.kind === 'admin' && (
            <div className="admin-layer" data-testid="admin-layer">
              <AdminArea onExit={goIdle} onDossier={openDossier} />
            </div>
          )}
        </ErrorBoundary>
      </SpeechProvider>
      {screen.kind === 'idle' && <ScreenDimLayer phase={care.phase} shift={care.shift} onPress={care.pressLayer} onRelease={care.releaseLayer} />}
      <ScanNoticeBanner notice={scanNotice} />
      {screen.kind !== 'admin' && <AdminHotspot onOpen={() => setScreen({ kind: 'admin' })} />}
    </div>
  );
}
