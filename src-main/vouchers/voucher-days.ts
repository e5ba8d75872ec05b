import { sql, type Kysely } from 'kysely';
import type { VoucherType } from '../../src-shared/vouchers/types';
import type { Database } from '../book/schema';

/** The filters the per-day counts can answer: no party and no search. */
export interface DayFilters {
  type?: VoucherType;
  from?: string;
  to?: string;
  includeCancelled: boolean;
}

/** Where a page of the list starts: on `day` (newest first), after `skip` of the vouchers dated `day` or earlier. */
export interface DaySeek {
  total: number;
  day: string | null;
  skip: number;
}

/**
 * The list's total, and the day its page at `offset` starts on, from voucher_days (a few hundred rows
 * a year) instead of counting and skipping the vouchers themselves: a deep page then skips only
 * within its own day. One row: the first day (newest first) whose running count passes the offset
 * (`upto`, with that day's `n`), or, past the end, any day for the `total`; none for an empty list.
 */
export function daySeekQuery(db: Kysely<Database>, f: DayFilters, offset: number) {
  let days = db
    .selectFrom('voucher_days')
    .select(['date', sql<number>`sum(n)`.as('n')])
    .groupBy('date');
  if (f.type) days = days.where('type', '=', f.type);
  if (!f.includeCancelled) days = days.where('status', '=', 'active');
  if (f.from) days = days.where('date', '>=', f.from);
  if (f.to) days = days.where('date', '<=', f.to);
  const running = db
    .selectFrom(days.as('d'))
    .select([
      'date',
      'n',
      sql<number>`sum(n) over (order by date desc rows unbounded preceding)`.as('upto'),
      sql<number>`sum(n) over ()`.as('total'),
    ]);
  return db
    .selectFrom(running.as('c'))
    .select(['date', 'n', 'upto', 'total'])
    .orderBy(sql`case when upto > ${offset} then 0 else 1 end`)
    .orderBy('date', 'desc')
    .limit(1);
}

/** The seek on its own: for a list whose page came back empty (past the end, or nothing at all). */
export async function seekByDays(db: Kysely<Database>, f: DayFilters, offset: number): Promise<DaySeek> {
  const row = await daySeekQuery(db, f, offset).executeTakeFirst();
  if (!row) return { total: 0, day: null, skip: 0 };
  const [n, upto, total] = [Number(row.n), Number(row.upto), Number(row.total)];
  if (upto <= offset) return { total, day: null, skip: 0 };
  return { total, day: row.date, skip: offset - (upto - n) };
}
