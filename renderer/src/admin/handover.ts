// What became of a finished file (a report or the diagnostics zip): a shell that saves files
// itself says so in the answer; otherwise the page collects the file by id and the browser
// downloads it. One wording for both, on screen.
import type { TFunction } from 'i18next';
import type { KioskError } from '../../../shared/errors';
import type { ExportOutput } from '../../../shared/kiosk-api';
import { collectExportFile } from './download';
import { errorMessage } from './error-message';

export type HandoverOutcome =
  { kind: 'saved'; path: string } | { kind: 'downloaded'; file: string } | { kind: 'cancelled' } | { kind: 'error'; error: KioskError } | null;

/** Hands `output` over; `what` names the file in the error detail when the download breaks. */
export async function handOver(output: ExportOutput, what: string): Promise<HandoverOutcome> {
  if (output.handover?.kind === 'saved') return { kind: 'saved', path: output.handover.location };
  if (output.handover?.kind === 'cancelled') return { kind: 'cancelled' };
  const collected = await collectExportFile(output.fileId, output.fileName, output.mime);
  return collected
    ? { kind: 'downloaded', file: output.fileName }
    : { kind: 'error', error: { code: 'EXPORT_FAILED', detail: `${what} could not be downloaded` } };
}

/** The status line under the buttons once the file is handed over. */
export function handoverStatus(t: TFunction, outcome: HandoverOutcome): string {
  switch (outcome?.kind) {
    case undefined:
      return '';
    case 'saved':
      return t('admin.exports.saved', { path: outcome.path });
    case 'downloaded':
      return t('admin.exports.downloaded', { file: outcome.file });
    case 'cancelled':
      return t('admin.exports.cancelled');
    case 'error':
      return errorMessage(t, outcome.error);
  }
}
