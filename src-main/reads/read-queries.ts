import type { Kysely } from 'kysely';
import type { BulkOptions } from '../../src-shared/api/bulk.api';
import type { Database } from '../book/schema';
import type { MailReportFilters } from '../../src-shared/api/mail-report-filters';
import { firstDocuments, perPartyAll } from '../bulk/bulk.repo';
import { bouncesByMessage } from '../mail/outbox.repo';
import { writeMailReportCsv } from '../mail-report/mail-report.csv';
import { page, summary } from '../mail-report/mail-report.repo';
import { withSearchHits } from '../mail-report/mail-report.search';
import { reportFromColumns, type ColumnsReader } from '../mail-report/mail-report.columns';
import { buildStatement } from '../statements/statement';
import type { StatementInput } from '../../src-shared/api/statements.api';
import type { PartyKind } from '../../src-shared/api/parties.api';
import type { ErrorCode, ErrorDetails } from '../../src-shared/errors';

/** Documents the bulk preview lists by name (the counts cover them all). */
export const PREVIEW_DOCUMENTS = 200;

/**
 * The heavy reads, run on the read worker's own read-only connection beside the writer (WAL
 * lets it read while the book is written), so the main thread stays free: each is one pass of
 * SQLite over the rows, never the rows loaded into memory.
 */
export const READ_QUERIES = {
  bulkPreview: async (db: Kysely<Database>, o: BulkOptions) => ({
    parties: await perPartyAll(db, o),
    documents: await firstDocuments(db, o, PREVIEW_DOCUMENTS),
  }),
  /**
   * The mail report: totals and per day in one pass over the filter's index (a search, or a card,
   * user or document type, counted from the worker's facts in memory once filled), and one page.
   */
  mailReport: async (
    db: Kysely<Database>,
    { filters, limit, offset }: { filters: MailReportFilters; limit: number; offset: number },
    columns?: ColumnsReader,
  ) => {
    const { totals, perDay, rows } =
      (columns && (await reportFromColumns(db, columns, filters, limit, offset))) ||
      (await withSearchHits(db, filters, async (hits) => ({
        ...(await summary(db, filters, hits)),
        rows: await page(db, filters, limit, offset, hits),
      })));
    const bounces = await bouncesByMessage(
      db,
      rows.map((r) => r.id),
    );
    return { totals, perDay, rows, bounces };
  },
  /** The mail report's list as a CSV file, written page by page (the file appears only once whole). */
  mailReportCsv: (db: Kysely<Database>, { filters, path }: { filters: MailReportFilters; path: string }) =>
    writeMailReportCsv(db, filters, path),
  /** A card's statement: every movement of the period with its running balance, per currency. */
  statement: (db: Kysely<Database>, { input, kinds }: { input: StatementInput; kinds: readonly PartyKind[] }) =>
    buildStatement(db, input, kinds),
};

export type ReadName = keyof typeof READ_QUERIES;
export type ReadInput<K extends ReadName> = Parameters<(typeof READ_QUERIES)[K]>[1];
export type ReadOutput<K extends ReadName> = Awaited<ReturnType<(typeof READ_QUERIES)[K]>>;

/** What the main thread asks of the worker, and what it answers. */
export interface ReadRequest {
  id: number;
  name: ReadName;
  input: unknown;
}
/** A failed read's error; an AppError (a card not found, a bad field) keeps its code and details across. */
export type ReadReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; message: string; appError?: { code: ErrorCode; details: ErrorDetails } };

/**
 * Runs one read on a connection (the worker's, or the main one for a book in memory). `columns`:
 * the worker's own connection and facts in memory, which the main thread never keeps.
 */
export const runRead = <K extends ReadName>(
  db: Kysely<Database>,
  name: K,
  input: ReadInput<K>,
  columns?: ColumnsReader,
): Promise<ReadOutput<K>> =>
  (
    READ_QUERIES[name] as (db: Kysely<Database>, input: ReadInput<K>, columns?: ColumnsReader) => Promise<ReadOutput<K>>
  )(db, input, columns);
