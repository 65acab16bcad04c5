// What the uploader remembers between runs and processes (persisted in kv), and how it is
// shown as the contract's SyncStatus. A damaged kv value reads as "nothing known yet": it
// must never stop the kiosk from taking ratings.
import { z } from 'zod';
import type { SyncState, SyncStatus } from '../../../shared/kiosk-api';
import { isoWithOffset, zonedParts } from '../../../shared/local-time';
import { reconciliationSchema, type ReconciliationDay } from '../../../shared/upload-protocol';
import type { QueueCounts } from '../db/upload-queries';
import type { SyncStateQueries } from '../db/sync-state-queries';

const time = z.number().int().nullable();
const persistedSchema = z.object({
  state: z.enum(['idle', 'syncing', 'backoff', 'auth_failed']),
  lastAttemptMs: time,
  lastSuccessMs: time,
  lastError: z.object({ code: z.string(), detail: z.string(), atMs: z.number().int() }).nullable(),
  nextAttemptMs: time,
  clockOffsetMs: time,
  /** Consecutive failed runs, the exponent of the backoff. */
  failures: z.number().int().min(0),
});
export type PersistedSyncState = z.output<typeof persistedSchema>;

export const INITIAL_SYNC_STATE: PersistedSyncState = {
  state: 'idle',
  lastAttemptMs: null,
  lastSuccessMs: null,
  lastError: null,
  nextAttemptMs: null,
  clockOffsetMs: null,
  failures: 0,
};

export function loadSyncState(q: SyncStateQueries): PersistedSyncState {
  const raw = q.readRaw();
  if (raw === null) return { ...INITIAL_SYNC_STATE };
  try {
    const parsed = persistedSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : { ...INITIAL_SYNC_STATE };
  } catch {
    return { ...INITIAL_SYNC_STATE };
  }
}

export function saveSyncState(q: SyncStateQueries, s: PersistedSyncState): void {
  q.writeRaw(JSON.stringify(s));
}

export function isoInZone(ms: number | null, timeZone: string): string | null {
  if (ms === null) return null;
  return isoWithOffset(ms, zonedParts(ms, timeZone).offsetMinutes);
}

export function buildSyncStatus(args: { enabled: boolean; persisted: PersistedSyncState; counts: QueueCounts; timeZone: string }): SyncStatus {
  const { persisted: p, counts, timeZone } = args;
  const state: SyncState = args.enabled ? p.state : 'disabled';
  return {
    state,
    pending: counts.pending,
    rejected: counts.rejected,
    oldestPendingAt: counts.oldestPendingMs === null ? null : isoWithOffset(counts.oldestPendingMs, counts.oldestPendingOffsetMin ?? 0),
    lastAttemptAt: isoInZone(p.lastAttemptMs, timeZone),
    lastSuccessAt: isoInZone(p.lastSuccessMs, timeZone),
    lastError: p.lastError ? { code: p.lastError.code, detail: p.lastError.detail, at: isoInZone(p.lastError.atMs, timeZone)! } : null,
    nextAttemptAt: args.enabled ? isoInZone(p.nextAttemptMs, timeZone) : null,
    clockOffsetMs: p.clockOffsetMs,
  };
}

// ---- reconciliation --------------------------------------------------------------------

const keptReconciliationSchema = z.object({ checkedAtMs: z.number().int(), days: reconciliationSchema });
/** The last comparison the city server answered with: when, and the days that differed. */
export type KeptReconciliation = z.output<typeof keptReconciliationSchema>;

/** Null when no server has compared yet, or the kept value is damaged (the next answer replaces it). */
export function loadReconciliation(q: SyncStateQueries): KeptReconciliation | null {
  const raw = q.readReconciliationRaw();
  if (raw === null) return null;
  try {
    const parsed = keptReconciliationSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveReconciliation(q: SyncStateQueries, r: KeptReconciliation): void {
  q.writeReconciliationRaw(JSON.stringify(r));
}

/** As `admin status` prints it: null until a server has compared; `days` empty when all agreed. */
export interface ReconciliationStatus {
  checkedAt: string;
  days: ReconciliationDay[];
}

export function reconciliationStatus(kept: KeptReconciliation | null, timeZone: string): ReconciliationStatus | null {
  if (kept === null) return null;
  return { checkedAt: isoInZone(kept.checkedAtMs, timeZone)!, days: kept.days };
}
