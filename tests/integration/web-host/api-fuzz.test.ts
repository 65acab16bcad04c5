// Fuzzing every KioskApi method through the browser shell's boundary: the real web host
// process (`npm run start:web`) on a real SQLite file, called over real HTTP on 127.0.0.1 with
// its per-start token and its own Origin, as the kiosk's page calls it. Whatever the body (a
// hostile JSON value, a valid input with one key spoiled, bytes that are not JSON or not UTF-8,
// a body far over the limit), the answer is a JSON Result with a 2xx or 4xx status, never an
// INTERNAL error; the process keeps running; and a refused call changes no rating or contact,
// as a separate read connection to the host's ratings.db sees it. The IPC side of the same
// property is tests/unit/electron/ipc-fuzz.test.ts. FUZZ_RUNS / SOAK=1 as in tests/support/fuzz.ts.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors';
import { KIOSK_METHODS, type KioskMethod } from '../../../shared/kiosk-methods';
import { hashPin } from '../../../electron/services/admin/pin-hash';
import { MAX_BODY_BYTES } from '../../../electron/web-host/web-host';
import { WRITING_METHODS, fuzzParams, nastyString, nastyValue, retyped, spoiled } from '../../support/fuzz';
import { startWebHost, type WebHost } from '../../support/web-host';

const params = fuzzParams('web-host-api-fuzz', 30);
/** A valid export takes a worker and about a second: the longer runs of SOAK=1 need the time. */
const FUZZ_TIMEOUT_MS = Math.max(30_000, params.numRuns * 250);
const PIN = '246810';

let host: WebHost;
let reader: Database.Database;
let origin: string;
let session: string;
/** Low ratings stored at the start, still open for reasons, a comment and a hold. */
let ratingIds: string[];
let VALID: Record<KioskMethod, Record<string, unknown>>;

type Answer = { status: number; body: { ok: boolean; value?: unknown; error?: { code: string } } };

async function post(method: string, body: string | Uint8Array, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(new URL(`api/${method}`, host.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Kiosk-Token': host.token, Origin: origin, ...headers },
    body,
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${method} answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  return { status: res.status, body: parsed as Answer['body'] };
}

/** A Result with a 2xx or 4xx status; a refusal carries a known code, never INTERNAL. */
function expectResult(a: Answer, what: string): void {
  const twoOrFour = (a.status >= 200 && a.status < 300) || (a.status >= 400 && a.status < 500);
  expect(twoOrFour, `${what}: status ${a.status}`).toBe(true);
  expect(typeof a.body, what).toBe('object');
  expect(typeof a.body.ok, what).toBe('boolean');
  if (a.body.ok) {
    expect(a.status, what).toBe(200);
    return;
  }
  expect(ERROR_CODES, what).toContain(a.body.error?.code);
  expect(a.body.error?.code, what).not.toBe('INTERNAL');
}

/** Everything a call could have changed, as one comparable string. */
function snapshot(): string {
  const q = (sql: string) => JSON.stringify(reader.prepare(sql).all());
  return [
    q('SELECT id, level, reasons, comment, dossier_code, officer_id, upload_state, settle_after_ms FROM ratings ORDER BY seq'),
    q('SELECT * FROM contacts ORDER BY rowid'),
  ].join('\n');
}

function expectRunning(): void {
  expect(host.child.exitCode).toBeNull();
  expect(host.child.signalCode).toBeNull();
}

beforeAll(async () => {
  // A cheap scrypt cost: the fuzz tries many PINs, and the cost is read from the hash itself.
  const pinHash = await hashPin(PIN, { N: 1024, r: 8, p: 1 });
  host = await startWebHost({
    config: {
      unit: { code: 'FUZZ', name: 'Phường Thử nghiệm' },
      kiosk: { id: 'fuzz-kiosk', counterId: 'Q1' },
      counters: [{ id: 'Q1', name: 'Quầy 1' }],
      officers: [{ id: 'cb-01', name: 'Nguyễn Văn An', counterId: 'Q1' }],
      scale: '5',
      misuse: { cooldownSeconds: 0, burstCount: 1000, burstWindowSeconds: 1 },
      contact: { enabled: true },
      admin: { pinHash, idleSeconds: 3600, maxPinAttempts: 20 },
    },
  });
  origin = new URL(host.url).origin;
  reader = new Database(path.join(host.dataDir, 'ratings.db'), { readonly: true, fileMustExist: true });
  const unlocked = await post('adminUnlock', JSON.stringify({ pin: PIN }));
  if (!unlocked.body.ok) throw new Error(`unlock failed: ${JSON.stringify(unlocked.body)}`);
  session = (unlocked.body.value as { session: string }).session;
  ratingIds = [];
  for (let i = 0; i < 12; i++) {
    const r = await post('submitRating', JSON.stringify({ level: 2, language: 'vi' }));
    ratingIds.push((r.body.value as { id: string }).id);
  }
  VALID = {
    getBootstrap: {},
    submitRating: { level: 5, language: 'vi' },
    amendRating: { id: ratingIds[0], reasons: ['late'], comment: 'Cán bộ tận tình' },
    getSyncStatus: {},
    adminUnlock: { pin: '000000' },
    adminLock: { session },
    getTally: { session, from: '2026-01-01', to: '2026-12-31' },
    exportReport: { session, from: '2026-01-01', to: '2026-01-31', format: 'csv' },
    openDossier: { source: 'typed', raw: '000.00.31.H21-261201-0042', session },
    getDuty: {},
    setDuty: { session, officerId: 'cb-01' },
    holdForComment: { id: ratingIds[0] },
    submitContact: { phone: '0912345678', consent: true },
    getDiagnostics: { session },
    testConnection: { session },
    exportDiagnostics: { session },
    adminExit: { session },
  };
}, 120_000);

afterAll(async () => {
  reader?.close();
  await host?.stop();
  if (host) fs.rmSync(host.dataDir, { recursive: true, force: true });
});

/** Hostile inputs for one method: any JSON value, a valid input spoiled, now and then the valid input. */
function inputsFor(method: KioskMethod): fc.Arbitrary<unknown> {
  // Each of the stored ratings, so that amendments and holds reach the store, not only a lookup.
  const valid =
    method === 'amendRating' || method === 'holdForComment'
      ? fc.constantFrom(...ratingIds).map((id) => ({ ...VALID[method], id }))
      : fc.constant(VALID[method]);
  const arms: Array<fc.WeightedArbitrary<unknown>> = [
    { arbitrary: nastyValue, weight: 4 },
    { arbitrary: valid.chain((v) => spoiled(v)), weight: 4 },
    { arbitrary: valid.chain((v) => retyped(v)), weight: 4 },
  ];
  // Rarely, as a valid export takes a worker and a second. Locking the one session would
  // leave the methods after it only the refusal path, and a valid adminExit stops the host.
  if (method !== 'adminLock' && method !== 'adminExit') arms.push({ arbitrary: valid, weight: 1 });
  return fc.oneof(...arms);
}

describe('web host API fuzzing, every contract method', () => {
  it('calls as the page does: its own Origin is taken, a foreign one refused (so the header does reach the host)', async () => {
    expect(await post('getBootstrap', '{}')).toMatchObject({ status: 200, body: { ok: true } });
    expect(await post('getBootstrap', '{}', { Origin: 'http://evil.example' })).toMatchObject({
      status: 403,
      body: { ok: false, error: { code: 'FORBIDDEN' } },
    });
  });

  it.each(KIOSK_METHODS)(
    '%s: hostile JSON answers a Result, never INTERNAL, and a refusal writes nothing',
    async (method) => {
      await fc.assert(
        fc.asyncProperty(inputsFor(method), async (input) => {
          const before = snapshot();
          const body = JSON.stringify(input);
          const answer = await post(method, body);
          expectResult(answer, `${method} ${body.slice(0, 120)}`);
          if (!answer.body.ok || !WRITING_METHODS.has(method)) expect(snapshot()).toBe(before);
          expectRunning();
        }),
        params,
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'any method name, known or not, with any input: a Result, 404 for an unknown one, nothing written by a refusal',
    async () => {
      const name = fc.oneof(
        fc.constantFrom(...KIOSK_METHODS),
        fc.constantFrom('constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'then', 'call', 'apply', 'GETBOOTSTRAP'),
        fc.stringMatching(/^[A-Za-z]{1,60}$/),
      );
      await fc.assert(
        fc.asyncProperty(name, nastyValue, async (method, input) => {
          const before = snapshot();
          const answer = await post(method, JSON.stringify(input));
          expectResult(answer, `${method} ${JSON.stringify(input).slice(0, 120)}`);
          const known = (KIOSK_METHODS as readonly string[]).includes(method);
          if (!known) expect(answer).toMatchObject({ status: 404, body: { ok: false, error: { code: 'NOT_FOUND' } } });
          if (!answer.body.ok || !known || !WRITING_METHODS.has(method as KioskMethod)) expect(snapshot()).toBe(before);
          expectRunning();
        }),
        params,
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('web host API fuzzing, bodies that are not JSON', () => {
  const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
  const validText = (m: KioskMethod) => JSON.stringify(VALID[m]);
  /** Raw bodies: random bytes, invalid UTF-8 inside and around valid JSON, other encodings, NULs, BOMs. */
  const rawBody = (method: KioskMethod): fc.Arbitrary<Uint8Array> =>
    fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      // Valid JSON with bytes that are not UTF-8 spliced in at a random place.
      fc.tuple(fc.nat(), fc.constantFrom('\xff', '\xfe\xff', '\xc3', '\xe1\xbb', '\xf0\x9f\x98', '\xc0\xaf', '\xed\xa0\x80', '\x80')).map(([at, junk]) => {
        const t = validText(method);
        const i = at % (t.length + 1);
        return bytes(t.slice(0, i) + junk + t.slice(i));
      }),
      // A valid input in another encoding than UTF-8.
      fc.constantFrom('utf16le', 'latin1', 'ucs2').map((enc) => new Uint8Array(Buffer.from(`\ufeff${validText(method)}`, enc as BufferEncoding))),
      fc.constantFrom('\ufeff', '\u0000', '\u2028', '\u00a0').map((c) => new Uint8Array(Buffer.from(c + validText(method), 'utf8'))),
      nastyString.map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
      fc
        .constantFrom(
          '{',
          '}',
          '[',
          '"',
          'nul',
          'true false',
          '{"a":1}}',
          '{"level":5,}',
          "{'level':5}",
          '1e999999',
          '-',
          '0x10',
          'NaN',
          '{"__proto__":{"ok":true}}',
        )
        .map((s) => bytes(s)),
    );

  it(
    'answers a Result (200 or 4xx) to any bytes, and a refusal writes nothing',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...KIOSK_METHODS).chain((m) => fc.tuple(fc.constant(m), rawBody(m))),
          async ([method, body]) => {
            const before = snapshot();
            const answer = await post(method, body);
            expectResult(answer, `${method} ${Buffer.from(body).toString('latin1').slice(0, 80)}`);
            expect([200, 400, 413]).toContain(answer.status);
            if (!answer.body.ok || !WRITING_METHODS.has(method)) expect(snapshot()).toBe(before);
            expectRunning();
          },
        ),
        params,
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it('answers deep nesting, many keys and repeated keys within the limit without a crash', async () => {
    const depth = Math.floor((MAX_BODY_BYTES - 100) / 6);
    const bodies = [
      '['.repeat(depth * 3) + ']'.repeat(depth * 3),
      '{"a":'.repeat(depth) + '1' + '}'.repeat(depth),
      `{"level":5,"language":"vi","x":${'['.repeat(depth * 2)}${']'.repeat(depth * 2)}}`,
      `{${Array.from({ length: 6000 }, (_, i) => `"k${i}":0`).join(',')}}`,
      `{${'"level":"x",'.repeat(5000)}"level":5,"language":"vi"}`,
      `{"phone":"${'0'.repeat(MAX_BODY_BYTES - 100)}","consent":true}`,
    ];
    for (const method of KIOSK_METHODS) {
      for (const body of bodies) {
        expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_BODY_BYTES);
        const before = snapshot();
        const answer = await post(method, body);
        expectResult(answer, `${method} ${body.slice(0, 40)}`);
        if (!answer.body.ok || !WRITING_METHODS.has(method)) expect(snapshot()).toBe(before);
      }
    }
    expectRunning();
  });
});

describe('web host API fuzzing, huge bodies', () => {
  /**
   * The raw exchange: headers, then (unless `waitForAnswer`) the body in 64 kB pieces as fast
   * as the host takes them, until it answers or hangs up, or `bodyBytes` are sent.
   */
  function sendHuge(method: string, headers: Record<string, string>, bodyBytes: number, opts: { chunked: boolean; waitForAnswer: boolean }) {
    const port = Number(new URL(host.url).port);
    return new Promise<{ reply: string; sent: number }>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      const chunks: Buffer[] = [];
      let sent = 0;
      socket.on('data', (c: Buffer) => chunks.push(c));
      // A reset is one way of hanging up; what was read before it is the answer.
      socket.on('error', () => {});
      socket.on('close', () => resolve({ reply: Buffer.concat(chunks).toString('latin1'), sent }));
      const lines = Object.entries({
        Host: new URL(host.url).host,
        'Content-Type': 'application/json',
        'X-Kiosk-Token': host.token,
        Origin: origin,
        ...headers,
      });
      socket.write(`POST /api/${method} HTTP/1.1\r\n${lines.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`);
      if (opts.waitForAnswer) return;
      const piece = Buffer.alloc(64 * 1024, 0x20);
      piece[0] = 0x7b; // '{': a JSON object that never closes
      const pump = () => {
        while (chunks.length === 0 && !socket.destroyed && sent < bodyBytes) {
          const n = Math.min(piece.length, bodyBytes - sent);
          const data = opts.chunked ? Buffer.concat([Buffer.from(`${n.toString(16)}\r\n`), piece.subarray(0, n), Buffer.from('\r\n')]) : piece.subarray(0, n);
          sent += n;
          if (!socket.write(data)) {
            socket.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
  }
  const statusOf = (reply: string) => Number(/^HTTP\/1\.1 (\d{3}) /.exec(reply)?.[1] ?? 0);
  const HUGE = 64 * 1024 * 1024;
  const WRITERS = ['submitRating', 'amendRating', 'holdForComment', 'submitContact', 'getBootstrap'];

  it('answers a declared 64 MB body with 413 before any of it is sent, and writes nothing', async () => {
    const before = snapshot();
    for (const method of WRITERS) {
      const { reply } = await sendHuge(method, { 'Content-Length': String(HUGE) }, HUGE, { chunked: false, waitForAnswer: true });
      expect(statusOf(reply), method).toBe(413);
      expect(reply, method).toContain('{"ok":false,"error":{"code":"INVALID_INPUT"');
    }
    expect(snapshot()).toBe(before);
    expectRunning();
  });

  // A client that does not wait for the answer: the host hangs up on it long before the body
  // is through, never buffering it. Such a client often sees the hang-up as a reset rather
  // than the 413: closing a socket with unread bytes resets it, which can discard an answer
  // the client has not read yet (RFC 9112 §9.6). So the answer here is a 413 or nothing.
  it.each([
    ['a declared 64 MB body', { 'Content-Length': String(HUGE) }, false],
    ['a chunked body that never ends', { 'Transfer-Encoding': 'chunked' }, true],
  ] as const)('hangs up on %s sent at full speed before reading it, writes nothing, and keeps serving', async (_name, headers, chunked) => {
    const before = snapshot();
    for (const method of WRITERS) {
      const { reply, sent } = await sendHuge(method, headers, HUGE, { chunked, waitForAnswer: false });
      expect(sent, method).toBeLessThan(HUGE / 4);
      if (reply !== '') expect(statusOf(reply), method).toBe(413);
    }
    expect(snapshot()).toBe(before);
    expectRunning();
    expect(await post('getBootstrap', '{}')).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('takes a body of exactly the limit and refuses one byte more', async () => {
    const input = JSON.stringify({ level: 4, language: 'vi' });
    const atLimit = input + ' '.repeat(MAX_BODY_BYTES - input.length);
    expect(await post('submitRating', atLimit)).toMatchObject({ status: 200, body: { ok: true } });
    const before = snapshot();
    expect(await post('submitRating', `${atLimit} `)).toMatchObject({ status: 413, body: { ok: false, error: { code: 'INVALID_INPUT' } } });
    expect(snapshot()).toBe(before);
  });
});

describe('after the fuzzing', () => {
  it('the host is still serving, logged no unexpected error, and its database is intact', async () => {
    expectRunning();
    expect(await post('getBootstrap', '{}')).toMatchObject({ status: 200, body: { ok: true } });
    expect(await post('submitRating', JSON.stringify({ level: 5, language: 'vi' }))).toMatchObject({ status: 200, body: { ok: true } });
    expect(host.stderr()).not.toMatch(/unexpected error in API handler|web host request failed/);
    expect(reader.pragma('quick_check', { simple: true })).toBe('ok');
  });
});
