import type SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { MailReportFilters } from '../../src-shared/api/mail-report-filters';
import { SEARCH_FACT_STATES } from '../book/migrations/0021-mail-report-search-facts';
import type { Database } from '../book/schema';
import { listedMatches, type FactsColumns, type Matches } from './facts-columns';
import { reportWindow } from './mail-report.hours';
import { pageOf, tally } from './mail-report.repo';
import { hitsQuery, searchPhrase } from './mail-report.search';
import { countableFromFacts, rowidBounds, type RowidBounds } from './mail-report.search-facts';
import { searchableInTexts, textsHolding } from './mail-report.search-texts';

/** The longest report counted from the facts in memory: 25 years, 220,000 hours of counters. */
const LONGEST_WINDOW_MS = 25 * 366 * 86_400_000;

/** The read worker's own: its connection to the book file, and the search facts it keeps in memory. */
export interface ColumnsReader {
  sqlite: SQLite.Database;
  facts: FactsColumns;
}

/**
 * The mail report (totals, per day, one page) for a text search with no filter but the days and the
 * status, counted from the facts in memory; null for any other report, or while the facts are not
 * yet filled (SQLite counts those). Any mail report asks the worker to fill them between reads.
 */
export async function searchFromColumns(
  db: Kysely<Database>,
  { sqlite, facts }: ColumnsReader,
  f: MailReportFilters,
  limit: number,
  offset: number,
) {
  // The report is open: a search is likely soon, so the worker fills the facts while it is idle.
  facts.wanted = true;
  const phrase = searchPhrase(f);
  if (!phrase || !countableFromFacts(f)) return null;
  const columns = facts.current();
  if (!columns) return null;
  const window = reportWindow(f);
  // The counts are kept per hour of the window: decades of hours are left to SQLite.
  if (window.until.getTime() - window.since.getTime() > LONGEST_WINDOW_MS) return null;
  const bounds = await rowidBounds(db, window);
  const found = bounds ? await matches(db, { sqlite, facts: columns }, f, phrase, bounds) : listedMatches([], 0, -1);
  const state = f.status ? SEARCH_FACT_STATES.indexOf(f.status) : null;
  const { counts, newest } = columns.summarize(found, window, state, offset + limit);
  const rows = newest.length
    ? await pageOf(
        db
          .selectFrom('outbox as o')
          .where(sql<boolean>`o.rowid in (select value from json_each(${JSON.stringify(newest)}))`),
        limit,
        offset,
      ).execute()
    : [];
  return { ...tally(counts, window), rows };
}

/**
 * The messages within `bounds` whose subject or addresses hold the search. Without digits, from the
 * kept texts that hold it and the facts' text numbers, in one pass however common the phrase is;
 * with digits, from the outbox's own trigram index, straight into an array (no temporary table).
 */
async function matches(
  db: Kysely<Database>,
  { sqlite, facts }: ColumnsReader,
  f: MailReportFilters,
  phrase: string,
  bounds: RowidBounds,
): Promise<Matches> {
  const { first, last } = bounds;
  if (searchableInTexts(f.search.trim())) return facts.holding(textsHolding(sqlite, phrase), first, last);
  const found = (await hitsQuery(db, f, phrase, bounds)).compile(db);
  const rids = sqlite
    .prepare(found.sql)
    .pluck()
    .all(...found.parameters) as number[];
  return listedMatches(rids, first, last);
}
