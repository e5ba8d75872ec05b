import type { Kysely } from 'kysely';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bulk_sends')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'integer', (c) => c.notNull().unique())
    .addColumn('options_json', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // 0 while its documents are still being listed (a few hundred at a time), 1 when all are.
    .addColumn('prepared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('bulk_items')
    .addColumn('bulk_id', 'text', (c) => c.notNull().references('bulk_sends.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('voucher_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('skip_reason', 'text')
    .addColumn('outbox_id', 'text')
    .addPrimaryKeyConstraint('bulk_items_pk', ['bulk_id', 'position'])
    .execute();
  await db.schema.createIndex('bulk_items_state').on('bulk_items').columns(['bulk_id', 'state', 'position']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bulk_items').execute();
  await db.schema.dropTable('bulk_sends').execute();
}
