// `npm run admin -- sync [--data-dir DIR] [--config FILE]`: one sync now, for IT or a
// scheduled job. Exit 1 when ratings are left pending because of an error, 2 on bad usage,
// 3 when the config turns uploads off: its own code, so that a scheduled job can tell "this
// kiosk keeps its ratings" (nothing a retry would fix, nothing wrong with the job) from a
// mistyped command.
import { KIOSK_LOCATION_OPTIONS, parseFlags } from '../../services/command-line';
import { runCommand } from './report-command-support';
import { openKioskForSync } from './sync-command-support';
import type { AdminCommand } from './types';

const USAGE = 'Usage: npm run admin -- sync [--data-dir DIR] [--config FILE]';

/** The config has no server.url: there is nowhere to upload to. */
export const EXIT_UPLOADS_OFF = 3;

export const syncCommand: AdminCommand = {
  name: 'sync',
  summary: 'upload pending ratings now; exit 1 if some are left pending because of an error, 3 if uploads are off',
  run: (argv) =>
    runCommand(USAGE, async () => {
      const kiosk = await openKioskForSync(parseFlags(argv, KIOSK_LOCATION_OPTIONS), process.env);
      try {
        const { sync } = kiosk;
        const result = await sync.syncNow();
        if (!result) {
          process.stderr.write('uploads are off: server.url is empty in the config\n');
          return EXIT_UPLOADS_OFF;
        }
        const status = sync.status();
        process.stdout.write(
          `${JSON.stringify({ result: { ...result.stop, delivered: result.delivered, rejected: result.rejected, requests: result.requests }, status }, null, 2)}\n`,
        );
        return result.stop.kind !== 'done' && status.pending > 0 ? 1 : 0;
      } finally {
        kiosk.db.close();
      }
    }),
};
