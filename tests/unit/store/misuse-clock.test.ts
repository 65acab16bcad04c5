// The misuse guard measures intervals on a clock that cannot go backwards. The wall clock
// can: staff fix a wrong time, NTP steps it, a CMOS battery dies. Before, a clock set back
// an hour made every following tap look like part of a burst, stored flagged (left out of
// reports), and the flag came back after a restart because the guard was seeded from the
// stored wall-clock times.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKioskBackend, type KioskBackend } from '../../../electron/services/backend';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { createRatingStore } from '../../../electron/services/db/rating-store';
import { createRatingService } from '../../../electron/services/rating-service';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig } from '../../support/test-config';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// The product's defaults (not the tests' cool-down of 0): 3 s cool-down, 5 ratings within 30 s are flagged.
const config = parsedTestConfig({ misuse: undefined });

let dir: { dir: string; cleanup: () => void };
let db: Db;
/** Wall clock (what is stored) and monotonic clock (what the guard measures), moved apart. */
let wall: number;
let mono: number;

function start() {
  return createRatingService({ store: createRatingStore(db), config, appVersion: '9.9.9', now: () => wall, monotonicNow: () => mono });
}
/** Real time passes: both clocks move together. */
function wait(ms: number) {
  wall += ms;
  mono += ms;
}
function tap(service: ReturnType<typeof start>) {
  const r = service.submit({ level: 5, language: 'vi' });
  if (!r.ok) throw new Error(r.error.code);
  return { stored: r.value.stored, flagged: r.value.flagged };
}
const flaggedRows = () => db.prepare('SELECT count(*) FROM ratings WHERE misuse_flag = 1').pluck().get() as number;

beforeEach(() => {
  dir = tempDir();
  db = openDatabase(path.join(dir.dir, 'ratings.db'));
  wall = Date.UTC(2026, 11, 1, 3, 0, 0);
  mono = 1_000;
});
afterEach(() => {
  if (db.open) db.close();
  dir.cleanup();
});

describe('the misuse guard when the wall clock jumps', () => {
  it.each([
    ['back an hour', -HOUR],
    ['back a day', -DAY],
    ['forward an hour', HOUR],
    ['forward a day', DAY],
  ])('stores real ratings unflagged after the clock is set %s, and after a restart', (_name, jump) => {
    const kiosk = start();
    const before = Array.from({ length: 4 }, () => {
      wait(10 * MINUTE);
      return tap(kiosk);
    });
    wall += jump;
    const after = Array.from({ length: 4 }, () => {
      wait(10 * MINUTE);
      return tap(kiosk);
    });
    // A restart: a new process, whose monotonic clock starts again near zero.
    mono = 0;
    const restarted = start();
    const afterRestart = Array.from({ length: 4 }, () => {
      wait(10 * MINUTE);
      return tap(restarted);
    });
    for (const r of [...before, ...after, ...afterRestart]) expect(r).toEqual({ stored: true, flagged: false });
    expect(flaggedRows()).toBe(0);
    // What is stored is still the wall clock's time, jump included: reports use it.
    const times = db.prepare('SELECT created_at_ms FROM ratings ORDER BY seq').pluck().all() as number[];
    expect(times[4]! - times[3]!).toBe(10 * MINUTE + jump);
  });

  it('still flags a real burst and drops a double tap right after the clock went back', () => {
    const kiosk = start();
    wait(10 * MINUTE);
    tap(kiosk);
    wall -= HOUR;
    wait(1_000);
    expect(tap(kiosk)).toEqual({ stored: false, flagged: false });
    const burst = Array.from({ length: 5 }, () => {
      wait(4_000);
      return tap(kiosk).flagged;
    });
    // With the first tap, the 4th of these is the 5th rating within 30 s.
    expect(burst).toEqual([false, false, false, true, true]);
  });

  it('measures with the wall clock never, even when it runs backwards tap after tap', () => {
    const kiosk = start();
    const results = Array.from({ length: 6 }, () => {
      mono += 10 * MINUTE;
      wall -= 5 * MINUTE;
      return tap(kiosk);
    });
    for (const r of results) expect(r).toEqual({ stored: true, flagged: false });
  });
});

describe('the guard as the kiosk wires it (performance.now)', () => {
  let backend: KioskBackend | undefined;
  afterEach(() => {
    backend?.close();
    backend = undefined;
    vi.useRealTimers();
  });

  it('ignores a wall clock set back an hour between taps', () => {
    // Only Date and performance are faked: the backend's own timers stay real.
    vi.useFakeTimers({ toFake: ['Date', 'performance'] });
    vi.setSystemTime(Date.UTC(2026, 11, 1, 3, 0, 0));
    const dataDir = path.join(dir.dir, 'kiosk');
    fs.mkdirSync(dataDir);
    backend = createKioskBackend({
      paths: { dataDir, configPath: path.join(dataDir, 'config.json'), configNamed: false },
      appVersion: '9.9.9',
      logger: { info() {}, warn() {}, error() {} },
    });
    const submit = () => backend!.handlers.submitRating({ level: 5, language: 'vi' });
    const results = [];
    for (let i = 0; i < 8; i++) {
      vi.advanceTimersByTime(10 * MINUTE);
      if (i === 4) vi.setSystemTime(Date.now() - HOUR);
      results.push(submit());
    }
    for (const r of results) expect(r).toMatchObject({ ok: true, value: { stored: true, flagged: false } });
  });
});
