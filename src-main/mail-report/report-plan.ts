import type { MailReportFilters } from '../../src-shared/api/mail-report-filters';
import { dialectOf, type BookDialectName, type Connection } from '../book/dialect';
import { reportWindow } from './mail-report.hours';
import { TRIGRAM } from './search-constants';

// The one place that chooses how a mail report is counted and how its search finds its matches.
// Each way is described, with what keeps it true and the test that compares it with plain SQL, in
// src-main/mail-report/README.md.

/** How SQL counts the report's totals and days. */
export type SqlCounting =
  /** Whole hours from outbox_hours (migration 0014), the part-hours at the window's edges from the outbox. */
  | 'hourly-counts'
  /** The search's kept matches looked up by rowid in outbox_search_facts (migration 0021), with key_runs(). */
  | 'search-facts'
  /** One pass over the filter's covering index (migrations 0007 and 0012), the rows themselves unread. */
  | 'filter-index';

/** How the search's matches are found in SQL. */
export type MatchFinding =
  | 'none'
  /** One or two characters, below what a trigram index holds: each row's subject and addresses are read. */
  | 'row-text'
  /** SQLite's trigram index (migration 0012) read once into a temporary table the report's queries share. */
  | 'kept-hits'
  /** A LIKE on POSTGRES_SEARCHED, served by PostgreSQL's trigram GIN index (migration 0012). */
  | 'postgres-trigram';

export interface ReportPlan {
  /**
   * The read worker's facts in memory (facts-columns.ts) count it, once filled: a text search with any
   * filter but a bulk, or a user or document type without a search (a third or a sixth of the messages).
   */
  inMemory: boolean;
  /** How SQL counts it: the CSV and the printed report always, the screen while the facts are not there. */
  counting: SqlCounting;
  matches: MatchFinding;
}

/** The longest report counted from the facts in memory: 25 years, 220,000 hours of counters. */
const LONGEST_IN_MEMORY_MS = 25 * 366 * 86_400_000;

/** How a report with these filters is counted on a book of this dialect. */
export function planReport(f: MailReportFilters, dialect: BookDialectName): ReportPlan {
  const search = f.search.trim();
  const indexed = [...search].length >= TRIGRAM;
  const matches: MatchFinding = !search
    ? 'none'
    : dialect === 'postgres'
      ? 'postgres-trigram'
      : indexed
        ? 'kept-hits'
        : 'row-text';
  // A card, user, document type or bulk narrows to few enough index entries to count them directly.
  const narrowed = Boolean(f.userId || f.partyId || f.docType || f.bulkId);
  const counting: SqlCounting =
    !search && !narrowed ? 'hourly-counts' : matches === 'kept-hits' && !narrowed ? 'search-facts' : 'filter-index';
  // SQLite answers the rest as fast or faster: a bulk or a card (a few hundred messages, from their
  // index), one or two characters (from the rows), the days alone (from the per-hour counts). The
  // facts count per hour of the window: decades of hours are left to SQLite too.
  const window = reportWindow(f);
  const inMemory =
    dialect === 'sqlite' &&
    !f.bulkId &&
    (matches === 'kept-hits' || (!search && Boolean(f.userId || f.docType))) &&
    window.until.getTime() - window.since.getTime() <= LONGEST_IN_MEMORY_MS;
  return { inMemory, counting, matches };
}

/** The plan for a report on this connection's book: the one place the search asks the dialect. */
export const planFor = (db: Connection, f: MailReportFilters): ReportPlan => planReport(f, dialectOf(db));
