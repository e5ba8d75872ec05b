import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
// The PDFs messages carry, by their sha256, for an office book: every desktop of the office must
// reach the very file a message was queued with (to send it, retry it, or show it). A book on this
// computer keeps them in the data folder's outbox/ instead, and leaves this table empty.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('kept_files')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('bytes', sql.raw(dialectOf(db) === 'postgres' ? 'bytea' : 'blob'), (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('kept_files').execute();
}
