// `npm run admin -- status --data-dir DIR [--config FILE]`: the sync status as JSON, read
// from the database the running kiosk writes (safe alongside it: WAL readers never block).
import { openKioskForSync } from './sync-command-support';
import type { AdminCommand } from './types';

export const statusCommand: AdminCommand = {
  name: 'status',
  summary: 'print the upload status (pending, last success, last error, clock offset) as JSON',
  async run(argv) {
    const kiosk = openKioskForSync(argv);
    if (!kiosk) return 2;
    try {
      process.stdout.write(`${JSON.stringify({ kioskId: kiosk.config.kiosk.id, server: kiosk.config.server.url || null, ...kiosk.sync.status() }, null, 2)}\n`);
      return 0;
    } finally {
      kiosk.db.close();
    }
  },
};
