// Calls from the kiosk's page tell the shell someone may be at the screen (the updater waits
// for a quiet kiosk); a refused foreign sender tells it nothing.
import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../../shared/errors';
import type { KioskHandlers } from '../../../shared/kiosk-api';
import { KIOSK_METHODS, type KioskMethod } from '../../../shared/kiosk-methods';
import { handleKioskInvoke, type IpcEventLike } from '../../../electron/main/ipc-handlers';
import { createActivityTracker } from '../../../electron/main/update-policy';
import { silentLogger } from '../../../electron/services/logger';

const handlers = Object.fromEntries(KIOSK_METHODS.map((m) => [m, () => ok({})])) as unknown as KioskHandlers;
const fromApp = { senderFrame: { url: 'app://kiosk/index.html' } } as IpcEventLike;
const foreign = { senderFrame: { url: 'https://evil.example/' } } as IpcEventLike;

describe('onCall', () => {
  it('hears every call from the app, valid or not, before it runs', async () => {
    const heard: KioskMethod[] = [];
    const deps = { handlers, logger: silentLogger, onCall: (m: KioskMethod) => heard.push(m) };
    await handleKioskInvoke(deps, 'submitRating', fromApp, { level: 5, language: 'vi' });
    await handleKioskInvoke(deps, 'amendRating', fromApp, { nonsense: true });
    expect(heard).toEqual(['submitRating', 'amendRating']);
  });

  it('hears nothing from a foreign sender', async () => {
    const onCall = vi.fn();
    const result = await handleKioskInvoke({ handlers, logger: silentLogger, onCall }, 'submitRating', foreign, { level: 5, language: 'vi' });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(onCall).not.toHaveBeenCalled();
  });

  it('wired to the activity tracker, makes a rating count as use and the status poll not', async () => {
    let clock = 0;
    const activity = createActivityTracker(() => clock);
    const deps = { handlers, logger: silentLogger, onCall: activity.noteCall };
    await handleKioskInvoke(deps, 'getSyncStatus', fromApp, {});
    expect(activity.quietForMs()).toBeNull();
    await handleKioskInvoke(deps, 'submitRating', fromApp, { level: 4, language: 'vi' });
    clock = 5_000;
    expect(activity.quietForMs()).toBe(5_000);
  });
});
