import { mkdtempSync, readFileSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openBook } from '../book/open-book';
import { type Book } from '../book/book';
import { spreadsheetCells } from '../../test-support/spreadsheet-cells';
import { writeMailReportCsv } from './mail-report.csv';

// The CSV is written a page at a time, each page continuing after the last row of the one before:
// rows queued in the same millisecond must each come out exactly once, in order.
let dir: string;
let book: Book;
const filters = { from: '2026-06-01', to: '2026-06-30', search: '' };
/** Subjects a spreadsheet would run as formulas, after the list's 23 ordinary messages (in July, out of its filter). */
const FORMULAS = ['x;=1+1', '\t=1+1', '\r=1+1', '=1+1', '@SUM(1)', 'x;-2+3;+4', 'a\n=1+1', 'x;"=1+1"', '+'];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'daftar-csv-'));
  book = await openBook({ file: join(dir, 'book.sqlite') });
  const insert = book.sqlite.prepare(
    `insert into outbox (id, status, to_json, cc_json, recipients, subject, note, body_text, body_html, language, file_name,
      pdf_file, pdf_sha256, pdf_bytes, message_id, attempts, credits, source_json, source_key, source_revision,
      source_title, doc_type, party_id, created_by, created_at, updated_at)
     values (?, 'sent', ?, '[]', 1, ?, '', '', '', 'ar', 'f.pdf', 'f.pdf', ?, 1, ?, 1, 1, '{}', ?, 1, ?, 'sales_invoice',
      'p1', 'admin', ?, ?)`,
  );
  // 23 messages, in bursts of five that share a timestamp.
  for (let i = 0; i < 23 + FORMULAS.length; i++) {
    const at = new Date(Date.UTC(2026, i < 23 ? 5 : 6, 10, 9, 0, Math.floor(i / 5))).toISOString();
    const id = `m${String(i).padStart(2, '0')}`;
    insert.run(
      id,
      JSON.stringify([`c${i}@x.ps`]),
      FORMULAS[i - 23] ?? `فاتورة ${i}`,
      '0'.repeat(64),
      `<${id}@d>`,
      id,
      `فاتورة ${i}`,
      at,
      at,
    );
  }
});
afterAll(async () => {
  await book.close();
  rmSync(dir, { recursive: true, force: true });
});

it('writes every row once, newest first, across pages that split a burst of one timestamp', async () => {
  const path = join(dir, 'report.csv');
  expect(await writeMailReportCsv(book.db, filters, path, 3)).toEqual({ rows: 23 });
  const lines = readFileSync(path, 'utf8').split('\r\n').slice(1, -1);
  const ids = lines.map((line) => line.split(',')[10]);
  const expected = Array.from({ length: 23 }, (_, i) => `<m${String(22 - i).padStart(2, '0')}@d>`);
  expect(ids).toEqual(expected);
  // The same file whatever the page size.
  const whole = join(dir, 'whole.csv');
  await writeMailReportCsv(book.db, filters, whole);
  expect(readFileSync(whole, 'utf8')).toBe(readFileSync(path, 'utf8'));
});

it('leaves no file, half or whole, when the disk refuses it', async () => {
  const path = join(dir, 'gone', 'report.csv'); // a folder that does not exist
  await expect(writeMailReportCsv(book.db, filters, path)).rejects.toThrow(/ENOENT/);
  expect(existsSync(path)).toBe(false);
  expect(readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
});

it('writes no cell a spreadsheet would run, whether its list separator is a comma or a semicolon', async () => {
  const path = join(dir, 'formulas.csv');
  await writeMailReportCsv(book.db, { from: '2026-07-01', to: '2026-07-31', search: '' }, path);
  const csv = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  for (const separator of [',', ';'] as const) {
    const cells = spreadsheetCells(csv, separator).flat();
    expect({ separator, formulas: cells.filter((c) => /^[=+\-@\t\r]/.test(c)) }).toEqual({ separator, formulas: [] });
  }
  // Read with commas, each subject is one cell as written, with a ' wherever a formula could start.
  const subjects = spreadsheetCells(csv, ',').map((row) => row[5]);
  expect(subjects.slice(1).sort()).toEqual(
    ["x;'=1+1", "'\t=1+1", "'\r'=1+1", "'=1+1", "'@SUM(1)", "x;'-2+3;'+4", "a\n'=1+1", 'x;\'"=1+1"', "'+"].sort(),
  );
});
