// The installed Windows kiosk's updates as start-kiosk.ts wires them, with `electron` mocked,
// the task runner faked and a clock the test moves: the kiosk itself never loads
// electron-updater (the SYSTEM task downloads and installs), holds the task back through
// office hours, and on `--update-now` from a second start runs "Update now" only once nobody
// has used the kiosk for the quiet period, letting the window close for the installer.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import * as electron from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannel } from '../../../shared/kiosk-methods';
import { UPDATE_NOW_TASK, type UpdateTaskName } from '../../../electron/main/auto-update';
import { startKiosk, type StartedKiosk } from '../../../electron/main/start-kiosk';
import type { Timers } from '../../../electron/main/window-recovery';
import { silentLogger } from '../../../electron/services/logger';
import { tempDir } from '../../support/temp-db';
import { writeTestConfig } from '../../support/test-config';
import { FakeBrowserWindow, preventable, type ElectronMock } from './fake-electron';

const loaded = vi.hoisted(() => ({ electronUpdater: false }));
vi.mock('electron', async () => (await import('./fake-electron')).createElectronMock());
vi.mock('electron-updater', () => {
  loaded.electronUpdater = true;
  return { default: {} };
});

const e = electron as unknown as ElectronMock;
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
      // The task runner's promise settles between timers.
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    this.nowMs = end;
  }
}

const clock = new TestClock();
const fromApp = { senderFrame: { url: 'app://kiosk/index.html' } };
const tasksRun: UpdateTaskName[] = [];
const runTask = async (task: UpdateTaskName) => {
  tasksRun.push(task);
};
let tmp: string;
let cleanup: () => void;
let started: StartedKiosk;

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
    runTask,
  });
  await started.ready;
});

afterAll(() => {
  started.backend()?.close();
  cleanup();
});

describe('updates in the installed Windows kiosk', () => {
  it('leave the feed to the SYSTEM task: the kiosk neither loads electron-updater nor sets a proxy for it', () => {
    expect(started.updates()?.state().state).toBe('waiting');
    expect(loaded.electronUpdater).toBe(false);
    expect(e.session.fromPartition).not.toHaveBeenCalled();
  });

  it('start no task through office hours', async () => {
    await clock.advance(75 * MIN);
    expect(tasksRun).toEqual([]);
  });

  it('on `--update-now` from a second start, run "Update now" in office hours, but only once nobody has used the kiosk for a while', async () => {
    // A citizen rates and touches the screen, then IT runs the executable again.
    const submit = e.ipcMain.handlers.get(ipcChannel('submitRating'))!;
    expect(await submit(fromApp, { level: 5, language: 'vi' })).toMatchObject({ ok: true });
    const win = started.window() as unknown as FakeBrowserWindow;
    await clock.advance(MIN);
    win.webContents.emit('input-event', {}, { type: 'touchStart' });
    e.app.emit('second-instance', {}, ['C:\\Program Files\\SatisfactionKiosk\\SatisfactionKiosk.exe', '--update-now'], 'C:\\');
    expect(started.updates()?.state()).toMatchObject({ state: 'waiting', itRequested: true });
    // The background polling does not count as use.
    const poll = e.ipcMain.handlers.get(ipcChannel('getSyncStatus'))!;
    await poll(fromApp, {});
    await clock.advance(2 * MIN);
    expect(tasksRun).toEqual([]);
    // Still shut: only the installer may close the window.
    const early = preventable();
    win.emit('close', early);
    expect(early.prevented).toBe(true);
    // The default quiet period: the admin area's 120 s untouched, and 30 s more.
    await clock.advance(MIN);
    expect(tasksRun).toEqual([UPDATE_NOW_TASK]);
    const close = preventable();
    win.emit('close', close);
    expect(close.prevented).toBe(false);
  });
});
