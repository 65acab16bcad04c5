// Opens a rating session for a returned dossier: the code is read from what the scanner
// typed (or staff keyed in), checked against the configured pattern and against the
// ratings already stored, and described with the counter and the officer on duty. Nothing
// is written here: the rating itself is stored by the rating service, which checks again.
import type { KioskConfig } from '../../../shared/config-schema';
import { parseScannedDossier, parseTypedDossier, type DossierParse } from '../../../shared/dossier-code';
import { fail, ok, type Result } from '../../../shared/errors';
import type { DossierSession } from '../../../shared/kiosk-api';
import { cleanText } from '../../../shared/text-clean';
import type { RatingStore } from '../db/rating-store';
import type { Logger } from '../logger';
import type { DutyService } from './duty-service';

export interface DossierServiceDeps {
  config: KioskConfig;
  store: RatingStore;
  duty: DutyService;
  logger: Logger;
}

export function createDossierService(deps: DossierServiceDeps) {
  const { config, store, duty, logger } = deps;
  const rules = { pattern: config.dossier.pattern, allowUnmatched: config.dossier.allowUnmatched };
  const counterName = config.counters.find((k) => k.id === config.kiosk.counterId)?.name ?? null;

  function open(input: string, source: 'scanner' | 'typed'): Result<DossierSession> {
    // Scanners may add a control character (a terminating CR, an ESC, a NUL); it is noise
    // around the code, not part of it, and must not reach a stored rating or an upload.
    const raw = cleanText(input);
    const parsed: DossierParse = source === 'scanner' ? parseScannedDossier(raw, rules) : parseTypedDossier(raw, rules);
    if (!parsed.ok) {
      // The raw text may be anything a scanner read: log its length, not its content.
      logger.warn({ source, reason: parsed.reason, length: raw.length }, 'dossier code refused');
      return fail('DOSSIER_INVALID', { field: 'raw', detail: parsed.reason, params: { reason: parsed.reason } });
    }
    if (store.isDossierRated(parsed.code)) return fail('DOSSIER_ALREADY_RATED', { params: { code: parsed.code } });
    return ok({ code: parsed.code, capture: parsed.capture, counterName, officer: duty.current() });
  }

  /**
   * The code a rating is about to be stored with, checked as strictly as at the scan: the
   * renderer only echoes what open() returned, but the contract must not trust that.
   */
  function checkForRating(code: string): Result<string> {
    const parsed = parseTypedDossier(cleanText(code), rules);
    if (!parsed.ok) return fail('DOSSIER_INVALID', { field: 'dossier.code', detail: parsed.reason, params: { reason: parsed.reason } });
    return ok(parsed.code);
  }

  return { open, checkForRating };
}

export type DossierService = ReturnType<typeof createDossierService>;
