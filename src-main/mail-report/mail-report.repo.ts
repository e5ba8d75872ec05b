import { sql, type Kysely } from 'kysely';
import type { MailReportFilters } from '../../src-shared/api/mail-report.api';
import { escapeLike } from '../../src-shared/text/escape';
import { perDialect } from '../book/dialect';
import type { Database } from '../book/schema';
import { hourlyCountsQuery, reportWindow, splitByWholeHours, type ReportWindow } from './mail-report.hours';
import { searchPhrase, type SearchHits } from './mail-report.search';
import { searchedCounts, type CountedHours } from './mail-report.search-facts';
import { planFor } from './report-plan';
import { POSTGRES_SEARCHED } from './search-constants';

/**
 * Above this many matches a search is broad ("boss@" on one message in ten): reading each match's
 * row costs more than walking the filter's narrow index and looking each entry up among the matches.
 */
export const BROAD_SEARCH = 5_000;

/**
 * The outbox rows the report's filters select (each filter has its index, migrations 0007 and 0012).
 * `hits` are the search's matches found beforehand (withSearchHits); without them the index is read here.
 * `window` is the filters' days unless a part of them is asked for.
 */
export function filtered(
  db: Kysely<Database>,
  f: MailReportFilters,
  hits: SearchHits | null = null,
  window: ReportWindow = reportWindow(f),
) {
  let q = db
    .selectFrom('outbox as o')
    .where('o.created_at', '>=', window.since.toISOString())
    .where('o.created_at', '<', window.until.toISOString());
  if (f.userId) q = q.where('o.created_by', '=', f.userId);
  if (f.partyId) q = q.where('o.party_id', '=', f.partyId);
  if (f.docType) q = q.where('o.doc_type', '=', f.docType);
  if (f.status === 'bounced') q = q.where('o.status', '=', 'sent').where('o.bounced', '>', 0);
  else if (f.status === 'sent') q = q.where('o.status', '=', 'sent').where('o.bounced', '=', 0);
  else if (f.status) q = q.where('o.status', '=', f.status);
  if (f.bulkId) q = q.where(sql<boolean>`o.id in (select outbox_id from bulk_items where bulk_id = ${f.bulkId})`);
  const [phrase, search] = [searchPhrase(f), f.search.trim()];
  const { matches } = planFor(db, f);
  if (matches === 'postgres-trigram') {
    // The trigram GIN index of migration 0012 serves a LIKE on the same expression.
    q = q.where(sql<boolean>`${POSTGRES_SEARCHED} like ${`%${escapeLike(search.toLowerCase())}%`} escape '\\'`);
  } else if (matches === 'kept-hits' && hits) {
    // Few matches: read just those rows. Many: walk the filter's index and keep its entries that
    // match ("+" keeps SQLite from reading the matches' rows one by one).
    const kept = sql.table(`temp.${hits.table}`);
    q = q.where(
      hits.count > BROAD_SEARCH
        ? sql<boolean>`+o.rowid in (select hit from ${kept})`
        : sql<boolean>`o.rowid in (select hit from ${kept})`,
    );
  } else if (matches === 'kept-hits') {
    // Not kept beforehand: the trigram index (migration 0012), the words as one phrase, matching as typed, anywhere.
    q = q.where(sql<boolean>`o.rowid in (select rowid from outbox_search where outbox_search match ${phrase})`);
  } else if (matches === 'row-text') {
    // One or two characters are below what a trigram index holds: read the rows.
    const like = `%${escapeLike(search.toLowerCase())}%`;
    q = q.where(
      sql<boolean>`(lower(o.subject) like ${like} escape '\\' or lower(o.to_json) like ${like} escape '\\' or lower(o.cc_json) like ${like} escape '\\')`,
    );
  }
  return q;
}

/** What a message cost in the end: failed and cancelled ones gave their credits back. */
const CHARGED = sql<number>`case when o.status in ('failed', 'cancelled') then 0 else o.credits end`;

/**
 * Totals and the per-day chart in one pass, counted per UTC hour (SQLite's own local-time
 * conversion is several times slower on a year of messages). Every column it reads is in
 * the filter's index (migration 0007), so the rows themselves are not read.
 */
export const summaryQuery = (
  db: Kysely<Database>,
  f: MailReportFilters,
  hits: SearchHits | null = null,
  window: ReportWindow = reportWindow(f),
) =>
  filtered(db, f, hits, window)
    .select([
      sql<string>`substr(o.created_at, 1, 13)`.as('hour'),
      sql<number>`count(*)`.as('messages'),
      sql<number>`sum(o.recipients)`.as('recipients'),
      sql<number>`sum(${CHARGED})`.as('credits'),
      sql<number>`count(case when o.status = 'sent' and o.bounced = 0 then 1 end)`.as('sent'),
      sql<number>`count(case when o.status = 'sent' and o.bounced > 0 then 1 end)`.as('bounced'),
      sql<number>`count(case when o.status = 'failed' then 1 end)`.as('failed'),
    ])
    .groupBy(sql`substr(o.created_at, 1, 13)`)
    .orderBy('hour');

/**
 * Names each hour's calendar day on this desktop: 00:30 in Nablus is the next day in UTC terms. Hours
 * come in order, so the last day's bounds are kept and a year takes a few hundred Date calls, not
 * thousands. The report's first hour may start before its first day does (UTC+5:30): it counts on that day.
 */
function localDays(notBefore: Date) {
  let start = Infinity;
  let end = -Infinity;
  let name = '';
  return (hourStart: number) => {
    const at = Math.max(hourStart, notBefore.getTime());
    if (at < start || at >= end) {
      const day = new Date(at);
      const [y, m, d] = [day.getFullYear(), day.getMonth(), day.getDate()];
      start = new Date(y, m, d).getTime();
      end = new Date(y, m, d + 1).getTime();
      name = `${y}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    }
    return name;
  };
}

/** One UTC hour's figures ("2026-11-26T22") as the outbox's queries and the per-hour counts give them. */
interface HourRow {
  hour: string;
  messages: number;
  recipients: number;
  credits: number;
  sent: number;
  bounced: number;
  failed: number;
}

/**
 * The report's figures per UTC hour. With no filter but dates and status, whole hours are read
 * from the per-hour counts (a year of a million messages in one small read) and only the
 * part-hours at the window's edges from the outbox; any other filter counts the outbox's index.
 */
async function countsPerHour(db: Kysely<Database>, f: MailReportFilters, hits: SearchHits | null): Promise<HourRow[]> {
  if (planFor(db, f).counting !== 'hourly-counts') return summaryQuery(db, f, hits).execute();
  const { whole, edges } = splitByWholeHours(reportWindow(f));
  const parts = await Promise.all([
    ...(whole ? [hourlyCountsQuery(db, whole, f.status).execute()] : []),
    ...edges.map((edge) => summaryQuery(db, f, hits, edge).execute()),
  ]);
  return parts.flat();
}

/** Per-hour rows as the outbox's queries give them ("2026-11-26T22"), with their sums added up. */
function added(rows: HourRow[]): CountedHours {
  const sum = (key: 'recipients' | 'credits') => rows.reduce((n, h) => n + Number(h[key]), 0);
  const hours = rows.map((h) => ({
    start: Date.parse(`${h.hour}:00:00.000Z`),
    messages: Number(h.messages),
    sent: Number(h.sent),
    bounced: Number(h.bounced),
    failed: Number(h.failed),
  }));
  return { hours, recipients: sum('recipients'), credits: sum('credits') };
}

/**
 * Totals, and sent and failed per local day in date order, counted as planReport says. Hours are UTC:
 * in a zone whose offset is not whole hours, the hour a day starts in counts on the day before (the
 * totals stay exact). Counting from the matches' facts needs the matches kept (withSearchHits): without
 * them the filter's index is read.
 */
export async function summary(db: Kysely<Database>, f: MailReportFilters, hits: SearchHits | null = null) {
  const window = reportWindow(f);
  return tally(
    hits && planFor(db, f).counting === 'search-facts'
      ? await searchedCounts(db, f, hits.table, window)
      : added(await countsPerHour(db, f, hits)),
    window,
  );
}

/** The report's totals, and sent, bounced and failed per local day in date order, from its hours. */
export function tally({ hours, recipients, credits }: CountedHours, window: ReportWindow) {
  const totals = {
    messages: 0,
    recipients: Number(recipients),
    credits: Number(credits),
    sent: 0,
    bounced: 0,
    failed: 0,
  };
  const days = new Map<string, { day: string; sent: number; bounced: number; failed: number }>();
  const dayOf = localDays(window.since);
  for (const h of hours) {
    totals.messages += h.messages;
    totals.sent += h.sent;
    totals.bounced += h.bounced;
    totals.failed += h.failed;
    const day = dayOf(h.start);
    const entry = days.get(day) ?? { day, sent: 0, bounced: 0, failed: 0 };
    entry.sent += h.sent;
    entry.bounced += h.bounced;
    entry.failed += h.failed;
    days.set(day, entry);
  }
  return { totals, perDay: [...days.values()] };
}

/** A page of the selected messages, newest first, with who queued each. */
export const pageOf = (selected: ReturnType<typeof filtered>, limit: number, offset: number) =>
  selected
    .leftJoin('users_seen as u', 'u.id', 'o.created_by')
    .selectAll('o')
    .select(sql<string>`coalesce(u.name, '')`.as('user_name'))
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(limit)
    .offset(offset);

export const pageQuery = (
  db: Kysely<Database>,
  f: MailReportFilters,
  limit: number,
  offset: number,
  hits: SearchHits | null = null,
) => pageOf(filtered(db, f, hits), limit, offset);

export const page = (
  db: Kysely<Database>,
  f: MailReportFilters,
  limit: number,
  offset: number,
  hits: SearchHits | null = null,
) => pageQuery(db, f, limit, offset, hits).execute();

/** Where a listing stopped: the last row's time and id (newest first). */
export interface ListedCursor {
  createdAt: string;
  id: string;
}

/**
 * What the CSV and the printed report show, newest first: the listed columns only (credits as
 * charged, the bounced recipients with their codes), never the message bodies. `after` continues
 * a listing where a page stopped, so a long export reads one page at a time from the index.
 */
export const listed = (
  db: Kysely<Database>,
  f: MailReportFilters,
  limit: number,
  after: ListedCursor | null = null,
  hits: SearchHits | null = null,
) => {
  let q = filtered(db, f, hits);
  if (after) q = q.where(sql<boolean>`(o.created_at, o.id) < (${after.createdAt}, ${after.id})`);
  return q
    .leftJoin('users_seen as u', 'u.id', 'o.created_by')
    .select([
      'o.id',
      'o.created_at',
      'o.sent_at',
      'o.source_title',
      'o.to_json',
      'o.cc_json',
      'o.subject',
      'o.status',
      'o.bounced',
      'o.message_id',
      'o.last_reply',
    ])
    .select(CHARGED.as('credits'))
    .select(sql<string>`coalesce(u.name, '')`.as('user_name'))
    .select(
      sql<string | null>`case when o.bounced > 0 then (select ${perDialect(db, {
        sqlite: sql`group_concat(b.recipient || ' ' || b.status_code, ', ' order by b.recipient)`,
        postgres: sql`string_agg(b.recipient || ' ' || b.status_code, ', ' order by b.recipient)`,
      })}
        from outbox_bounces b where b.outbox_id = o.id and b.kind = 'bounced') end`.as('bounced_recipients'),
    )
    .orderBy('o.created_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(limit)
    .execute();
};

export const attempts = (db: Kysely<Database>, id: string) =>
  db.selectFrom('outbox_attempts').selectAll().where('outbox_id', '=', id).orderBy('attempt').execute();
