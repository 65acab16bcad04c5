// SQL for the phone numbers citizens leave for the city's follow-up survey. They live in
// their own table with no link to any rating, and nothing here joins them to ratings.
import type { Db } from './database';

export interface NewContact {
  id: string;
  phone: string;
  createdAtMs: number;
  utcOffsetMin: number;
  unitCode: string;
  kioskId: string;
  consentVersion: string;
}

export function createContactQueries(db: Db) {
  const insert = db.prepare(`
    INSERT INTO contacts (id, phone, created_at_ms, utc_offset_min, unit_code, kiosk_id, consent_version)
    VALUES (@id, @phone, @createdAtMs, @utcOffsetMin, @unitCode, @kioskId, @consentVersion)`);
  const deleteByPhone = db.prepare<[string]>(`DELETE FROM contacts WHERE phone = ?`);
  const deleteBefore = db.prepare<[number]>(`DELETE FROM contacts WHERE created_at_ms < ?`);
  const count = db.prepare<[], number>(`SELECT COUNT(*) FROM contacts`).pluck();

  return {
    insert: (c: NewContact): void => {
      insert.run(c);
    },
    /** Returns how many rows held exactly this (normalised) number. */
    deleteByPhone: (phone: string): number => deleteByPhone.run(phone).changes,
    /** Deletes rows left before `cutoffMs`; returns how many. */
    deleteBefore: (cutoffMs: number): number => deleteBefore.run(cutoffMs).changes,
    count: (): number => count.get() ?? 0,
  };
}

export type ContactQueries = ReturnType<typeof createContactQueries>;
