// CSV that is safe to open in a spreadsheet. A cell starting with = + - @
// (or a tab / carriage return) is read as a formula by Excel, LibreOffice
// and Google Sheets ("CSV injection", OWASP); a leading apostrophe makes it
// text. Every cell is quoted, so commas, quotes and newlines stay in their cell.

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: neutralised against formulas, quoted, quotes doubled. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '""';
  let s = typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Numbers are data, not formulas: only text gets the apostrophe (so -3 stays -3).
  if (typeof value !== 'number' && FORMULA_START.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** One CSV line (CRLF-terminated, as RFC 4180 asks). */
export function csvLine(values: readonly unknown[]): string {
  return values.map(csvCell).join(',') + '\r\n';
}
