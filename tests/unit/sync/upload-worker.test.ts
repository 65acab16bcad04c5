// The upload worker's pieces that do not need a thread: its own connection's durability,
// its forwarded logs, and where its code is found from source and from the Electron build.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/services/db/database';
import type { WorkerToMain } from '../../../electron/services/sync/sync-messages';
import { forwardingLogger, openWorkerDatabase } from '../../../electron/services/sync/upload-worker';
import { uploadWorkerSource } from '../../../electron/services/sync/worker-entry';
import { tempDir } from '../../support/temp-db';

describe('upload worker', () => {
  it('opens its own connection with synchronous = NORMAL while the tap connection keeps FULL', () => {
    const { dir, cleanup } = tempDir('upload-worker-db-');
    const file = path.join(dir, 'ratings.db');
    const taps = openDatabase(file);
    const worker = openWorkerDatabase(file);
    try {
      expect(worker.pragma('synchronous', { simple: true })).toBe(1);
      expect(worker.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(taps.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      worker.close();
      taps.close();
      cleanup();
    }
  });

  it('forwards log lines with their fields as messages for the main logger', () => {
    const sent: WorkerToMain[] = [];
    const logger = forwardingLogger((m) => sent.push(m));
    logger.warn({ count: 3 }, 'some');
    logger.error('plain');
    expect(sent).toEqual([
      { type: 'log', level: 'warn', msg: 'some', fields: { count: 3 } },
      { type: 'log', level: 'error', msg: 'plain', fields: {} },
    ]);
  });

  it('is found as TypeScript beside the source (with tsx when the host lacks it) and as .js beside the bundle', () => {
    const src = pathToFileURL('/app/electron/services/sync/worker-entry.ts').href;
    expect(uploadWorkerSource(src, ['--import', 'tsx'])).toEqual({ file: '/app/electron/services/sync/upload-worker.ts' });
    expect(uploadWorkerSource(src, ['--conditions=dev'])).toEqual({
      file: '/app/electron/services/sync/upload-worker.ts',
      execArgv: ['--conditions=dev', '--import', 'tsx'],
    });
    expect(uploadWorkerSource(pathToFileURL('/app/dist/electron/main.js').href, [])).toEqual({ file: '/app/dist/electron/upload-worker.js' });
  });
});
