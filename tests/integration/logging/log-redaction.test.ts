// A full session on the Electron kiosk, then every log file is searched for what must never
// be in one. The shell is the real start-up (start-kiosk.ts) with only `electron` mocked; the
// logger is the one main.ts gives it (electron-log writing real files into the logs folder,
// behind the redactor); the backend is the real one on a SQLite file, its upload worker
// thread forwarding its lines to that logger; uploads go through a real proxy that wants a
// password to the real reference receiver. Citizens rate with comments and leave a phone
// number with consent, IT unlocks the admin area with a wrong and then the right PIN, the
// ratings and the number are uploaded with the token — and one careless log call passes a
// secret of each kind on purpose, the way the last line of defence can catch it: under a key
// that names it, as a known value of the configuration, or by its shape (a phone number, a
// PIN hash, a bearer token, a password in a URL, `pin=…`). A comment typed into a message's
// own text, under no key, cannot be recognised by anything; services never write one.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import * as electron from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannel } from '../../../shared/kiosk-methods';
import { createElectronLogger, type ShellLogger } from '../../../electron/main/electron-logger';
import { startKiosk, type StartedKiosk } from '../../../electron/main/start-kiosk';
import { hashPin } from '../../../electron/services/admin/pin-hash';
import { DATABASE_FILE_NAME, openDatabase } from '../../../electron/services/db/database';
import { startCityServer, TEST_KIOSK_TOKEN, type TestCityServer } from '../../support/city-server';
import { startConnectProxy, type ConnectProxy } from '../../support/connect-proxy';
import { tempDir } from '../../support/temp-db';
import { writeTestConfig } from '../../support/test-config';
import { FakeBrowserWindow, type ElectronMock } from '../../unit/electron/fake-electron';

vi.mock('electron', async () => (await import('../../unit/electron/fake-electron')).createElectronMock());

const e = electron as unknown as ElectronMock;
const fromApp = { senderFrame: { url: 'app://kiosk/index.html' } };

const PIN = '80417352';
const WRONG_PIN = '11223344';
const COMMENTS = ['Cán bộ Nguyễn Văn Bình hướng dẫn rất tận tình, cảm ơn nhiều', 'Phải chờ quá lâu ở quầy số 3, mong cải thiện'];
const PHONE_TYPED = '0987 654 321';
const PHONE_FORMS = ['0987654321', '987654321', '0987 654 321', '84987654321'];
const PROXY_USER = 'kiosk-phuong';
const PROXY_PASSWORD = 'Pr0xy-S3cret!';

let t: { dir: string; cleanup: () => void };
let city: TestCityServer;
let proxy: ConnectProxy;
let pinHash: string;
let logsDir = '';
let shellLogger: ShellLogger | null = null;
let started: StartedKiosk;
let adminSession = '';
let logText = '';
let logFiles: string[] = [];

/** A call as the page makes it; answers are read loosely, the contract has its own tests. */
type Answer = { ok: boolean; value: Record<string, unknown> };
const call = (method: Parameters<typeof ipcChannel>[0], input: unknown) => e.ipcMain.handlers.get(ipcChannel(method))!(fromApp, input) as Promise<Answer>;

function until(ok: () => boolean, what: string, ms = 20_000): Promise<void> {
  return vi.waitFor(
    () => {
      if (!ok()) throw new Error(`still waiting for ${what}`);
    },
    { timeout: ms, interval: 50 },
  );
}

beforeAll(async () => {
  t = tempDir('kiosk-log-session-');
  city = await startCityServer();
  proxy = await startConnectProxy();
  proxy.requireAuth({ user: PROXY_USER, password: PROXY_PASSWORD });
  pinHash = await hashPin(PIN);
  fs.mkdirSync(path.join(t.dir, 'renderer'));
  fs.writeFileSync(path.join(t.dir, 'renderer', 'index.html'), '<!doctype html><title>kiosk</title>');
  const configPath = writeTestConfig(t.dir, {
    server: {
      url: city.url,
      token: TEST_KIOSK_TOKEN,
      proxy: proxy.urlWith(PROXY_USER, PROXY_PASSWORD),
      intervalSeconds: 0.2,
      backoff: { baseSeconds: 0.2, maxSeconds: 1 },
    },
    contact: { enabled: true, upload: true },
    admin: { pinHash },
  });
  e.app.setPath('appData', t.dir);
  // A kiosk that has run before: its database is checked at start, and the check is logged.
  openDatabase(path.join(t.dir, 'SatisfactionKiosk', DATABASE_FILE_NAME)).close();
  FakeBrowserWindow.instances = [];
  started = startKiosk({
    argv: ['SatisfactionKiosk', '--config', configPath],
    env: {},
    platform: 'linux',
    proc: new EventEmitter(),
    // As main.ts does (without the copy on standard output).
    createLogger: (dir) => {
      logsDir = dir;
      shellLogger = createElectronLogger(dir, { console: false }).logger;
      return shellLogger;
    },
    rendererDir: path.join(t.dir, 'renderer'),
    preloadPath: '/app/dist/electron/preload.cjs',
  });
  await started.ready;
  expect(started.backend()?.startupError).toBeNull();

  // Two citizens rate, each with a comment; the first leaves a number for the survey.
  for (const [i, comment] of COMMENTS.entries()) {
    const rated = await call('submitRating', { level: i === 0 ? 5 : 2, language: 'vi' });
    expect(rated).toMatchObject({ ok: true });
    const id = rated.value.id as string;
    expect(await call('holdForComment', { id })).toMatchObject({ ok: true });
    expect(await call('amendRating', { id, reasons: i === 0 ? [] : ['late'], comment })).toMatchObject({ ok: true });
  }
  expect(await call('submitContact', { phone: PHONE_TYPED, consent: true })).toMatchObject({ ok: true, value: { stored: true } });

  // IT: a wrong PIN, then the right one, a tally, and the area locked again.
  expect(await call('adminUnlock', { pin: WRONG_PIN })).toMatchObject({ ok: false });
  const unlocked = await call('adminUnlock', { pin: PIN });
  expect(unlocked).toMatchObject({ ok: true });
  adminSession = unlocked.value.session as string;
  const day = new Date().toISOString().slice(0, 10);
  expect(await call('getTally', { session: adminSession, from: day, to: day })).toMatchObject({ ok: true });
  expect(await call('adminLock', { session: adminSession })).toMatchObject({ ok: true });

  // The uploads, through the proxy with its password, with the token.
  await until(() => city.count() === COMMENTS.length, 'the ratings at the receiver');
  await until(() => city.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM contacts').get()!.n === 1, 'the number at the receiver');
  expect(proxy.tunnels.some((tn) => tn.status === 200)).toBe(true);
  // The worker reports each run to the main thread once it is over.
  const mainLog = () => fs.readFileSync(path.join(logsDir, 'main.log'), 'utf8');
  await until(() => mainLog().includes('ratings uploaded') && mainLog().includes('survey contacts delivered'), "the upload worker's report in the log");

  // A careless log call, as a later change might make one.
  shellLogger!.warn(
    {
      rating: { comment: COMMENTS[0], level: 5 },
      contact: PHONE_TYPED,
      request: { headers: { authorization: `Bearer ${TEST_KIOSK_TOKEN}` }, url: proxy.urlWith(PROXY_USER, PROXY_PASSWORD) },
      admin: { pin: PIN, hash: pinHash, session: adminSession },
      error: new Error(`server said: bad token ${TEST_KIOSK_TOKEN} for ${PHONE_FORMS[0]}, hash ${pinHash}`),
      note: { comment: COMMENTS[1] },
    },
    `careless line: callback ${PHONE_FORMS[3]}, pin=${PIN}`,
  );
  expect(mainLog()).toContain('careless line');

  // Quit as the app does, so the upload worker has said all it had to.
  e.app.emit('will-quit');
  expect(started.backend()).toBeNull();
  logFiles = fs.readdirSync(logsDir).filter((f) => f.endsWith('.log'));
  logText = logFiles.map((f) => fs.readFileSync(path.join(logsDir, f), 'utf8')).join('\n');
}, 60_000);

afterAll(async () => {
  started?.backend()?.close();
  await proxy?.close();
  await city?.close();
  t?.cleanup();
});

describe('the log files after a full session', () => {
  it('are in the logs folder of the shell', () => {
    expect(logsDir).toBe(path.join(t.dir, 'SatisfactionKiosk', 'logs'));
    expect(logFiles).toContain('main.log');
  });

  it('hold no comment, phone number, token, PIN, PIN hash, admin session or proxy password', () => {
    const salt = pinHash.split('$')[4]!;
    const key = pinHash.split('$')[5]!;
    const forbidden = [
      ...COMMENTS,
      // Parts of a comment, in case one was cut or wrapped.
      'Nguyễn Văn Bình',
      'chờ quá lâu',
      ...PHONE_FORMS,
      TEST_KIOSK_TOKEN,
      PIN,
      WRONG_PIN,
      pinHash,
      salt,
      key,
      adminSession,
      PROXY_PASSWORD,
      encodeURIComponent(PROXY_PASSWORD),
      Buffer.from(`${PROXY_USER}:${PROXY_PASSWORD}`).toString('base64'),
    ];
    const found = forbidden.filter((s) => logText.toLowerCase().includes(s.toLowerCase()));
    expect(found).toEqual([]);
  });

  it('hold the events IT needs: start, the store, PIN attempts, the upload route, the uploads and the careless line (redacted)', () => {
    for (const event of [
      'kiosk starting',
      'database checked',
      'wrong admin PIN',
      'admin area unlocked',
      'upload route',
      'ratings uploaded',
      'survey contacts delivered',
      'careless line',
      '[redacted]',
    ]) {
      expect({ event, found: logText.includes(event) }).toEqual({ event, found: true });
    }
    // The upload worker's lines reach the same file, marked with their thread.
    expect(logText).toMatch(/ratings uploaded \{[^}]*delivered: 2,[^}]*thread: 'upload-worker'/);
  });
});
