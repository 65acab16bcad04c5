import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_START_URL } from '../../../electron/main/app-protocol';
import { attachWindowRecovery, type Timers } from '../../../electron/main/window-recovery';
import { silentLogger } from '../../../electron/services/logger';
import { FakeWebContents } from './fake-electron';

/** Timers driven by hand: `advance(ms)` runs what falls due. */
function manualTimers() {
  let t = 0;
  let nextId = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers & { advance(ms: number): void; pendingCount(): number } = {
    now: () => t,
    setTimeout(fn, ms) {
      const id = nextId++;
      pending.set(id, { at: t + ms, fn });
      return id;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
    advance(ms) {
      t += ms;
      for (const [id, job] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
        if (job.at <= t) {
          pending.delete(id);
          job.fn();
        }
      }
    },
    pendingCount: () => pending.size,
  };
  return timers;
}

function setup(overrides: { maxCrashes?: number } = {}) {
  const contents = new FakeWebContents();
  const timers = manualTimers();
  const onGiveUp = vi.fn();
  attachWindowRecovery(contents as unknown as WebContents, {
    timers,
    logger: silentLogger,
    onGiveUp,
    unresponsiveGraceMs: 10_000,
    retryDelaysMs: [1_000, 5_000],
    crashWindowMs: 60_000,
    ...overrides,
  });
  return { contents, timers, onGiveUp };
}

describe('attachWindowRecovery', () => {
  it('reloads the start page when the renderer crashes, but not on a clean exit', () => {
    const { contents } = setup();
    contents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(contents.loadURL).not.toHaveBeenCalled();
    contents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    expect(contents.loadURL).toHaveBeenCalledWith(APP_START_URL);
  });

  it('gives up (so the supervisor restarts the app) when crashes repeat within the window', () => {
    const { contents, timers, onGiveUp } = setup({ maxCrashes: 3 });
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    timers.advance(61_000);
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(onGiveUp).not.toHaveBeenCalled();
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(onGiveUp).toHaveBeenCalledTimes(1);
  });

  it('kills a renderer that stays unresponsive past the grace period', () => {
    const { contents, timers } = setup();
    contents.emit('unresponsive');
    contents.emit('unresponsive');
    timers.advance(9_999);
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
    timers.advance(1);
    expect(contents.forcefullyCrashRenderer).toHaveBeenCalledTimes(1);
  });

  it('leaves a renderer alone that becomes responsive again', () => {
    const { contents, timers } = setup();
    contents.emit('unresponsive');
    timers.advance(5_000);
    contents.emit('responsive');
    timers.advance(60_000);
    expect(contents.forcefullyCrashRenderer).not.toHaveBeenCalled();
  });

  it('retries a failed main-frame load with back-off and resets after success', () => {
    const { contents, timers } = setup();
    contents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', APP_START_URL, true);
    timers.advance(999);
    expect(contents.loadURL).not.toHaveBeenCalled();
    timers.advance(1);
    expect(contents.loadURL).toHaveBeenCalledTimes(1);
    contents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', APP_START_URL, true);
    timers.advance(1_000);
    expect(contents.loadURL).toHaveBeenCalledTimes(1);
    timers.advance(4_000);
    expect(contents.loadURL).toHaveBeenCalledTimes(2);
    contents.emit('did-finish-load');
    contents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', APP_START_URL, true);
    timers.advance(1_000);
    expect(contents.loadURL).toHaveBeenCalledTimes(3);
  });

  it('ignores aborted loads and sub-frame failures', () => {
    const { contents, timers } = setup();
    contents.emit('did-fail-load', {}, -3, 'ERR_ABORTED', APP_START_URL, true);
    contents.emit('did-fail-load', {}, -6, 'ERR_FILE_NOT_FOUND', 'app://kiosk/frame.html', false);
    expect(timers.pendingCount()).toBe(0);
  });

  it('does nothing to a destroyed window', () => {
    const { contents } = setup();
    contents.destroyed = true;
    contents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(contents.loadURL).not.toHaveBeenCalled();
  });
});
