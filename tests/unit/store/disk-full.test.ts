// A full disk while a citizen taps: SQLite's real SQLITE_FULL, produced by capping the tap
// connection's database size (max_page_count) at what the file already holds. The rating is
// not stored, the service answers STORAGE_FULL instead of throwing, and saving resumes as
// soon as there is room again.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KioskConfigInput } from '../../../shared/config-schema';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { createRatingStore } from '../../../electron/services/db/rating-store';
import { createRatingService } from '../../../electron/services/rating-service';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig } from '../../support/test-config';

let dir: { dir: string; cleanup: () => void };
let db: Db;
let clock: number;
let monotonic: number;
/** Wall clock and the misuse guard's monotonic clock move together here. */
const advance = (ms: number) => {
  clock += ms;
  monotonic += ms;
};

beforeEach(() => {
  dir = tempDir('kiosk-disk-full-');
  db = openDatabase(path.join(dir.dir, 'ratings.db'));
  clock = Date.parse('2026-12-01T09:00:00+07:00');
  monotonic = 0;
});
afterEach(() => {
  if (db.open) db.close();
  dir.cleanup();
});

function service(misuse: KioskConfigInput['misuse'] = { cooldownSeconds: 0, burstCount: 1000, burstWindowSeconds: 1 }) {
  const config = parsedTestConfig({ misuse });
  return createRatingService({ store: createRatingStore(db), config, appVersion: 't', now: () => clock, monotonicNow: () => monotonic });
}

const stored = () => db.prepare('SELECT id, seq FROM ratings ORDER BY seq').all() as Array<{ id: string; seq: number }>;

/** The disk fills up: the file may not grow past the pages it has now. */
function fillDisk(): void {
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
}
function freeSpace(): void {
  db.pragma('max_page_count = 1073741823');
}

describe('disk full while saving a rating', () => {
  it('answers STORAGE_FULL, stores nothing, keeps every earlier rating, and saves again once there is room', () => {
    const ratings = service();
    const acked: Array<{ id: string; seq: number }> = [];
    const tap = () => {
      advance(1000);
      return ratings.submit({ level: 5, language: 'vi' });
    };
    fillDisk();
    let refused = null;
    // Taps fill the last free page, then the next one needs a page the disk does not have.
    for (let i = 0; i < 500 && refused === null; i++) {
      const r = tap();
      if (r.ok) acked.push({ id: r.value.id!, seq: r.value.seq! });
      else refused = r.error;
    }
    expect(refused).toMatchObject({ code: 'STORAGE_FULL' });
    expect(refused!.detail).toMatch(/full/i);
    expect(stored()).toEqual(acked);
    // Still full: every further tap is refused the same way, none throws, none is stored.
    for (let i = 0; i < 5; i++) expect(tap()).toMatchObject({ ok: false, error: { code: 'STORAGE_FULL' } });
    expect(stored()).toEqual(acked);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');

    freeSpace();
    const again = tap();
    expect(again).toMatchObject({ ok: true, value: { stored: true } });
    // The next seq, as if the refused taps had never happened: nothing duplicated or skipped.
    const last = acked.at(-1)?.seq ?? 0;
    expect(again.ok && again.value.seq).toBe(last + 1);
    expect(stored()).toEqual([...acked, { id: again.ok ? again.value.id : '', seq: last + 1 }]);
  });

  it("a refused tap does not start the cool-down: the citizen's next tap is saved, not silently dropped", () => {
    // With a cool-down, a tap counted as "just rated" would be thanked without being stored.
    const ratings = service({ cooldownSeconds: 10, burstCount: 1000, burstWindowSeconds: 1 });
    fillDisk();
    let result = ratings.submit({ level: 4, language: 'vi' });
    for (let i = 0; i < 500 && result.ok; i++) {
      advance(11_000);
      result = ratings.submit({ level: 4, language: 'vi' });
    }
    expect(result).toMatchObject({ ok: false, error: { code: 'STORAGE_FULL' } });
    const before = stored().length;
    freeSpace();
    advance(1000); // well inside the cool-down of the refused tap
    expect(ratings.submit({ level: 4, language: 'vi' })).toMatchObject({ ok: true, value: { stored: true } });
    expect(stored()).toHaveLength(before + 1);
  });
});
