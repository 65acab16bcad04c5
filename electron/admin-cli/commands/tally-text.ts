// Plain-text tables for `npm run admin -- tally`. Columns are padded by display width
// (string-width: terminal cells by East Asian width, combining marks taking none), not by
// UTF-16 length: a full-width bracket pasted into a counter name is one code unit but two
// cells, a combining tone mark one code unit but no cell, and String.padEnd would push every
// later column of that row out of line.
import stringWidth from 'string-width';

export type TextAlign = 'left' | 'right';

export interface TextColumn {
  label: string;
  align: TextAlign;
}

const GAP = '  ';

/**
 * NFC, and no control characters: a tab or newline in a cell would break the grid. Config
 * names arrive clean already (shared/text-clean.ts); this keeps the table safe for any text.
 */
export function cellText(text: string): string {
  return text.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

export function displayWidth(text: string): number {
  return stringWidth(text);
}

function pad(text: string, width: number, align: TextAlign): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

/**
 * A header line and one line per row, each column as wide as its widest cell. Missing cells
 * print empty; trailing spaces are trimmed so a copied table carries none.
 */
export function renderTextTable(columns: readonly TextColumn[], rows: ReadonlyArray<readonly string[]>): string {
  const header = columns.map((c) => cellText(c.label));
  const body = rows.map((r) => columns.map((_, i) => cellText(r[i] ?? '')));
  const widths = columns.map((_, i) => Math.max(displayWidth(header[i]!), ...body.map((r) => displayWidth(r[i]!))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => pad(cell, widths[i]!, columns[i]!.align))
      .join(GAP)
      .trimEnd();
  return [line(header), ...body.map(line)].map((l) => `${l}\n`).join('');
}
