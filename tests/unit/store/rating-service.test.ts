import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { createRatingStore } from '../../../electron/services/db/rating-store';
import { createRatingService } from '../../../electron/services/rating-service';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig, TEST_KIOSK_ID, TEST_UNIT_CODE, type TestConfigOverrides } from '../../support/test-config';

let dir: { dir: string; cleanup: () => void };
let file: string;
let db: Db;
let clock: number;

function service(overrides: TestConfigOverrides = {}, database: Db = db) {
  // The product's misuse guard unless a test names its own: the guard is part of the service.
  const config = parsedTestConfig({ misuse: undefined }, overrides);
  // One clock for both here: the clocks that disagree are tested in misuse-clock.test.ts.
  return createRatingService({ store: createRatingStore(database), config, appVersion: '9.9.9', now: () => clock, monotonicNow: () => clock });
}
const count = (d: Db = db) => d.prepare('SELECT count(*) FROM ratings').pluck().get() as number;

beforeEach(() => {
  dir = tempDir();
  file = path.join(dir.dir, 'ratings.db');
  db = openDatabase(file);
  clock = Date.UTC(2026, 11, 1, 3, 0, 0); // 10:00 in Vietnam
});
afterEach(() => {
  if (db.open) db.close();
  dir.cleanup();
});

describe('storing a rating', () => {
  it('stores every field a report or upload needs, then acknowledges', () => {
    const r = service().submit({ level: 5, language: 'en' });
    expect(r).toMatchObject({ ok: true, value: { stored: true, flagged: false, followUp: false, seq: 1 } });
    const id = r.ok ? r.value.id! : '';
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
    const row = db.prepare('SELECT * FROM ratings WHERE id = ?').get(id);
    expect(row).toMatchObject({
      level: 5,
      scale: 3,
      language: 'en',
      unit_code: TEST_UNIT_CODE,
      kiosk_id: TEST_KIOSK_ID,
      app_version: '9.9.9',
      created_at_ms: clock,
      utc_offset_min: 420,
      local_day: '2026-12-01',
      local_hour: 10,
      upload_state: 'pending',
      misuse_flag: 0,
      reasons: '[]',
    });
  });

  it('survives closing and reopening the database', () => {
    const r = service().submit({ level: 4, language: 'vi' });
    db.close();
    const reopened = openDatabase(file);
    expect(
      reopened
        .prepare('SELECT level FROM ratings WHERE id = ?')
        .pluck()
        .get(r.ok ? r.value.id : ''),
    ).toBe(4);
    reopened.close();
  });

  it('gives sortable ids and a gap-free sequence', () => {
    const s = service({ misuse: { cooldownSeconds: 0, burstCount: 1000, burstWindowSeconds: 1 } });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      clock += 1000;
      const r = s.submit({ level: 5, language: 'vi' });
      if (r.ok && r.value.id) ids.push(r.value.id);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(db.prepare('SELECT seq FROM ratings ORDER BY seq').pluck().all()).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('refuses a level that is not on the configured scale and writes nothing', () => {
    const r = service().submit({ level: 3, language: 'vi' });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'level' } });
    expect(count()).toBe(0);
  });

  it('accepts all five levels on the 5-level scale', () => {
    const s = service({ scale: '5', misuse: { cooldownSeconds: 0 } });
    for (const level of [1, 2, 3, 4, 5]) {
      clock += 1000;
      expect(s.submit({ level, language: 'vi' }).ok).toBe(true);
    }
    expect(db.prepare('SELECT DISTINCT scale FROM ratings').pluck().all()).toEqual([5]);
  });

  it('asks the follow-up for ratings of 3 or below only', () => {
    const s = service({ scale: '5', misuse: { cooldownSeconds: 0 } });
    const follow = [5, 4, 3, 2, 1].map((level) => {
      clock += 1000;
      const r = s.submit({ level, language: 'vi' });
      return r.ok && r.value.followUp;
    });
    expect(follow).toEqual([false, false, true, true, true]);
  });
});

describe('follow-up amendment', () => {
  it('adds reasons without changing the id, and settles the rating for upload', () => {
    const s = service();
    const r = s.submit({ level: 2, language: 'vi' });
    const id = r.ok ? r.value.id! : '';
    clock += 5000;
    expect(s.amend({ id, reasons: ['late', 'fees'], comment: undefined })).toEqual({ ok: true, value: { id } });
    const row = db.prepare('SELECT id, reasons, settle_after_ms FROM ratings').all();
    expect(row).toEqual([{ id, reasons: '["late","fees"]', settle_after_ms: clock }]);
  });

  it('refuses an unknown id and a rating whose follow-up window has closed', () => {
    const s = service();
    expect(s.amend({ id: '01900000-0000-7000-8000-000000000000', reasons: [] })).toMatchObject({ ok: false, error: { code: 'RATING_NOT_FOUND' } });
    const r = s.submit({ level: 2, language: 'vi' });
    clock += 10 * 60_000;
    expect(s.amend({ id: r.ok ? r.value.id! : '', reasons: ['late'] })).toMatchObject({ ok: false, error: { code: 'RATING_LOCKED' } });
    expect(db.prepare('SELECT reasons FROM ratings').pluck().get()).toBe('[]');
  });
});

describe('misuse guard', () => {
  it('ignores taps inside the cool-down for storage but still answers', () => {
    const s = service({ misuse: { cooldownSeconds: 3 } });
    expect(s.submit({ level: 5, language: 'vi' })).toMatchObject({ ok: true, value: { stored: true } });
    clock += 2999;
    expect(s.submit({ level: 2, language: 'vi' })).toEqual({ ok: true, value: { id: null, seq: null, stored: false, flagged: false, followUp: false } });
    clock += 1;
    expect(s.submit({ level: 4, language: 'vi' })).toMatchObject({ ok: true, value: { stored: true } });
    expect(count()).toBe(2);
  });

  it('starts afresh after a restart: stored wall-clock times do not feed the guard', () => {
    service({ misuse: { cooldownSeconds: 3 } }).submit({ level: 5, language: 'vi' });
    clock += 1000;
    const restarted = service({ misuse: { cooldownSeconds: 3 } });
    expect(restarted.submit({ level: 5, language: 'vi' })).toMatchObject({ ok: true, value: { stored: true, flagged: false } });
    expect(count()).toBe(2);
  });

  it('stores a burst but flags it from the Nth rating in the window', () => {
    const s = service({ misuse: { cooldownSeconds: 1, burstCount: 5, burstWindowSeconds: 30 } });
    const flags = Array.from({ length: 7 }, () => {
      clock += 2000;
      const r = s.submit({ level: 5, language: 'vi' });
      return r.ok && r.value.flagged;
    });
    expect(flags).toEqual([false, false, false, false, true, true, true]);
    expect(count()).toBe(7);
  });

  it('does not flag ratings spread wider than the window', () => {
    const s = service({ misuse: { cooldownSeconds: 1, burstCount: 3, burstWindowSeconds: 10 } });
    const flags = Array.from({ length: 6 }, () => {
      clock += 6000;
      const r = s.submit({ level: 4, language: 'vi' });
      return r.ok && r.value.flagged;
    });
    expect(flags).toEqual([false, false, false, false, false, false]);
  });
});

describe('sequence numbers', () => {
  it('never reuses a number, even after the newest ratings are purged', () => {
    const s = service({ misuse: { cooldownSeconds: 0 } });
    for (let i = 0; i < 3; i++) {
      clock += 60_000;
      s.submit({ level: 5, language: 'vi' });
    }
    db.prepare('DELETE FROM ratings').run();
    clock += 60_000;
    const r = s.submit({ level: 4, language: 'vi' });
    expect(r.ok && r.value.seq).toBe(4);
  });
});
