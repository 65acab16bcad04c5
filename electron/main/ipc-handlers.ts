// One ipcMain handler per contract method. Each checks that the call comes from the kiosk's
// own page, then hands the raw input to the shared dispatcher (validation, error values).
// Handlers stay thin: everything else lives in the backend, or in a hook the shell registers.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { dispatchKioskCall } from '../../shared/dispatch';
import { fail, type Result } from '../../shared/errors';
import type { KioskHandlers, KioskOutputs } from '../../shared/kiosk-api';
import { ipcChannel, KIOSK_METHODS, type KioskMethod } from '../../shared/kiosk-methods';
import type { Logger } from '../services/logger';
import { isAppUrl } from './app-protocol';

/** The minimum of an invoke event the handlers read. */
export type IpcEventLike = Pick<IpcMainInvokeEvent, 'senderFrame'> & Partial<Pick<IpcMainInvokeEvent, 'sender'>>;

export function isAllowedSender(url: string | null | undefined): boolean {
  return isAppUrl(url);
}

function senderUrl(event: IpcEventLike): string | null {
  try {
    // senderFrame is null (or throws) once the frame has navigated away or been destroyed.
    return event.senderFrame?.url ?? null;
  } catch {
    return null;
  }
}

/**
 * What this shell does with a method's successful answer before the page gets it (Electron
 * saves an export through a dialog). The shell registers it; the contract and this module
 * stay free of any one method's name.
 */
export type AfterCall<M extends KioskMethod> = (event: IpcEventLike, value: KioskOutputs[M]) => Promise<Result<KioskOutputs[M]>>;
export type AfterCallHooks = { [M in KioskMethod]?: AfterCall<M> };

export interface IpcDeps {
  handlers: KioskHandlers;
  logger: Logger;
  afterCall?: AfterCallHooks;
  /** Told of every call from the kiosk's own page, before it runs (the updater waits for a quiet kiosk). */
  onCall?: (method: KioskMethod) => void;
}

export async function handleKioskInvoke(deps: IpcDeps, method: KioskMethod, event: IpcEventLike, input: unknown): Promise<Result<unknown>> {
  const url = senderUrl(event);
  if (!isAllowedSender(url)) {
    deps.logger.warn({ method, sender: url?.slice(0, 200) ?? null }, 'IPC call from a foreign sender refused');
    return fail('FORBIDDEN', { detail: 'sender is not the kiosk app' });
  }
  deps.onCall?.(method);
  const onUnexpected = (m: string, error: unknown) =>
    deps.logger.error({ method: m, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, 'handler threw');
  const result = await dispatchKioskCall(deps.handlers, method, input, onUnexpected);
  // The mapped type cannot follow `method` into the lookup; each hook was typed when registered.
  const hook = deps.afterCall?.[method] as ((event: IpcEventLike, value: unknown) => Promise<Result<unknown>>) | undefined;
  if (!hook || !result.ok) return result;
  try {
    return await hook(event, result.value);
  } catch (error) {
    onUnexpected(method, error);
    return fail('INTERNAL', { detail: error instanceof Error ? error.message : String(error) });
  }
}

export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, deps: IpcDeps): () => void {
  for (const method of KIOSK_METHODS) {
    ipcMain.handle(ipcChannel(method), (event, input: unknown) => handleKioskInvoke(deps, method, event, input));
  }
  return () => {
    for (const method of KIOSK_METHODS) ipcMain.removeHandler(ipcChannel(method));
  };
}
