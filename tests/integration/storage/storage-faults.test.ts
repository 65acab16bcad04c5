// Storage faults as the shells see them: the real web host started on a damaged database
// (it starts, keeps taking ratings, and tells IT), and a full disk at the backend (an error
// value and a status line, not a crash). KIOSK_TMPFS=1, as root, adds the full disk as a
// really full file system (a tiny tmpfs) under the real web host.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/errors';
import type { SubmitRatingOutput, SyncStatus } from '../../../shared/kiosk-api';
import { createKioskBackend, type KioskBackend } from '../../../electron/services/backend';
import type { Logger } from '../../../electron/services/logger';
import { buildKioskDb, corruptFiles, garbleHeader, leafPages, overwritePage, PAGE_SIZE, readKioskFile } from '../../support/damaged-db';
import { tempDir } from '../../support/temp-db';
import { testKioskConfig, writeTestConfig } from '../../support/test-config';
import { startWebHost, type WebHost } from '../../support/web-host';

const OVERRIDES = { misuse: { burstCount: 1000, burstWindowSeconds: 1 } };
const CONFIG = testKioskConfig(OVERRIDES);

let host: WebHost | null = null;
let backend: KioskBackend | null = null;
const cleanups: Array<() => void> = [];
afterEach(async () => {
  await host?.stop();
  host = null;
  backend?.close();
  backend = null;
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function newDataDir(): string {
  const t = tempDir('kiosk-storage-');
  cleanups.push(t.cleanup);
  return t.dir;
}

const DAMAGE = {
  'an overwritten inner page': (file: string) => {
    const leaves = leafPages(file, 'ratings');
    overwritePage(file, leaves[Math.floor(leaves.length / 3)]!.pageno);
  },
  'a garbled header': garbleHeader,
  'a cut-off tail': (file: string) => fs.truncateSync(file, Math.floor((fs.statSync(file).size * 0.5) / PAGE_SIZE) * PAGE_SIZE + 777),
} as const;

describe('the web host started on a damaged database', () => {
  for (const [name, damage] of Object.entries(DAMAGE)) {
    it(`with ${name}: starts, keeps the damaged file, carries over the readable pending ratings, takes new ones`, async () => {
      const dataDir = newDataDir();
      const file = path.join(dataDir, 'ratings.db');
      const built = buildKioskDb(file, 1200);
      damage(file);

      host = await startWebHost({ dataDir, config: CONFIG });

      const status = await host.call<SyncStatus>('getSyncStatus');
      if (!status.ok) throw new Error(JSON.stringify(status.error));
      const recovery = status.value.storage?.recovery;
      expect(recovery).toMatchObject({ movedTo: expect.stringMatching(/^ratings\.corrupt-.+\.db$/) });
      expect(corruptFiles(dataDir)).toContain(path.join(dataDir, recovery!.movedTo));
      // Every pending rating in the new database is one the damaged file held, unchanged,
      // and each is waiting for upload again (the receiver drops any it already has).
      const now = readKioskFile(file).ratings;
      const original = new Map(built.ratings.map((r) => [r.id, r]));
      const pending = now.filter((r) => r.upload_state === 'pending');
      expect(pending.length).toBe(recovery!.pendingCopied);
      expect(pending.length).toBeGreaterThan(0);
      for (const r of now) expect(r).toEqual(original.get(r.id));
      expect(status.value.pending).toBe(pending.length);
      expect(host.stderr()).toMatch(/damaged database replaced/);

      const tap = await host.call<SubmitRatingOutput>('submitRating', { level: 5, language: 'vi' });
      expect(tap).toMatchObject({ ok: true, value: { stored: true } });
      // Past every seq the damaged file gave (further when its newest pages were lost).
      expect(tap.ok && tap.value.seq).toBeGreaterThan(1200);
    });
  }
});

function recordingLogger(lines: string[]): Logger {
  const log = (obj: object | string, msg?: string) => lines.push(typeof obj === 'string' ? obj : `${msg ?? ''} ${JSON.stringify(obj)}`);
  return { info: log, warn: log, error: log };
}

describe('a full disk at the backend', () => {
  it('answers STORAGE_FULL, logs it, shows it in the status, and saves again once there is room', () => {
    const dataDir = newDataDir();
    const configPath = writeTestConfig(dataDir, OVERRIDES);
    const lines: string[] = [];
    backend = createKioskBackend({ paths: { dataDir, configPath }, appVersion: '0.1.0', logger: recordingLogger(lines) });
    const db = backend.db!;
    const submit = () => backend!.handlers.submitRating({ level: 4, language: 'vi' }) as Result<SubmitRatingOutput>;
    const status = () => backend!.handlers.getSyncStatus({}) as Result<SyncStatus>;
    expect(status()).toMatchObject({ ok: true, value: { storage: { recovery: null, fullAt: null } } });

    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
    let result = submit();
    for (let i = 0; i < 500 && result.ok; i++) result = submit();
    expect(result).toMatchObject({ ok: false, error: { code: 'STORAGE_FULL' } });
    expect(status()).toMatchObject({ ok: true, value: { storage: { fullAt: expect.stringMatching(/\+07:00$/) } } });
    expect(lines.some((l) => l.startsWith('disk full'))).toBe(true);

    db.pragma('max_page_count = 1073741823');
    expect(submit()).toMatchObject({ ok: true, value: { stored: true } });
  });
});

// A really full file system needs a mount, so root: a variant like SOAK=1, run with
// KIOSK_TMPFS=1; the max_page_count test above is the one that always runs.
if (process.env.KIOSK_TMPFS === '1')
  describe('a really full file system under the web host (KIOSK_TMPFS=1, root)', () => {
    it('refuses taps with STORAGE_FULL while the disk is full and saves again once space is freed', async () => {
      const mount = newDataDir();
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mount]);
      try {
        host = await startWebHost({ dataDir: mount, config: CONFIG });
        expect(await host.call('submitRating', { level: 5, language: 'vi' })).toMatchObject({ ok: true });
        // Fill every byte left.
        const filler = path.join(mount, 'filler');
        const fd = fs.openSync(filler, 'w');
        try {
          for (;;) fs.writeSync(fd, Buffer.alloc(4096, 1));
        } catch (error) {
          expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
        } finally {
          fs.closeSync(fd);
        }
        let refused: Result<SubmitRatingOutput> | null = null;
        for (let i = 0; i < 2000 && refused === null; i++) {
          const r = await host.call<SubmitRatingOutput>('submitRating', { level: 5, language: 'vi' });
          if (!r.ok) refused = r;
        }
        expect(refused).toMatchObject({ ok: false, error: { code: 'STORAGE_FULL' } });
        const status = await host.call<SyncStatus>('getSyncStatus');
        expect(status).toMatchObject({ ok: true, value: { storage: { fullAt: expect.any(String) } } });

        fs.rmSync(filler);
        expect(await host.call('submitRating', { level: 2, language: 'vi' })).toMatchObject({ ok: true, value: { stored: true } });
        await host.stop();
        host = null;
        const db = readKioskFile(path.join(mount, 'ratings.db'));
        expect(db.ratings.at(-1)?.level).toBe(2);
        expect(new Set(db.ratings.map((r) => r.seq)).size).toBe(db.ratings.length);
      } finally {
        await host?.stop();
        host = null;
        execFileSync('umount', [mount]);
      }
    });
  });
