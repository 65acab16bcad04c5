// Stand-ins for the parts of Electron the shell touches. Tests that import modules which
// `import ... from 'electron'` mock the module with `createElectronMock()`; tests of pure
// helpers pass these fakes in directly.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | null = null;
  destroyed = false;
  loadURL = vi.fn(async (_url: string) => {});
  reload = vi.fn();
  openDevTools = vi.fn();
  forcefullyCrashRenderer = vi.fn();
  setVisualZoomLevelLimits = vi.fn(async (_min: number, _max: number) => {});
  isDestroyed = () => this.destroyed;
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static fromWebContents = vi.fn((_contents: unknown): FakeBrowserWindow | null => null);
  readonly webContents = new FakeWebContents();
  loadURL = vi.fn(async (_url: string) => {});
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = () => false;
  isDestroyed = () => false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
  }
}

export interface Preventable {
  preventDefault(): void;
  readonly prevented: boolean;
}

export function preventable(extra: Record<string, unknown> = {}): Preventable {
  let prevented = false;
  return {
    ...extra,
    preventDefault() {
      prevented = true;
    },
    get prevented() {
      return prevented;
    },
  };
}

type IpcHandler = (event: unknown, input: unknown) => Promise<unknown>;

export function createElectronMock() {
  const paths: Record<string, string> = { appData: '/nonexistent-appdata', documents: '/nonexistent-docs' };
  const app = Object.assign(new EventEmitter(), {
    isPackaged: true,
    singleInstanceLock: true,
    setPath: vi.fn((name: string, value: string) => {
      paths[name] = value;
    }),
    getPath: vi.fn((name: string) => paths[name] ?? `/nonexistent-${name}`),
    getVersion: vi.fn(() => '0.1.0-test'),
    requestSingleInstanceLock: vi.fn((): boolean => app.singleInstanceLock),
    quit: vi.fn(),
    exit: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    disableHardwareAcceleration: vi.fn(),
    commandLine: { appendSwitch: vi.fn() },
  });
  const ipcHandlers = new Map<string, IpcHandler>();
  const ipcMain = {
    handlers: ipcHandlers,
    handle: vi.fn((channel: string, fn: IpcHandler) => {
      if (ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
      ipcHandlers.set(channel, fn);
    }),
    removeHandler: vi.fn((channel: string) => ipcHandlers.delete(channel)),
  };
  const protocol = {
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn(),
  };
  const defaultSession = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn() },
    /** Chromium's answer in PAC form, as the system's proxy settings give it. */
    resolveProxy: vi.fn(async (_url: string) => 'DIRECT'),
  };
  const partitions = new Map<string, { setProxy: ReturnType<typeof vi.fn> }>();
  const fromPartition = vi.fn((name: string, _options?: object) => {
    let s = partitions.get(name);
    if (!s) partitions.set(name, (s = { setProxy: vi.fn(async (_config: object) => {}) }));
    return s;
  });
  return {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: { setApplicationMenu: vi.fn() },
    ipcMain,
    protocol,
    session: { defaultSession, fromPartition, partitions },
    powerSaveBlocker: { start: vi.fn(() => 1) },
    dialog: { showSaveDialog: vi.fn(async () => ({ canceled: true })) },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: { invoke: vi.fn(async (channel: string, input: unknown) => ({ channel, input })) },
  };
}

export type ElectronMock = ReturnType<typeof createElectronMock>;
