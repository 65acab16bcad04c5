// An upload error code in words, for the sync panel and the diagnostics screen.
import type { TFunction } from 'i18next';
import { SYNC_ERROR_CODES, type SyncErrorCode } from '../../../shared/upload-protocol';

/** The upload error in words; an unknown code (a newer backend) is shown as is. */
export function syncErrorText(t: TFunction, code: string): string {
  return (SYNC_ERROR_CODES as readonly string[]).includes(code) ? t(`sync.errors.${code as SyncErrorCode}`) : code;
}
