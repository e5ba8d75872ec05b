import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { FactsColumns } from '../../mail-report/facts-columns';
import { reportFromColumns } from '../../mail-report/mail-report.columns';
import { countedByHand, liveOutbox } from '../../../test-support/live-outbox';
import { openBook } from '../open-book';
import { type LocalBook } from '../book';
import { migrations } from './index';
import * as m0022 from './0022-mail-report-search-values';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daftar-0022-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The fact columns that number a message's values, the table each is kept in, and the value kept. */
const NUMBERED = [
  ['subject_text', 'outbox_search_texts', (r: Record<string, string>) => zeroed(r.subject!)],
  ['to_text', 'outbox_search_texts', (r: Record<string, string>) => zeroed(r.to_json!)],
  ['cc_text', 'outbox_search_texts', (r: Record<string, string>) => zeroed(r.cc_json!)],
  ['party_key', 'outbox_search_keys', (r: Record<string, string>) => `party:${r.party_id}`],
  ['user_key', 'outbox_search_keys', (r: Record<string, string>) => `user:${r.created_by}`],
  ['type_key', 'outbox_search_keys', (r: Record<string, string>) => `type:${r.doc_type}`],
] as const;

const zeroed = (text: string) => text.replace(/[0-9\u0660-\u0669\u06F0-\u06F9]/g, '0');

/** Each message's values as the book numbers them, and as they should be: the message's own, digits as 0 in texts. */
function keptValues(book: LocalBook) {
  const rows = book.sqlite
    .prepare(
      `select o.*, ${NUMBERED.map(([column, table]) => `(select value from ${table} where id = f.${column}) as ${column}`).join(', ')}
       from outbox o join outbox_search_facts f on f.rid = o.rowid`,
    )
    .all() as Record<string, string>[];
  return {
    kept: rows.map((r) => NUMBERED.map(([column]) => r[column])),
    expected: rows.map((r) => NUMBERED.map(([, , value]) => value(r))),
  };
}

const searchFilters = (search: string) => ({ from: '2026-03-01', to: '2026-03-04', search });

/** A search's totals from the facts in memory, with the kept texts. */
async function totalsFromTexts(book: LocalBook, search: string) {
  const facts = new FactsColumns(book.sqlite);
  while (!facts.step());
  return (await reportFromColumns(book.db, { sqlite: book.sqlite, facts }, searchFilters(search), 50, 0))!.totals;
}

it('keeps each subject, address list, card, user and type once, digits as 0, and numbers every message by them', async () => {
  const book = await openBook({ file: join(dir, 'book.sqlite') });
  liveOutbox(book, 3000);
  // Each value edited on its own: every one of them must renumber the message.
  const edits = [
    `subject = 'كشف حساب ٣٣ رقم ۴۴'`,
    `to_json = '["Sami@Company.com"]'`,
    `cc_json = '["Boss@Company.com"]'`,
    `party_id = 'p9'`,
    `created_by = 'u9'`,
    `doc_type = 'receipt'`,
  ];
  edits.forEach((edit, i) => book.sqlite.exec(`update outbox set ${edit} where rowid % 9 = ${i}`));
  const { kept, expected } = keptValues(book);
  expect(kept).toEqual(expected);
  expect(kept.length).toBeGreaterThan(1000);
  // 1,700 messages, a subject each with its number: a handful of texts.
  const count = (table: string) => (book.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  expect(count('outbox_search_texts')).toBeLessThan(12);
  // Cards p0–p4 and p9, users u0–u2, no one and u9, two types and receipts.
  expect(count('outbox_search_keys')).toBe(6 + 5 + 3);
  await book.close();
});

it('numbers the values of the messages a book held before they were kept (migration 0022)', async () => {
  const file = join(dir, 'book.sqlite');
  const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0022'));
  const old = await openBook({ file, migrations: before });
  liveOutbox(old, 1500);
  await old.close();

  const book = await openBook({ file });
  const { kept, expected } = keptValues(book);
  expect(kept).toEqual(expected);
  for (const search of ['boss@', 'فاتورة', 'A@X.PS'])
    expect({ search, totals: await totalsFromTexts(book, search) }).toEqual({
      search,
      totals: countedByHand(book, searchFilters(search)),
    });
  liveOutbox(book, 500, 29);
  expect(keptValues(book).kept).toEqual(keptValues(book).expected);
  await book.close();
});

it("a message written again with INSERT OR REPLACE leaves the other messages' numbers as they were", async () => {
  const book = await openBook({ file: join(dir, 'book.sqlite') });
  liveOutbox(book, 600);
  const boss = await totalsFromTexts(book, 'boss@');
  expect(boss.messages).toBeGreaterThan(20);
  // SQLite lets the outer statement's conflict clause win inside triggers: an OR IGNORE there would
  // become a REPLACE and give the boss's address a new number under every message already using it.
  const columns = book.sqlite.prepare(`select name from pragma_table_info('outbox')`).pluck().all().join(', ');
  // In its own rowid: a REPLACE's delete fires no trigger, so a new rowid would leave the old facts.
  book.sqlite.exec(`insert or replace into outbox (rowid, ${columns})
    select rowid, ${columns} from outbox where cc_json like '%boss@%' order by rowid desc limit 1`);
  expect(await totalsFromTexts(book, 'boss@')).toEqual(countedByHand(book, searchFilters('boss@')));
  expect(keptValues(book).kept).toEqual(keptValues(book).expected);
  await book.close();
});

it('goes back to the facts of 0021 and forward again', async () => {
  const book = await openBook({ file: join(dir, 'book.sqlite') });
  liveOutbox(book, 500);
  await m0022.down(book.db);
  const facts = book.sqlite.prepare(`select name from pragma_table_info('outbox_search_facts')`).pluck().all();
  expect(facts).not.toContain('subject_text');
  liveOutbox(book, 200, 41);
  await m0022.up(book.db);
  expect(keptValues(book).kept).toEqual(keptValues(book).expected);
  await book.close();
});
