// SQL for the admin area's persisted state (PIN lock-out), kept in the kv table so a
// lock survives a restart of the kiosk.
import type { Db } from './database';

export function createAdminQueries(db: Db) {
  const select = db.prepare<[string], { value: string }>(`SELECT value FROM kv WHERE key = ?`);
  const upsert = db.prepare<[string, string]>(`INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
  const remove = db.prepare<[string]>(`DELETE FROM kv WHERE key = ?`);

  return {
    getValue: (key: string): string | null => select.get(key)?.value ?? null,
    setValue: (key: string, value: string): void => {
      upsert.run(key, value);
    },
    deleteValue: (key: string): void => {
      remove.run(key);
    },
  };
}

export type AdminQueries = ReturnType<typeof createAdminQueries>;
