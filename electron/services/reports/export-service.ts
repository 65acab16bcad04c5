// Produces the three export formats for a day range: the signed report (xlsx, pdf) and the
// individual ratings (csv), written to any writable stream: the CLI's file, or the export
// worker's file for the admin screen (export-worker.ts), never a buffer of the whole report.
import type { Writable } from 'node:stream';
import type { KioskConfig } from '../../../shared/config-schema';
import { fail, ok, type Result } from '../../../shared/errors';
import type { Tally } from '../../../shared/tally';
import type { Db } from '../db/database';
import { createTallyQueries, openReportReader } from '../db/tally-queries';
import type { Logger } from '../logger';
import { writeRatingsCsv } from './csv-export';
import { loadReportFonts } from './pdf-fonts';
import { renderPdfReport } from './pdf-report';
import { reportContext } from './report-context';
import { REPORT_MIME, reportFileName, type ReportFormat } from './report-format';
import { createTallyService } from './tally-service';
import { createTextMetrics } from './xlsx-metrics';
import { writeXlsxReport } from './xlsx-report';

export interface ExportServiceDeps {
  db: Db;
  config: KioskConfig;
  now: () => number;
  logger?: Logger;
  /** Folder holding the report font's WOFF files (pdf-fonts.ts), when module resolution cannot find them. */
  fontDir?: string;
}

export interface ExportMeta {
  fileName: string;
  mime: string;
}

export function createExportService(deps: ExportServiceDeps) {
  const tallies = createTallyService(createTallyQueries(deps.db), deps.config);

  async function render(format: ReportFormat, tally: Tally, out: Writable): Promise<void> {
    const ctx = reportContext(deps.config, tally, deps.now());
    if (format === 'pdf') {
      const pdf = await renderPdfReport(ctx, loadReportFonts(deps.fontDir));
      await new Promise<void>((resolve, reject) => {
        out.once('error', reject);
        out.end(pdf, resolve);
      });
      return;
    }
    // The export worker's connection is read-only already; the CLI's is not, and an open
    // iterator would block its writes, so it streams from a second, read-only one.
    const reader = deps.db.readonly ? deps.db : openReportReader(deps.db);
    try {
      const rows = createTallyQueries(reader).iterateRatings(tally.from, tally.to);
      if (format === 'csv') await writeRatingsCsv(rows, ctx, out, deps.config.exports.csvSeparator);
      else await writeXlsxReport(ctx, rows, out, createTextMetrics(loadReportFonts(deps.fontDir)));
    } finally {
      if (reader !== deps.db) reader.close();
    }
  }

  /** Writes the export to `out`; on failure the stream is destroyed and the error returned. */
  async function writeTo(format: ReportFormat, from: string, to: string, out: Writable): Promise<Result<ExportMeta>> {
    const tally = tallies.compute(from, to);
    if (!tally.ok) {
      out.destroy();
      return tally;
    }
    try {
      await render(format, tally.value, out);
    } catch (error) {
      out.destroy();
      deps.logger?.error({ format, from, to, error: String(error) }, 'export failed');
      return fail('EXPORT_FAILED', { detail: error instanceof Error ? error.message : String(error) });
    }
    return ok({ fileName: reportFileName(format, from, to), mime: REPORT_MIME[format] });
  }

  return { writeTo, tally: tallies.compute };
}

export type ExportService = ReturnType<typeof createExportService>;
