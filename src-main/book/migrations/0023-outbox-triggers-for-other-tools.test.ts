import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { liveOutbox } from '../../../test-support/live-outbox';
import { inSqliteCli } from '../../../test-support/other-sqlite-tools';
import { openBook } from '../open-book';
import { type LocalBook } from '../book';
import { migrations } from './index';
import * as m0023 from './0023-outbox-triggers-for-other-tools';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daftar-0023-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const upTo0022 = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0023'));

/** What the outbox's triggers keep, table by table, in a fixed order. */
const kept = (book: LocalBook) =>
  Object.fromEntries(
    ['outbox_search_facts', 'outbox_search_texts', 'outbox_search_keys', 'outbox_search_hours', 'outbox_hours'].map(
      (table) => [table, book.sqlite.prepare(`select * from ${table} order by 1, 2`).all()],
    ),
  );

/** The same writes on any book: the live outbox goes on, and texts are edited with every kind of digit. */
function writeOn(book: LocalBook, seed: number) {
  liveOutbox(book, 400, seed);
  book.sqlite.exec(`update outbox set subject = 'كشف ٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ 0123456789 ' || rowid where rowid % 7 = 0;
    update outbox set to_json = '["Sami' || (rowid % 13) || '@Company.com"]', cc_json = '["٣@x.ps"]' where rowid % 5 = 0;
    update outbox set party_id = 'p9', created_by = 'u9', doc_type = 'receipt' where rowid % 11 = 0;
    update outbox set created_at = '2026-03-03T23:59:59.999Z' where rowid % 17 = 0;`);
}

const refusal = (file: string) => inSqliteCli(file, 'pragma integrity_check', { readonly: true });

it('opens a book from before in the sqlite3 CLI once migrated, and keeps exactly the values 0022 kept', async () => {
  const [file, at0022] = [join(dir, 'book.sqlite'), join(dir, 'at-0022.sqlite')];
  const old = await openBook({ file, migrations: upTo0022 });
  liveOutbox(old, 1500);
  await old.close();
  expect(refusal(file)).toMatch(/malformed database schema \(outbox_search_facts_insert\) - parser stack overflow/);
  copyFileSync(file, at0022);

  const book = await openBook({ file });
  const before = await openBook({ file: at0022, migrations: upTo0022 });
  expect(kept(book)).toEqual(kept(before));
  writeOn(book, 29);
  writeOn(before, 29);
  expect(kept(book)).toEqual(kept(before));
  // The digits of every system as 0, as 0022 writes them.
  expect(
    book.sqlite.prepare(`select value from outbox_search_texts where value like 'كشف %' limit 1`).pluck().get(),
  ).toBe('كشف 0000000000 0000000000 0000000000 0');
  await before.close();
  await book.close();
  expect(refusal(file)).toBe('ok');
});

it("goes back to 0022's triggers, which the CLI refuses again, and forward, with the same values throughout", async () => {
  const [file, at0022] = [join(dir, 'book.sqlite'), join(dir, 'at-0022.sqlite')];
  const old = await openBook({ file, migrations: upTo0022 });
  liveOutbox(old, 500);
  await old.close();
  copyFileSync(file, at0022);
  const book = await openBook({ file });
  const before = await openBook({ file: at0022, migrations: upTo0022 });

  await m0023.down(book.db);
  writeOn(book, 41);
  writeOn(before, 41);
  expect(kept(book)).toEqual(kept(before));
  book.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  expect(refusal(file)).toMatch(/parser stack overflow/);

  await m0023.up(book.db);
  writeOn(book, 43);
  writeOn(before, 43);
  expect(kept(book)).toEqual(kept(before));
  await before.close();
  await book.close();
  expect(refusal(file)).toBe('ok');
});
