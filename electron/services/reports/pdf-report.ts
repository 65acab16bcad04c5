// The printable PDF of the report, laid out as Decree 30/2020/NĐ-CP (Appendix I) asks of
// an administrative document: the unit and its number line beside the national motto, the
// place and date, the title, the tables, the note and the signature block, in Tinos (the
// metrics of Times New Roman) on A4 with the Decree's margins. It carries the same figures
// as the Excel summary sheet, plus a bar per level.
import PDFDocument from 'pdfkit';
import { vi } from '../../../shared/i18n/vi';
import { formatDayVi } from '../../../shared/local-time';
import { type GroupTally, orderReasons, percent, reasonOrder } from '../../../shared/tally';
import { CONTENT_WIDTH, type Cursor, drawTable, ensureRoom, PAGE, type TableColumn, type TableRow, tableStartHeight } from './pdf-layout';
import type { ReportFontFiles } from './pdf-fonts';
import { drawCentredLine, drawText, lineHeight, registerReportFonts, textHeight, textWidth, wrapText } from './pdf-text';
import type { ReportContext } from './report-context';
import { dateLine, fill, formatIntVi, formatPercentVi, hourRange, levelLabel, numberLine, periodLine, reasonFactor, reasonLabel } from './report-format';

const R = vi.report;
/** Greens for satisfied, amber for neutral, orange-red for dissatisfied (rating-scale.md). */
const LEVEL_COLOURS: Record<number, string> = { 5: '#2e7d32', 4: '#66bb6a', 3: '#c9a227', 2: '#ef6c00', 1: '#c62828' };

/** Type sizes from the Decree's ranges: headings 12–13 pt, motto 13–14, title 14, body 13–14. */
const SIZE = { unit: 12, nation: 12, motto: 13, number: 13, date: 13, title: 14, period: 13, body: 13, note: 12, pageNumber: 13 } as const;
/** The unit's block takes the left of the heading, the national motto the right. */
const LEFT_SHARE = 0.41;
const SECTION_GAP = 12;
const SIGNATURE_ROOM = 80;

const pct = (p: number | null) => (p === null ? '—' : `${formatPercentVi(p)} %`);

function rule(c: Cursor, centre: number, y: number, length: number): void {
  c.doc
    .moveTo(centre - length / 2, y)
    .lineTo(centre + length / 2, y)
    .lineWidth(0.6)
    .strokeColor('#000000')
    .stroke();
}

/**
 * Left: the unit's name in bold capitals over a short rule, then "Số:      /BC-…". Right:
 * the nation and the motto over a rule its own length, then the place and date in italics
 * on the number's line. Below: the title and the period.
 */
function heading(c: Cursor, ctx: ReportContext): void {
  const { doc } = c;
  const leftW = CONTENT_WIDTH * LEFT_SHARE;
  const rightX = PAGE.left + leftW;
  const rightW = CONTENT_WIDTH - leftW;
  const top = c.y;

  const unit = { width: leftW, align: 'center' as const, style: 'bold' as const, size: SIZE.unit };
  const unitName = ctx.unitName.toUpperCase();
  let left = top + drawText(doc, unitName, PAGE.left, top, unit);
  const longest = Math.max(...wrapText(doc, unitName, leftW, unit).map((line) => textWidth(doc, line, unit)));
  rule(c, PAGE.left + leftW / 2, left + 2, longest * 0.4);

  let right = top + drawText(doc, R.nation, rightX, top, { width: rightW, align: 'center', style: 'bold', size: SIZE.nation });
  const motto = { style: 'bold' as const, size: SIZE.motto };
  right += drawCentredLine(doc, R.motto, rightX, right, rightW, motto);
  rule(c, rightX + rightW / 2, right + 2, textWidth(doc, R.motto, motto));

  const lineY = Math.max(left, right) + 10;
  left = lineY + drawCentredLine(doc, numberLine(ctx.abbreviation), PAGE.left, lineY, leftW, { size: SIZE.number });
  right =
    lineY +
    drawText(doc, dateLine(ctx.place, ctx.generatedAtMs, ctx.timezone), rightX, lineY, { width: rightW, align: 'center', style: 'italic', size: SIZE.date });

  c.y = Math.max(left, right) + 24;
  c.y += drawText(doc, R.title, PAGE.left, c.y, { width: CONTENT_WIDTH, align: 'center', style: 'bold', size: SIZE.title });
  c.y +=
    2 +
    drawText(doc, periodLine(ctx.tally.from, ctx.tally.to), PAGE.left, c.y + 2, { width: CONTENT_WIDTH, align: 'center', style: 'italic', size: SIZE.period });
}

/**
 * A section's heading, kept on the page of what follows it (`keepWith` points: a table's
 * header and first row), so that a heading is never the last line of a page.
 */
function section(c: Cursor, title: string, keepWith: number): void {
  const o = { width: CONTENT_WIDTH, style: 'bold' as const, size: SIZE.body };
  const h = textHeight(c.doc, title, o) + 4;
  ensureRoom(c, SECTION_GAP + h + keepWith);
  if (c.y > PAGE.top) c.y += SECTION_GAP;
  drawText(c.doc, title, PAGE.left, c.y, o);
  c.y += h;
}

/**
 * A section heading and its table. `keepLastWith` points (the closing block after the last
 * table) stay on the page of the table's last two rows; a table of one or two rows keeps
 * them with its heading too.
 */
function tableSection(c: Cursor, title: string, columns: TableColumn[], rows: TableRow[], keepLastWith = 0): void {
  const body = rows.length ? rows : [{ cells: ['', R.rows.none], style: 'italic' as const }];
  section(c, title, tableStartHeight(c.doc, columns, body) + (body.length <= 2 ? keepLastWith : 0));
  drawTable(c, columns, body, keepLastWith);
}

function paragraph(c: Cursor, text: string, size: number = SIZE.body): void {
  const o = { width: CONTENT_WIDTH, style: 'italic' as const, size };
  ensureRoom(c, textHeight(c.doc, text, o));
  c.y += drawText(c.doc, text, PAGE.left, c.y, o) + 2;
}

function levelBars(c: Cursor, ctx: ReportContext): void {
  const { doc } = c;
  const levels = ctx.tally.levels;
  const max = Math.max(1, ...levels.map((l) => l.count));
  const labelW = 120;
  const valueW = 110;
  const barMax = CONTENT_WIDTH - labelW - valueW;
  const size = SIZE.note;
  const caption = { width: CONTENT_WIDTH, style: 'italic' as const, size };
  ensureRoom(c, 8 + textHeight(doc, R.sections.chart, caption) + 4 + levels.length * 20);
  c.y += 8;
  c.y += drawText(doc, R.sections.chart, PAGE.left, c.y, caption) + 4;
  for (const l of levels) {
    drawText(doc, levelLabel(l.level), PAGE.left, c.y + 1, { width: labelW - 6, size });
    const w = (l.count / max) * barMax;
    if (w > 0)
      doc
        .rect(PAGE.left + labelW, c.y, w, 14)
        .fillColor(LEVEL_COLOURS[l.level] ?? '#888888')
        .fill();
    doc.fillColor('#000000');
    drawText(doc, `${formatIntVi(l.count)} (${pct(l.percent)})`, PAGE.left + labelW + w + 6, c.y + 1, { width: valueW - 6, size });
    c.y += 20;
  }
}

function groupColumns(ctx: ReportContext, name: string): TableColumn[] {
  const levels = ctx.tally.levels;
  const levelShare = 0.44 / levels.length;
  return [
    { label: R.columns.no, share: 0.07, align: 'center' },
    { label: name, share: 0.23 },
    { label: R.columns.total, share: 0.11, align: 'right' },
    ...levels.map((l): TableColumn => ({ label: levelLabel(l.level), share: levelShare, align: 'right' })),
    { label: R.columns.satisfiedRate, share: 0.15, align: 'right' },
  ];
}

function groupRows(groups: Array<{ name: string; g: GroupTally; enough: boolean }>): TableRow[] {
  return groups.map(({ name, g, enough }, i) => ({
    cells: [String(i + 1), name, formatIntVi(g.total), ...g.levels.map((l) => formatIntVi(l.count)), enough ? pct(g.satisfiedRate) : R.notEnough],
  }));
}

function body(c: Cursor, ctx: ReportContext): void {
  const t = ctx.tally;
  tableSection(
    c,
    R.sections.summary,
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

  const counters = t.byCounter.map((g) => ({ name: g.counterName, g, enough: true }));
  tableSection(c, R.sections.byCounter, groupColumns(ctx, R.columns.counter), groupRows(counters));
  const officers = t.byOfficer.map((g) => ({ name: g.officerName, g, enough: g.enough }));
  tableSection(c, R.sections.byOfficer, groupColumns(ctx, R.columns.officer), groupRows(officers));
  paragraph(c, fill(R.officerNote, { n: ctx.officerMinRatings }), SIZE.note);

  tableSection(
    c,
    R.sections.byDay,
    [
      { label: R.columns.no, share: 0.1, align: 'center' },
      { label: R.columns.day, share: 0.4 },
      { label: R.columns.total, share: 0.25, align: 'right' },
      { label: R.columns.satisfiedRate, share: 0.25, align: 'right' },
    ],
    ctx.days.map((d, i) => ({ cells: [String(i + 1), formatDayVi(d.day), formatIntVi(d.total), pct(d.satisfiedRate)] })),
  );

  tableSection(
    c,
    R.sections.byHour,
    [
      { label: R.columns.no, share: 0.1, align: 'center' },
      { label: R.columns.hour, share: 0.3 },
      { label: R.columns.total, share: 0.2, align: 'right' },
      { label: R.columns.satisfied, share: 0.2, align: 'right' },
      { label: R.columns.satisfiedRate, share: 0.2, align: 'right' },
    ],
    t.byHour.map((h, i): TableRow => ({
      cells: [String(i + 1), hourRange(h.hour), formatIntVi(h.total), formatIntVi(h.satisfied), pct(percent(h.satisfied, h.total))],
    })),
  );

  tableSection(
    c,
    R.sections.byReason,
    [
      { label: R.columns.no, share: 0.1, align: 'center' },
      { label: R.columns.reason, share: 0.55 },
      { label: R.columns.factor, share: 0.15, align: 'center' },
      { label: R.columns.count, share: 0.2, align: 'right' },
    ],
    orderReasons(t.byReason, reasonOrder(t)).map((x, i): TableRow => ({
      cells: [String(i + 1), reasonLabel(x.reason, t.reasons), reasonFactor(x.reason, t.reasons), formatIntVi(x.count)],
    })),
    closingHeight(c),
  );
}

const NOTE = { width: CONTENT_WIDTH, style: 'italic' as const, size: SIZE.body };
const SIGNATURE_TITLE = { style: 'bold' as const, size: SIZE.body };
const SIGNATURE_HINT = { style: 'italic' as const, size: SIZE.body };

function closingHeight(c: Cursor): number {
  return 10 + textHeight(c.doc, R.note, NOTE) + 18 + lineHeight(SIGNATURE_TITLE) + lineHeight(SIGNATURE_HINT) + SIGNATURE_ROOM;
}

/**
 * The note, then preparer (left) and head of the department (right) with room to sign.
 * They share a page with the last table's last rows (see body), so the signatures never
 * stand alone on a page, nor with only the note: the page they sign carries figures.
 */
function closing(c: Cursor): void {
  ensureRoom(c, closingHeight(c));
  if (c.y > PAGE.top) c.y += 10;
  c.y += drawText(c.doc, R.note, PAGE.left, c.y, NOTE) + 18;
  const half = CONTENT_WIDTH / 2;
  for (const [i, title] of [R.signatures.preparer, R.signatures.head].entries()) {
    const x = PAGE.left + i * half;
    drawText(c.doc, title, x, c.y, { width: half, align: 'center', ...SIGNATURE_TITLE });
    drawText(c.doc, R.signatures.signHint, x, c.y + lineHeight(SIGNATURE_TITLE), { width: half, align: 'center', ...SIGNATURE_HINT });
  }
  c.y += lineHeight(SIGNATURE_TITLE) + lineHeight(SIGNATURE_HINT) + SIGNATURE_ROOM;
}

/** Arabic numerals centred in the top margin from the second page on; none on the first. */
function pageNumbers(doc: InstanceType<typeof PDFDocument>): void {
  const { start, count } = doc.bufferedPageRange();
  const o = { size: SIZE.pageNumber };
  const y = (PAGE.top - lineHeight(o)) / 2;
  for (let i = start + 1; i < start + count; i++) {
    doc.switchToPage(i);
    drawCentredLine(doc, String(i - start + 1), PAGE.left, y, CONTENT_WIDTH, o);
  }
}

export function renderPdfReport(ctx: ReportContext, fonts: ReportFontFiles): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    // The report places every line itself (pdf-layout.ts); pdfkit's own flow must never
    // start a page, so its bottom margin is 0 and nothing reaches it.
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
  closing(c);
  pageNumbers(doc);
  doc.end();
  return done;
}
