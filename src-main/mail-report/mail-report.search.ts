import { sql, type Kysely } from 'kysely';
import type { MailReportFilters } from '../../src-shared/api/mail-report.api';
import type { Database } from '../book/schema';
import { reportWindow } from './mail-report.hours';
import { rowidBounds, type RowidBounds } from './mail-report.search-facts';
import { planFor } from './report-plan';
import { TRIGRAM } from './search-constants';

/**
 * A trigram in fewer messages than this is rare enough to find the search's candidates by: reading
 * its few thousand entries is cheap, where a phrase search reads every trigram's whole list (the
 * "@مثا" of every address in the book) and costs tens of milliseconds on a million messages.
 */
export const RARE_TRIGRAM = 10_000;

/** At most this many rare trigrams are looked for; together they narrow the candidates enough. */
const RARE_WANTED = 3;

/** The search as an FTS5 phrase (the words as typed, anywhere), or null when it is too short for the index. */
export function searchPhrase(f: MailReportFilters): string | null {
  const search = f.search.trim();
  return [...search].length >= TRIGRAM ? quoted(search) : null;
}

const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * A text search's matches, read from the trigram index once and kept in a temporary table for the
 * queries of one report (totals, the page, the CSV's pages): the index is the slow part of a
 * search, so it is not read again per query.
 */
export interface SearchHits {
  table: string;
  count: number;
}

let hitTables = 0;

/**
 * Runs `work` with the search's matches found once (null when the filters have no indexed search).
 * `rare` is the rare-trigram threshold (a test lowers it to take the phrase path on a small book).
 */
export async function withSearchHits<T>(
  db: Kysely<Database>,
  f: MailReportFilters,
  work: (hits: SearchHits | null) => Promise<T>,
  rare = RARE_TRIGRAM,
): Promise<T> {
  const phrase = searchPhrase(f);
  // PostgreSQL reads its trigram index within each query (no rowids to keep); one or two characters are read in the rows.
  if (!phrase || planFor(db, f).matches !== 'kept-hits') return work(null);
  // Its own table: two reports searching at once never share one.
  const table = `report_hits_${++hitTables}`;
  await sql`create temp table ${sql.table(table)} (hit integer primary key)`.execute(db);
  try {
    // Only the rowids the report's hours can hold: a year's matches, not the whole book's.
    const bounds = await rowidBounds(db, reportWindow(f));
    if (bounds)
      await sql`insert into temp.${sql.table(table)} ${await hitsQuery(db, f, phrase, bounds, rare)}`.execute(db);
    const { rows } = await sql<{ n: number }>`select count(*) as n from temp.${sql.table(table)}`.execute(db);
    return await work({ table, count: Number(rows[0]?.n ?? 0) });
  } finally {
    await sql`drop table if exists temp.${sql.table(table)}`.execute(db);
  }
}

/**
 * The rowids of the messages whose subject or addresses hold the search, within `bounds`. When a
 * few of its trigrams are rare, the messages holding all of them are the candidates, and each is
 * checked in its own row; otherwise the whole phrase is read from the index.
 */
export async function hitsQuery(
  db: Kysely<Database>,
  f: MailReportFilters,
  phrase: string,
  { first, last }: RowidBounds,
  rare = RARE_TRIGRAM,
) {
  const search = f.search.trim();
  const narrowing = await narrowingTrigrams(db, search, rare);
  if (narrowing.length === 0)
    return sql<{ hit: number }>`select rowid as hit from outbox_search
      where outbox_search match ${phrase} and rowid between ${first} and ${last}`;
  // SQLite's lower() folds ASCII only, as the index folds the search's letters (see checkableInRows).
  return sql<{ hit: number }>`select rowid as hit from outbox
    where rowid in (select rowid from outbox_search
        where outbox_search match ${narrowing.map(quoted).join(' AND ')} and rowid between ${first} and ${last})
      and (instr(lower(subject), lower(${search})) > 0 or instr(lower(to_json), lower(${search})) > 0
        or instr(lower(cc_json), lower(${search})) > 0)`;
}

/**
 * The search's rare trigrams, whose messages are few enough to check each in its row: none when every
 * trigram is common, or when the rows cannot be checked as the index matches.
 */
export const narrowingTrigrams = async (db: Kysely<Database>, search: string, rare: number) =>
  checkableInRows(search) ? rareTrigrams(db, search, rare) : [];

/**
 * Whether a row can be checked for the search with SQLite's lower(), exactly as the index matches:
 * every letter of the search that has a case is ASCII (Arabic has none). "École" is left to the index,
 * whose folding knows É.
 */
function checkableInRows(search: string): boolean {
  return [...search].every((c) => c < '\u0080' || c.toLowerCase() === c.toUpperCase());
}

/** Up to RARE_WANTED of the search's trigrams that are each in fewer than `rare` messages. */
async function rareTrigrams(db: Kysely<Database>, search: string, rare: number): Promise<string[]> {
  const chars = [...search.toLowerCase()];
  const trigrams = new Set(chars.slice(0, -2).map((_, i) => chars.slice(i, i + TRIGRAM).join('')));
  const found: string[] = [];
  // Digits first: a number (an invoice's, an address's) is what is rarest in subjects and addresses.
  for (const trigram of [...trigrams].sort((a, b) => Number(/\d/.test(b)) - Number(/\d/.test(a)))) {
    // Stops reading a trigram's list at the threshold: a common one costs no more than a rare one.
    const { rows } = await sql<{ n: number }>`select count(*) as n from (
      select rowid from outbox_search where outbox_search match ${quoted(trigram)} limit ${rare})`.execute(db);
    if (Number(rows[0]?.n ?? rare) < rare) found.push(trigram);
    if (found.length === RARE_WANTED) break;
  }
  return found;
}
