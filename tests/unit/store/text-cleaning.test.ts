// Free text that reaches storage is cleaned at the service boundary (shared/text-clean.ts):
// control characters (NUL, BEL, ESC…) and bidi overrides (U+202E…) are removed, never
// stored, uploaded or exported. A comment is cleaned and kept, with its line breaks: a
// citizen's words are not lost for an invisible character.
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKioskBackend, type KioskBackend } from '../../../electron/services/backend';
import { DATABASE_FILE_NAME } from '../../../electron/services/db/database';
import { silentLogger } from '../../../electron/services/logger';
import { cleanComment } from '../../../electron/services/rating-service';
import { dispatchKioskCall } from '../../../shared/dispatch';
import type { Result } from '../../../shared/errors';
import { COMMENT_MAX_LENGTH } from '../../../shared/rating-scale';
import { tempDir } from '../../support/temp-db';
import { writeTestConfig } from '../../support/test-config';

const CODE = '000.00.31.H21-261201-0042';
const NUL = '\u0000';
const BEL = '\u0007';
const ESC = '\u001b';
const RLO = '\u202e';

let dir: { dir: string; cleanup: () => void };
let backend: KioskBackend;
const clock = Date.parse('2026-12-03T02:00:00Z');

beforeEach(() => {
  dir = tempDir('kiosk-clean-');
  // Names with invisible characters, as pasted into a config file: cleaned when it is loaded.
  const configPath = writeTestConfig(dir.dir, {
    unit: { name: `Phường${NUL} Pleiku${RLO}` },
    kiosk: { counterId: 'Q1' },
    counters: [{ id: 'Q1', name: `${ESC}Quầy 1` }],
    officers: [{ id: 'lan', name: `Nguyễn Thị${BEL} Lan` }],
    contact: { enabled: true },
  });
  backend = createKioskBackend({ paths: { dataDir: dir.dir, configPath, configNamed: true }, appVersion: '0.1.0', logger: silentLogger, now: () => clock });
  expect(backend.startupError).toBeNull();
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
function query(sql: string): unknown[] {
  const db = new Database(path.join(dir.dir, DATABASE_FILE_NAME), { readonly: true });
  try {
    return db.prepare(sql).pluck().all();
  } finally {
    db.close();
  }
}

describe('a comment with control and bidi characters', () => {
  it('is accepted by the contract, stored cleaned, its line break kept', async () => {
    const { id } = await value<{ id: string }>('submitRating', { level: 2, language: 'vi' });
    const typed = `Chờ lâu${NUL} quá${BEL}\r\nCán bộ ${ESC}[31mnhiệt tình${RLO} lắm`;
    expect(await call('amendRating', { id, reasons: ['late'], comment: typed })).toEqual({ ok: true, value: { id } });
    expect(query('SELECT comment FROM ratings')).toEqual(['Chờ lâu quá\nCán bộ [31mnhiệt tình lắm']);
  });

  it('is no comment when nothing visible is left', async () => {
    const { id } = await value<{ id: string }>('submitRating', { level: 2, language: 'vi' });
    await value('amendRating', { id, reasons: ['other'], comment: `${NUL}${RLO} \n ${BEL}` });
    expect(query('SELECT comment FROM ratings')).toEqual([null]);
  });
});

describe('cleanComment', () => {
  it('keeps the stored limit when normalising lengthens the text, without splitting a pair', () => {
    // U+0958 is one unit, but its NFC form is two (a composition exclusion).
    expect(cleanComment('\u0958'.repeat(COMMENT_MAX_LENGTH))).toHaveLength(COMMENT_MAX_LENGTH);
    const emoji = cleanComment(`${'\u0958'.repeat(250)}😀`)!;
    expect(emoji.endsWith('\u093c')).toBe(true);
    expect(emoji).toHaveLength(COMMENT_MAX_LENGTH);
    expect(cleanComment(`${'a'.repeat(COMMENT_MAX_LENGTH - 1)}${NUL}😀`)).toBe('a'.repeat(COMMENT_MAX_LENGTH - 1));
  });

  it('keeps a comment that needs no cleaning as it is, trimmed', () => {
    expect(cleanComment('  Cán bộ rất nhiệt tình\n')).toBe('Cán bộ rất nhiệt tình');
    expect(cleanComment(undefined)).toBeNull();
  });
});

describe('a dossier code with control characters around it', () => {
  it('is read and stored without them, from a scan and from the rating that follows', async () => {
    const session = await value<{ code: string }>('openDossier', { source: 'scanner', raw: `${ESC}${CODE}${NUL}\r` });
    expect(session.code).toBe(CODE);
    await value('submitRating', { level: 5, language: 'vi', dossier: { code: `${CODE}${BEL}`, capture: 'barcode' } });
    expect(query('SELECT dossier_code FROM ratings')).toEqual([CODE]);
  });
});

describe('a phone number with an invisible character', () => {
  it('is stored as its digits only', async () => {
    await value('submitContact', { phone: `091${BEL} 234${RLO} 5678`, consent: true });
    expect(query('SELECT phone FROM contacts')).toEqual(['0912345678']);
  });
});

describe('names from the configuration', () => {
  it('reach the screen and every rating without control characters', async () => {
    const boot = await value<{ config: { unitName: string; counterName: string; officers: { name: string }[] } }>('getBootstrap', {});
    expect(boot.config).toMatchObject({ unitName: 'Phường Pleiku', counterName: 'Quầy 1', officers: [{ name: 'Nguyễn Thị Lan' }] });
  });
});
