import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fillEveryTable } from '../../test-support/every-row';
import {
  countEveryTable,
  hasPython,
  inPython,
  inSqliteCli,
  parseCounts,
  SQLITE_CLI,
} from '../../test-support/other-sqlite-tools';
import SQLite from 'better-sqlite3';
import { FactsColumns } from '../mail-report/facts-columns';
import { reportFromColumns } from '../mail-report/mail-report.columns';
import { countedByHand } from '../../test-support/live-outbox';
import { openBook } from './open-book';
import { type LocalBook } from './book';

// The README promises the book is one SQLite file that other tools open: DB Browser, Python, the CLI.
// Those built on SQLite older than 3.46 (Debian 12, Ubuntu 22.04) parse every schema object with a
// fixed parser stack, and refuse the whole file if one object is too deep for it.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daftar-other-tools-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A closed book file with a row in every table, and every table's count as Daftar's SQLite sees it. */
async function everyRowBook() {
  const file = join(dir, 'daftar.sqlite');
  const book = await openBook({ file });
  fillEveryTable(book);
  const tables = book.sqlite
    .prepare(`select name from sqlite_master where type = 'table' order by name`)
    .pluck()
    .all() as string[];
  const counts = parseCounts(
    (book.sqlite.prepare(countEveryTable(tables).replace(/;$/, '')).pluck().all() as string[]).join('\n'),
  );
  await book.close();
  return { file, tables, counts };
}

it("opens in Debian's sqlite3: the whole file checks ok and every table counts what Daftar counts", async () => {
  const { file, tables, counts } = await everyRowBook();
  expect(Object.entries(counts).filter(([, n]) => n === 0)).toEqual([]);
  // The check means something only with a parser of fixed depth (before 3.46): Debian 12's, as
  // system-deps installs. A newer CLI would open even a schema too deep for 3.37: say so loudly.
  const version = inSqliteCli(file, 'select sqlite_version()');
  const [major, minor] = version.split('.').map(Number) as [number, number];
  expect(major * 1000 + minor, `${SQLITE_CLI} is ${version}; this check needs SQLite older than 3.46`).toBeLessThan(
    3046,
  );
  expect(inSqliteCli(file, 'pragma integrity_check', { readonly: true })).toBe('ok');
  expect(parseCounts(inSqliteCli(file, countEveryTable(tables), { readonly: true }))).toEqual(counts);
});

it.skipIf(!hasPython())("opens in Python's sqlite3 module, read-only, with the same counts", async () => {
  const { file, tables, counts } = await everyRowBook();
  const { version, check, rows } = inPython(file, countEveryTable(tables));
  console.log(`python3 sqlite3 ${version}`);
  expect({ check, counts: parseCounts(rows) }).toEqual({ check: 'ok', counts });
});
if (!hasPython()) console.log('python3 is not on this machine: the Python check of the book file is skipped');

// Reading is what other tools are for; a hand edit of the outbox (a repair) must still leave the mail
// report's search values right, so the outbox's triggers are plain SQL any SQLite 3.37 or newer runs.
const BY_HAND = `insert into outbox (id, status, to_json, cc_json, recipients, subject, note, body_text, body_html,
    language, file_name, pdf_file, pdf_sha256, pdf_bytes, message_id, credits, source_json, source_key, source_title,
    doc_type, party_id, created_by, created_at, updated_at)
  values ('by-hand', 'sent', '["Yadawi@X.ps"]', '[]', 1, 'كشف يدوي ٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ 0123456789', '', '', '',
    'ar', 'f.pdf', 'f.pdf', '', 1, '<by-hand@x>', 1, '{}', 'k', 't', 'statement', 'p1', 'clerk',
    '2026-03-02T09:30:00.000Z', '2026-03-02T09:30:00.000Z');
  update outbox set status = 'failed' where id = 'by-hand';
  update outbox set subject = subject || ' يدوي' where rowid = (select min(rowid) from outbox);
  delete from outbox where rowid = (select max(rowid) from outbox where id <> 'by-hand');`;

const WRITERS: [string, (file: string) => void][] = [
  ["Debian's sqlite3 CLI", (file) => expect(inSqliteCli(file, BY_HAND)).toBe('')],
  [
    'a connection without unixepoch(), as SQLite 3.37 (Ubuntu 22.04)',
    (file) => {
      const sqlite = new SQLite(file);
      sqlite.function('unixepoch', { varargs: true }, () => {
        throw new Error('no such function: unixepoch');
      });
      sqlite.exec(BY_HAND);
      sqlite.close();
    },
  ],
];

/** The mail report of the live outbox's days, as the read worker counts it from the facts the triggers keep. */
async function report(book: LocalBook, filters: { search: string; userId?: string }) {
  const facts = new FactsColumns(book.sqlite);
  while (!facts.step());
  const f = { from: '2026-03-01', to: '2026-03-04', ...filters };
  const found = (await reportFromColumns(book.db, { sqlite: book.sqlite, facts }, f, 50, 0))!;
  return { totals: found.totals, subjects: found.rows.map((r) => r.subject) };
}

describe.each(WRITERS)('a message written, edited and deleted by %s', (_, write) => {
  it("is found by Daftar's mail report as if Daftar had written it", async () => {
    const { file } = await everyRowBook();
    write(file);
    const book = await openBook({ file });
    const hand = await report(book, { search: 'يدوي' });
    expect(hand.totals).toEqual(countedByHand(book, { from: '2026-03-01', to: '2026-03-04', search: 'يدوي' }));
    expect(hand.totals).toMatchObject({ messages: 2, failed: 1 });
    expect(hand.subjects).toContain('كشف يدوي ٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ 0123456789');
    // With digits the outbox's own index answers (0012's triggers); a new user is numbered among the keys.
    expect((await report(book, { search: '۰۱۲۳' })).subjects).toEqual(['كشف يدوي ٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ 0123456789']);
    expect((await report(book, { search: '', userId: 'clerk' })).totals.messages).toBe(1);
    await book.close();
  });
});
