import type SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { MailReportFilters } from '../../src-shared/api/mail-report-filters';
import type { Database } from '../book/schema';
import { everyMatch, listedMatches, type FactsColumns, type FactsFilter, type Matches } from './facts-columns';
import { reportWindow } from './mail-report.hours';
import { pageOf, tally } from './mail-report.repo';
import { hitsQuery, searchPhrase } from './mail-report.search';
import { rowidBounds, type RowidBounds } from './mail-report.search-facts';
import { searchableInTexts, textsHolding } from './mail-report.search-texts';
import { planFor } from './report-plan';
import { SEARCH_FACT_STATES, SEARCH_KEY_PREFIX } from './search-constants';

/** The read worker's own: its connection to the book file, and the search facts it keeps in memory. */
export interface ColumnsReader {
  sqlite: SQLite.Database;
  facts: FactsColumns;
}

/**
 * The mail report (totals, per day, one page) counted from the facts in memory, when planReport says
 * they can (`inMemory`); null for any other report, which SQLite answers as fast or faster, and null
 * while the facts are not yet filled. Any mail report asks the worker to fill them between reads.
 */
export async function reportFromColumns(
  db: Kysely<Database>,
  { sqlite, facts }: ColumnsReader,
  f: MailReportFilters,
  limit: number,
  offset: number,
) {
  // The report is open: a search is likely soon, so the worker fills the facts while it is idle.
  facts.wanted = true;
  if (!planFor(db, f).inMemory) return null;
  const columns = facts.current();
  if (!columns) return null;
  const [window, phrase] = [reportWindow(f), searchPhrase(f)];
  const bounds = await rowidBounds(db, window);
  const found = !bounds
    ? listedMatches([], 0, -1)
    : phrase
      ? await matches(db, { sqlite, facts: columns }, f, phrase, bounds)
      : everyMatch(bounds.first, bounds.last);
  const { counts, newest } = columns.summarize(found, factsFilter(sqlite, f, window), offset + limit);
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

/** The report's filters as the facts hold them: the state's number, and the card's, user's and type's. */
function factsFilter(sqlite: SQLite.Database, f: MailReportFilters, window: FactsFilter['window']): FactsFilter {
  const key = sqlite.prepare<[string], number>('select id from outbox_search_keys where value = ?').pluck();
  const numberOf = (kind: keyof typeof SEARCH_KEY_PREFIX) => {
    const value = f[kind];
    return value ? (key.get(SEARCH_KEY_PREFIX[kind] + value) ?? -1) : null;
  };
  return {
    window,
    state: f.status ? SEARCH_FACT_STATES.indexOf(f.status) : null,
    party: numberOf('partyId'),
    user: numberOf('userId'),
    type: numberOf('docType'),
  };
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
