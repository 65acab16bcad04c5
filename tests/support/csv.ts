import { parse } from 'csv-parse/sync';

/**
 * Reads a delimited file strictly (RFC 4180 with `sep`, CRLF rows, a leading BOM dropped): a
 * stray quote or a bare LF in what the kiosk wrote fails the test.
 */
export function readDelimited(text: string, sep: string): string[][] {
  return parse(text, { delimiter: sep, record_delimiter: '\r\n', bom: true, relax_column_count: true }) as string[][];
}

/**
 * Reads a delimited file the forgiving way a spreadsheet opens one, even with the wrong
 * separator (where a strict parser gives up): fields split at `sep` outside quotes, a quote
 * opens or closes a quoted run, a doubled quote inside one is a literal quote.
 */
export function readAsSpreadsheet(text: string, sep: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
