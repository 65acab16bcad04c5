// Sandboxed preload (bundled to dist/electron/preload.cjs): exposes the KioskApi and nothing
// else. It must not bundle zod or any Node module; only 'electron' is required at runtime.
import { contextBridge, ipcRenderer } from 'electron';
import { buildKioskBridge } from './kiosk-bridge';

contextBridge.exposeInMainWorld(
  'kiosk',
  // A wrapper, so the page can never see or call ipcRenderer itself.
  buildKioskBridge((channel, input) => ipcRenderer.invoke(channel, input)),
);
