// The acknowledgement ledger against the reference receiver: a run's few answers are folded
// into the ratings at its end; a long drain's wait in the ledger (never re-sent) until the
// counter has been quiet, and a tap keeps them waiting; a damaged ledger is started empty,
// its ratings go again and the receiver keeps one copy of each.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ackLedgerFile } from '../../../electron/services/db/ack-ledger';
import { openDatabase, type Db } from '../../../electron/services/db/database';
import { createRatingStore } from '../../../electron/services/db/rating-store';
import { createUploadQueries } from '../../../electron/services/db/upload-queries';
import { inspectDatabase } from '../../../electron/services/diagnostics/database-inspection';
import { silentLogger, type Logger } from '../../../electron/services/logger';
import { createSyncService } from '../../../electron/services/sync/sync-service';
import type { Timers } from '../../../electron/services/sync/upload-scheduler';
import { openWorkerDatabase } from '../../../electron/services/sync/upload-worker';
import { startCityServer, type TestCityServer } from '../../support/city-server';
import { insertRatings } from '../../support/rating-fixtures';
import { TEST_KIOSK_ID, TEST_UNIT_CODE } from '../../support/test-config';
import { kioskUnderTest, testConfig, type KioskUnderTest } from './kiosk-under-test';
import { startRecordingReceiver } from './recording-receiver';

const QUIET_MS = 2000;

/** Timers the test fires by hand, so that "quiet for two seconds" takes no real time. */
function manualTimers() {
  const waiting = new Set<{ fn: () => void; ms: number }>();
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const h = { fn, ms };
      waiting.add(h);
      return h;
    },
    clearTimeout: (h) => {
      waiting.delete(h as { fn: () => void; ms: number });
    },
  };
  return {
    timers,
    /** Fires every timer set for `ms`; false when there was none. */
    fire(ms: number): boolean {
      const due = [...waiting].filter((h) => h.ms === ms);
      for (const h of due) {
        waiting.delete(h);
        h.fn();
      }
      return due.length > 0;
    },
  };
}

let city: TestCityServer;
let kiosk: KioskUnderTest | null = null;
/** The tap's side: a second connection to the same file, without the ledger, as the main thread's. */
let taps: Db | null = null;
beforeEach(async () => {
  city = await startCityServer();
});
afterEach(async () => {
  taps?.close();
  taps = null;
  await kiosk?.close();
  kiosk = null;
  await city.close();
});

const statesOnMain = () =>
  Object.fromEntries(
    (taps!.prepare(`SELECT upload_state AS s, COUNT(*) AS n FROM ratings GROUP BY upload_state`).all() as { s: string; n: number }[]).map((r) => [r.s, r.n]),
  );
const tap = () => insertRatings(taps!, [{ at: Date.now(), level: 4 }], { kioskId: TEST_KIOSK_ID, unitCode: TEST_UNIT_CODE });
/** A rating made two minutes ahead of the clock (the clock was set back after the tap); its id. */
const tapAhead = (): string => {
  insertRatings(taps!, [{ at: Date.now() + 120_000, level: 2, reasons: [] }], { kioskId: TEST_KIOSK_ID, unitCode: TEST_UNIT_CODE });
  return taps!.prepare(`SELECT id FROM ratings ORDER BY seq DESC LIMIT 1`).pluck().get() as string;
};

describe('acknowledgement ledger', () => {
  it("folds a run's few answers into the ratings at the run's end", async () => {
    const t = manualTimers();
    kiosk = kioskUnderTest(testConfig(city.url), { timers: t.timers, foldQuietMs: QUIET_MS });
    kiosk.seed(30);
    taps = openDatabase(path.join(kiosk.dir, 'ratings.db'));
    expect(await kiosk.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 30 });
    expect(statesOnMain()).toEqual({ delivered: 30 });
    expect(createUploadQueries(taps).counts().pending).toBe(0);
  });

  it("keeps a drain's answers in the ledger while taps come, never sends them again, and folds them once the counter is quiet", async () => {
    const t = manualTimers();
    kiosk = kioskUnderTest(testConfig(city.url, { batchSize: 200 }), { timers: t.timers, foldQuietMs: QUIET_MS });
    kiosk.seed(1200);
    taps = openDatabase(path.join(kiosk.dir, 'ratings.db'));
    kiosk.sync.start();
    expect(await kiosk.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 1200 });
    expect(city.count()).toBe(1200);
    // The ratings file was not written for them: the main thread still counts them pending,
    // while the uploader (and its status) knows they are answered.
    expect(statesOnMain()).toEqual({ pending: 1200 });
    expect(kiosk.sync.status().pending).toBe(0);
    // IT's diagnostics read the ledger too (read-only, on a connection of their own).
    expect(inspectDatabase(path.join(kiosk.dir, 'ratings.db')).counts).toEqual({ pending: 0, delivered: 1200, rejected: 0 });

    // A tap inside the quiet time: the fold waits for another quiet spell.
    tap();
    expect(t.fire(QUIET_MS)).toBe(true);
    expect(statesOnMain()).toEqual({ pending: 1201 });

    // Meanwhile a run sends the new tap only.
    expect(await kiosk.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 1 });
    expect(city.count()).toBe(1201);

    // Quiet since the last check: everything is folded, chunk by chunk.
    expect(t.fire(QUIET_MS)).toBe(true);
    await vi.waitFor(() => expect(statesOnMain()).toEqual({ delivered: 1201 }));
    expect(kiosk.sync.status().pending).toBe(0);
    expect(city.integrityCheck()).toBe('ok');
  });

  it('settles a rating made "in the future" as it goes: a late follow-up is refused, and the kiosk keeps the rating the city has', async () => {
    const t = manualTimers();
    kiosk = kioskUnderTest(testConfig(city.url, { batchSize: 200 }), { timers: t.timers, foldQuietMs: QUIET_MS });
    kiosk.seed(700);
    taps = openDatabase(path.join(kiosk.dir, 'ratings.db'));
    // Made two minutes ahead of the clock (the clock was set back after the tap): due at once,
    // and by its settling time its follow-up would still be accepted.
    const ahead = tapAhead();
    expect(await kiosk.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 701 });
    expect(city.count()).toBe(701);
    // Every answer waits in the ledger for a quiet counter, that rating's too: it was settled
    // when its batch was built, so its pending state on the ratings file changes nothing.
    expect(statesOnMain()).toEqual({ pending: 701 });
    expect(createRatingStore(taps).amend(ahead, ['waiting_time'], null, Date.now())).toBe('locked');
    expect(taps.prepare(`SELECT reasons FROM ratings WHERE id = ?`).pluck().get(ahead)).toBe('[]');
  });

  it('refuses a follow-up while the rating made "in the future" is on its way, so the city and the kiosk keep the same rating', async () => {
    const receiver = await startRecordingReceiver();
    try {
      kiosk = kioskUnderTest(testConfig(receiver.url));
      kiosk.seed(3);
      taps = openDatabase(path.join(kiosk.dir, 'ratings.db'));
      const ahead = tapAhead();
      // The citizen answers the follow-up after the batch has left and before its answer.
      let amend: string | null = null;
      receiver.onBatch = (body) => {
        if ((body.ratings as { id: string }[]).some((r) => r.id === ahead))
          amend = createRatingStore(taps!).amend(ahead, ['waiting_time'], 'Chờ lâu', Date.now());
      };
      expect(await kiosk.sync.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 4 });
      expect(amend).toBe('locked');
      const sent = receiver.batches.flatMap((b) => b.ratings as { id: string; reasons: string[]; comment: string | null }[]).filter((r) => r.id === ahead);
      expect(sent).toEqual([expect.objectContaining({ reasons: [], comment: null })]);
      expect(taps.prepare(`SELECT reasons, comment FROM ratings WHERE id = ?`).get(ahead)).toEqual({ reasons: '[]', comment: null });
    } finally {
      await receiver.close();
    }
  });

  it('starts a damaged ledger empty: its ratings go again and the receiver keeps one copy of each', async () => {
    kiosk = kioskUnderTest(testConfig(city.url, { batchSize: 200 }));
    kiosk.seed(700);
    const file = path.join(kiosk.dir, 'ratings.db');
    expect(await kiosk.sync.syncNow()).toMatchObject({ delivered: 700 });
    // The kiosk stops before the fold; then the ledger's file is overwritten.
    kiosk.sync.stop();
    await kiosk.sync.idle();
    kiosk.db.close();
    fs.writeFileSync(ackLedgerFile(file), Buffer.alloc(8192, 0x5a));
    const lines: string[] = [];
    const logger: Logger = { info: () => {}, warn: (_o: object | string, msg?: string) => lines.push(String(msg)), error: () => {} };
    const uploader = openWorkerDatabase(file, logger);
    try {
      expect(lines).toEqual([expect.stringMatching(/ledger unreadable; started empty/)]);
      const q = createUploadQueries(uploader);
      expect(q.ledgerSize()).toBe(0);
      expect(q.counts().pending).toBe(700);
      expect(q.due(Date.now(), 1000)).toHaveLength(700);
      // The ratings file was never touched, and the uploader sends them all again.
      const again = createSyncService({ db: uploader, config: kiosk.config, appVersion: '0.1.0-test', logger: silentLogger, startDelayMs: 0 });
      expect(await again.syncNow()).toMatchObject({ stop: { kind: 'done' }, delivered: 700 });
      again.stop();
      expect(city.count()).toBe(700);
      expect(city.integrityCheck()).toBe('ok');
      while (q.foldAcks(500) > 0);
    } finally {
      uploader.close();
    }
    taps = openDatabase(file);
    expect(statesOnMain()).toEqual({ delivered: 700 });
  });
});
