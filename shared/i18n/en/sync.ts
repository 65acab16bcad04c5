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
  reconciliation: {
    heading: 'Checked with the server at {{time}}: counts differ on {{n}} day(s)',
    day: 'the server has received {{server}}/{{kiosk}} ratings for {{day}}',
  },
  errors: {
    network: 'Cannot connect to the server',
    timeout: 'The server did not answer in time',
    server_error: 'The server reported an error',
    bad_response: 'The server answered outside the protocol',
    auth_failed: "Wrong credentials (the kiosk's access token)",
    throttled: 'The server is busy; will retry later',
    too_large: 'Batch too large; sending smaller batches',
    bad_request: 'The server refused the data',
    no_progress: 'The server acknowledged nothing',
    internal: 'Internal error while uploading',
    tls: 'Secure connection (TLS, certificate) to the server failed',
    proxy_unreachable: 'Cannot connect to the proxy server',
    proxy_auth: 'The proxy asks for authentication: wrong or missing proxy user name or password',
    proxy_refused: 'The proxy could not open a connection to the server',
    proxy_timeout: 'No answer in time through the proxy',
    proxy_unsupported: "The system's proxy settings cannot be used (SOCKS is not supported)",
  },
};
