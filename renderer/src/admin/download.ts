// Collecting a finished export in the browser: when no shell has handed the file over
// itself (Electron saves it through a dialog), the web host keeps it for a few minutes and
// serves it once at GET exports/<fileId>, with the same token as the API. The page fetches
// it, and saves it through a temporary object URL and an <a download>.
import { takePageToken, type TokenPage } from '../api/page-token';

/** The header the web host checks, as the HTTP client sends it. */
const TOKEN_HEADER = 'X-Kiosk-Token';

export interface CollectOptions {
  fetch?: typeof fetch;
  doc?: Document;
  /** The page the token is read from (the HTTP client took it from there at start). */
  page?: TokenPage;
  /** Base URL of the web host; relative to the page by default. */
  baseUrl?: string;
}

/** Saves a Blob under `fileName` through the browser's download. */
export function saveBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  doc.body.appendChild(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in Chromium; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Fetches the export by id and saves it; false when the host no longer has it or the transfer broke. */
export async function collectExportFile(fileId: string, fileName: string, mime: string, options: CollectOptions = {}): Promise<boolean> {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  try {
    const response = await doFetch(`${options.baseUrl ?? ''}exports/${encodeURIComponent(fileId)}`, {
      headers: { [TOKEN_HEADER]: takePageToken(options.page ?? window) },
      cache: 'no-store',
    });
    if (!response.ok) return false;
    const body = await response.blob();
    saveBlob(body.type === mime ? body : new Blob([body], { type: mime }), fileName, options.doc ?? document);
    return true;
  } catch {
    return false;
  }
}
