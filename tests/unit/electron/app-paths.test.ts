import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronPathDefaults, legacyDataMove, logsDirFor, resolveElectronPaths } from '../../../electron/main/app-paths';

const userData = path.resolve('/home/kiosk/.config/SatisfactionKiosk');
const WIN_USER_DATA = 'C:\\Users\\kiosk\\AppData\\Roaming\\SatisfactionKiosk';

describe('Electron kiosk paths', () => {
  it('on Windows keeps config, ratings and logs machine-wide under %ProgramData%\\SatisfactionKiosk, not in the user profile', () => {
    const input = { platform: 'win32' as const, env: { ProgramData: 'D:\\ProgramData' }, userData: WIN_USER_DATA };
    expect(electronPathDefaults(input)).toEqual({
      dataDir: 'D:\\ProgramData\\SatisfactionKiosk\\data',
      configPath: 'D:\\ProgramData\\SatisfactionKiosk\\config.json',
    });
    expect(logsDirFor(input)).toBe('D:\\ProgramData\\SatisfactionKiosk\\logs');
    // Without the variable (it is always set on Windows), the usual place.
    expect(electronPathDefaults({ platform: 'win32', env: {}, userData: 'U' })).toEqual({
      dataDir: 'C:\\ProgramData\\SatisfactionKiosk\\data',
      configPath: 'C:\\ProgramData\\SatisfactionKiosk\\config.json',
    });
    expect(electronPathDefaults({ platform: 'win32', env: { PROGRAMDATA: 'E:\\PD' }, userData: 'U' }).dataDir).toBe('E:\\PD\\SatisfactionKiosk\\data');
  });

  it('elsewhere keeps config, data and logs in userData', () => {
    expect(resolveElectronPaths({ argv: [], env: {}, platform: 'linux', userData })).toEqual({
      dataDir: userData,
      configPath: path.join(userData, 'config.json'),
      configNamed: false,
    });
    expect(logsDirFor({ env: {}, platform: 'linux', userData })).toBe(path.join(userData, 'logs'));
    expect(logsDirFor({ env: {}, platform: 'darwin', userData })).toBe(path.join(userData, 'logs'));
  });

  it('lets --config beat KIOSK_CONFIG beat the default', () => {
    const env = { KIOSK_CONFIG: '/etc/kiosk/env.json' };
    expect(resolveElectronPaths({ argv: [], env, platform: 'linux', userData }).configPath).toBe(path.resolve('/etc/kiosk/env.json'));
    expect(resolveElectronPaths({ argv: ['electron', '.', '--config', '/srv/flag.json'], env, platform: 'linux', userData }).configPath).toBe(
      path.resolve('/srv/flag.json'),
    );
    expect(resolveElectronPaths({ argv: ['--config=/srv/eq.json'], env, platform: 'linux', userData }).configPath).toBe(path.resolve('/srv/eq.json'));
  });

  it('marks a config named by --config or KIOSK_CONFIG (which must then exist), not the default', () => {
    expect(resolveElectronPaths({ argv: ['--config', '/srv/flag.json'], env: {}, platform: 'win32', userData }).configNamed).toBe(true);
    expect(resolveElectronPaths({ argv: [], env: { KIOSK_CONFIG: '/etc/kiosk/env.json' }, platform: 'win32', userData }).configNamed).toBe(true);
    expect(resolveElectronPaths({ argv: [], env: { ProgramData: 'D:\\ProgramData' }, platform: 'win32', userData }).configNamed).toBe(false);
  });

  it('honours --data-dir and KIOSK_DATA_DIR', () => {
    expect(resolveElectronPaths({ argv: ['--data-dir', '/var/kiosk'], env: {}, platform: 'linux', userData }).dataDir).toBe(path.resolve('/var/kiosk'));
    expect(resolveElectronPaths({ argv: [], env: { KIOSK_DATA_DIR: '/var/env' }, platform: 'linux', userData }).dataDir).toBe(path.resolve('/var/env'));
  });
});

describe('the ratings of a kiosk installed before the ProgramData layout', () => {
  const win = { platform: 'win32' as const, env: { ProgramData: 'C:\\ProgramData' }, userData: WIN_USER_DATA };

  it('on Windows are to be moved from the user profile into %ProgramData%\\SatisfactionKiosk\\data', () => {
    expect(legacyDataMove({ ...win, argv: ['SatisfactionKiosk.exe'] })).toEqual({ from: WIN_USER_DATA, to: 'C:\\ProgramData\\SatisfactionKiosk\\data' });
  });

  it('stay where they are when IT named the data folder, or where userData is the data folder (Linux, macOS)', () => {
    expect(legacyDataMove({ ...win, argv: ['SatisfactionKiosk.exe', '--data-dir', 'E:\\kiosk'] })).toBeNull();
    expect(legacyDataMove({ ...win, argv: ['--data-dir=E:\\kiosk'] })).toBeNull();
    expect(legacyDataMove({ ...win, argv: [], env: { ...win.env, KIOSK_DATA_DIR: 'E:\\kiosk' } })).toBeNull();
    expect(legacyDataMove({ argv: [], env: {}, platform: 'linux', userData })).toBeNull();
    expect(legacyDataMove({ argv: [], env: {}, platform: 'darwin', userData })).toBeNull();
  });

  it('are not moved onto themselves when userData already is the data folder, in any letter case', () => {
    expect(
      legacyDataMove({ argv: [], env: { ProgramData: 'C:\\ProgramData' }, platform: 'win32', userData: 'c:\\programdata\\satisfactionkiosk\\DATA' }),
    ).toBeNull();
  });
});
