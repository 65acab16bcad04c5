import type { TranslationShape } from '../types';
import type { sync as vi } from '../vi/sync';

export const sync: TranslationShape<typeof vi> = {
  title: 'Data sync',
  pending: 'Not sent: {{n}}',
  rejected: 'Rejected: {{n}}',
  lastSuccess: 'Last sent: {{time}}',
  never: 'never sent',
  disabled: 'No server configured (stored on this kiosk)',
  states: {
    disabled: 'No server configured',
    idle: 'Ready',
    syncing: 'Sending…',
    backoff: 'Cannot reach the server',
    auth_failed: 'Wrong credentials',
  },
};
