// The store of finished exports on a real temp folder: given out once by id, deleted when
// nobody collects it in time (fake timers), and the folder emptied at start and at close.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createExportFiles, EXPORT_FILE_ID_PATTERN, exportFilesDir, type ExportFiles } from '../../../electron/services/reports/export-files';
import { tempDir } from '../../support/temp-db';

let t: { dir: string; cleanup: () => void };
let dir: string;
let store: ExportFiles | null = null;
const meta = { fileName: 'bao-cao.csv', mime: 'text/csv', bytes: 3 };

function open(ttlMs = 60_000): ExportFiles {
  store = createExportFiles({ dir, ttlMs });
  return store;
}

function finish(s: ExportFiles): { fileId: string; file: string } {
  const slot = s.slot('csv');
  fs.writeFileSync(slot.file, 'a,b');
  s.add(slot, meta);
  return slot;
}

beforeEach(() => {
  t = tempDir('export-files-');
  dir = exportFilesDir(t.dir);
});
afterEach(() => {
  vi.useRealTimers();
  store?.close();
  store = null;
  t.cleanup();
});

describe('export files', () => {
  it('lives in temp/exports under the data folder and names each file by a fresh unguessable id', () => {
    expect(dir).toBe(path.join(t.dir, 'temp', 'exports'));
    const s = open();
    const a = s.slot('xlsx');
    const b = s.slot('xlsx');
    expect(a.fileId).toMatch(EXPORT_FILE_ID_PATTERN);
    expect(a.fileId).not.toBe(b.fileId);
    expect(a.file).toBe(path.join(dir, `${a.fileId}.xlsx`));
  });

  it('gives a finished file out once, and the taker removes it', async () => {
    const s = open();
    const slot = finish(s);
    const taken = s.take(slot.fileId)!;
    expect(taken).toMatchObject({ ...meta, ...slot });
    expect(s.take(slot.fileId)).toBeNull();
    expect(fs.existsSync(slot.file)).toBe(true);
    await taken.dispose();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('knows nothing of ids it did not make, or of malformed ones', () => {
    const s = open();
    finish(s);
    expect(s.take('A'.repeat(32))).toBeNull();
    expect(s.take('../../ratings.db')).toBeNull();
  });

  it('deletes a file nobody collects within its time-to-live', async () => {
    vi.useFakeTimers();
    const s = open(60_000);
    const slot = finish(s);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(s.pending()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.pending()).toBe(0);
    expect(s.take(slot.fileId)).toBeNull();
    await vi.waitFor(() => expect(fs.existsSync(slot.file)).toBe(false));
  });

  it('keeps a taken file past the time-to-live: the taker owns it (a save dialog may stay open)', async () => {
    vi.useFakeTimers();
    const s = open(1_000);
    const slot = finish(s);
    const taken = s.take(slot.fileId)!;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(fs.existsSync(slot.file)).toBe(true);
    await taken.dispose();
    expect(fs.existsSync(slot.file)).toBe(false);
  });

  it('empties the folder at start (files a crash left behind) and removes it at close', () => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'left-over.xlsx'), 'old report');
    const s = open();
    expect(fs.readdirSync(dir)).toEqual([]);
    finish(s);
    s.close();
    store = null;
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('discards a file that never became ready', async () => {
    const s = open();
    const slot = s.slot('pdf');
    fs.writeFileSync(slot.file, 'half a pdf');
    await s.discard(slot.file);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(s.take(slot.fileId)).toBeNull();
  });
});
