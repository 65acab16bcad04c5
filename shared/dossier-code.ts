// Dossier codes read from a receipt's barcode or QR code, or typed by staff
// (../shared/reference/rating-scale.md, "Dossier codes").

/**
 * Accepts today's provincial codes, `<agency>-<yymmdd>-<NNNN>` such as
 * `000.00.31.H21-261201-0042`. Matched against the whole code after it is upper-cased.
 */
export const DEFAULT_DOSSIER_PATTERN = '^[A-Z0-9.]+-\\d{6}-\\d{4,}$';

/** The wire protocol's limit for `dossierCode`. */
export const DOSSIER_CODE_MAX_LENGTH = 100;

export type DossierCapture = 'qr' | 'barcode' | 'typed';
