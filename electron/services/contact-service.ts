// Phone numbers a citizen chooses to leave for the city's follow-up survey. Stored only
// with explicit consent while the unit has the feature on, kept apart from ratings, and
// deleted after contact.retentionDays. Numbers are personal data: never log them.
import { v7 as uuidv7 } from 'uuid';
import type { KioskConfig } from '../../shared/config-schema';
import { fail, ok, type Result } from '../../shared/errors';
import { zonedParts } from '../../shared/local-time';
import { cleanText } from '../../shared/text-clean';
import { storing, type Db } from './db/database';
import { createContactQueries } from './db/contact-queries';

/** The consent notice each number was left under; bump it whenever the notice's text changes. */
export const CONTACT_CONSENT_VERSION = '2026-12-v1';

const DAY_MS = 86_400_000;
/** Longer than any number written with separators and a country code. */
const MAX_RAW_LENGTH = 40;
const SEPARATORS = /[\s.\-()]/g;
/** Mobile: 03x, 05x, 07x, 08x, 09x and 8 more digits. Landline: 02 and 9 more digits. */
const VALID = /^(?:0[35789]\d{8}|02\d{9})$/;

/** `0912345678` from "091 234 5678", "+84 912.345.678", "84-912-345-678"; null if not a Vietnamese number. */
export function normalizeVietnamesePhone(raw: string): string | null {
  if (typeof raw !== 'string' || raw.length > MAX_RAW_LENGTH) return null;
  // Invisible characters (a control, a bidi mark) are dropped first, as from every free
  // text; NFKC then turns full-width digits (some IMEs) into ASCII ones. Only the digits
  // that pass VALID are ever stored.
  let digits = cleanText(raw).normalize('NFKC').replace(SEPARATORS, '');
  const international = /^(?:\+84|0084|84)(\d+)$/.exec(digits);
  // A national number never starts with 84, so the prefix is always the country code.
  if (international) digits = international[1]!.startsWith('0') ? international[1]! : `0${international[1]!}`;
  return VALID.test(digits) ? digits : null;
}

/**
 * The start of the local day: an exact time would let anyone holding both tables pair a
 * number with the rating stored a few seconds earlier, and the rating must stay anonymous.
 */
function dayStart(t: number, timeZone: string): { ms: number; offsetMinutes: number } {
  const z = zonedParts(t, timeZone);
  return { ms: Date.parse(`${z.day}T00:00:00Z`) - z.offsetMinutes * 60_000, offsetMinutes: z.offsetMinutes };
}

export interface ContactServiceDeps {
  db: Db;
  config: KioskConfig;
  now: () => number;
}

export function createContactService(deps: ContactServiceDeps) {
  const { config, now } = deps;
  const queries = createContactQueries(deps.db);

  /** Stores a number only with consent === true and contact.enabled. */
  function submit(input: { phone: string; consent: boolean }): Result<{ stored: true }> {
    if (!config.contact.enabled) return fail('FORBIDDEN', { detail: 'contact collection is off' });
    // Strictly true: input crosses IPC and HTTP, where "true" or 1 must not count as consent.
    if (input.consent !== true) return fail('INVALID_INPUT', { field: 'consent', detail: 'consent is required' });
    const phone = normalizeVietnamesePhone(input.phone);
    if (phone === null) {
      return fail('INVALID_INPUT', { field: 'phone', detail: 'a Vietnamese mobile (10 digits) or landline (11 digits) number' });
    }
    const day = dayStart(now(), config.timezone);
    // One INSERT, rolled back whole on a full disk; the error never carries the number.
    const written = storing(() =>
      queries.insert({
        id: uuidv7({ msecs: day.ms }),
        phone,
        createdAtMs: day.ms,
        utcOffsetMin: day.offsetMinutes,
        unitCode: config.unit.code,
        kioskId: config.kiosk.id,
        consentVersion: CONTACT_CONSENT_VERSION,
      }),
    );
    if (!written.ok) return written;
    return ok({ stored: true });
  }

  /** Deletes every stored number equal to the normalised phone; returns how many (0 for a malformed number). */
  function deleteByPhone(phone: string): number {
    const normalised = normalizeVietnamesePhone(phone);
    return normalised === null ? 0 : queries.deleteByPhone(normalised);
  }

  /** Deletes numbers older than contact.retentionDays; runs whether or not collection is on. */
  function purge(): number {
    return queries.deleteBefore(now() - config.contact.retentionDays * DAY_MS);
  }

  return { submit, deleteByPhone, purge, count: queries.count };
}

export type ContactService = ReturnType<typeof createContactService>;
