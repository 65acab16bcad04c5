// The printable PDF of the report: the same header, tables, note and signature block as
// the Excel summary sheet, plus a bar per level. Vietnamese text is embedded with the
// bundled Be Vietnam Pro font, so it prints the same on any machine.
import PDFDocument from 'pdfkit';
import { vi } from '../../../shared/i18n/vi';
import { formatDayVi } from '../../../shared/local-time';
import { type GroupTally, percent } from '../../../shared/tally';
import { CONTENT_WIDTH, type Cursor, drawTable, ensureRoom, PAGE, type TableColumn, type TableRow } from './pdf-layout';
import type { ReportFontFiles } from './pdf-fonts';
import { drawText, registerReportFonts, textHeight } from './pdf-text';
import type { ReportContext } from './report-context';
import { dateLine, fill, formatIntVi, formatPercentVi, hourRange, levelLabel, periodLine, reasonLabel } from './report-format';

const R = vi.report;
/** Greens for satisfied, amber for neutral, orange-red for dissatisfied (rating-scale.md). */
const LEVEL_COLOURS: Record<number, string> = { 5: '#2e7d32', 4: '#66bb6a', 3: '#c9a227', 2: '#ef6c00', 1: '#c62828' };

const pct = (p: number | null) => (p === null ? '—' : `${formatPercentVi(p)} %`);

function heading(c: Cursor, ctx: ReportContext): void {
  const { doc } = c;
  const leftW = CONTENT_WIDTH * 0.45;
  const rightX = PAGE.left + leftW;
  const rightW = CONTENT_WIDTH - leftW;
  const top = c.y;
  const leftH = drawText(doc, ctx.unitName.toUpperCase(), PAGE.left, top, { width: leftW - 8, align: 'center', style: 'bold', size: 10.5 });
  let y = top + drawText(doc, R.nation, rightX, top, { width: rightW, align: 'center', style: 'bold', size: 10.5 });
  y += drawText(doc, R.motto, rightX, y, { width: rightW, align: 'center', style: 'bold', size: 11, underline: true });
  y += 10;
  y += drawText(doc, dateLine(ctx.place, ctx.generatedAtMs, ctx.timezone), rightX, y, { width: rightW, align: 'center', style: 'italic', size: 10.5 });
  c.y = Math.max(y, top + leftH) + 22;
  c.y += drawText(doc, R.title, PAGE.left, c.y, { width: CONTENT_WIDTH, align: 'center', style: 'bold', size: 12 });
  c.y += 2 + drawText(doc, periodLine(ctx.tally.from, ctx.tally.to), PAGE.left, c.y + 2, { width: CONTENT_WIDTH, align: 'center', style: 'italic', size: 10.5 });
}

function section(c: Cursor, title: string): void {
  ensureRoom(c, 60);
  c.y += 12;
  c.y += drawText(c.doc, title, PAGE.left, c.y, { width: CONTENT_WIDTH, style: 'bold', size: 11 }) + 4;
}

function paragraph(c: Cursor, text: string, size = 9): void {
  const o = { width: CONTENT_WIDTH, style: 'italic' as const, size };
  ensureRoom(c, textHeight(c.doc, text, o));
  c.y += drawText(c.doc, text, PAGE.left, c.y, o) + 2;
}

function levelBars(c: Cursor, ctx: ReportContext): void {
  const { doc } = c;
  const levels = ctx.tally.levels;
  const max = Math.max(1, ...levels.map((l) => l.count));
  const labelW = 120;
  const barMax = CONTENT_WIDTH - labelW - 100;
  ensureRoom(c, 24 + levels.length * 20);
  c.y += 8;
  c.y += drawText(doc, R.sections.chart, PAGE.left, c.y, { width: CONTENT_WIDTH, style: 'italic', size: 9.5 }) + 4;
  for (const l of levels) {
    drawText(doc, levelLabel(l.level), PAGE.left, c.y + 2, { width: labelW - 6, size: 9 });
    const w = (l.count / max) * barMax;
    if (w > 0) doc.rect(PAGE.left + labelW, c.y, w, 14).fillColor(LEVEL_COLOURS[l.level] ?? '#888888').fill();
    doc.fillColor('#000000');
    drawText(doc, `${formatIntVi(l.count)} (${pct(l.percent)})`, PAGE.left + labelW + w + 6, c.y + 2, { width: 110, size: 9 });
    c.y += 20;
  }
}

function groupTable(c: Cursor, ctx: ReportContext, name: string, groups: Array<{ name: string; g: GroupTally; enough: boolean }>): void {
  const levels = ctx.tally.levels;
  const levelShare = 0.44 / levels.length;
  const columns: TableColumn[] = [
    { label: R.columns.no, share: 0.06, align: 'center' },
    { label: name, share: 0.24 },
    { label: R.columns.total, share: 0.11, align: 'right' },
    ...levels.map((l): TableColumn => ({ label: levelLabel(l.level), share: levelShare, align: 'right' })),
    { label: R.columns.satisfiedRate, share: 0.15, align: 'right' },
  ];
  const rows: TableRow[] = groups.map(({ name: n, g, enough }, i) => ({
    cells: [String(i + 1), n, formatIntVi(g.total), ...g.levels.map((l) => formatIntVi(l.count)), enough ? pct(g.satisfiedRate) : R.notEnough],
  }));
  drawTable(c, columns, rows.length ? rows : [{ cells: ['', R.rows.none], style: 'italic' }]);
}

function body(c: Cursor, ctx: ReportContext): void {
  const t = ctx.tally;
  section(c, R.sections.summary);
  drawTable(
    c,
    [
      { label: R.columns.no, share: 0.08, align: 'center' },
      { label: R.columns.level, share: 0.52 },
      { label: R.columns.count, share: 0.2, align: 'right' },
      { label: R.columns.percent, share: 0.2, align: 'right' },
    ],
    [
      ...t.levels.map((l, i): TableRow => ({ cells: [String(i + 1), levelLabel(l.level), formatIntVi(l.count), pct(l.percent)] })),
      { cells: ['', R.rows.total, formatIntVi(t.total), t.total > 0 ? '100,00 %' : '—'], style: 'bold' },
      { cells: ['', R.rows.satisfiedRate, '', pct(t.satisfiedRate)], style: 'bold' },
      { cells: ['', R.rows.dissatisfiedRate, '', pct(t.dissatisfiedRate)] },
      { cells: ['', R.rows.flagged, formatIntVi(t.flagged), ''] },
    ],
  );
  levelBars(c, ctx);

  section(c, R.sections.byCounter);
  groupTable(c, ctx, R.columns.counter, t.byCounter.map((g) => ({ name: g.counterName, g, enough: true })));
  section(c, R.sections.byOfficer);
  groupTable(c, ctx, R.columns.officer, t.byOfficer.map((g) => ({ name: g.officerName, g, enough: g.enough })));
  paragraph(c, fill(R.officerNote, { n: ctx.officerMinRatings }));

  section(c, R.sections.byDay);
  drawTable(
    c,
    [
      { label: R.columns.no, share: 0.1, align: 'center' },
      { label: R.columns.day, share: 0.4 },
      { label: R.columns.total, share: 0.25, align: 'right' },
      { label: R.columns.satisfiedRate, share: 0.25, align: 'right' },
    ],
    t.byDay.map((d, i) => ({ cells: [String(i + 1), formatDayVi(d.day), formatIntVi(d.total), pct(d.satisfiedRate)] })),
  );

  section(c, R.sections.byHour);
  const hourRows = t.byHour.map((h, i): TableRow => ({
    cells: [String(i + 1), hourRange(h.hour), formatIntVi(h.total), formatIntVi(h.satisfied), pct(percent(h.satisfied, h.total))],
  }));
  drawTable(
    c,
    [
      { label: R.columns.no, share: 0.1, align: 'center' },
      { label: R.columns.hour, share: 0.3 },
      { label: R.columns.total, share: 0.2, align: 'right' },
      { label: R.columns.satisfied, share: 0.2, align: 'right' },
      { label: R.columns.satisfiedRate, share: 0.2, align: 'right' },
    ],
    hourRows.length ? hourRows : [{ cells: ['', R.rows.none], style: 'italic' }],
  );

  section(c, R.sections.byReason);
  const reasonRows = t.byReason.map((x, i): TableRow => ({ cells: [String(i + 1), reasonLabel(x.reason), formatIntVi(x.count)] }));
  drawTable(
    c,
    [
      { label: R.columns.no, share: 0.1, align: 'center' },
      { label: R.columns.reason, share: 0.7 },
      { label: R.columns.count, share: 0.2, align: 'right' },
    ],
    reasonRows.length ? reasonRows : [{ cells: ['', R.rows.none], style: 'italic' }],
  );
  c.y += 10;
  paragraph(c, R.note);
}

function signatures(c: Cursor): void {
  ensureRoom(c, 110);
  c.y += 18;
  const half = CONTENT_WIDTH / 2;
  for (const [i, title] of [R.signatures.preparer, R.signatures.head].entries()) {
    const x = PAGE.left + i * half;
    drawText(c.doc, title, x, c.y, { width: half, align: 'center', style: 'bold', size: 10.5 });
    drawText(c.doc, R.signatures.signHint, x, c.y + 15, { width: half, align: 'center', style: 'italic', size: 9.5 });
  }
  c.y += 90;
}

function pageNumbers(doc: InstanceType<typeof PDFDocument>): void {
  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const label = fill(R.page, { n: i - start + 1, total: count });
    drawText(doc, label, PAGE.left, PAGE.height - PAGE.bottom + 16, { width: CONTENT_WIDTH, align: 'center', size: 8 });
  }
}

export function renderPdfReport(ctx: ReportContext, fonts: ReportFontFiles): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.top, bottom: 0, left: PAGE.left, right: PAGE.right },
    lang: 'vi-VN',
    bufferPages: true,
    info: { Title: R.title, Author: ctx.unitName, Subject: periodLine(ctx.tally.from, ctx.tally.to) },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerReportFonts(doc, fonts);
  const c: Cursor = { doc, y: PAGE.top };
  heading(c, ctx);
  body(c, ctx);
  signatures(c);
  pageNumbers(doc);
  doc.end();
  return done;
}
