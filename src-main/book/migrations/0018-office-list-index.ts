import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
// On PostgreSQL, a list of one type's active vouchers by date walks this index in order, where
// without the status in it the planner sorted the whole type to reach a far page (the id is in it,
// so a page can be read from the index alone). SQLite's plan for the same query already walks
// vouchers_type_date; it gets nothing here.
export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`create index vouchers_type_status_date on vouchers (type, status, date, number) include (id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql`drop index vouchers_type_status_date`.execute(db);
}
