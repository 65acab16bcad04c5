// Scans from the counter's USB scanner, on whatever screen is showing. A scan is checked by
// the backend; a good one opens the dossier's rating session at once when no citizen is in
// the middle of a rating, or right after the current one finishes; a bad one shows a short
// notice for the staff and changes nothing.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DossierSession, KioskApi } from '../../../shared/kiosk-api';
import { useScanner } from '../scanner/use-scanner';

export type ScanNotice = { kind: 'invalid' } | { kind: 'failed' } | { kind: 'alreadyRated' } | { kind: 'queued'; code: string };

/** Long enough to read a one-line notice at a counter. */
export const SCAN_NOTICE_MS = 5_000;

export interface DossierScans {
  notice: ScanNotice | null;
  /** The session waiting for the current citizen to finish, if any; taking it clears it. */
  takePending: () => DossierSession | null;
}

export function useDossierScans(
  api: KioskApi,
  enabled: boolean,
  /** Whether a new session may replace the screen now (no citizen mid-rating). */
  canOpenNow: () => boolean,
  open: (session: DossierSession) => void,
): DossierScans {
  const [notice, setNotice] = useState<ScanNotice | null>(null);
  const pending = useRef<DossierSession | null>(null);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), SCAN_NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  async function opened(text: string): Promise<void> {
    const result = await api.openDossier({ source: 'scanner', raw: text });
    if (!result.ok) {
      const code = result.error.code;
      setNotice({ kind: code === 'DOSSIER_ALREADY_RATED' ? 'alreadyRated' : code === 'DOSSIER_INVALID' ? 'invalid' : 'failed' });
      return;
    }
    if (canOpenNow()) {
      pending.current = null;
      setNotice(null);
      open(result.value);
    } else {
      pending.current = result.value;
      setNotice({ kind: 'queued', code: result.value.code });
    }
  }

  useScanner(
    (text) => void opened(text),
    enabled,
    () => setNotice({ kind: 'failed' }),
  );

  const takePending = useCallback(() => {
    const session = pending.current;
    pending.current = null;
    return session;
  }, []);

  return { notice, takePending };
}
