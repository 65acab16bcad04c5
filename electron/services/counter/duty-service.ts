// Who is on duty at this kiosk's counter. Kept in the kv table so a restart in the middle
// of a shift keeps the officer; it ends by itself at the end of the local calendar day, so
// the next morning's ratings are never attributed to yesterday's officer. This process is
// the only one that changes it, so it is read from the table once and then kept here: a
// citizen's tap does not pay for a query.
import type { KioskConfig } from '../../../shared/config-schema';
import type { OfficerRef } from '../../../shared/kiosk-api';
import { zonedParts } from '../../../shared/local-time';
import type { AdminQueries } from '../db/admin-queries';

const KV_KEY = 'duty.officer';

interface DutyRecord {
  officerId: string;
  /** Local calendar day (config.timezone) the officer signed in on. */
  day: string;
}

function parse(raw: string | null): DutyRecord | null {
  if (raw === null) return null;
  try {
    const v = JSON.parse(raw) as Partial<DutyRecord>;
    return typeof v.officerId === 'string' && typeof v.day === 'string' ? { officerId: v.officerId, day: v.day } : null;
  } catch {
    return null;
  }
}

export function createDutyService(deps: { kv: AdminQueries; config: KioskConfig; now: () => number }) {
  const { kv, config, now } = deps;
  const today = () => zonedParts(now(), config.timezone).day;
  let record = parse(kv.getValue(KV_KEY));
  const officerById = (id: string): OfficerRef | null => {
    const o = config.officers.find((x) => x.id === id);
    return o ? { id: o.id, name: o.name } : null;
  };

  /**
   * The officer on duty on `day` (the local calendar day, today by default); a record from
   * an earlier day or of an officer no longer configured is cleared.
   */
  function current(day: string = today()): OfficerRef | null {
    if (!record) return null;
    const officer = record.day === day ? officerById(record.officerId) : null;
    if (!officer) {
      record = null;
      kv.deleteValue(KV_KEY);
    }
    return officer;
  }

  /** Puts an officer on duty (null signs the current one out). Unknown ids are refused by the caller. */
  function set(officerId: string | null): OfficerRef | null {
    if (officerId === null) {
      kv.deleteValue(KV_KEY);
      record = null;
      return null;
    }
    const officer = officerById(officerId);
    if (!officer) return null;
    const next: DutyRecord = { officerId, day: today() };
    kv.setValue(KV_KEY, JSON.stringify(next));
    record = next;
    return officer;
  }

  return { current, set, officerById };
}

export type DutyService = ReturnType<typeof createDutyService>;
