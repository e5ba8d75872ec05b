import { sql, type Kysely } from 'kysely';
import type { MailReportFilters } from '../../src-shared/api/mail-report-filters';
import type { Database } from '../book/schema';
import type { ReportWindow } from './mail-report.hours';
import { KEY_RUNS, type KeyRuns } from '../book/sql-functions';
import { SEARCH_FACT_HOUR, SEARCH_FACT_STATES } from './search-constants';

/** The rowids a window's messages can have: the lowest and highest created in its hours (migration 0021). */
export interface RowidBounds {
  first: number;
  last: number;
}

/**
 * Bounds the search index's rowids to the report's hours, so a year's report reads a year's matches
 * and not the whole book's. Null when no message was ever created in those hours.
 */
export async function rowidBounds(db: Kysely<Database>, window: ReportWindow): Promise<RowidBounds | null> {
  const found = await db
    .selectFrom('outbox_search_hours')
    .select((eb) => [eb.fn.min('first_rid').as('first'), eb.fn.max('last_rid').as('last')])
    .where('hour', '>=', Math.floor(window.since.getTime() / SEARCH_FACT_HOUR))
    .where('hour', '<=', Math.floor((window.until.getTime() - 1) / SEARCH_FACT_HOUR))
    .executeTakeFirst();
  return found?.first == null || found.last == null ? null : { first: found.first, last: found.last };
}

/** One UTC hour's messages, by the instant it starts (ms). */
export interface HourCounts {
  start: number;
  messages: number;
  sent: number;
  bounced: number;
  failed: number;
}

/** A report's counts per UTC hour in time order, and its recipients and credits in all. */
export interface CountedHours {
  hours: HourCounts[];
  recipients: number;
  credits: number;
}

const STATES = SEARCH_FACT_STATES.length;
const code = (state: (typeof SEARCH_FACT_STATES)[number]) => SEARCH_FACT_STATES.indexOf(state);

/**
 * A searched report's counts from the matches' facts: one lookup by rowid a match in a narrow
 * table, instead of walking every index entry of the window (a year is 450,000 on a million
 * messages) to see which are matches. Hour and state are counted as one number, in runs.
 */
export async function searchedCounts(
  db: Kysely<Database>,
  f: MailReportFilters,
  hitsTable: string,
  window: ReportWindow,
): Promise<CountedHours> {
  const status = f.status ? sql`and f.state = ${code(f.status)}` : sql``;
  // "cross join": the matches drive, each looked up once (the planner would rather scan the facts).
  const { rows } = await sql<{ recipients: number | null; credits: number | null; runs: string }>`
    select sum(f.recipients) as recipients, sum(f.credits) as credits,
      ${sql.raw(KEY_RUNS)}(f.at / ${sql.lit(SEARCH_FACT_HOUR)} * ${sql.lit(STATES)} + f.state) as runs
    from temp.${sql.table(hitsTable)} m cross join outbox_search_facts f on f.rid = m.hit
    where f.at >= ${window.since.getTime()} and f.at < ${window.until.getTime()} ${status}`.execute(db);
  const { recipients, credits, runs } = rows[0]!;
  const { keys, counts } = JSON.parse(runs) as KeyRuns;
  const perHour = new Map<number, HourCounts>();
  let inOrder = true;
  let latest = -Infinity;
  keys.forEach((key, i) => {
    const start = Math.floor(key / STATES) * SEARCH_FACT_HOUR;
    const state = SEARCH_FACT_STATES[key % STATES];
    const messages = counts[i]!;
    let hour = perHour.get(start);
    if (!hour) perHour.set(start, (hour = { start, messages: 0, sent: 0, bounced: 0, failed: 0 }));
    hour.messages += messages;
    if (state === 'sent' || state === 'bounced' || state === 'failed') hour[state] += messages;
    inOrder &&= start >= latest;
    latest = Math.max(latest, start);
  });
  // A message created while the clock was wrong comes out of order: only then are the hours sorted.
  const hours = inOrder ? [...perHour.values()] : [...perHour.values()].sort((a, b) => a.start - b.start);
  return { hours, recipients: recipients ?? 0, credits: credits ?? 0 };
}
