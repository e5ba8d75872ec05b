import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openBook } from '../book/open-book';
import { type LocalBook } from '../book/book';
import { withSearchHits } from './mail-report.search';

let dir: string;
let book: LocalBook;

// Subjects and addresses where a search's rare trigrams meet without the search itself
// ("1873 872" holds 187 and 872, not 1872), in both cases and scripts, and with letters only the
// index's own folding knows (É).
const MESSAGES: [subject: string, to: string[], cc: string[]][] = [
  ['فاتورة مبيعات 1872', ['info1872@مثال.فلسطين'], []],
  ['INVOICE Info1872', ['Accounts@Alnoor.ps'], ['boss@daftar.ps']],
  ['سند قبض 1873 872', ['a1873@x.ps', 'b872@x.ps'], []],
  ['كشف حساب عبد الله', ['abdallah@رام-الله.ps'], ['INFO1872@X.PS']],
  ['ÉCOLE Nablus', ['ecole@nablus.ps'], []],
  ['école de Ramallah', ['École@ramallah.ps'], ['"quoted"@x.ps']],
  ['Statement "Q4" 2026', ['q4@x.ps'], []],
  ['مبيعات 654321 ', ['sales@x.ps'], ['boss@daftar.ps']],
];

const SEARCHES = [
  'info1872',
  'INFO1872@',
  '1872',
  '1873 872',
  '@مثال.فلسطين',
  'عبد الله',
  'boss@',
  'cole',
  'ÉCOLE',
  'école',
  '"q4"',
  'مبيعات 654321',
  'nothing-like-this',
  'x.ps',
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'daftar-report-search-'));
  book = await openBook({ file: join(dir, 'book.sqlite') });
  const insert = book.sqlite
    .prepare(`insert into outbox (id, status, to_json, cc_json, recipients, subject, note, body_text, body_html, language, file_name, pdf_file, pdf_sha256, pdf_bytes, message_id, credits, source_json, source_key, source_title, doc_type, party_id, created_at, updated_at)
      values (?, 'sent', ?, ?, 1, ?, '', '', '', 'ar', 'f.pdf', 'f.pdf', '', 1, ?, 1, '{}', 'k', 't', 'sales_invoice', 'p1', '2026-05-01T10:00:00Z', '2026-05-01T10:00:00Z')`);
  MESSAGES.forEach(([subject, to, cc], i) =>
    insert.run(`m${i}`, JSON.stringify(to), JSON.stringify(cc), subject, `<m${i}@x>`),
  );
});
afterAll(async () => {
  await book.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The subjects a search finds, with the given rare-trigram threshold (0: the whole phrase from the index). */
const found = (search: string, rare?: number) =>
  withSearchHits(
    book.db,
    { from: '2026-01-01', to: '2026-12-31', search },
    async (hits) =>
      (
        await sql<{ subject: string }>`select subject from outbox
          where rowid in (select hit from temp.${sql.table(hits!.table)}) order by id`.execute(book.db)
      ).rows.map((r) => r.subject),
    rare,
  );

it.each(SEARCHES)(
  '"%s": candidates by rare trigrams, checked in their rows, are what the phrase finds',
  async (search) => {
    // On this small book every trigram is rare, so the default takes the candidates' path.
    expect(await found(search)).toEqual(await found(search, 0));
  },
);

it('finds the search as typed, anywhere, without case, and never a row that only holds its trigrams', async () => {
  expect(await found('info1872')).toEqual(['فاتورة مبيعات 1872', 'INVOICE Info1872', 'كشف حساب عبد الله']);
  expect(await found('1872')).not.toContain('سند قبض 1873 872');
  expect(await found('cole')).toEqual(['ÉCOLE Nablus', 'école de Ramallah']);
  // É has a case SQLite's lower() does not fold: the index's own folding decides.
  expect(await found('école')).toEqual(['ÉCOLE Nablus', 'école de Ramallah']);
  expect(await found('nothing-like-this')).toEqual([]);
});
