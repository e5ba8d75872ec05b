import { sql, type Kysely } from 'kysely';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('credit_grants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('credit_spends')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount <> 0`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('ref', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('synced_at', 'text')
    .execute();
  // A spend is given back at most once.
  await sql`create unique index credit_spends_one_return on credit_spends (ref) where reason = 'return'`.execute(db);
  await db.schema.createIndex('credit_spends_unsynced').on('credit_spends').column('synced_at').execute();
  await db.schema
    .createTable('licensing_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('packs', 'integer', (c) => c.notNull())
    .addColumn('messages', 'integer', (c) => c.notNull())
    .addColumn('total_cents', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .createTable('licensing_state')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('server_url', 'text')
    .addColumn('account_id', 'text')
    .addColumn('device_id', 'text')
    .addColumn('last_sync_at', 'text')
    .addColumn('last_attempt_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('server_account_balance', 'integer')
    .addColumn('pricing', 'text')
    .execute();
  await db.insertInto('licensing_state').values({ id: 1 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['licensing_state', 'licensing_orders', 'credit_spends', 'credit_grants'])
    await db.schema.dropTable(table).execute();
}
