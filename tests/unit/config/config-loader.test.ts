import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../electron/services/config-loader';
import { resolveKioskPaths } from '../../../electron/services/paths';
import { tempDir } from '../../support/temp-db';

let t: { dir: string; cleanup: () => void };
beforeEach(() => (t = tempDir()));
afterEach(() => t.cleanup());

function load(content: unknown) {
  const file = path.join(t.dir, 'config.json');
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return loadConfig(file);
}
const minimal = { unit: { code: 'PKU', name: 'Phường Pleiku' }, kiosk: { id: 'k-01' } };

describe('loading the configuration', () => {
  it('falls back to the embedded demo config when the file is missing', () => {
    const r = loadConfig(path.join(t.dir, 'absent.json'));
    expect(r.ok && r.value.source).toBe('demo');
    expect(r.ok && r.value.config.scale).toBe('3');
  });

  it('fills the documented defaults', () => {
    const r = load(minimal);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const c = r.value.config;
    expect(c).toMatchObject({
      scale: '3', languages: ['vi', 'en'], timezone: 'Asia/Ho_Chi_Minh',
      timeouts: { thankYouSeconds: 5, followUpSeconds: 20 },
      misuse: { cooldownSeconds: 3, burstCount: 5, burstWindowSeconds: 30 },
      server: { url: '', intervalSeconds: 300, batchSize: 200, timeoutSeconds: 30, backoff: { baseSeconds: 30, maxSeconds: 900 } },
      retentionDays: 90,
    });
    expect(r.value.source).toBe('file');
  });

  it('accepts fractional durations (tests use short ones)', () => {
    const r = load({ ...minimal, timeouts: { thankYouSeconds: 0.5, followUpSeconds: 1.5 } });
    expect(r.ok && r.value.config.timeouts.thankYouSeconds).toBe(0.5);
  });

  it('reads a file saved by Notepad with a UTF-8 BOM', () => {
    expect(load(`\uFEFF${JSON.stringify(minimal)}`).ok).toBe(true);
  });

  it.each([
    ['not JSON', '{ unit: ', '(file)'],
    ['unknown scale', { ...minimal, scale: '4' }, 'scale'],
    ['a typo in a key', { ...minimal, timeout: {} }, 'timeout'],
    ['a typo in a nested key', { ...minimal, misuse: { cooldownSecond: 2 } }, 'misuse.cooldownSecond'],
    ['negative timeout', { ...minimal, timeouts: { thankYouSeconds: -1 } }, 'timeouts.thankYouSeconds'],
    ['missing unit name', { unit: { code: 'X' }, kiosk: { id: 'k' } }, 'unit.name'],
    ['counter that does not exist', { ...minimal, kiosk: { id: 'k', counterId: 'Q9' } }, 'kiosk.counterId'],
    ['server without token', { ...minimal, server: { url: 'https://city.example/api' } }, 'server.token'],
    ['non-http server url', { ...minimal, server: { url: 'ftp://x', token: 't' } }, 'server.url'],
    ['unknown time zone', { ...minimal, timezone: 'Mars/Olympus' }, 'timezone'],
    ['languages not starting with vi', { ...minimal, languages: ['en', 'vi'] }, 'languages'],
  ])('names the field for %s', (_name, content, field) => {
    const r = load(content);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('CONFIG_INVALID');
    expect(r.error.field).toBe(field);
    expect(r.error.detail).toBeTruthy();
  });
});

describe('where data and config live', () => {
  const defaults = { dataDir: '/default/data' };
  it('prefers flags over environment over defaults', () => {
    expect(resolveKioskPaths(['--data-dir', '/flag'], { KIOSK_DATA_DIR: '/env' }, defaults).dataDir).toBe(path.resolve('/flag'));
    expect(resolveKioskPaths([], { KIOSK_DATA_DIR: '/env' }, defaults).dataDir).toBe(path.resolve('/env'));
    expect(resolveKioskPaths([], {}, defaults)).toEqual({ dataDir: path.resolve('/default/data'), configPath: path.resolve('/default/data/config.json') });
    expect(resolveKioskPaths(['--config=/c.json'], { KIOSK_CONFIG: '/e.json' }, defaults).configPath).toBe(path.resolve('/c.json'));
    expect(resolveKioskPaths([], { KIOSK_CONFIG: '/e.json' }, defaults).configPath).toBe(path.resolve('/e.json'));
  });
});
