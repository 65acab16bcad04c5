// SQL for sending survey contacts to the city: the pending ones oldest first, and marking
// what the server acknowledged. Contacts have a table of their own (migration 2), and
// nothing here reads or writes ratings.
import type { Db } from './database';

export interface ContactUploadRow {
  id: string;
  phone: string;
  created_at_ms: number;
  utc_offset_min: number;
  unit_code: string;
  kiosk_id: string;
  consent_version: string;
}

/** Where a page of pending contacts ends; the next page starts after it. */
export interface ContactCursor {
  createdAtMs: number;
  id: string;
}

export const CONTACT_CURSOR_START: ContactCursor = { createdAtMs: Number.MIN_SAFE_INTEGER, id: '' };

export function createContactUploadQueries(db: Db) {
  // Keyset pages: a contact the server left unacknowledged is passed over for the rest of
  // the run rather than read again and again.
  const pendingPage = db.prepare<[number, string, number], ContactUploadRow>(`
    SELECT id, phone, created_at_ms, utc_offset_min, unit_code, kiosk_id, consent_version FROM contacts
    WHERE upload_state = 'pending' AND (created_at_ms, id) > (?, ?)
    ORDER BY created_at_ms, id LIMIT ?`);
  const markDelivered = db.prepare<[number, string]>(`
    UPDATE contacts SET upload_state = 'delivered', delivered_at_ms = ?
    WHERE id IN (SELECT value FROM json_each(?)) AND upload_state = 'pending'`);
  const countPending = db.prepare<[], { n: number }>(`SELECT COUNT(*) AS n FROM contacts WHERE upload_state = 'pending'`);

  return {
    /** Pending contacts after `after`, oldest first. */
    pendingPage: (limit: number, after: ContactCursor = CONTACT_CURSOR_START): ContactUploadRow[] => pendingPage.all(after.createdAtMs, after.id, limit),
    /** Marks the given ids delivered (only pending ones); returns how many changed. */
    markDelivered: (ids: readonly string[], atMs: number): number => (ids.length === 0 ? 0 : markDelivered.run(atMs, JSON.stringify(ids)).changes),
    pendingCount: (): number => countPending.get()?.n ?? 0,
  };
}

export type ContactUploadQueries = ReturnType<typeof createContactUploadQueries>;
