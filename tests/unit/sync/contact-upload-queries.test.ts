// The survey contacts' upload SQL on a real SQLite file: pending ones oldest first in keyset
// pages, and marking delivered only what is still pending, never touching ratings.
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContactUploadQueries, type ContactUploadQueries } from '../../../electron/services/db/contact-upload-queries';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { insertRatings } from '../../support/rating-fixtures';
import { tempDir } from '../../support/temp-db';

let db: Db;
let q: ContactUploadQueries;
let cleanup: () => void;
const T0 = Date.parse('2026-05-04T09:00:00+07:00');

beforeEach(() => {
  const t = tempDir('contact-upload-queries-');
  cleanup = t.cleanup;
  db = openDatabase(path.join(t.dir, 'ratings.db'));
  q = createContactUploadQueries(db);
});
afterEach(() => {
  db.close();
  cleanup();
});

function add(atMs: number, phone = '0912345678'): string {
  const id = uuidv7();
  db.prepare(
    `INSERT INTO contacts (id, phone, created_at_ms, utc_offset_min, unit_code, kiosk_id, consent_version)
    VALUES (?, ?, ?, 420, 'U1', 'k1', 'v1')`,
  ).run(id, phone, atMs);
  return id;
}

describe('contact upload queries', () => {
  it('pages pending contacts oldest first, ties by id, after a cursor', () => {
    const c = add(T0 + 2000);
    const a = add(T0);
    const b1 = add(T0 + 1000);
    const b2 = add(T0 + 1000);
    const [lo, hi] = [b1, b2].sort();
    expect(q.pendingPage(10).map((r) => r.id)).toEqual([a, lo, hi, c]);
    const first = q.pendingPage(2);
    expect(first.map((r) => r.id)).toEqual([a, lo]);
    const last = first.at(-1)!;
    expect(q.pendingPage(10, { createdAtMs: last.created_at_ms, id: last.id }).map((r) => r.id)).toEqual([hi, c]);
    expect(first[0]).toEqual({ id: a, phone: '0912345678', created_at_ms: T0, utc_offset_min: 420, unit_code: 'U1', kiosk_id: 'k1', consent_version: 'v1' });
  });

  it('marks only the given pending contacts delivered, once, and leaves ratings alone', () => {
    insertRatings(db, [{ at: T0, level: 5 }]);
    const [a, b, c] = [add(T0), add(T0 + 1), add(T0 + 2)];
    expect(q.markDelivered([a, c, 'unknown'], T0 + 50)).toBe(2);
    expect(q.markDelivered([a], T0 + 99)).toBe(0);
    expect(q.markDelivered([], T0 + 99)).toBe(0);
    const rows = db.prepare('SELECT id, upload_state, delivered_at_ms FROM contacts ORDER BY created_at_ms').all();
    expect(rows).toEqual([
      { id: a, upload_state: 'delivered', delivered_at_ms: T0 + 50 },
      { id: b, upload_state: 'pending', delivered_at_ms: null },
      { id: c, upload_state: 'delivered', delivered_at_ms: T0 + 50 },
    ]);
    expect(q.pendingPage(10).map((r) => r.id)).toEqual([b]);
    expect(q.pendingCount()).toBe(1);
    expect(db.prepare(`SELECT upload_state FROM ratings`).all()).toEqual([{ upload_state: 'pending' }]);
  });
});
