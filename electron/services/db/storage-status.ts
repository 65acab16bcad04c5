// What IT is told about the kiosk's own storage: the last time a damaged database was
// replaced at start (kept in the new database's kv table, so every later start and
// `admin status` in another process still show it) and the last "disk full" of this run.
import { z } from 'zod';
import type { StorageRecoveryStatus, StorageStatus } from '../../../shared/kiosk-api';
import { isoWithOffset, zonedParts } from '../../../shared/local-time';
import type { Db } from './database';

export const STORAGE_RECOVERY_KEY = 'storage.recovery';

const count = z.number().int().min(0);
const recordSchema = z.object({
  atMs: z.number().int(),
  movedTo: z.string(),
  reason: z.string(),
  pendingCopied: count,
  ratingsCopied: count,
  contactsCopied: count,
  unreadable: count,
});
export type StorageRecovery = z.output<typeof recordSchema>;

export function writeStorageRecovery(db: Db, record: StorageRecovery): void {
  db.prepare(`INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(
    STORAGE_RECOVERY_KEY,
    JSON.stringify(record),
  );
}

/** The recorded recovery, or null; a damaged value reads as none rather than failing a status call. */
export function readStorageRecovery(db: Db): StorageRecovery | null {
  const raw = db.prepare<[string], { value: string }>(`SELECT value FROM kv WHERE key = ?`).get(STORAGE_RECOVERY_KEY)?.value;
  if (raw === undefined) return null;
  try {
    const parsed = recordSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function isoInZone(ms: number, timeZone: string): string {
  return isoWithOffset(ms, zonedParts(ms, timeZone).offsetMinutes);
}

export function storageStatusOf(recovery: StorageRecovery | null, fullAtMs: number | null, timeZone: string): StorageStatus {
  let shown: StorageRecoveryStatus | null = null;
  if (recovery) {
    const { atMs, ...rest } = recovery;
    shown = { at: isoInZone(atMs, timeZone), ...rest };
  }
  return { recovery: shown, fullAt: fullAtMs === null ? null : isoInZone(fullAtMs, timeZone) };
}
