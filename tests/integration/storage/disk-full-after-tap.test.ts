// A full disk after the tap, as the page sees it over HTTP: the reasons and comment of a
// stored rating, the hold that keeps it open for a comment, and a survey phone number. Each
// answers STORAGE_FULL (200, a Result), not INTERNAL; none leaves a part of itself behind;
// and each works again once space is freed.
// Always: the web host in-process over real HTTP, its database capped at the pages it has
// (max_page_count, as in tests/unit/store/disk-full-follow-up.test.ts).
// KIOSK_TMPFS=1, as root: the real web host process on a really full file system (a tiny
// tmpfs), where SQLite meets ENOSPC where it would at a kiosk, appending to the WAL; the
// only way to see the hold refused without a contrivance, as it rewrites a page in place.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/errors';
import type { SubmitRatingOutput, SyncStatus } from '../../../shared/kiosk-api';
import { createKioskBackend, type KioskBackend } from '../../../electron/services/backend';
import { silentLogger } from '../../../electron/services/logger';
import { startWebHost as startInProcessHost, type WebHost as InProcessHost } from '../../../electron/web-host/web-host';
import { startWebHost, type WebHost } from '../../support/web-host';

const CONFIG = {
  unit: { code: 'TEST-UNIT', name: 'Phường Thử nghiệm' },
  kiosk: { id: 'kiosk-01' },
  misuse: { cooldownSeconds: 0, burstCount: 1000, burstWindowSeconds: 1 },
  contact: { enabled: true },
};
const COMMENT = 'Cán bộ hướng dẫn tận tình nhưng phải chờ rất lâu. '.repeat(10).slice(0, 500).trim();

let host: WebHost | null = null;
let mount: string | null = null;
afterEach(async () => {
  await host?.stop();
  host = null;
  if (mount) {
    execFileSync('umount', [mount]);
    fs.rmSync(mount, { recursive: true, force: true });
    mount = null;
  }
});

/** Writes until the file system refuses; the filler's path, to free the space again. */
function fillUp(dir: string): string {
  const filler = path.join(dir, 'filler');
  const fd = fs.openSync(filler, 'w');
  try {
    for (;;) fs.writeSync(fd, Buffer.alloc(4096, 1));
  } catch (error) {
    expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
  } finally {
    fs.closeSync(fd);
  }
  return filler;
}

function readBack(dataDir: string) {
  const db = new Database(path.join(dataDir, 'ratings.db'), { readonly: true, fileMustExist: true });
  try {
    return {
      ratings: db.prepare('SELECT id, reasons, comment, settle_after_ms FROM ratings ORDER BY seq').all() as Array<{
        id: string;
        reasons: string;
        comment: string | null;
        settle_after_ms: number;
      }>,
      phones: db.prepare('SELECT phone FROM contacts ORDER BY rowid').pluck().all() as string[],
    };
  } finally {
    db.close();
  }
}

describe('a full database after the tap, through the web host', () => {
  let dir: string | undefined;
  let backend: KioskBackend | undefined;
  let web: InProcessHost;
  afterEach(async () => {
    await web?.close();
    backend?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function call(method: string, input: unknown): Promise<{ status: number; body: Result<unknown> }> {
    const res = await fetch(new URL(`api/${method}`, web.url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Kiosk-Token': web.token },
      body: JSON.stringify(input),
    });
    return { status: res.status, body: (await res.json()) as Result<unknown> };
  }

  it('answers STORAGE_FULL to an amendment and a survey number, writes neither, and takes both once there is room', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-full-after-tap-'));
    const rendererDir = path.join(dir, 'renderer');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<p>kiosk</p>');
    const configPath = path.join(dir, 'config.json');
    fs.writeFileSync(configPath, JSON.stringify(CONFIG));
    const dataDir = path.join(dir, 'data');
    backend = createKioskBackend({ paths: { dataDir, configPath }, appVersion: '0.1.0', logger: silentLogger });
    web = await startInProcessHost({ handlers: backend.handlers, rendererDir, logger: silentLogger });
    const ids: string[] = [];
    for (let i = 0; i < 300; i++) {
      const r = await call('submitRating', { level: 2, language: 'vi' });
      if (!r.body.ok) throw new Error(JSON.stringify(r.body));
      ids.push((r.body.value as SubmitRatingOutput).id!);
    }
    const db = backend.db!;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);

    let refused: { id: string; answer: { status: number; body: Result<unknown> }; before: ReturnType<typeof readBack> } | null = null;
    for (const id of ids) {
      const before = readBack(dataDir);
      const answer = await call('amendRating', { id, reasons: ['late'], comment: COMMENT });
      if (!answer.body.ok) {
        refused = { id, answer, before };
        break;
      }
    }
    expect(refused?.answer).toMatchObject({ status: 200, body: { ok: false, error: { code: 'STORAGE_FULL' } } });
    expect(readBack(dataDir)).toEqual(refused!.before);

    const phones = readBack(dataDir).phones;
    let contact = await call('submitContact', { phone: '0912345678', consent: true });
    for (let i = 0; i < 5000 && contact.body.ok; i++) contact = await call('submitContact', { phone: `09${String(i).padStart(8, '0')}`, consent: true });
    expect(contact).toMatchObject({ status: 200, body: { ok: false, error: { code: 'STORAGE_FULL' } } });
    const stored = readBack(dataDir).phones;
    expect(stored.slice(0, phones.length)).toEqual(phones);
    expect(await call('getSyncStatus', {})).toMatchObject({ status: 200, body: { ok: true, value: { storage: { fullAt: expect.any(String) } } } });

    db.pragma('max_page_count = 1073741823');
    expect(await call('amendRating', { id: refused!.id, reasons: ['late'], comment: COMMENT })).toEqual({
      status: 200,
      body: { ok: true, value: { id: refused!.id } },
    });
    expect(await call('submitContact', { phone: '0387654321', consent: true })).toEqual({ status: 200, body: { ok: true, value: { stored: true } } });
    expect(readBack(dataDir).phones).toEqual([...stored, '0387654321']);
  });
});

// A really full file system needs a mount, so root: a variant like SOAK=1, run with
// KIOSK_TMPFS=1; the capped database above is the one that always runs.
if (process.env.KIOSK_TMPFS === '1')
  describe('a really full file system after the tap (KIOSK_TMPFS=1, root)', () => {
    it('answers STORAGE_FULL to a hold, an amendment and a survey number, writes none of them, and takes each once space is freed', async () => {
      mount = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-tmpfs-'));
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mount]);
      host = await startWebHost({ dataDir: mount, config: CONFIG });
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const r = await host.call<SubmitRatingOutput>('submitRating', { level: 2, language: 'vi' });
        if (!r.ok || !r.value.id) throw new Error(JSON.stringify(r));
        ids.push(r.value.id);
      }
      const [held, amended] = ids as [string, string];
      const filler = fillUp(mount);
      const before = readBack(mount);

      // Each call appends to the WAL, the file system has no byte left: all three are refused.
      // A few tries each: SQLite may still fit one write into a page the file already had.
      const refusedWithin = async (call: () => Promise<Result<unknown>>): Promise<Result<unknown>> => {
        let r = await call();
        for (let i = 0; i < 20 && r.ok; i++) r = await call();
        return r;
      };
      expect(await refusedWithin(() => host!.call('holdForComment', { id: held }))).toMatchObject({ ok: false, error: { code: 'STORAGE_FULL' } });
      expect(await refusedWithin(() => host!.call('amendRating', { id: amended, reasons: ['late'], comment: COMMENT }))).toMatchObject({
        ok: false,
        error: { code: 'STORAGE_FULL' },
      });
      expect(await refusedWithin(() => host!.call('submitContact', { phone: '0912345678', consent: true }))).toMatchObject({
        ok: false,
        error: { code: 'STORAGE_FULL' },
      });
      expect(await host.call<SyncStatus>('getSyncStatus')).toMatchObject({ ok: true, value: { storage: { fullAt: expect.any(String) } } });
      expect(host.stderr()).not.toMatch(/unexpected error in API handler/);
      // Nothing half-written: the amended rating has no reasons without its comment, no number is kept.
      const during = readBack(mount);
      expect(during.ratings.find((r) => r.id === amended)).toEqual(before.ratings.find((r) => r.id === amended));
      expect(during.phones).toEqual(before.phones);

      fs.rmSync(filler);
      expect(await host.call('holdForComment', { id: held })).toEqual({ ok: true, value: { id: held } });
      expect(await host.call('amendRating', { id: amended, reasons: ['late'], comment: COMMENT })).toEqual({ ok: true, value: { id: amended } });
      expect(await host.call('submitContact', { phone: '0912345678', consent: true })).toEqual({ ok: true, value: { stored: true } });
      await host.stop();
      host = null;
      const after = readBack(mount);
      expect(after.ratings.find((r) => r.id === amended)).toMatchObject({ reasons: '["late"]', comment: COMMENT });
      expect(after.phones).toEqual(['0912345678']);
    });
  });
