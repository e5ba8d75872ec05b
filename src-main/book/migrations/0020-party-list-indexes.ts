import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
// A card list (one kind, not archived, by name then code) walks this index and stops after its
// page, where before the whole kind was read and sorted. Partial, because a btree's order is not
// used past an `is null` condition. On PostgreSQL, a search in the cards' search key (and a voucher
// search by party or by a number, which also looks there) uses a pg_trgm index for `like '%…%'` of
// three characters or more; SQLite scans the few thousand cards faster than it would keep one.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index parties_live_by_name on parties (kind, name, code) where archived_at is null`.execute(db);
  if (dialectOf(db) !== 'postgres') return;
  await sql`create index parties_search on parties using gin (search_key gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index parties_live_by_name`.execute(db);
  if (dialectOf(db) === 'postgres') await sql`drop index parties_search`.execute(db);
}
