// The one rule for a CSV cell, shared by the kiosk's export and the city receiver's: text is
// always quoted, so a ";" inside a comment never splits a cell where Excel's list separator
// is ";" (Vietnamese regional settings among them), and text that a spreadsheet would run as
// a formula (a leading = + - @ tab or CR) is kept text with a leading apostrophe (OWASP's
// advice for CSV injection). Numbers stay bare so that spreadsheets can add them up.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}
