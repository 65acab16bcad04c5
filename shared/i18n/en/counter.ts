import type { counter as vi } from '../vi/counter';
import type { TranslationShape } from '../types';

export const counter: TranslationShape<typeof vi> = {
  signIn: {
    whoTitle: 'Who is signing in?',
    head: 'Reception head',
    officerHint: 'Officers enter their own PIN to start their shift at this counter.',
    pinFor: 'Enter the PIN of {{name}}',
  },
  tabs: {
    tally: 'Tally',
    duty: 'Shift and dossier code',
  },
  duty: {
    title: 'Officer on duty at this counter',
    current: 'On duty: {{name}}',
    nobody: 'No officer has signed in. Ratings record the counter only.',
    choose: 'Choose the officer on duty',
    otherCounters: 'Officers of other counters',
    signOut: 'End shift',
    signedIn: 'Signed in: {{name}}',
    endsAtMidnight: 'The shift ends by itself at the end of the day.',
    close: 'Close',
  },
  typed: {
    open: 'Type a dossier code',
    title: 'Type a dossier code',
    hint: 'Type the code printed on the dossier receipt, e.g. 000.00.31.H21-261201-0042.',
    submit: 'Ask the citizen to rate',
    cancel: 'Back',
  },
  scan: {
    invalid: 'Invalid dossier code, nothing recorded. Please scan again.',
    queued: 'Dossier {{code}} received. The rating screen opens after the current citizen.',
    failed: 'Could not read the dossier code. Please scan again.',
  },
};
