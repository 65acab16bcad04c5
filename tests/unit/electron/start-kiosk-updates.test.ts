// The installed Windows kiosk's updates as start-kiosk.ts wires them, with `electron` and
// `electron-updater` mocked and a clock the test moves: the feed from the configuration, the
// updater's own proxy, an update held back through office hours, `--update-now` from a second
// start, and the install only once nobody has used the kiosk for the quiet period.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import * as electron from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannel } from '../../../shared/kiosk-methods';
import { startKiosk, type StartedKiosk } from '../../../electron/main/start-kiosk';
import type { Timers } from '../../../electron/main/window-recovery';
import { silentLogger } from '../../../electron/services/logger';
import { tempDir } from '../../support/temp-db';
import { writeTestConfig } from '../../support/test-config';
import { FakeBrowserWindow, preventable, type ElectronMock } from './fake-electron';
import type { FakeUpdater } from './fake-updater';

vi.mock('electron', async () => (await import('./fake-electron')).createElectronMock());
vi.mock('electron-updater', async () => {
  const { FakeUpdater } = await import('./fake-updater');
  return { default: { autoUpdater: new FakeUpdater() } };
});

const e = electron as unknown as ElectronMock;
const updater = ((await import('electron-updater')).default as unknown as { autoUpdater: FakeUpdater }).autoUpdater;
const MIN = 60_000;

/** Timers on a clock only the test moves; `now` is also the kiosk's wall clock and its monotonic one. */
class TestClock implements Timers {
  nowMs = Date.parse('2026-12-08T10:00:00+07:00'); // a Tuesday morning
  private queue: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 1;
  setTimeout = (fn: () => void, ms: number) => {
    const id = this.nextId++;
    this.queue.push({ at: this.nowMs + ms, fn, id });
    return id;
  };
  clearTimeout = (handle: unknown) => {
    this.queue = this.queue.filter((t) => t.id !== handle);
  };
  now = () => this.nowMs;
  async advance(ms: number): Promise<void> {
    const end = this.nowMs + ms;
    for (;;) {
      const due = this.queue.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.queue = this.queue.filter((t) => t !== due);
      this.nowMs = Math.max(this.nowMs, due.at);
      due.fn();
      // The updater's promises settle between timers.
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    this.nowMs = end;
  }
}

const clock = new TestClock();
const fromApp = { senderFrame: { url: 'app://kiosk/index.html' } };
let tmp: string;
let cleanup: () => void;
let started: StartedKiosk;
let partitionCalls: unknown[][] = [];
let proxySet: unknown[][] = [];
let feeds: unknown[][] = [];

beforeAll(async () => {
  ({ dir: tmp, cleanup } = tempDir('kiosk-updates-'));
  fs.mkdirSync(path.join(tmp, 'renderer'));
  fs.writeFileSync(path.join(tmp, 'renderer', 'index.html'), '<!doctype html><title>kiosk</title>');
  const config = writeTestConfig(tmp, {
    updates: { url: 'https://updates.city.example/kiosk/' },
    server: { proxy: 'http://kiosk:pr0xy-pass@proxy.city.example:3128' },
  });
  e.app.setPath('appData', tmp);
  e.app.isPackaged = true;
  FakeBrowserWindow.instances = [];
  updater.feed = { kind: 'update', version: '0.2.0' };
  started = startKiosk({
    argv: ['SatisfactionKiosk.exe', '--config', config, '--data-dir', path.join(tmp, 'data')],
    env: {},
    platform: 'win32',
    proc: new EventEmitter(),
    createLogger: () => silentLogger,
    rendererDir: path.join(tmp, 'renderer'),
    preloadPath: '/app/dist/electron/preload.cjs',
    timers: clock,
    monotonicNow: clock.now,
  });
  await started.ready;
  // Kept here: vitest clears call logs between tests.
  feeds = [...updater.setFeedURL.mock.calls];
  partitionCalls = [...e.session.fromPartition.mock.calls];
  proxySet = [...(e.session.partitions.get('electron-updater')?.setProxy.mock.calls ?? [])];
});

afterAll(() => {
  started.backend()?.close();
  cleanup();
});

describe('updates in the installed Windows kiosk', () => {
  it('use the feed of the configuration, through the configured proxy without its password in the rules', () => {
    expect(feeds).toEqual([[{ provider: 'generic', url: 'https://updates.city.example/kiosk/' }]]);
    expect(updater).toMatchObject({ autoDownload: true, autoInstallOnAppQuit: false });
    expect(partitionCalls).toEqual([['electron-updater', { cache: false }]]);
    expect(proxySet).toEqual([[{ proxyRules: 'http://proxy.city.example:3128' }]]);
    const answers: unknown[][] = [];
    updater.emit('login', { isProxy: true }, (...a: unknown[]) => answers.push(a));
    expect(answers).toEqual([['kiosk', 'pr0xy-pass']]);
  });

  it('download in the background and wait through office hours', async () => {
    await clock.advance(15 * MIN);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(started.updates()?.state()).toEqual({ state: 'ready', version: '0.2.0', itRequested: false });
    await clock.advance(60 * MIN);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
  });

  it('on `--update-now` from a second start, install in office hours, but only once nobody has used the kiosk for a while', async () => {
    // A citizen rates and touches the screen, then IT runs the executable again.
    const submit = e.ipcMain.handlers.get(ipcChannel('submitRating'))!;
    expect(await submit(fromApp, { level: 5, language: 'vi' })).toMatchObject({ ok: true });
    const win = started.window() as unknown as FakeBrowserWindow;
    await clock.advance(MIN);
    win.webContents.emit('input-event', {}, { type: 'touchStart' });
    e.app.emit('second-instance', {}, ['C:\\Program Files\\SatisfactionKiosk\\SatisfactionKiosk.exe', '--update-now'], 'C:\\');
    expect(started.updates()?.state()).toMatchObject({ state: 'ready', itRequested: true });
    // The background polling does not count as use.
    const poll = e.ipcMain.handlers.get(ipcChannel('getSyncStatus'))!;
    await poll(fromApp, {});
    await clock.advance(2 * MIN);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    // Still shut: only the install may close the window.
    const early = preventable();
    win.emit('close', early);
    expect(early.prevented).toBe(true);
    // The default quiet period: the admin area's 120 s untouched, and 30 s more.
    await clock.advance(MIN);
    expect(updater.quitAndInstall).toHaveBeenCalledWith(true, true);
    const close = preventable();
    win.emit('close', close);
    expect(close.prevented).toBe(false);
  });
});
