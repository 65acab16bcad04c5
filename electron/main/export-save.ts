// Electron's half of exportReport: the backend's export worker has written the file into
// its export folder, and the main process asks the reception head where to save it (a USB
// stick, usually), copies it there and lets the backend's copy go. The renderer never
// receives a path it could write to, nor the file itself: only what became of it.
import fs from 'node:fs';
import path from 'node:path';
import type { SaveDialogOptions } from 'electron';
import { fail, ok, type Result } from '../../shared/errors';
import type { ExportOutput } from '../../shared/kiosk-api';
import type { Logger } from '../services/logger';
import type { TakenExport } from '../services/reports/export-files';

export interface ExportSaveDeps {
  showSaveDialog(options: SaveDialogOptions): Promise<{ canceled: boolean; filePath?: string }>;
  /** The finished file by id, from the backend's export store (null once taken or expired). */
  takeFile(fileId: string): TakenExport | null;
  copyFile(from: string, to: string): Promise<void>;
  /** Folder the dialog opens in. */
  defaultDir(): string;
  logger: Logger;
}

const FILTERS: Record<string, { name: string; extensions: string[] }> = {
  '.xlsx': { name: 'Excel', extensions: ['xlsx'] },
  '.csv': { name: 'CSV', extensions: ['csv'] },
  '.pdf': { name: 'PDF', extensions: ['pdf'] },
  // The diagnostics zip for IT (exportDiagnostics).
  '.zip': { name: 'ZIP', extensions: ['zip'] },
};

/** A name from the backend, stripped of any folder part so it cannot choose the folder. */
export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[<>:"|?*\u0000-\u001f]/g, '_');
  return base.length > 0 && base !== '.' && base !== '..' ? base : 'export';
}

export async function saveExport(output: ExportOutput, deps: ExportSaveDeps): Promise<Result<ExportOutput>> {
  // Taken before the dialog opens: the store's time-to-live must not delete it while the head chooses.
  const taken = deps.takeFile(output.fileId);
  if (!taken) return fail('EXPORT_FAILED', { detail: 'the export file is no longer available' });
  try {
    const fileName = safeFileName(output.fileName);
    const filter = FILTERS[path.extname(fileName).toLowerCase()];
    const choice = await deps.showSaveDialog({
      defaultPath: path.join(deps.defaultDir(), fileName),
      filters: filter ? [filter] : [],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    if (choice.canceled || !choice.filePath) return ok({ ...output, fileName, handover: { kind: 'cancelled' } });
    try {
      await deps.copyFile(taken.file, choice.filePath);
    } catch (error) {
      deps.logger.error({ file: choice.filePath, error: String(error) }, 'export write failed');
      return fail('EXPORT_FAILED', { detail: (error as Error).message });
    }
    deps.logger.info({ file: choice.filePath, bytes: taken.bytes }, 'report exported');
    return ok({ ...output, fileName, handover: { kind: 'saved', location: choice.filePath } });
  } finally {
    await taken.dispose();
  }
}

/**
 * A mounted USB stick when one is easy to find (Linux mounts them under /media/<user> or
 * /run/media/<user>), else the fallback (Documents). Windows offers removable drives in
 * the dialog's sidebar, so it just opens in Documents.
 */
export function suggestExportDir(options: {
  platform: NodeJS.Platform;
  user: string | undefined;
  fallback: string;
  listDirs?: (dir: string) => string[];
}): string {
  const listDirs = options.listDirs ?? listSubdirs;
  if (options.platform !== 'linux' || !options.user) return options.fallback;
  for (const base of [path.join('/media', options.user), path.join('/run/media', options.user)]) {
    const first = listDirs(base)[0];
    if (first) return path.join(base, first);
  }
  return options.fallback;
}

function listSubdirs(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}
