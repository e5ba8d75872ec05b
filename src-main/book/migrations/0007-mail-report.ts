import { sql, type Kysely } from 'kysely';
import { perDialect } from '../dialect';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
// The mail report on a large outbox: a recipient count kept per message, and indexes that
// hold everything the totals and the per-day chart read, one per filter, so a year of
// messages is counted from an index and never from the rows themselves.
const COUNTED = ['status', 'credits', 'recipients'];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('outbox')
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await perDialect(db, {
    sqlite: sql`update outbox set recipients = json_array_length(to_json) + json_array_length(cc_json)`,
    postgres: sql`update outbox set recipients = json_array_length(to_json::json) + json_array_length(cc_json::json)`,
  }).execute(db);
  await db.schema.dropIndex('outbox_created').execute();
  await db.schema
    .createIndex('outbox_report_time')
    .on('outbox')
    .columns(['created_at', ...COUNTED])
    .execute();
  await db.schema
    .createIndex('outbox_report_status')
    .on('outbox')
    .columns(['status', 'created_at', 'credits', 'recipients'])
    .execute();
  await db.schema
    .createIndex('outbox_report_user')
    .on('outbox')
    .columns(['created_by', 'created_at', ...COUNTED])
    .execute();
  await db.schema
    .createIndex('outbox_report_type')
    .on('outbox')
    .columns(['doc_type', 'created_at', ...COUNTED])
    .execute();
  await db.schema.dropIndex('outbox_party').execute();
  await db.schema
    .createIndex('outbox_report_party')
    .on('outbox')
    .columns(['party_id', 'created_at', ...COUNTED])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const name of [
    'outbox_report_time',
    'outbox_report_status',
    'outbox_report_user',
    'outbox_report_type',
    'outbox_report_party',
  ])
    await db.schema.dropIndex(name).execute();
  await db.schema.createIndex('outbox_created').on('outbox').columns(['created_at']).execute();
  await db.schema.createIndex('outbox_party').on('outbox').columns(['party_id', 'created_at']).execute();
  await db.schema.alterTable('outbox').dropColumn('recipients').execute();
}
