/**
 * CSV that Excel opens with Arabic intact: UTF-8 with a byte-order mark, CRLF rows, fields
 * quoted when they hold a comma, quote or line break. A field that would start a formula
 * (=, +, -, @) is prefixed with ' so a spreadsheet never runs it.
 */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return CSV_BOM + rows.map(csvLine).join('');
}

/** What a CSV file starts with, so Excel reads it as UTF-8. */
export const CSV_BOM = '\uFEFF';

/** One CSV row with its CRLF, for files written row by row. */
export function csvLine(row: readonly (string | number)[]): string {
  const cell = (value: string | number) => {
    let text = String(value);
    if (/^[=+\-@]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${row.map(cell).join(',')}\r\n`;
}
