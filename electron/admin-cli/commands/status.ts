// `npm run admin -- status [--data-dir DIR] [--config FILE]`: the sync status as JSON, read
// from the database the running kiosk writes (safe alongside it: WAL readers never block).
import { KIOSK_LOCATION_OPTIONS, parseFlags } from '../../services/command-line';
import { readStorageRecovery, storageStatusOf } from '../../services/db/storage-status';
import { runCommand } from './report-command-support';
import { openKioskForSync } from './sync-command-support';
import type { AdminCommand } from './types';

const USAGE = 'Usage: npm run admin -- status [--data-dir DIR] [--config FILE]';

export const statusCommand: AdminCommand = {
  name: 'status',
  summary: 'print the upload status (pending, last success, last error, clock offset) as JSON',
  run: (argv) =>
    runCommand(USAGE, async () => {
      const kiosk = openKioskForSync(parseFlags(argv, KIOSK_LOCATION_OPTIONS), process.env);
      try {
        // A damaged database replaced at a start is recorded in the database; "disk full" is
        // known only to the running kiosk.
        const storage = storageStatusOf(readStorageRecovery(kiosk.db), null, kiosk.config.timezone);
        const status = { kioskId: kiosk.config.kiosk.id, server: kiosk.config.server.url || null, ...kiosk.sync.status(), storage };
        process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
        return 0;
      } finally {
        kiosk.db.close();
      }
    }),
};
