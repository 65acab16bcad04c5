// A full disk after the tap: the reasons, the comment and the comment hold of a stored rating,
// and a survey phone number. SQLite's real SQLITE_FULL, produced as in disk-full.test.ts by
// capping the connection's database size (max_page_count) at what the file already holds.
// Each answers STORAGE_FULL instead of throwing (which the shells would turn into INTERNAL),
// leaves the row exactly as it was, and works again as soon as there is room.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskConfigSchema } from '../../../shared/config-schema';
import type { Result } from '../../../shared/errors';
import type { SyncStatus } from '../../../shared/kiosk-api';
import { createKioskBackend, type KioskBackend } from '../../../electron/services/backend';
import { createContactService } from '../../../electron/services/contact-service';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { createRatingStore } from '../../../electron/services/db/rating-store';
import type { Logger } from '../../../electron/services/logger';
import { COMMENT_HOLD_MS, createRatingService } from '../../../electron/services/rating-service';
import { tempDir } from '../../support/temp-db';

let dir: { dir: string; cleanup: () => void };
let db: Db;
let clock: number;
let monotonic: number;

beforeEach(() => {
  dir = tempDir('kiosk-disk-full-follow-up-');
  db = openDatabase(path.join(dir.dir, 'ratings.db'));
  clock = Date.parse('2026-12-01T09:00:00+07:00');
  monotonic = 0;
});
afterEach(() => {
  if (db.open) db.close();
  dir.cleanup();
});

const CONFIG = {
  unit: { code: 'U1', name: 'Phường Thử nghiệm' },
  kiosk: { id: 'k1' },
  misuse: { cooldownSeconds: 0, burstCount: 1000, burstWindowSeconds: 1 },
  contact: { enabled: true },
};
const config = KioskConfigSchema.parse(CONFIG);

function ratingService() {
  return createRatingService({ store: createRatingStore(db), config, appVersion: 't', now: () => clock, monotonicNow: () => monotonic });
}

/** `n` low ratings, each still open for its follow-up; their ids in order. */
function storeLowRatings(ratings: ReturnType<typeof ratingService>, n: number): string[] {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    monotonic += 1000;
    const r = ratings.submit({ level: 2, language: 'vi' });
    if (!r.ok || r.value.id === null) throw new Error(`rating ${i} not stored: ${JSON.stringify(r)}`);
    ids.push(r.value.id);
  }
  return ids;
}

/** The disk fills up: the file may not grow past the pages it has now. */
function fillDisk(): void {
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
}
function freeSpace(): void {
  db.pragma('max_page_count = 1073741823');
}

type Row = { id: string; reasons: string; comment: string | null; settle_after_ms: number };
const rows = () => db.prepare('SELECT id, reasons, comment, settle_after_ms FROM ratings ORDER BY seq').all() as Row[];
const contacts = () => db.prepare('SELECT id, phone FROM contacts ORDER BY rowid').all() as Array<{ id: string; phone: string }>;

// The longest comment the contract takes, in Vietnamese (several UTF-8 bytes a letter): an
// amendment that adds it needs room the full disk does not have soon enough.
const COMMENT = 'Cán bộ hướng dẫn tận tình nhưng phải chờ rất lâu. '.repeat(10).slice(0, 500);

describe('disk full while amending a stored rating', () => {
  it('answers STORAGE_FULL, leaves the rating as it was, keeps earlier amendments, and amends again once there is room', () => {
    const ratings = ratingService();
    const ids = storeLowRatings(ratings, 300);
    fillDisk();
    const amended: string[] = [];
    let refused: { id: string; error: unknown; before: Row[] } | null = null;
    for (const id of ids) {
      const before = rows();
      const r = ratings.amend({ id, reasons: ['late', 'staff_attitude'], comment: COMMENT });
      if (r.ok) amended.push(id);
      else {
        refused = { id, error: r.error, before };
        break;
      }
    }
    expect(refused, 'the capped file never ran out of room').not.toBeNull();
    expect(refused!.error).toMatchObject({ code: 'STORAGE_FULL', detail: expect.stringMatching(/full/i) });
    // Nothing half-written: not the reasons without the comment, not the settle time.
    expect(rows()).toEqual(refused!.before);
    for (const row of rows()) {
      if (amended.includes(row.id)) expect(row).toMatchObject({ reasons: '["late","staff_attitude"]', comment: COMMENT.trim() });
      else expect(row).toMatchObject({ reasons: '[]', comment: null });
    }
    // Still full: the same amendment is refused the same way, however often it is sent.
    for (let i = 0; i < 3; i++) {
      expect(ratings.amend({ id: refused!.id, reasons: ['late'], comment: COMMENT })).toMatchObject({ ok: false, error: { code: 'STORAGE_FULL' } });
    }
    expect(rows()).toEqual(refused!.before);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');

    freeSpace();
    expect(ratings.amend({ id: refused!.id, reasons: ['late'], comment: COMMENT })).toEqual({ ok: true, value: { id: refused!.id } });
    expect(rows().find((r) => r.id === refused!.id)).toMatchObject({ reasons: '["late"]', comment: COMMENT.trim() });
  });

  it('still answers RATING_NOT_FOUND for an unknown rating on a full disk (no write was needed)', () => {
    const ratings = ratingService();
    storeLowRatings(ratings, 1);
    fillDisk();
    expect(ratings.amend({ id: '0190b3a4-7c5e-7000-8000-000000000000', reasons: [] })).toMatchObject({ ok: false, error: { code: 'RATING_NOT_FOUND' } });
  });
});

describe('disk full while holding a rating open for a comment', () => {
  // The hold rewrites one integer in place, so it never needs a new page and a page cap alone
  // cannot refuse it; on a real disk it is the WAL append that fails. This trigger, on this
  // connection only, makes the hold's own transaction need pages the capped file does not
  // have, so SQLite itself raises SQLITE_FULL inside the hold and rolls the whole of it back.
  function makeHoldNeedRoom(): void {
    db.exec(`CREATE TEMP TRIGGER hold_needs_room AFTER UPDATE OF settle_after_ms ON main.ratings BEGIN
      INSERT INTO main.kv (key, value) VALUES ('pad-' || new.id, hex(zeroblob(20000)));
    END`);
  }

  it('answers STORAGE_FULL, leaves the settle time as it was, and holds again once there is room', () => {
    const ratings = ratingService();
    const [id] = storeLowRatings(ratings, 1) as [string];
    makeHoldNeedRoom();
    fillDisk();
    const before = rows();
    const kvBefore = db.prepare('SELECT count(*) FROM kv').pluck().get();
    expect(ratings.holdForComment({ id })).toMatchObject({ ok: false, error: { code: 'STORAGE_FULL', detail: expect.stringMatching(/full/i) } });
    expect(rows()).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM kv').pluck().get()).toBe(kvBefore);

    freeSpace();
    expect(ratings.holdForComment({ id })).toEqual({ ok: true, value: { id } });
    expect(rows()[0]!.settle_after_ms).toBe(clock + COMMENT_HOLD_MS);
  });
});

describe('disk full while storing a survey phone number', () => {
  it('answers STORAGE_FULL, stores no part of the number, keeps earlier ones, and stores again once there is room', () => {
    const service = createContactService({ db, config, now: () => clock });
    fillDisk();
    const stored: string[] = [];
    let refused: unknown = null;
    for (let i = 0; i < 5000 && refused === null; i++) {
      const phone = `09${String(i).padStart(8, '0')}`;
      const r = service.submit({ phone, consent: true });
      if (r.ok) stored.push(phone);
      else refused = r.error;
    }
    expect(refused).toMatchObject({ code: 'STORAGE_FULL', detail: expect.stringMatching(/full/i) });
    // The detail is SQLite's message, which goes to the log: it must never carry the number.
    expect((refused as { detail: string }).detail).not.toMatch(/\d{6}/);
    expect(contacts().map((c) => c.phone)).toEqual(stored);
    expect(service.submit({ phone: '0987654321', consent: true })).toMatchObject({ ok: false, error: { code: 'STORAGE_FULL' } });
    expect(contacts().map((c) => c.phone)).toEqual(stored);

    freeSpace();
    expect(service.submit({ phone: '0987654321', consent: true })).toEqual({ ok: true, value: { stored: true } });
    expect(contacts().map((c) => c.phone)).toEqual([...stored, '0987654321']);
  });
});

describe('the backend on a full disk after the tap', () => {
  let backend: KioskBackend | null = null;
  afterEach(() => {
    backend?.close();
    backend = null;
  });

  it('answers STORAGE_FULL for a comment and a survey number, logs it and shows it in the status IT sees', () => {
    const configPath = path.join(dir.dir, 'config.json');
    fs.writeFileSync(configPath, JSON.stringify(CONFIG));
    const lines: string[] = [];
    const log = (obj: object | string, msg?: string) => lines.push(typeof obj === 'string' ? obj : `${msg ?? ''} ${JSON.stringify(obj)}`);
    const logger: Logger = { info: log, warn: log, error: log };
    backend = createKioskBackend({ paths: { dataDir: path.join(dir.dir, 'data'), configPath }, appVersion: 't', logger });
    expect(backend.startupError).toBeNull();
    const h = backend.handlers;
    const bdb = backend.db!;
    const status = () => h.getSyncStatus({}) as Result<SyncStatus>;
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) {
      const r = h.submitRating({ level: 2, language: 'vi' }) as Result<{ id: string }>;
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      ids.push(r.value.id);
    }
    bdb.pragma(`max_page_count = ${bdb.pragma('page_count', { simple: true }) as number}`);
    expect(status()).toMatchObject({ ok: true, value: { storage: { fullAt: null } } });

    let amend: Result<unknown> = { ok: true, value: null };
    for (const id of ids) {
      amend = h.amendRating({ id, reasons: ['other'], comment: COMMENT }) as Result<unknown>;
      if (!amend.ok) break;
    }
    expect(amend).toMatchObject({ ok: false, error: { code: 'STORAGE_FULL' } });
    expect(status()).toMatchObject({ ok: true, value: { storage: { fullAt: expect.stringMatching(/\+07:00$/) } } });
    expect(lines.some((l) => l.startsWith("disk full: a rating's reasons or comment could not be saved"))).toBe(true);

    let contact: Result<unknown> = { ok: true, value: null };
    for (let i = 0; i < 5000 && contact.ok; i++) contact = h.submitContact({ phone: `03${String(i).padStart(8, '0')}`, consent: true }) as Result<unknown>;
    expect(contact).toMatchObject({ ok: false, error: { code: 'STORAGE_FULL' } });
    expect(lines.some((l) => l.startsWith('disk full: a survey contact could not be saved'))).toBe(true);
    // No phone number reaches the log, not even in SQLite's message.
    expect(lines.join('\n')).not.toMatch(/0[35789]\d{8}/);
  });
});
