// Electron's hand-over of a finished export: the file the export worker left in the
// backend's store is copied where the save dialog points (electron is mocked; the store,
// the files and the copy are real), and the store's copy goes whatever the outcome.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { safeFileName, saveExport, suggestExportDir, type ExportSaveDeps } from '../../../electron/main/export-save';
import { silentLogger } from '../../../electron/services/logger';
import { createExportFiles, type ExportFiles } from '../../../electron/services/reports/export-files';
import type { ExportOutput } from '../../../shared/kiosk-api';
import { tempDir } from '../../support/temp-db';

let dir: string;
let cleanup: () => void;
let store: ExportFiles;
const bytes = Buffer.from('Mức độ,Số lượt\nHài lòng,3\n', 'utf8');

/** A finished export as the worker leaves it: a file in the store, answered by id. */
function finished(fileName = 'bao-cao-2026-01.csv'): ExportOutput {
  const slot = store.slot('csv');
  fs.writeFileSync(slot.file, bytes);
  const meta = { fileName, mime: 'text/csv', bytes: bytes.length };
  store.add(slot, meta);
  return { ...meta, fileId: slot.fileId };
}

function deps(choice: { canceled: boolean; filePath?: string }, overrides: Partial<ExportSaveDeps> = {}) {
  const showSaveDialog = vi.fn(async () => choice);
  const d: ExportSaveDeps = {
    showSaveDialog,
    takeFile: (id) => store.take(id),
    copyFile: (from, to) => fs.promises.copyFile(from, to),
    defaultDir: () => '/home/officer/Documents',
    logger: silentLogger,
    ...overrides,
  };
  return { d, showSaveDialog };
}

const storeFiles = () => fs.readdirSync(store.dir);

beforeEach(() => {
  ({ dir, cleanup } = tempDir('kiosk-export-'));
  store = createExportFiles({ dir: path.join(dir, 'temp', 'exports') });
});
afterEach(() => {
  store.close();
  cleanup();
});

describe('saveExport', () => {
  it('copies the file where the head chose, says where, and lets the store copy go', async () => {
    const target = path.join(dir, 'report.csv');
    const built = finished();
    const { d, showSaveDialog } = deps({ canceled: false, filePath: target });
    const result = await saveExport(built, d);
    expect(result).toEqual({ ok: true, value: { ...built, handover: { kind: 'saved', location: target } } });
    expect(fs.readFileSync(target)).toEqual(bytes);
    expect(showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: path.join('/home/officer/Documents', 'bao-cao-2026-01.csv'), filters: [{ name: 'CSV', extensions: ['csv'] }] }),
    );
    expect(storeFiles()).toEqual([]);
    expect(store.take(built.fileId)).toBeNull();
  });

  it('says "cancelled", copies nothing and still removes the store copy when the dialog is cancelled', async () => {
    const copyFile = vi.fn();
    const built = finished();
    const { d } = deps({ canceled: true }, { copyFile });
    expect(await saveExport(built, d)).toEqual({ ok: true, value: { ...built, handover: { kind: 'cancelled' } } });
    expect(copyFile).not.toHaveBeenCalled();
    expect(storeFiles()).toEqual([]);
  });

  it('reports EXPORT_FAILED when the file cannot be written, and removes the store copy', async () => {
    const { d } = deps({ canceled: false, filePath: path.join(dir, 'missing-folder', 'x.csv') });
    expect(await saveExport(finished(), d)).toMatchObject({ ok: false, error: { code: 'EXPORT_FAILED' } });
    expect(storeFiles()).toEqual([]);
  });

  it('reports EXPORT_FAILED without a dialog for a file the store no longer has (taken or expired)', async () => {
    const built = finished();
    store.take(built.fileId);
    const { d, showSaveDialog } = deps({ canceled: false, filePath: path.join(dir, 'x.csv') });
    expect(await saveExport(built, d)).toMatchObject({ ok: false, error: { code: 'EXPORT_FAILED' } });
    expect(showSaveDialog).not.toHaveBeenCalled();
  });

  it('does not let the backend file name pick the folder', async () => {
    const { d, showSaveDialog } = deps({ canceled: true });
    await saveExport(finished('..\\..\\Windows\\evil.csv'), d);
    expect(showSaveDialog).toHaveBeenCalledWith(expect.objectContaining({ defaultPath: path.join('/home/officer/Documents', 'evil.csv') }));
  });
});

describe('safeFileName', () => {
  it.each([
    ['bao-cao.xlsx', 'bao-cao.xlsx'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\x\\a.pdf', 'a.pdf'],
    ['a:b?.csv', 'a_b_.csv'],
    ['..', 'export'],
    ['', 'export'],
  ])('%s → %s', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });
});

describe('suggestExportDir', () => {
  const listDirs = (dirs: Record<string, string[]>) => (d: string) => dirs[d] ?? [];

  it('prefers a mounted USB stick on Linux', () => {
    expect(suggestExportDir({ platform: 'linux', user: 'kiosk', fallback: '/docs', listDirs: listDirs({ '/media/kiosk': ['USB16GB'] }) })).toBe(
      '/media/kiosk/USB16GB',
    );
    expect(suggestExportDir({ platform: 'linux', user: 'kiosk', fallback: '/docs', listDirs: listDirs({ '/run/media/kiosk': ['STICK'] }) })).toBe(
      '/run/media/kiosk/STICK',
    );
  });

  it('falls back to Documents without a stick, and always on Windows', () => {
    expect(suggestExportDir({ platform: 'linux', user: 'kiosk', fallback: '/docs', listDirs: listDirs({}) })).toBe('/docs');
    expect(suggestExportDir({ platform: 'win32', user: 'kiosk', fallback: 'C:\\Users\\kiosk\\Documents', listDirs: listDirs({ '/media/kiosk': ['X'] }) })).toBe(
      'C:\\Users\\kiosk\\Documents',
    );
  });
});
