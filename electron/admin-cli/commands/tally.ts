// `npm run admin -- tally [--data-dir DIR] [--from YYYY-MM-DD --to YYYY-MM-DD] [--json] [--config FILE]`:
// the same tally the admin screen shows: for people, the report's sections I–VI as aligned
// text tables; for scripts, the Tally as JSON (--json).
import { vi } from '../../../shared/i18n/vi';
import { formatDayVi } from '../../../shared/local-time';
import { type GroupTally, orderReasons, percent, reasonOrder, type Tally } from '../../../shared/tally';
import { createTallyQueries } from '../../services/db/tally-queries';
import { fill, formatIntVi, formatPercentVi, hourRange, levelLabel, periodLine, reasonFactor, reasonLabel } from '../../services/reports/report-format';
import { createTallyService } from '../../services/reports/tally-service';
import { KIOSK_LOCATION_OPTIONS, parseFlags, UsageError } from '../../services/command-line';
import { openKioskForReport, runCommand } from './report-command-support';
import { cellText, renderTextTable, type TextColumn } from './tally-text';
import type { AdminCommand } from './types';

const USAGE = 'Usage: npm run admin -- tally [--data-dir DIR] [--from YYYY-MM-DD --to YYYY-MM-DD] [--json] [--config FILE]';
const R = vi.report;

const left = (label: string): TextColumn => ({ label, align: 'left' });
const right = (label: string): TextColumn => ({ label, align: 'right' });
const noData = (columns: number): string[][] => [['', R.rows.none, ...Array<string>(Math.max(0, columns - 2)).fill('')]];
const orNone = (rows: string[][], columns: number) => (rows.length ? rows : noData(columns));
const n = (i: number) => String(i + 1);

/** II and III: one row per counter or officer, a count per level and the satisfied rate. */
function groupTable(t: Tally, nameColumn: string, groups: Array<{ name: string; g: GroupTally; enough: boolean }>): string {
  const columns = [
    right(R.columns.no),
    left(nameColumn),
    right(R.columns.total),
    ...t.levels.map((l) => right(levelLabel(l.level))),
    right(R.columns.satisfiedRate),
  ];
  const rows = groups.map(({ name, g, enough }, i) => [
    n(i),
    name,
    formatIntVi(g.total),
    ...g.levels.map((l) => formatIntVi(l.count)),
    enough ? formatPercentVi(g.satisfiedRate) : R.notEnough,
  ]);
  return renderTextTable(columns, orNone(rows, columns.length));
}

/**
 * The report's sections I–VI in the report's order (pdf-report.ts, xlsx-summary-sheet.ts),
 * with its headings, columns and figures, so what IT reads in a terminal matches the
 * signed page line for line. Rates are percentages without the sign, as the headers say "(%)".
 */
export function formatTallyTable(t: Tally, unitName: string, officerMin: number): string {
  const sections: Array<[title: string, body: string]> = [];

  sections.push([
    R.sections.summary,
    renderTextTable(
      [right(R.columns.no), left(R.columns.level), right(R.columns.count), right(R.columns.percent)],
      [
        ...t.levels.map((l, i) => [n(i), levelLabel(l.level), formatIntVi(l.count), formatPercentVi(l.percent)]),
        ['', R.rows.total, formatIntVi(t.total), formatPercentVi(t.total > 0 ? 100 : null)],
        ['', R.rows.satisfiedRate, '', formatPercentVi(t.satisfiedRate)],
        ['', R.rows.dissatisfiedRate, '', formatPercentVi(t.dissatisfiedRate)],
        ['', R.rows.flagged, formatIntVi(t.flagged), ''],
      ],
    ),
  ]);
  sections.push([
    R.sections.byCounter,
    groupTable(
      t,
      R.columns.counter,
      t.byCounter.map((c) => ({ name: c.counterName, g: c, enough: true })),
    ),
  ]);
  sections.push([
    R.sections.byOfficer,
    groupTable(
      t,
      R.columns.officer,
      t.byOfficer.map((o) => ({ name: o.officerName, g: o, enough: o.enough })),
    ) + `${fill(R.officerNote, { n: officerMin })}\n`,
  ]);
  sections.push([
    R.sections.byDay,
    renderTextTable(
      [right(R.columns.no), left(R.columns.day), right(R.columns.total), right(R.columns.satisfiedRate)],
      t.byDay.map((d, i) => [n(i), formatDayVi(d.day), formatIntVi(d.total), formatPercentVi(d.satisfiedRate)]),
    ),
  ]);
  const hourColumns = [right(R.columns.no), left(R.columns.hour), right(R.columns.total), right(R.columns.satisfied), right(R.columns.satisfiedRate)];
  sections.push([
    R.sections.byHour,
    renderTextTable(
      hourColumns,
      orNone(
        t.byHour.map((h, i) => [n(i), hourRange(h.hour), formatIntVi(h.total), formatIntVi(h.satisfied), formatPercentVi(percent(h.satisfied, h.total))]),
        hourColumns.length,
      ),
    ),
  ]);
  // Ordered again here, not trusted from the caller, so the command line keeps the one
  // order (shared/tally.ts) whichever Tally it is given.
  sections.push([
    R.sections.byReason,
    renderTextTable(
      [right(R.columns.no), left(R.columns.reason), left(R.columns.factor), right(R.columns.count)],
      orNone(
        orderReasons(t.byReason, reasonOrder(t)).map((x, i) => [
          n(i),
          reasonLabel(x.reason, t.reasons),
          reasonFactor(x.reason, t.reasons),
          formatIntVi(x.count),
        ]),
        4,
      ),
    ),
  ]);

  const head = `${R.title}\n${cellText(unitName)}\n${periodLine(t.from, t.to)}\n`;
  return `${head}${sections.map(([title, body]) => `\n${title}\n${body}`).join('')}\n${R.note}\n`;
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
