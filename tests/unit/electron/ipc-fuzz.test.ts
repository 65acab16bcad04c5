// Fuzzing every KioskApi method through the Electron shell's boundary (the IPC handler, with
// the real backend on a real SQLite file; only `electron` itself is absent): whatever the
// page sends, the answer is a Result with an error code or a valid value, nothing throws
// across IPC, and a refused call writes nothing. FUZZ_RUNS / SOAK=1 as in tests/support/fuzz.ts.
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIOSK_METHODS, type KioskMethod } from '../../../shared/kiosk-methods';
import { handleKioskInvoke, type IpcDeps, type IpcEventLike } from '../../../electron/main/ipc-handlers';
import { createKioskBackend, type KioskBackend } from '../../../electron/services/backend';
import { DATABASE_FILE_NAME, openDatabase, type Db } from '../../../electron/services/db/database';
import { silentLogger } from '../../../electron/services/logger';
import { WRITING_METHODS, fuzzParams, nastyValue, retyped, spoiled } from '../../support/fuzz';
import { tempDir } from '../../support/temp-db';
import { writeTestConfig } from '../../support/test-config';

const params = fuzzParams('ipc-fuzz', 60);
const fromApp = { senderFrame: { url: 'app://kiosk/index.html' } } as IpcEventLike;
const SESSION = 'abcdefghijklmnop';
const VALID: Record<KioskMethod, Record<string, unknown>> = {
  getBootstrap: {},
  submitRating: { level: 5, language: 'vi' },
  amendRating: { id: '0190b3a4-7c5e-7000-8000-000000000000', reasons: [] },
  getSyncStatus: {},
  adminUnlock: { pin: '000000' },
  adminLock: { session: SESSION },
  getTally: { session: SESSION, from: '2026-01-01', to: '2026-01-31' },
  exportReport: { session: SESSION, from: '2026-01-01', to: '2026-01-31', format: 'csv' },
  openDossier: { source: 'scanner', raw: '000.00.31.H21-261201-0042' },
  getDuty: {},
  setDuty: { session: SESSION, officerId: null },
  holdForComment: { id: '0190b3a4-7c5e-7000-8000-000000000000' },
  submitContact: { phone: '0912345678', consent: true },
  getDiagnostics: { session: SESSION },
  testConnection: { session: SESSION },
  exportDiagnostics: { session: SESSION },
  adminExit: { session: SESSION },
};

let t: ReturnType<typeof tempDir>;
let backend: KioskBackend;
let reader: Db;
let deps: IpcDeps;

beforeAll(() => {
  t = tempDir('kiosk-ipc-fuzz-');
  const configPath = writeTestConfig(t.dir);
  backend = createKioskBackend({ paths: { dataDir: t.dir, configPath }, appVersion: '0.1.0-test', logger: silentLogger });
  expect(backend.startupError).toBeNull();
  deps = { handlers: backend.handlers, logger: silentLogger };
  reader = openDatabase(path.join(t.dir, DATABASE_FILE_NAME));
});

afterAll(() => {
  reader.close();
  backend.close();
  t.cleanup();
});

/** Everything a call could have changed, as one comparable string. */
function snapshot(): string {
  const q = (sql: string) => JSON.stringify(reader.prepare(sql).all());
  return [q('SELECT id, level, reasons, comment, upload_state, settle_after_ms FROM ratings ORDER BY seq'), q('SELECT * FROM contacts ORDER BY rowid')].join(
    '\n',
  );
}

function expectResult(r: unknown): asserts r is { ok: boolean; error?: { code: string } } {
  expect(typeof r).toBe('object');
  const res = r as { ok: unknown; error?: { code?: unknown } };
  expect(typeof res.ok).toBe('boolean');
  if (res.ok === false) expect(typeof res.error?.code).toBe('string');
}

describe('IPC fuzzing, every contract method', () => {
  it.each(KIOSK_METHODS)('%s: hostile input answers a Result and a refusal writes nothing', async (method) => {
    // Same-type values reach the services, past the schema's type checks.
    const inputs = fc.oneof(nastyValue, spoiled(VALID[method]), retyped(VALID[method]));
    await fc.assert(
      fc.asyncProperty(inputs, async (input) => {
        const before = snapshot();
        const r = await handleKioskInvoke(deps, method, fromApp, input);
        expectResult(r);
        if (!r.ok || !WRITING_METHODS.has(method)) expect(snapshot()).toBe(before);
      }),
      params,
    );
  });

  it('a foreign sender with any input is FORBIDDEN for every method and writes nothing', async () => {
    const foreign = fc.constantFrom<IpcEventLike>(
      { senderFrame: { url: 'https://evil.example/' } } as IpcEventLike,
      { senderFrame: { url: 'app://kiosk.evil.example/' } } as IpcEventLike,
      { senderFrame: null } as IpcEventLike,
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...KIOSK_METHODS), foreign, nastyValue, async (method, event, input) => {
        const before = snapshot();
        const r = await handleKioskInvoke(deps, method, event, input);
        expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        expect(snapshot()).toBe(before);
      }),
      params,
    );
  });
});
