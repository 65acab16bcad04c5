// The preload, imported as Electron would run it, with contextBridge and ipcRenderer faked.
import { contextBridge, ipcRenderer } from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ipcChannel, KIOSK_METHODS } from '../../../shared/kiosk-methods';
import type { ElectronMock } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).createElectronMock());

const bridge = contextBridge as unknown as ElectronMock['contextBridge'];
const renderer = ipcRenderer as unknown as ElectronMock['ipcRenderer'];

// Captured once: the preload runs once per page, and mock call logs may be cleared per test.
let exposeCalls: unknown[][] = [];

beforeAll(async () => {
  await import('../../../electron/preload/preload');
  exposeCalls = [...bridge.exposeInMainWorld.mock.calls];
});

function exposed(): Record<string, unknown> {
  expect(exposeCalls).toHaveLength(1);
  const [name, api] = exposeCalls[0] as [string, Record<string, unknown>];
  expect(name).toBe('kiosk');
  return api;
}

describe('preload', () => {
  it('exposes exactly the contract methods as window.kiosk, all functions', () => {
    const api = exposed();
    expect(Object.keys(api).sort()).toEqual([...KIOSK_METHODS].sort());
    for (const method of KIOSK_METHODS) expect(typeof api[method]).toBe('function');
  });

  it('exposes neither ipcRenderer nor a generic invoke', () => {
    const api = exposed();
    for (const value of Object.values(api)) expect(value).not.toBe(renderer.invoke);
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(Object.isFrozen(api)).toBe(true);
  });

  it.each(KIOSK_METHODS)('%s invokes its own channel with the input as given', async (method) => {
    const api = exposed() as Record<string, (input: unknown) => Promise<unknown>>;
    renderer.invoke.mockClear();
    const input = { marker: method };
    await expect(api[method]!(input)).resolves.toEqual({ channel: ipcChannel(method), input });
    expect(renderer.invoke).toHaveBeenCalledTimes(1);
    expect(renderer.invoke).toHaveBeenCalledWith(ipcChannel(method), input);
  });
});
