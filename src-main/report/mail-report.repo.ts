import { sql, type Kysely } from 'kysely';
import type { MailReportFilters } from '../../src-shared/api/report.api';
import { escapeLike } from '../../src-shared/text/escape';
import type { Database } from '../book/schema';

/** The outbox rows the report's filters select (indexed on time and party). */
export function filtered(db: Kysely<Database>, f: MailReportFilters) {
  let q = db.selectFrom('outbox as o').where('o.created_at', '>=', f.from).where('o.created_at', '<=', `${f.to}T23:59:59.999Z`);
  if (f.userId) q = q.where('o.created_by', '=', f.userId);
  if (f.partyId) q = q.where('o.party_id', '=', f.partyId);
  if (f.docType) q = q.where('o.doc_type', '=', f.docType);
  if (f.status) q = q.where('o.status', '=', f.status);
  if (f.bulkId) q = q.where(sql<boolean>`o.id in (select outbox_id from bulk_items where bulk_id = ${f.bulkId})`);
  if (f.search.trim()) {
    const like = `%${escapeLike(f.search.trim().toLowerCase())}%`;
    q = q.where(sql<boolean>`(lower(o.subject) like ${like} escape '\\' or lower(o.to_json) like ${like} escape '\\' or lower(o.cc_json) like ${like} escape '\\')`);
  }
  return q;
}

export async function totals(db: Kysely<Database>, f: MailReportFilters) {
  const row = await filtered(db, f)
    .select([
      sql<number>`count(*)`.as('messages'),
      sql<number>`coalesce(sum(json_array_length(o.to_json) + json_array_length(o.cc_json)), 0)`.as('recipients'),
      sql<number>`coalesce(sum(case when o.status in ('failed', 'cancelled') then 0 else o.credits end), 0)`.as('credits'),
      sql<number>`coalesce(sum(o.status = 'sent'), 0)`.as('sent'),
      sql<number>`coalesce(sum(o.status = 'failed'), 0)`.as('failed'),
    ])
    .executeTakeFirstOrThrow();
  return { messages: Number(row.messages), recipients: Number(row.recipients), credits: Number(row.credits), sent: Number(row.sent), failed: Number(row.failed) };
}

export const perDay = (db: Kysely<Database>, f: MailReportFilters) =>
  filtered(db, f)
    .select([sql<string>`substr(o.created_at, 1, 10)`.as('day'), sql<number>`sum(o.status = 'sent')`.as('sent'), sql<number>`sum(o.status = 'failed')`.as('failed')])
    .groupBy(sql`substr(o.created_at, 1, 10)`)
    .orderBy('day')
    .execute();

export const page = (db: Kysely<Database>, f: MailReportFilters, limit: number, offset: number) =>
  filtered(db, f)
    .leftJoin('users as u', 'u.id', 'o.created_by')
    .selectAll('o')
    .select(sql<string>`coalesce(u.name, '')`.as('user_name'))
    .orderBy('o.created_at', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();

export const attempts = (db: Kysely<Database>, id: string) => db.selectFrom('outbox_attempts').selectAll().where('outbox_id', '=', id).orderBy('attempt').execute();
