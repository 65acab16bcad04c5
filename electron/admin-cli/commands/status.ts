// `npm run admin -- status [--data-dir DIR] [--config FILE]`: the sync status as JSON, read
// from the database the running kiosk writes (safe alongside it: WAL readers never block).
// When the city server's last comparison found days that differ, they are in the JSON and,
// for the person at the terminal, in Vietnamese on stderr (stdout stays JSON for scripts).
import { vi } from '../../../shared/i18n/vi';
import { formatDayVi, formatLocalDateTime } from '../../../shared/local-time';
import { KIOSK_LOCATION_OPTIONS, parseFlags } from '../../services/command-line';
import { createSyncStateQueries } from '../../services/db/sync-state-queries';
import { readStorageRecovery, storageStatusOf } from '../../services/db/storage-status';
import { fill, formatIntVi } from '../../services/reports/report-format';
import { loadReconciliation, reconciliationStatus, type KeptReconciliation } from '../../services/sync/sync-state';
import { runCommand } from './report-command-support';
import { openKioskForSync } from './sync-command-support';
import type { AdminCommand } from './types';

const USAGE = 'Usage: npm run admin -- status [--data-dir DIR] [--config FILE]';

/** "máy chủ đã nhận X/Y lượt ngày DD/MM/YYYY" per differing day, under when it was checked; '' when all agree. */
export function formatReconciliation(kept: KeptReconciliation | null, timeZone: string): string {
  if (kept === null || kept.days.length === 0) return '';
  const t = vi.sync.reconciliation;
  const lines = kept.days.map(
    (d) => `  - ${fill(t.day, { server: formatIntVi(d.serverReceived), kiosk: formatIntVi(d.kioskDelivered), day: formatDayVi(d.day) })}`,
  );
  return [fill(t.heading, { time: formatLocalDateTime(kept.checkedAtMs, timeZone), n: kept.days.length }), ...lines].map((l) => `${l}\n`).join('');
}

export const statusCommand: AdminCommand = {
  name: 'status',
  summary: 'print the upload status (pending, last success, last error, clock offset, days the server counts differently) as JSON',
  run: (argv) =>
    runCommand(USAGE, async () => {
      const kiosk = await openKioskForSync(parseFlags(argv, KIOSK_LOCATION_OPTIONS), process.env);
      try {
        const timeZone = kiosk.config.timezone;
        // A damaged database replaced at a start is recorded in the database; "disk full" is
        // known only to the running kiosk.
        const storage = storageStatusOf(readStorageRecovery(kiosk.db), null, timeZone);
        const kept = loadReconciliation(createSyncStateQueries(kiosk.db));
        const reconciliation = reconciliationStatus(kept, timeZone);
        const status = { kioskId: kiosk.config.kiosk.id, server: kiosk.config.server.url || null, ...kiosk.sync.status(), storage, reconciliation };
        process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
        process.stderr.write(formatReconciliation(kept, timeZone));
        return 0;
      } finally {
        kiosk.db.close();
      }
    }),
};
