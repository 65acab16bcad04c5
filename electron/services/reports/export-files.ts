// Finished export files waiting for their shell to hand them over: Electron copies one to
// where the save dialog points, the web host serves one once to the page that asked. Each
// is a file in <dataDir>/temp/exports named by a random id, and the id is all the contract
// carries. A file nobody collects is deleted after a few minutes, and the folder is emptied
// at start and at close, so reports (staff personal data) do not pile up on the kiosk.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger';

/** 24 random bytes in base64url: unguessable, and safe as a file name and a URL segment. */
export const EXPORT_FILE_ID_PATTERN = /^[A-Za-z0-9_-]{32}$/;
/** Long enough for a save dialog or a download to start, short enough not to keep reports around. */
export const EXPORT_FILE_TTL_MS = 5 * 60_000;

export interface ExportFileMeta {
  fileName: string;
  mime: string;
  bytes: number;
}

/** Where a new export is to be written, and the id it will be collected by. */
export interface ExportFileSlot {
  fileId: string;
  file: string;
}

/** A finished file taken out of the store: the taker owns it and calls dispose() when done. */
export interface TakenExport extends ExportFileMeta, ExportFileSlot {
  dispose(): Promise<void>;
}

export interface ExportFilesOptions {
  /** The folder the store owns; emptied at start. */
  dir: string;
  ttlMs?: number;
  logger?: Logger;
}

export function exportFilesDir(dataDir: string): string {
  return path.join(dataDir, 'temp', 'exports');
}

export function createExportFiles(options: ExportFilesOptions) {
  const { dir } = options;
  const ttlMs = options.ttlMs ?? EXPORT_FILE_TTL_MS;
  const ready = new Map<string, ExportFileMeta & { file: string; expiry: NodeJS.Timeout }>();

  const remove = (file: string) =>
    fs.promises.rm(file, { force: true }).catch((error: unknown) => options.logger?.warn({ file, error: String(error) }, 'export file not removed'));

  function emptyFolder(): void {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }
  // Left over from a previous run (a crash, a pulled plug): nobody can collect them now.
  emptyFolder();

  return {
    dir,
    /** A fresh id and the path to write that export to; nothing is registered until add(). */
    slot(extension: string): ExportFileSlot {
      const fileId = randomBytes(24).toString('base64url');
      return { fileId, file: path.join(dir, `${fileId}.${extension.replace(/[^a-z0-9]/gi, '')}`) };
    },
    /** Registers a finished file for collection by its id, until the time-to-live runs out. */
    add(slot: ExportFileSlot, meta: ExportFileMeta): void {
      const expiry = setTimeout(() => {
        if (!ready.delete(slot.fileId)) return;
        options.logger?.info({ fileId: slot.fileId }, 'export file not collected in time; deleted');
        void remove(slot.file);
      }, ttlMs);
      expiry.unref();
      ready.set(slot.fileId, { ...meta, file: slot.file, expiry });
    },
    /** The file by id, once: a second take (or one after the time-to-live) gets null. */
    take(fileId: string): TakenExport | null {
      if (!EXPORT_FILE_ID_PATTERN.test(fileId)) return null;
      const entry = ready.get(fileId);
      if (!entry) return null;
      ready.delete(fileId);
      clearTimeout(entry.expiry);
      const { expiry: _expiry, ...rest } = entry;
      return { ...rest, fileId, dispose: () => remove(entry.file) };
    },
    /** Deletes a file that never became ready (a failed or abandoned export). */
    discard: (file: string): Promise<void> => remove(file),
    pending: (): number => ready.size,
    close(): void {
      for (const entry of ready.values()) clearTimeout(entry.expiry);
      ready.clear();
      try {
        fs.rmSync(dir, { recursive: true, force: true });
      } catch (error) {
        options.logger?.warn({ dir, error: String(error) }, 'export folder not removed');
      }
    },
  };
}

export type ExportFiles = ReturnType<typeof createExportFiles>;
