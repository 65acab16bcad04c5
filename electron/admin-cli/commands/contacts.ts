// `npm run admin -- contacts delete|purge|count [--data-dir DIR] [--config FILE]`: the survey
// phone numbers kept on this kiosk. `delete --phone` honours a citizen's request to remove
// their number; `purge` applies contact.retentionDays now (for a scheduled job). Output is
// JSON with counts only: a phone number is never printed.
import { createContactService, normalizeVietnamesePhone } from '../../services/contact-service';
import { KIOSK_LOCATION_OPTIONS, parseFlags, UsageError } from '../../services/command-line';
import { openKioskData, runCommand, type KioskLocation } from './report-command-support';
import type { AdminCommand } from './types';

const USAGE = [
  'Usage: npm run admin -- contacts delete --phone NUMBER [--data-dir DIR] [--config FILE]',
  '       npm run admin -- contacts purge [--data-dir DIR] [--config FILE]',
  '       npm run admin -- contacts count [--data-dir DIR] [--config FILE]',
].join('\n');
const ACTIONS = ['delete', 'purge', 'count'] as const;
type Action = (typeof ACTIONS)[number];

export const contactsCommand: AdminCommand = {
  name: 'contacts',
  summary: 'survey phone numbers: delete one (--phone), purge those past retention, or count them',
  run: ([action, ...argv]) =>
    runCommand(USAGE, async () => {
      if (!ACTIONS.includes(action as Action)) throw new UsageError(action ? `unknown action "${action}"` : 'give an action: delete, purge or count');
      // --phone only where it means something: on purge or count it would be a mistaken job.
      const flags: KioskLocation & { phone?: string } =
        action === 'delete' ? parseFlags(argv, { ...KIOSK_LOCATION_OPTIONS, phone: { type: 'string' } }) : parseFlags(argv, KIOSK_LOCATION_OPTIONS);
      let phone: string | null = null;
      if (action === 'delete') {
        const raw = flags.phone;
        if (raw === undefined) throw new UsageError('--phone NUMBER is required');
        // The message does not repeat the number: stderr may end up in a job's log.
        phone = normalizeVietnamesePhone(raw);
        if (phone === null) throw new UsageError('--phone must be a Vietnamese number: 10-digit mobile (03, 05, 07, 08, 09) or 11-digit landline (02)');
      }
      const kiosk = openKioskData(flags, process.env);
      try {
        const contacts = createContactService({ db: kiosk.db, config: kiosk.config, now: Date.now });
        let result: Record<string, number>;
        if (phone !== null) {
          result = { deleted: contacts.deleteByPhone(phone), remaining: contacts.count() };
          if (kiosk.config.contact.upload) process.stderr.write('note: numbers already sent to the city server are not deleted there\n');
        } else if (action === 'purge') {
          result = { purged: contacts.purge(), retentionDays: kiosk.config.contact.retentionDays, remaining: contacts.count() };
        } else result = { count: contacts.count() };
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return 0;
      } finally {
        kiosk.db.close();
      }
    }),
};
