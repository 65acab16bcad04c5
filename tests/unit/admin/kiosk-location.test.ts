// `npm run admin` looks for a kiosk where that kiosk itself looks, on every platform: the
// Electron kiosk's defaults are compared with the Electron shell's own resolver
// (electron/main/app-paths.ts), Windows included, on an imagined file system.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configLabel, locateKiosk, type LocateOptions } from '../../../electron/admin-cli/commands/kiosk-location';
import { electronPathDefaults, resolveElectronPaths } from '../../../electron/main/app-paths';
import { UsageError } from '../../../electron/services/command-line';
import { electronAppDataDir } from '../../../electron/services/paths';

const REPO = '/srv/kiosk-src';
const WEB_DATA = `${REPO}/.kiosk-data`;

function linux(files: string[], env: NodeJS.ProcessEnv = {}): LocateOptions {
  return { platform: 'linux', env, home: '/home/it', repoRoot: REPO, exists: (f) => files.includes(f) };
}

/** Windows as IT's admin account on the kiosk PC sees it. */
const WIN_ENV = { APPDATA: 'C:\\Users\\it-admin\\AppData\\Roaming', ProgramData: 'C:\\ProgramData' };
const WIN_USER_DATA = 'C:\\Users\\it-admin\\AppData\\Roaming\\SatisfactionKiosk';
/** The installed kiosk's machine-wide folder: the same whichever account looks. */
const WIN_DATA = 'C:\\ProgramData\\SatisfactionKiosk\\data';
const WIN_CONFIG = 'C:\\ProgramData\\SatisfactionKiosk\\config.json';
function windows(files: string[], env: NodeJS.ProcessEnv = WIN_ENV): LocateOptions {
  return { platform: 'win32', env, home: 'C:\\Users\\kiosk', repoRoot: 'D:\\kiosk-src', exists: (f) => files.includes(f) };
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('not refused');
}

describe("the Electron kiosk's own folders", () => {
  it('on Windows: ratings and config under %ProgramData%\\SatisfactionKiosk, exactly as the shell resolves them', () => {
    const found = locateKiosk({}, windows([`${WIN_DATA}\\ratings.db`, WIN_CONFIG, `${WIN_USER_DATA}\\config.json`, `${WIN_USER_DATA}\\ratings.db`]));
    // The shell's defaults (resolved on Windows by Windows' own path rules, which Linux lacks).
    const shell = electronPathDefaults({ env: WIN_ENV, platform: 'win32', userData: WIN_USER_DATA });
    expect(found).toEqual({
      dataDir: WIN_DATA,
      configPath: WIN_CONFIG,
      configNamed: false,
      configReason: "the Electron kiosk's default",
      shell: 'Electron kiosk',
    });
    // Files in a user's profile (the layout before ProgramData) are not the kiosk's on Windows; the command ignores them too.
    expect([found.dataDir, found.configPath]).toEqual([shell.dataDir, shell.configPath]);
  });

  it("on Windows: IT's own account finds the kiosk the kiosk account runs, whatever its %APPDATA%", () => {
    const files = [`${WIN_DATA}\\ratings.db`, WIN_CONFIG];
    const asKiosk = locateKiosk({}, windows(files, { ...WIN_ENV, APPDATA: 'C:\\Users\\kiosk\\AppData\\Roaming' }));
    const asIt = locateKiosk({}, windows(files));
    expect(asIt).toEqual(asKiosk);
    expect(asIt).toMatchObject({ dataDir: WIN_DATA, configPath: WIN_CONFIG });
    // %ProgramData% elsewhere (another drive) is followed as Windows reports it.
    expect(locateKiosk({}, windows(['D:\\PD\\SatisfactionKiosk\\data\\ratings.db'], { ProgramData: 'D:\\PD' }))).toMatchObject({
      dataDir: 'D:\\PD\\SatisfactionKiosk\\data',
      configPath: null,
      configReason: 'no file at D:\\PD\\SatisfactionKiosk\\config.json',
    });
  });

  it('on Linux: userData under $XDG_CONFIG_HOME or ~/.config, config inside it, as the shell resolves them', () => {
    const userData = '/home/it/.config/SatisfactionKiosk';
    const found = locateKiosk({}, linux([`${userData}/ratings.db`, `${userData}/config.json`]));
    const shell = resolveElectronPaths({ argv: [], env: {}, platform: 'linux', userData });
    expect(found).toMatchObject({ dataDir: shell.dataDir, configPath: shell.configPath, shell: 'Electron kiosk' });
    expect(electronAppDataDir({ platform: 'linux', env: { XDG_CONFIG_HOME: '/xdg' }, home: '/home/it' })).toBe('/xdg');
    expect(electronAppDataDir({ platform: 'darwin', env: {}, home: '/Users/it' })).toBe('/Users/it/Library/Application Support');
  });

  it('a missing ProgramData config is the demo unit, as for the kiosk, and the message says where none was found', () => {
    const found = locateKiosk({}, windows([`${WIN_DATA}\\ratings.db`]));
    expect(found).toMatchObject({ configPath: null, configNamed: false });
    expect(configLabel(found)).toBe(`the embedded demo unit: no file at ${WIN_CONFIG}`);
  });
});

describe("the web host's folder", () => {
  it('is <project>/.kiosk-data with its config.json, wherever the command is run from', () => {
    expect(locateKiosk({}, linux([`${WEB_DATA}/ratings.db`, `${WEB_DATA}/config.json`]))).toEqual({
      dataDir: WEB_DATA,
      configPath: `${WEB_DATA}/config.json`,
      configNamed: false,
      configReason: "the web host's default",
      shell: 'web host',
    });
  });

  it('is refused, with both named, when the Electron kiosk on this machine has a database too', () => {
    const userData = '/home/it/.config/SatisfactionKiosk';
    const message = refusal(() => locateKiosk({}, linux([`${WEB_DATA}/ratings.db`, `${userData}/ratings.db`])));
    expect(message).toBe(
      `two kiosks on this machine: ${WEB_DATA} (web host) and ${userData} (Electron kiosk); choose one with --data-dir DIR or KIOSK_DATA_DIR`,
    );
  });

  it('without any database is refused naming both places looked at', () => {
    expect(refusal(() => locateKiosk({}, windows([])))).toBe(
      `no kiosk database at D:\\kiosk-src\\.kiosk-data\\ratings.db (web host) or ${WIN_DATA}\\ratings.db (Electron kiosk) (give --data-dir DIR or KIOSK_DATA_DIR)`,
    );
  });

  it('without any database may still be checked (check-config): the kiosk of the platform', () => {
    expect(locateKiosk({}, windows([]), { needDatabase: false })).toMatchObject({ dataDir: WIN_DATA, shell: 'Electron kiosk' });
    expect(locateKiosk({}, linux([]), { needDatabase: false })).toMatchObject({ dataDir: WEB_DATA, shell: 'web host' });
  });
});

describe('a folder or config named by flag or variable', () => {
  it('--data-dir beats KIOSK_DATA_DIR, --config beats KIOSK_CONFIG, as for both shells', () => {
    const env = { KIOSK_DATA_DIR: '/var/env-data', KIOSK_CONFIG: '/etc/env.json' };
    expect(locateKiosk({}, linux([], env))).toMatchObject({
      dataDir: '/var/env-data',
      configPath: '/etc/env.json',
      configNamed: true,
      configReason: 'named by KIOSK_CONFIG',
      shell: null,
    });
    expect(locateKiosk({ 'data-dir': '/var/flag', config: '/etc/flag.json' }, linux([], env))).toMatchObject({
      dataDir: '/var/flag',
      configPath: '/etc/flag.json',
      configNamed: true,
      configReason: 'named by --config',
    });
    expect(locateKiosk({ 'data-dir': 'relative/dir' }, linux([])).dataDir).toBe(path.posix.resolve('relative/dir'));
  });

  it('reads DIR/config.json for a named folder, and on Windows falls back to the installed kiosk’s ProgramData file', () => {
    const copied = 'E:\\copied-kiosk';
    expect(locateKiosk({ 'data-dir': copied }, windows([`${copied}\\config.json`, WIN_CONFIG]))).toMatchObject({
      configPath: `${copied}\\config.json`,
      configReason: 'in the data folder',
    });
    expect(locateKiosk({ 'data-dir': copied }, windows([WIN_CONFIG]))).toMatchObject({
      configPath: WIN_CONFIG,
      configReason: "the installed kiosk's (ProgramData)",
    });
    // Linux has no machine-wide file: the folder's own config or the demo.
    expect(locateKiosk({ 'data-dir': '/mnt/copy' }, linux(['/etc/whatever.json']))).toMatchObject({
      configPath: null,
      configReason: 'no file at /mnt/copy/config.json',
    });
  });

  it("a named folder that is the Electron kiosk's data folder reads that kiosk's config", () => {
    expect(locateKiosk({ 'data-dir': WIN_DATA }, windows([`${WIN_DATA}\\config.json`, WIN_CONFIG]))).toMatchObject({
      configPath: WIN_CONFIG,
      shell: 'Electron kiosk',
    });
  });
});
