// `npm run admin -- sync [--data-dir DIR] [--config FILE]`: one sync now, for IT or a
// scheduled job. Exit 1 when ratings are left pending because of an error, 2 on bad usage
// or when the config turns uploads off (nothing a retry would fix).
import { KIOSK_LOCATION_OPTIONS, parseFlags } from '../../services/command-line';
import { runCommand } from './report-command-support';
import { openKioskForSync } from './sync-command-support';
import type { AdminCommand } from './types';

const USAGE = 'Usage: npm run admin -- sync [--data-dir DIR] [--config FILE]';

export const syncCommand: AdminCommand = {
  name: 'sync',
  summary: 'upload pending ratings now; exit 1 if some are left pending because of an error',
  run: (argv) =>
    runCommand(USAGE, async () => {
      const kiosk = openKioskForSync(parseFlags(argv, KIOSK_LOCATION_OPTIONS), process.env);
      try {
        const { sync } = kiosk;
        const result = await sync.syncNow();
        if (!result) {
          process.stderr.write('uploads are off: server.url is empty in the config\n');
          return 2;
        }
        const status = sync.status();
        process.stdout.write(`${JSON.stringify({ result: { ...result.stop, delivered: result.delivered, rejected: result.rejected, requests: result.requests }, status }, null, 2)}\n`);
        return result.stop.kind !== 'done' && status.pending > 0 ? 1 : 0;
      } finally {
        kiosk.db.close();
      }
    }),
};
