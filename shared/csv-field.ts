// The one rule for a CSV cell, shared by the kiosk's export and the city receiver's: text is
// always quoted, so a separator inside a comment never splits a cell, whichever separator the
// file uses (config `exports.csvSeparator`: "," or ";", which Excel expects where the list
// separator is ";", Vietnamese regional settings among them) and whichever one the reader
// splits on. Text that a spreadsheet would run as a formula (a leading = + - @ tab or CR) is
// kept text with a leading apostrophe (OWASP's advice for CSV injection). Numbers stay bare so
// that spreadsheets can add them up; the exports write only whole numbers, which hold neither
// separator nor a decimal mark that a regional setting could read another way.

export type CsvSeparator = ',' | ';';

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/** One record: the cells joined by `separator`, ended with CRLF (RFC 4180). */
export function csvRecord(cells: readonly (string | number)[], separator: CsvSeparator = ','): string {
  return `${cells.map(csvField).join(separator)}\r\n`;
}
