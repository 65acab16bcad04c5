import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { adaptLogger, createElectronLogger, LOG_MAX_BYTES } from '../../../electron/main/electron-logger';
import { tempDir } from '../../support/temp-db';

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
  it('writes to <logsDir>/main.log and rotates at about 5 MB', async () => {
    const { dir, cleanup } = tempDir('kiosk-log-');
    try {
      const { logger, file } = createElectronLogger(dir, { console: false });
      expect(file).toBe(path.join(dir, 'main.log'));
      expect(LOG_MAX_BYTES).toBe(5 * 1024 * 1024);
      logger.error({ code: 'DATABASE_ERROR' }, 'database unusable');
      await vi.waitFor(() => expect(fs.readFileSync(file, 'utf8')).toContain('database unusable'), { timeout: 2000 });
      expect(fs.readFileSync(file, 'utf8')).toContain('DATABASE_ERROR');
    } finally {
      cleanup();
    }
  });
});
