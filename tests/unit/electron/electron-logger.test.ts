import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { adaptLogger, archiveLog, createElectronLogger, LOG_ARCHIVES, LOG_MAX_BYTES } from '../../../electron/main/electron-logger';
import { tempDir } from '../../support/temp-db';
import { parsedTestConfig } from '../../support/test-config';

describe('adaptLogger', () => {
  it('turns (object, message) into (message, object)', () => {
    const target = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const logger = adaptLogger(target);
    logger.info({ a: 1 }, 'started');
    logger.warn('plain');
    logger.error({ code: 'X' });
    expect(target.info).toHaveBeenCalledWith('started', { a: 1 });
    expect(target.warn).toHaveBeenCalledWith('plain');
    expect(target.error).toHaveBeenCalledWith('', { code: 'X' });
  });
});

describe('createElectronLogger', () => {
  it('writes to <logsDir>/main.log, rotating at 5 MB into five archives by default', () => {
    const { dir, cleanup } = tempDir('kiosk-log-');
    try {
      const { logger, file } = createElectronLogger(dir, { console: false });
      expect(file).toBe(path.join(dir, 'main.log'));
      expect([LOG_MAX_BYTES, LOG_ARCHIVES]).toEqual([5 * 1024 * 1024, 5]);
      logger.error({ code: 'DATABASE_ERROR' }, 'database unusable');
      // electron-log writes synchronously: the line is there when the call returns.
      expect(fs.readFileSync(file, 'utf8')).toMatch(/\[error\] database unusable .*DATABASE_ERROR/);
    } finally {
      cleanup();
    }
  });

  it('keeps main.log and at most the configured number of archives, newest in main.1.log', () => {
    const { dir, cleanup } = tempDir('kiosk-log-rotate-');
    try {
      const { logger } = createElectronLogger(dir, { console: false, maxBytes: 2000, archives: 3 });
      for (let i = 0; i < 200; i++) logger.info({ line: i, pad: 'x'.repeat(40) }, 'filler');
      expect(fs.readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log', 'main.3.log', 'main.log']);
      const lastLine = (f: string) => Math.max(...[...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/line: (\d+)/g)].map((m) => Number(m[1])));
      expect(lastLine('main.log')).toBe(199);
      expect(lastLine('main.1.log')).toBeGreaterThan(lastLine('main.2.log'));
      expect(lastLine('main.2.log')).toBeGreaterThan(lastLine('main.3.log'));
      for (const f of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, f)).size).toBeLessThan(2000 + 200);
    } finally {
      cleanup();
    }
  });

  it('redacts before writing, and blanks the configuration’s secrets once added', () => {
    const { dir, cleanup } = tempDir('kiosk-log-redact-');
    try {
      const { logger, file } = createElectronLogger(dir, { console: false });
      logger.info({ comment: 'Cán bộ rất nhiệt tình', phone: '0912345678' }, 'rating amended');
      logger.useConfig(parsedTestConfig({ server: { url: 'https://city.example/api', token: 'kiosk-token-abcdef' } }));
      logger.warn({ detail: 'server echoed kiosk-token-abcdef' }, 'upload refused');
      const text = fs.readFileSync(file, 'utf8');
      expect(text).toContain('rating amended');
      expect(text).toContain('upload refused');
      for (const secret of ['Cán bộ rất nhiệt tình', '0912345678', 'kiosk-token-abcdef']) expect(text).not.toContain(secret);
    } finally {
      cleanup();
    }
  });
});

describe('archiveLog', () => {
  it('shifts the archives up and drops the oldest', () => {
    const { dir, cleanup } = tempDir('kiosk-log-archive-');
    try {
      const f = (name: string) => path.join(dir, name);
      for (const [name, body] of [
        ['main.log', 'now'],
        ['main.1.log', 'one'],
        ['main.2.log', 'two'],
      ]) {
        fs.writeFileSync(f(name!), body!);
      }
      archiveLog(f('main.log'), 2);
      expect(fs.readdirSync(dir).sort()).toEqual(['main.1.log', 'main.2.log']);
      expect([fs.readFileSync(f('main.1.log'), 'utf8'), fs.readFileSync(f('main.2.log'), 'utf8')]).toEqual(['now', 'one']);
    } finally {
      cleanup();
    }
  });
});
