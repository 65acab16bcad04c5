// `npm run admin -- tally [--data-dir DIR] [--from YYYY-MM-DD --to YYYY-MM-DD] [--json] [--config FILE]`:
// the same tally the admin screen shows, as a table for people or JSON for scripts.
import { vi } from '../../../shared/i18n/vi';
import type { Tally } from '../../../shared/tally';
import { createTallyQueries } from '../../services/db/tally-queries';
import { fill, formatIntVi, formatPercentVi, hourRange, levelLabel, periodLine, reasonLabel } from '../../services/reports/report-format';
import { createTallyService } from '../../services/reports/tally-service';
import { KIOSK_LOCATION_OPTIONS, parseFlags, UsageError } from '../../services/command-line';
import { openKioskForReport, runCommand } from './report-command-support';
import type { AdminCommand } from './types';

const USAGE = 'Usage: npm run admin -- tally [--data-dir DIR] [--from YYYY-MM-DD --to YYYY-MM-DD] [--json] [--config FILE]';
const R = vi.report;

function line(label: string, ...cols: string[]): string {
  return `${label.padEnd(44)}${cols.map((c) => c.padStart(14)).join('')}\n`;
}

export function formatTallyTable(t: Tally, unitName: string, officerMin: number): string {
  let out = `${R.title}\n${unitName}\n${periodLine(t.from, t.to)}\n\n`;
  out += line(R.columns.level, R.columns.count, R.columns.percent);
  for (const l of t.levels) out += line(levelLabel(l.level), formatIntVi(l.count), formatPercentVi(l.percent));
  out += line(R.rows.total, formatIntVi(t.total));
  out += line(R.rows.satisfiedRate, '', formatPercentVi(t.satisfiedRate));
  out += line(R.rows.flagged, formatIntVi(t.flagged));
  out += `\n${R.sections.byCounter}\n`;
  for (const c of t.byCounter) out += line(c.counterName, formatIntVi(c.total), formatPercentVi(c.satisfiedRate));
  out += `\n${R.sections.byOfficer}\n`;
  for (const o of t.byOfficer) out += line(o.officerName, formatIntVi(o.total), o.enough ? formatPercentVi(o.satisfiedRate) : R.notEnough);
  out += `${fill(R.officerNote, { n: officerMin })}\n`;
  out += `\n${R.sections.byHour}\n`;
  for (const h of t.byHour) out += line(hourRange(h.hour), formatIntVi(h.total), formatIntVi(h.satisfied));
  out += `\n${R.sections.byReason}\n`;
  for (const x of t.byReason) out += line(reasonLabel(x.reason), formatIntVi(x.count));
  out += `\n${R.sections.byDay}\n`;
  for (const d of t.byDay) out += line(d.day.split('-').reverse().join('/'), formatIntVi(d.total), formatPercentVi(d.satisfiedRate));
  return out;
}

export const tallyCommand: AdminCommand = {
  name: 'tally',
  summary: 'print the satisfaction tally for a day range (table, or JSON with --json)',
  run: (argv) =>
    runCommand(USAGE, async () => {
      const flags = parseFlags(argv, { ...KIOSK_LOCATION_OPTIONS, from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' } });
      const kiosk = openKioskForReport(flags, process.env, Date.now());
      try {
        const r = createTallyService(createTallyQueries(kiosk.db), kiosk.config).compute(kiosk.from, kiosk.to);
        if (!r.ok) throw new UsageError(r.error.detail ?? r.error.code);
        process.stdout.write(
          flags.json ? `${JSON.stringify(r.value, null, 2)}\n` : formatTallyTable(r.value, kiosk.config.unit.name, kiosk.config.admin.officerMinRatings),
        );
        return 0;
      } finally {
        kiosk.db.close();
      }
    }),
};
