// Plain list of the contract's method names. Kept apart from the schemas so the sandboxed
// preload can build `window.kiosk` without bundling the validation library.
export const KIOSK_METHODS = [
  'getBootstrap',
  'submitRating',
  'amendRating',
  'getSyncStatus',
  'adminUnlock',
  'adminLock',
  'getTally',
  'exportReport',
  'openDossier',
  'getDuty',
  'setDuty',
  'holdForComment',
  'submitContact',
  // IT, behind the reception head's PIN (issue 13): the diagnostics screen and quitting the app.
  'getDiagnostics',
  'testConnection',
  'exportDiagnostics',
  'adminExit',
] as const;
export type KioskMethod = (typeof KIOSK_METHODS)[number];

export const IPC_PREFIX = 'kiosk:';
export const ipcChannel = (method: KioskMethod): string => `${IPC_PREFIX}${method}`;
