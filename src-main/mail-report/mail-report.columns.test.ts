import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { MailReportFilters } from '../../src-shared/api/mail-report-filters';
import { openBook } from '../book/open-book';
import { type LocalBook } from '../book/book';
import { inZone, liveOutbox, SEARCHED } from '../../test-support/live-outbox';
import { FactsColumns } from './facts-columns';
import { reportFromColumns, type ColumnsReader } from './mail-report.columns';
import { page, summary } from './mail-report.repo';
import { withSearchHits } from './mail-report.search';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daftar-report-columns-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The report as SQLite counts it from the matches kept in a temporary table. */
const fromSqlite = (book: LocalBook, f: MailReportFilters, limit: number, offset: number) =>
  withSearchHits(book.db, f, async (hits) => ({
    ...(await summary(book.db, f, hits)),
    rows: await page(book.db, f, limit, offset, hits),
  }));

/**
 * Searches of the subjects and addresses the test edits in: found in the kept texts (no digit) in
 * capitals, Arabic, accented Latin, and by status; with Arabic-Indic digits, found in the outbox's index.
 */
const EDITED: MailReportFilters[] = [
  { from: '2026-03-01', to: '2026-03-04', search: 'فاتورة' },
  { from: '2026-03-01', to: '2026-03-04', search: 'SAMI@COMPANY' },
  { from: '2026-03-02', to: '2026-03-03', search: 'عبد الله' },
  { from: '2026-03-01', to: '2026-03-04', search: 'école' },
  { from: '2026-03-01', to: '2026-03-04', search: 'company.com', status: 'failed' },
  { from: '2026-03-01', to: '2026-03-04', search: 'حساب ٣' },
];

/** A card, a user or a document type, with a search or without (a card then with another), and a user no message has. */
const FILTERED: MailReportFilters[] = [
  { from: '2026-03-01', to: '2026-03-04', search: 'boss@', partyId: 'p2' },
  { from: '2026-03-01', to: '2026-03-03', search: 'فاتورة', userId: 'u1', status: 'sent' },
  { from: '2026-03-01', to: '2026-03-04', search: 'فاتورة 1', docType: 'statement' },
  { from: '2026-03-01', to: '2026-03-04', search: '', userId: 'u0' },
  { from: '2026-03-02', to: '2026-03-04', search: '', partyId: 'p3', docType: 'sales_invoice', status: 'failed' },
  { from: '2026-03-01', to: '2026-03-04', search: '', userId: 'u2', partyId: 'p4' },
  { from: '2026-03-01', to: '2026-03-04', search: 'company.com', userId: 'no one at all' },
];

/** Every search and filter, on two pages, from the facts in memory and from SQLite: the same report. */
async function expectSameReports(book: LocalBook, columns: ColumnsReader) {
  for (const f of [...SEARCHED, ...EDITED, ...FILTERED])
    for (const [limit, offset] of [
      [50, 0],
      [20, 40],
    ] as const) {
      const report = await reportFromColumns(book.db, columns, f, limit, offset);
      expect({ f, offset, report }).toEqual({ f, offset, report: await fromSqlite(book, f, limit, offset) });
    }
}

it.each(['UTC', 'Asia/Kolkata'])(
  'a search or a filter counted from the facts in memory gives the report SQLite gives, as the outbox moves on (%s)',
  async (zone) => {
    await inZone(zone, async () => {
      const book = await openBook({ file: join(dir, 'book.sqlite') });
      liveOutbox(book, 3000);
      const columns = { sqlite: book.sqlite, facts: new FactsColumns(book.sqlite) };
      // Before the facts are filled, SQLite answers, and the worker is told to fill them.
      expect(await reportFromColumns(book.db, columns, SEARCHED[0]!, 50, 0)).toBeNull();
      expect(columns.facts.wanted).toBe(true);
      let steps = 0;
      while (!columns.facts.step(400)) steps += 1;
      expect(steps).toBeGreaterThan(3);
      await expectSameReports(book, columns);

      // New messages, sends, bounces and deletes, and a rowid used again after its message was deleted.
      liveOutbox(book, 1500, 23);
      book.sqlite.exec(`update outbox set status = 'sent', bounced = 1 where rowid % 7 = 0`);
      book.sqlite.exec(`update outbox set status = 'failed' where rowid % 11 = 0`);
      book.sqlite.exec(`delete from outbox where rowid = (select max(rowid) from outbox)`);
      // Subjects and addresses edited: the messages take their new texts' numbers.
      book.sqlite.exec(`update outbox set to_json = '["Sami@Company.com", "a@x.ps"]' where rowid % 5 = 0`);
      book.sqlite.exec(`update outbox set subject = 'كشف حساب ٣ عبد الله — École' where rowid % 13 = 0`);
      liveOutbox(book, 300, 31);
      await expectSameReports(book, columns);
      for (const f of [...EDITED, ...FILTERED.slice(0, -1)])
        expect({ f, found: (await fromSqlite(book, f, 1, 0)).totals.messages > 0 }).toEqual({ f, found: true });
      await book.close();
    });
  },
);

it('reads the facts again from the start when the book went back to older versions', async () => {
  const book = await openBook({ file: join(dir, 'book.sqlite') });
  liveOutbox(book, 500);
  const facts = new FactsColumns(book.sqlite);
  while (!facts.step());
  expect(facts.current()).toBe(facts);
  // As a backup restored under the same connection would look: the newest versions are gone.
  book.sqlite.exec(`delete from outbox_search_facts where version > 100`);
  expect(facts.current()).toBeNull();
  expect(facts.ready).toBe(false);
  while (!facts.step());
  expect(facts.current()).toBe(facts);
  await book.close();
});

/** A book of a live outbox with its facts read into memory, all of them. */
async function filledBook(operations: number) {
  const book = await openBook({ file: join(dir, 'book.sqlite') });
  liveOutbox(book, operations);
  const columns = { sqlite: book.sqlite, facts: new FactsColumns(book.sqlite) };
  while (!columns.facts.step());
  return { book, columns };
}

it('leaves to SQLite a bulk, a card alone, a search of one or two characters, and the days alone', async () => {
  const { book, columns } = await filledBook(300);
  const days = { from: '2026-03-01', to: '2026-03-04', search: '' };
  for (const f of [
    { ...days, search: 'boss@', bulkId: 'b1' },
    { ...days, search: 'bo', partyId: 'p1' },
    { ...days, partyId: 'p1' },
    days,
    { ...days, status: 'sent' as const },
  ])
    expect({ f, report: await reportFromColumns(book.db, columns, f, 50, 0) }).toEqual({ f, report: null });
  await book.close();
});

it('leaves a report of decades to SQLite rather than keep counters for every hour of it', async () => {
  const { book, columns } = await filledBook(300);
  const f = { from: '2026-03-01', to: '2026-03-04', search: 'boss@' };
  expect(await reportFromColumns(book.db, columns, f, 50, 0)).not.toBeNull();
  const decades = { ...f, from: '1990-01-01', to: '2099-12-31' };
  expect(await reportFromColumns(book.db, columns, decades, 50, 0)).toBeNull();
  await book.close();
});
