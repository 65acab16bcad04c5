import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronPathDefaults, logsDirFor, resolveElectronPaths } from '../../../electron/main/app-paths';

const userData = path.resolve('/home/kiosk/.config/SatisfactionKiosk');

describe('Electron kiosk paths', () => {
  it('on Windows reads the config from ProgramData and keeps data in userData', () => {
    const d = electronPathDefaults({
      platform: 'win32',
      env: { ProgramData: 'D:\\ProgramData' },
      userData: 'C:\\Users\\kiosk\\AppData\\Roaming\\SatisfactionKiosk',
    });
    expect(d).toEqual({ dataDir: 'C:\\Users\\kiosk\\AppData\\Roaming\\SatisfactionKiosk', configPath: 'D:\\ProgramData\\SatisfactionKiosk\\config.json' });
    expect(electronPathDefaults({ platform: 'win32', env: {}, userData: 'U' }).configPath).toBe('C:\\ProgramData\\SatisfactionKiosk\\config.json');
  });

  it('elsewhere keeps config and data in userData', () => {
    expect(resolveElectronPaths({ argv: [], env: {}, platform: 'linux', userData })).toEqual({
      dataDir: userData,
      configPath: path.join(userData, 'config.json'),
      configNamed: false,
    });
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

  it('honours --data-dir', () => {
    expect(resolveElectronPaths({ argv: ['--data-dir', '/var/kiosk'], env: {}, platform: 'linux', userData }).dataDir).toBe(path.resolve('/var/kiosk'));
  });

  it('puts logs under userData/logs', () => {
    expect(logsDirFor(userData)).toBe(path.join(userData, 'logs'));
  });
});
