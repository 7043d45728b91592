/**
 * CSV per RFC 4180 (quoted where needed, CRLF line ends) for spreadsheets. Cells that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) get a leading
 * apostrophe: report data comes from catalogs and learners, and must not execute on open.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: (string | number | null | undefined)[][]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
