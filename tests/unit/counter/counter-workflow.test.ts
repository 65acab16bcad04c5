// The counter workflow through the contract, as both shells call it: officers signing in,
// the officer on duty stamped on every rating, dossier sessions from a scan or typed by
// staff, one rating per dossier, and comments cleaned at the service boundary.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchKioskCall } from '../../../shared/dispatch';
import type { Result } from '../../../shared/errors';
import { createKioskBackend, type KioskBackend } from '../../../electron/services/backend';
import { DATABASE_FILE_NAME } from '../../../electron/services/db/database';
import { silentLogger } from '../../../electron/services/logger';
import { tempDir } from '../../support/temp-db';

const CODE = '000.00.31.H21-261201-0042';
// 2026-12-03 09:00 in Asia/Ho_Chi_Minh.
const MORNING = Date.parse('2026-12-03T02:00:00Z');

let dir: { dir: string; cleanup: () => void };
let backend: KioskBackend;
let clock = MORNING;

beforeEach(() => {
  dir = tempDir('kiosk-counter-');
  clock = MORNING;
  // No config file: the embedded demo unit, with its officers and PINs.
  backend = createKioskBackend({
    paths: { dataDir: dir.dir, configPath: path.join(dir.dir, 'absent-config.json') },
    appVersion: '0.1.0',
    logger: silentLogger,
    now: () => clock,
  });
});
afterEach(() => {
  backend.close();
  dir.cleanup();
});

async function call<T>(method: string, input: unknown): Promise<Result<T>> {
  return (await dispatchKioskCall(backend.handlers, method, input)) as Result<T>;
}
async function value<T>(method: string, input: unknown): Promise<T> {
  const r = await call<T>(method, input);
  if (!r.ok) throw new Error(`${method} failed: ${JSON.stringify(r.error)}`);
  return r.value;
}
function rows(): Record<string, unknown>[] {
  const db = new Database(path.join(dir.dir, DATABASE_FILE_NAME), { readonly: true });
  try {
    return db.prepare('SELECT level, counter_id, officer_id, dossier_code, dossier_capture, comment, misuse_flag FROM ratings ORDER BY seq').all() as Record<
      string,
      unknown
    >[];
  } finally {
    db.close();
  }
}
const headSession = async () => (await value<{ session: string }>('adminUnlock', { pin: '123456' })).session;

describe('the officer on duty', () => {
  it('signs in with their own PIN, is shown by name and stamped on every rating', async () => {
    expect(await value('getDuty', {})).toEqual({ officer: null });
    const grant = await value<{ role: string; officerId: string }>('adminUnlock', { pin: '246810', officerId: 'lan.nt' });
    expect(grant).toMatchObject({ role: 'officer', officerId: 'lan.nt' });
    expect(await value('getDuty', {})).toEqual({ officer: { id: 'lan.nt', name: 'Nguyễn Thị Lan' } });

    await value('submitRating', { level: 5, language: 'vi' });
    expect(rows()).toEqual([expect.objectContaining({ counter_id: 'Q1', officer_id: 'lan.nt', dossier_code: null, dossier_capture: 'none' })]);
  });

  it('refuses a wrong officer PIN, counts it against the shared lock-out, and keeps the tally from officers', async () => {
    const wrong = await call('adminUnlock', { pin: '000000', officerId: 'lan.nt' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'PIN_WRONG', params: { n: 4 } } });
    expect(await value('getDuty', {})).toEqual({ officer: null });

    const { session } = await value<{ session: string }>('adminUnlock', { pin: '246810', officerId: 'lan.nt' });
    const tally = await call('getTally', { session, from: '2026-12-03', to: '2026-12-03' });
    expect(tally).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // An officer may sign out, never put a colleague on duty.
    expect(await call('setDuty', { session, officerId: 'minh.tv' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await value('setDuty', { session, officerId: null })).toEqual({ officer: null });
  });

  it('lets the reception head put any officer on duty, and refuses unknown ids', async () => {
    const session = await headSession();
    expect(await value('setDuty', { session, officerId: 'minh.tv' })).toEqual({ officer: { id: 'minh.tv', name: 'Trần Văn Minh' } });
    expect(await call('setDuty', { session, officerId: 'nobody' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'officerId' } });
    expect(await value('getDuty', {})).toEqual({ officer: { id: 'minh.tv', name: 'Trần Văn Minh' } });
  });

  it('ends the shift at the end of the local day', async () => {
    await value('adminUnlock', { pin: '246810', officerId: 'lan.nt' });
    clock = Date.parse('2026-12-03T16:59:00Z'); // 23:59 local
    expect(await value('getDuty', {})).toEqual({ officer: { id: 'lan.nt', name: 'Nguyễn Thị Lan' } });
    clock = Date.parse('2026-12-03T17:01:00Z'); // 00:01 the next day
    expect(await value('getDuty', {})).toEqual({ officer: null });
    await value('submitRating', { level: 4, language: 'vi' });
    expect(rows()[0]).toMatchObject({ officer_id: null, counter_id: 'Q1' });
  });
});

describe('dossier sessions', () => {
  it('opens a session from a scanned barcode and stores the rating with code, capture, counter and officer', async () => {
    await value('adminUnlock', { pin: '246810', officerId: 'lan.nt' });
    const session = await value('openDossier', { source: 'scanner', raw: CODE.toLowerCase() });
    expect(session).toEqual({ code: CODE, capture: 'barcode', counterName: 'Quầy 1', officer: { id: 'lan.nt', name: 'Nguyễn Thị Lan' } });
    await value('submitRating', { level: 2, language: 'vi', dossier: { code: CODE, capture: 'barcode' } });
    expect(rows()).toEqual([
      { level: 2, counter_id: 'Q1', officer_id: 'lan.nt', dossier_code: CODE, dossier_capture: 'barcode', comment: null, misuse_flag: 0 },
    ]);
  });

  it('takes the code out of a QR code URL and records the capture as qr', async () => {
    const session = await value('openDossier', { source: 'scanner', raw: `https://dichvucong.gialai.gov.vn/tra-cuu?ma=${CODE}&lang=vi` });
    expect(session).toMatchObject({ code: CODE, capture: 'qr', officer: null });
  });

  it('says a rated dossier is rated, on a second scan and on a second rating, and stores nothing more', async () => {
    await value('submitRating', { level: 5, language: 'vi', dossier: { code: CODE, capture: 'qr' } });
    expect(await call('openDossier', { source: 'scanner', raw: CODE })).toMatchObject({ ok: false, error: { code: 'DOSSIER_ALREADY_RATED' } });
    clock += 60_000;
    expect(await call('submitRating', { level: 2, language: 'vi', dossier: { code: CODE, capture: 'barcode' } })).toMatchObject({
      ok: false,
      error: { code: 'DOSSIER_ALREADY_RATED' },
    });
    expect(rows()).toHaveLength(1);
  });

  it('refuses a bad scan with DOSSIER_INVALID and changes nothing', async () => {
    // Control characters around a code are removed, not refused (text-cleaning.test.ts).
    for (const raw of ['hello', '12345', 'https://example.gov.vn/', `${CODE}é`]) {
      expect(await call('openDossier', { source: 'scanner', raw }), raw).toMatchObject({ ok: false, error: { code: 'DOSSIER_INVALID' } });
    }
    // The renderer only echoes the backend's code, but the contract does not trust it.
    expect(await call('submitRating', { level: 5, language: 'vi', dossier: { code: 'not a code', capture: 'qr' } })).toMatchObject({
      ok: false,
      error: { code: 'DOSSIER_INVALID' },
    });
    expect(rows()).toEqual([]);
  });

  it('accepts a typed code only from a staff session, recorded as typed', async () => {
    expect(await call('openDossier', { source: 'typed', raw: CODE, session: 'x'.repeat(32) })).toMatchObject({
      ok: false,
      error: { code: 'ADMIN_SESSION_EXPIRED' },
    });
    const session = await headSession();
    expect(await value('openDossier', { source: 'typed', raw: ` ${CODE} `, session })).toMatchObject({ code: CODE, capture: 'typed' });
  });

  it('is not swallowed by the anonymous cool-down: the dossier rating right after a tap is stored', async () => {
    await value('submitRating', { level: 5, language: 'vi' });
    clock += 500;
    const r = await value<{ stored: boolean }>('submitRating', { level: 4, language: 'vi', dossier: { code: CODE, capture: 'barcode' } });
    expect(r.stored).toBe(true);
    expect(rows().map((x) => x.dossier_code)).toEqual([null, CODE]);
  });
});

describe('comments', () => {
  it('are stored for a satisfied rating held open for the keyboard, past the thank-you window', async () => {
    const { id } = await value<{ id: string }>('submitRating', { level: 5, language: 'vi' });
    await value('holdForComment', { id });
    clock += 5 * 60_000;
    await value('amendRating', { id, reasons: [], comment: 'Cán bộ rất nhiệt tình' });
    expect(rows()[0]).toMatchObject({ comment: 'Cán bộ rất nhiệt tình' });
  });

  it('cannot be added to a satisfied rating once its thank-you window has passed', async () => {
    const { id } = await value<{ id: string }>('submitRating', { level: 5, language: 'vi' });
    clock += 60_000;
    expect(await call('holdForComment', { id })).toMatchObject({ ok: false, error: { code: 'RATING_LOCKED' } });
  });

  it('are kept without control and text-direction characters; over-long text is refused at the boundary', async () => {
    const { id } = await value<{ id: string }>('submitRating', { level: 2, language: 'vi' });
    expect(await call('amendRating', { id, reasons: [], comment: 'x'.repeat(501) })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'comment' },
    });
    expect(rows()[0]).toMatchObject({ comment: null });
    // 500 characters as typed, two of them invisible.
    const typed = 'dòng 1\ndòng 2 a\u0000b tên\u202Egnal ';
    await value('amendRating', { id, reasons: ['other'], comment: typed + 'x'.repeat(500 - typed.length) });
    expect(rows()[0]).toMatchObject({ comment: `dòng 1\ndòng 2 ab têngnal ${'x'.repeat(500 - typed.length)}` });
  });
});
