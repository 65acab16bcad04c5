import type { TranslationShape } from '../types';
import type { errors as vi } from '../vi/errors';

export const errors: TranslationShape<typeof vi> = {
  INVALID_INPUT: 'Invalid data: {{field}} — {{detail}}.',
  CONFIG_INVALID: 'Invalid configuration: {{field}} — {{detail}}. Please contact IT.',
  DATABASE_TOO_NEW: 'The database was created by a newer version of the app. Please update the app or contact IT.',
  DATABASE_ERROR: 'The ratings database could not be opened. Please contact IT.',
  STORAGE_FULL: "The kiosk's storage is full, so nothing could be saved. Please contact IT to free up space.",
  RATING_NOT_FOUND: 'Rating not found.',
  RATING_LOCKED: 'This rating has already been uploaded and cannot be changed.',
  FORBIDDEN: 'Request not allowed.',
  UNAUTHORIZED: 'Missing or wrong access token.',
  PIN_WRONG: 'Wrong PIN, {{n}} attempts left.',
  PIN_LOCKED: 'Locked for {{m}} minutes.',
  PIN_NOT_SET: 'No admin PIN is set. Please contact IT.',
  ADMIN_SESSION_EXPIRED: 'The admin session has expired. Please enter the PIN again.',
  EXPORT_FAILED: 'The report could not be exported. Please try again.',
  DOSSIER_INVALID: 'The dossier code is not valid. Please scan it again or type it.',
  DOSSIER_ALREADY_RATED: 'This dossier has already been rated.',
  NOT_FOUND: 'The requested function does not exist.',
  NOT_SUPPORTED: 'This function is not available on this machine.',
  INTERNAL: 'Something unexpected went wrong. Please try again or contact IT.',
};
