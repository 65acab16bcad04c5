// `npm run admin -- export [--data-dir DIR] [--from … --to …] --format xlsx|csv|pdf --out FILE [--config FILE]`:
// the admin screen's exports for scheduled jobs. The file appears only when complete (it is
// written beside the target and renamed), so a job never picks up half a report.
import fs from 'node:fs';
import path from 'node:path';
import type { ReportFormat } from '../../services/reports/report-format';
import { KIOSK_LOCATION_OPTIONS, parseFlags, UsageError } from '../../services/command-line';
import { openKioskForReport, runCommand } from './report-command-support';
import type { AdminCommand } from './types';

const USAGE = 'Usage: npm run admin -- export [--data-dir DIR] [--from YYYY-MM-DD --to YYYY-MM-DD] --format xlsx|csv|pdf --out FILE [--config FILE]';
const FORMATS: readonly ReportFormat[] = ['xlsx', 'csv', 'pdf'];

export const exportCommand: AdminCommand = {
  name: 'export',
  summary: 'write the report (xlsx, pdf) or the individual ratings (csv) for a day range to a file',
  run: (argv) =>
    runCommand(USAGE, async () => {
      const flags = parseFlags(argv, {
        ...KIOSK_LOCATION_OPTIONS,
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
      });
      const format = flags.format;
      if (!format || !FORMATS.includes(format as ReportFormat)) throw new UsageError('--format must be xlsx, csv or pdf');
      const out = flags.out;
      if (!out) throw new UsageError('--out FILE is required');
      const target = path.resolve(out);
      if (!fs.existsSync(path.dirname(target))) throw new UsageError(`the folder for --out does not exist: ${path.dirname(target)}`);
      if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw new UsageError(`--out is a folder, not a file: ${target}`);

      const kiosk = openKioskForReport(flags, process.env, Date.now());
      const partial = `${target}.partial-${process.pid}`;
      try {
        // Loaded here, not at start-up: exceljs and pdfkit would slow every other admin command.
        const { createExportService } = await import('../../services/reports/export-service');
        const exporter = createExportService({ db: kiosk.db, config: kiosk.config, now: Date.now });
        const r = await exporter.writeTo(format as ReportFormat, kiosk.from, kiosk.to, fs.createWriteStream(partial));
        if (!r.ok) {
          fs.rmSync(partial, { force: true });
          process.stderr.write(`export failed: ${r.error.code}${r.error.detail ? ` — ${r.error.detail}` : ''}\n`);
          return 1;
        }
        fs.renameSync(partial, target);
        process.stdout.write(`${target}\n`);
        return 0;
      } finally {
        fs.rmSync(partial, { force: true });
        kiosk.db.close();
      }
    }),
};
