import { sql, type Kysely } from 'kysely';
import type { MailReportFilters } from '../../src-shared/api/mail-report-filters';
import type { Database } from '../book/schema';

const HOUR = 3_600_000;

/** The instants a report covers (stored UTC): from its first local day's start to the start of the day after its last. */
export interface ReportWindow {
  since: Date;
  until: Date;
}

/** The first instant of a calendar day on this desktop's clock: the report's days are the office's days. */
function localDayStart(isoDate: string, plusDays = 0): Date {
  const day = new Date(`${isoDate}T00:00:00`);
  day.setDate(day.getDate() + plusDays);
  return day;
}

export const reportWindow = (f: MailReportFilters): ReportWindow => ({
  since: localDayStart(f.from),
  until: localDayStart(f.to, 1),
});

/** The hour as outbox_hours keys it: the first 13 characters of an ISO instant. */
const hourKey = (at: Date) => at.toISOString().slice(0, 13);

/**
 * A window split where whole UTC hours start and end: the whole hours come from outbox_hours, the
 * parts at either edge (a zone whose offset is not whole hours, e.g. UTC+5:30) from the outbox.
 */
export function splitByWholeHours(w: ReportWindow): { whole: ReportWindow | null; edges: ReportWindow[] } {
  const firstWhole = new Date(Math.ceil(w.since.getTime() / HOUR) * HOUR);
  const lastWhole = new Date(Math.floor(w.until.getTime() / HOUR) * HOUR);
  if (firstWhole >= lastWhole) return { whole: null, edges: [w] };
  const edges: ReportWindow[] = [];
  if (w.since < firstWhole) edges.push({ since: w.since, until: firstWhole });
  if (lastWhole < w.until) edges.push({ since: lastWhole, until: w.until });
  return { whole: { since: firstWhole, until: lastWhole }, edges };
}

/**
 * The report's figures per UTC hour for whole hours, from outbox_hours (migration 0014): a year is
 * some 9,000 rows however many messages it holds. The status filter picks the matching state.
 */
export const hourlyCountsQuery = (db: Kysely<Database>, whole: ReportWindow, status: MailReportFilters['status']) => {
  let q = db
    .selectFrom('outbox_hours')
    .where('hour', '>=', hourKey(whole.since))
    .where('hour', '<', hourKey(whole.until));
  if (status) q = q.where('state', '=', status);
  const ofState = (state: string) => sql<number>`sum(case when state = ${state} then messages else 0 end)`;
  return q
    .select([
      'hour',
      sql<number>`sum(messages)`.as('messages'),
      sql<number>`sum(recipients)`.as('recipients'),
      sql<number>`sum(credits)`.as('credits'),
      ofState('sent').as('sent'),
      ofState('bounced').as('bounced'),
      ofState('failed').as('failed'),
    ])
    .groupBy('hour')
    .having(sql<number>`sum(messages)`, '>', 0)
    .orderBy('hour');
};
