// The SQLite storage's roll-up arithmetic (PostgreSQL sums in SQL: pg-store.ts) and the
// kiosk-health query both storages share, so that their answers cannot drift apart.
import type { WireRating } from '../shared/upload-protocol';

/** [local_day, level, misuse_flag, n]: one row of daily_unit_tally for the batch's unit. */
export type UnitTallyRow = [string, number, number, number];
/** [local_day, counter_id, officer_id, level, misuse_flag, n]: one row of daily_staff_tally. */
export type StaffTallyRow = [string, string, string, number, number, number];
/** [local_day, reason_key, n]: one row of daily_reason_tally for the batch's unit. */
export type ReasonDayRow = [string, string, number];

const compareTuples = (a: readonly (string | number)[], b: readonly (string | number)[]): number => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
};

/**
 * A batch's newly kept ratings summed per roll-up key, in key order, for the SQLite storage
 * (PostgreSQL sums them in the statement that keeps them: pg-store.ts STORE_KEPT).
 */
export function rollupOf(kept: readonly WireRating[]): { units: UnitTallyRow[]; staff: StaffTallyRow[]; reasons: ReasonDayRow[] } {
  const units = new Map<string, UnitTallyRow>();
  const staff = new Map<string, StaffTallyRow>();
  const reasons = new Map<string, ReasonDayRow>();
  for (const r of kept) {
    // The kiosk's own calendar day, as ratings.local_day has it.
    const day = r.createdAt.slice(0, 10);
    const flag = r.misuseFlag ? 1 : 0;
    // Identifiers never hold a NUL, so it separates the parts of a key safely.
    const unitKey = `${day}\0${r.level}\0${flag}`;
    const u = units.get(unitKey);
    if (u) u[3]++;
    else units.set(unitKey, [day, r.level, flag, 1]);
    const counter = r.counterId ?? '';
    const officer = r.officerId ?? '';
    const staffKey = `${day}\0${counter}\0${officer}\0${r.level}\0${flag}`;
    const s = staff.get(staffKey);
    if (s) s[5]++;
    else staff.set(staffKey, [day, counter, officer, r.level, flag, 1]);
    // A flagged rating is left out of every figure but its own count, as on the kiosk.
    if (flag) continue;
    for (const key of r.reasons) {
      const reasonKey = `${day}\0${key}`;
      const x = reasons.get(reasonKey);
      if (x) x[2]++;
      else reasons.set(reasonKey, [day, key, 1]);
    }
  }
  return {
    units: [...units.values()].sort((a, b) => compareTuples(a.slice(0, 3), b.slice(0, 3))),
    staff: [...staff.values()].sort((a, b) => compareTuples(a.slice(0, 5), b.slice(0, 5))),
    reasons: [...reasons.values()].sort((a, b) => compareTuples(a.slice(0, 2), b.slice(0, 2))),
  };
}

/**
 * Every kiosk heard of by heartbeat or batch, in kiosk order. The unit is the one it spoke
 * for last (a token re-bound to another unit shows the new one).
 */
export const KIOSK_HEALTH = `
  SELECT kiosk_id,
    CASE WHEN k.kiosk_id IS NULL OR u.last_batch_ms > k.last_heartbeat_ms THEN u.unit_code ELSE k.unit_code END AS unit_code,
    k.last_heartbeat_ms, k.clock_skew_ms, k.heartbeat, k.reconciliation, u.last_batch_ms
  FROM (SELECT kiosk_id FROM kiosks UNION SELECT kiosk_id FROM kiosk_uploads) AS ids
    LEFT JOIN kiosks AS k USING (kiosk_id)
    LEFT JOIN kiosk_uploads AS u USING (kiosk_id)
  ORDER BY kiosk_id`;
