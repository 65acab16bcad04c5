// The city's CSV export: one line per rating, streamed page by page. Cells that a
// spreadsheet would run as a formula are defused, since comments are citizens' free text.
import type { ServerResponse } from 'node:http';
import { csvField } from '../shared/csv-field';
import { reasonNames, type ReasonNames } from './reason-labels';
import { exportCursorAfter, exportStart, type ExportCursor, type ReceiverStorage } from './receiver-storage';

export const CSV_COLUMNS = [
  'id',
  'kiosk_id',
  'unit_code',
  'seq',
  'created_at',
  'local_day',
  'scale',
  'level',
  'reasons',
  'comment',
  'language',
  'counter_id',
  'officer_id',
  'dossier_code',
  'dossier_capture',
  'app_version',
  'misuse_flag',
  'clock_offset_ms',
  'received_at',
  // The Vietnamese labels of `reasons`, in the same order: for people; `reasons` is for
  // machines. Last, so that the columns before it keep the places scripts already read them at.
  'reason_labels',
] as const;

/** A stored value as a cell: empty for null, reasons joined with "|", then the shared rule. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return String(v);
  return csvField(typeof v === 'number' ? v : Array.isArray(v) ? v.join('|') : String(v));
}

function line(names: ReasonNames, content: string, localDay: string, receivedAtMs: number): string {
  // Positions follow canonicalRatingContent().
  const c = JSON.parse(content) as unknown[];
  const [
    kioskId,
    unitCode,
    id,
    seq,
    createdAt,
    scale,
    level,
    reasons,
    comment,
    language,
    counterId,
    officerId,
    dossierCode,
    dossierCapture,
    appVersion,
    misuseFlag,
    clockOffsetMs,
  ] = c;
  const cells = [
    id,
    kioskId,
    unitCode,
    seq,
    createdAt,
    localDay,
    scale,
    level,
    reasons,
    comment,
    language,
    counterId,
    officerId,
    dossierCode,
    dossierCapture,
    appVersion,
    misuseFlag ? 1 : 0,
    clockOffsetMs,
    new Date(receivedAtMs).toISOString(),
    Array.isArray(reasons) ? reasons.map((key) => names.ofUnit(String(unitCode), String(key)).labels.vi) : reasons,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export async function writeCsvExport(res: ServerResponse, store: ReceiverStorage, from: string, to: string): Promise<void> {
  // Read once, before the 200 goes out: a few rows per unit, and a label sent during the
  // export changes no line of it.
  const names = reasonNames(await store.reasonLabels());
  res.writeHead(200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="ratings-${from}-${to}.csv"`,
  });
  // BOM: Excel on Windows opens UTF-8 Vietnamese text correctly only with it.
  res.write(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`);
  let after: ExportCursor = exportStart(from);
  for (;;) {
    const page = await store.exportPage(to, after, 1000);
    if (page.length === 0) break;
    const ok = res.write(page.map((r) => line(names, r.content, r.local_day, r.received_at_ms)).join(''));
    after = exportCursorAfter(page.at(-1)!);
    if (!ok) await new Promise<void>((resolve) => res.once('drain', resolve));
    if (res.destroyed) return;
  }
  res.end();
}
