// `npm run admin -- status [--data-dir DIR] [--config FILE]`: the sync status as JSON, read
// from the database the running kiosk writes (safe alongside it: WAL readers never block).
import { KIOSK_LOCATION_OPTIONS, parseFlags } from '../../services/command-line';
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
        process.stdout.write(`${JSON.stringify({ kioskId: kiosk.config.kiosk.id, server: kiosk.config.server.url || null, ...kiosk.sync.status() }, null, 2)}\n`);
        return 0;
      } finally {
        kiosk.db.close();
      }
    }),
};
