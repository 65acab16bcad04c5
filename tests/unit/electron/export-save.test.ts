import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { safeFileName, saveExport, suggestExportDir, type ExportSaveDeps } from '../../../electron/main/export-save';
import { silentLogger } from '../../../electron/services/logger';

let dir: string;
const bytes = Buffer.from('Mức độ,Số lượt\nHài lòng,3\n', 'utf8');
const built = { fileName: 'bao-cao-2026-01.csv', mime: 'text/csv', savedTo: null, dataBase64: bytes.toString('base64') };

function deps(choice: { canceled: boolean; filePath?: string }, overrides: Partial<ExportSaveDeps> = {}) {
  const showSaveDialog = vi.fn(async () => choice);
  const d: ExportSaveDeps = {
    showSaveDialog,
    writeFile: (file, data) => fs.promises.writeFile(file, data),
    defaultDir: () => '/home/officer/Documents',
    logger: silentLogger,
    ...overrides,
  };
  return { d, showSaveDialog };
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kiosk-export-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('saveExport', () => {
  it('writes the decoded bytes where the officer chose and returns the path, not the data', async () => {
    const target = path.join(dir, 'report.csv');
    const { d, showSaveDialog } = deps({ canceled: false, filePath: target });
    const result = await saveExport(built, d);
    expect(result).toEqual({ ok: true, value: { ...built, dataBase64: null, savedTo: target } });
    expect(fs.readFileSync(target)).toEqual(bytes);
    expect(showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: path.join('/home/officer/Documents', 'bao-cao-2026-01.csv'), filters: [{ name: 'CSV', extensions: ['csv'] }] }),
    );
  });

  it('returns savedTo null and writes nothing when the dialog is cancelled', async () => {
    const writeFile = vi.fn();
    const { d } = deps({ canceled: true }, { writeFile });
    expect(await saveExport(built, d)).toEqual({ ok: true, value: { ...built, dataBase64: null, savedTo: null } });
    expect(writeFile).not.toHaveBeenCalled();
  });

  it('reports EXPORT_FAILED when the file cannot be written', async () => {
    const { d } = deps({ canceled: false, filePath: path.join(dir, 'missing-folder', 'x.csv') });
    expect(await saveExport(built, d)).toMatchObject({ ok: false, error: { code: 'EXPORT_FAILED' } });
  });

  it('reports EXPORT_FAILED without a dialog when the backend sent no data', async () => {
    const { d, showSaveDialog } = deps({ canceled: false, filePath: path.join(dir, 'x.csv') });
    expect(await saveExport({ ...built, dataBase64: null }, d)).toMatchObject({ ok: false, error: { code: 'EXPORT_FAILED' } });
    expect(showSaveDialog).not.toHaveBeenCalled();
  });

  it('does not let the backend file name pick the folder', async () => {
    const { d, showSaveDialog } = deps({ canceled: true });
    await saveExport({ ...built, fileName: '..\\..\\Windows\\evil.csv' }, d);
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
    expect(suggestExportDir({ platform: 'linux', user: 'kiosk', fallback: '/docs', listDirs: listDirs({ '/media/kiosk': ['USB16GB'] }) })).toBe('/media/kiosk/USB16GB');
    expect(suggestExportDir({ platform: 'linux', user: 'kiosk', fallback: '/docs', listDirs: listDirs({ '/run/media/kiosk': ['STICK'] }) })).toBe('/run/media/kiosk/STICK');
  });

  it('falls back to Documents without a stick, and always on Windows', () => {
    expect(suggestExportDir({ platform: 'linux', user: 'kiosk', fallback: '/docs', listDirs: listDirs({}) })).toBe('/docs');
    expect(suggestExportDir({ platform: 'win32', user: 'kiosk', fallback: 'C:\\Users\\kiosk\\Documents', listDirs: listDirs({ '/media/kiosk': ['X'] }) })).toBe(
      'C:\\Users\\kiosk\\Documents',
    );
  });
});
