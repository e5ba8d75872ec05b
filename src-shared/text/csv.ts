/**
 * CSV that Excel opens with Arabic intact: UTF-8 with a byte-order mark, CRLF rows, fields quoted
 * when they hold a comma, semicolon, quote or line break. No text becomes a formula (see csvLine).
 */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return CSV_BOM + rows.map(csvLine).join('');
}

/** What a CSV file starts with, so Excel reads it as UTF-8. */
export const CSV_BOM = '\uFEFF';

// Where a locale's list separator is ';' (Arabic and European Excel), a comma CSV is cut at every
// ';' and every line break, quoted or not (a quote counts only at a cell's start): each is where a
// cell may start. So a text's start, and each place after a ';' or a line break inside it, is
// guarded with ' when it would begin a formula (= + - @, or a TAB or CR before one), or a quote
// (which would open a quoted cell there).
const FORMULA_START = /^(?=[=+\-@\t\r])|(?<=[;\r\n])(?=[=+\-@\t\r"])/g;

/** One CSV row with its CRLF, for files written row by row. */
export function csvLine(row: readonly (string | number)[]): string {
  const cell = (value: string | number) => {
    if (typeof value === 'number') return String(value);
    const text = value.replace(FORMULA_START, "'");
    return /[",;\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${row.map(cell).join(',')}\r\n`;
}
