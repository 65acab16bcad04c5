// The uploader's small persisted state lives in the kv table, so that `admin status` in
// another process sees what the running kiosk last did.
import type { Db } from './database';

export const SYNC_STATE_KEY = 'sync.state';
/**
 * The days the city server last found different, kept apart from the state: the state is
 * rewritten at every step of a run, this only when a heartbeat answers with a comparison.
 */
export const RECONCILIATION_KEY = 'sync.reconciliation';

export function createSyncStateQueries(db: Db) {
  const read = db.prepare<[string], { value: string }>(`SELECT value FROM kv WHERE key = ?`);
  const write = db.prepare<[string, string]>(`INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
  return {
    readRaw: (): string | null => read.get(SYNC_STATE_KEY)?.value ?? null,
    writeRaw: (value: string): void => {
      write.run(SYNC_STATE_KEY, value);
    },
    readReconciliationRaw: (): string | null => read.get(RECONCILIATION_KEY)?.value ?? null,
    writeReconciliationRaw: (value: string): void => {
      write.run(RECONCILIATION_KEY, value);
    },
  };
}

export type SyncStateQueries = ReturnType<typeof createSyncStateQueries>;
