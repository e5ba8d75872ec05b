import { sql, type Kysely } from 'kysely';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('vouchers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`type in ('sales_invoice', 'sales_return', 'purchase_invoice', 'purchase_return', 'receipt', 'payment', 'payslip')`,
        ),
    )
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('party_id', 'text', (c) => c.notNull().references('parties.id'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('ar', 'en')`))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active', 'cancelled')`),
    )
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('subtotal_minor', 'integer', (c) => c.notNull())
    .addColumn('discount_minor', 'integer', (c) => c.notNull())
    .addColumn('tax_minor', 'integer', (c) => c.notNull())
    .addColumn('total_minor', 'integer', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('cancelled_at', 'text')
    .addUniqueConstraint('vouchers_type_number_unique', ['type', 'number'])
    .execute();
  // Lists newest first per type; statements by party, currency and date.
  await db.schema.createIndex('vouchers_type_date').on('vouchers').columns(['type', 'date', 'number']).execute();
  await db.schema.createIndex('vouchers_date').on('vouchers').columns(['date', 'number']).execute();
  await db.schema.createIndex('vouchers_number').on('vouchers').column('number').execute();
  await db.schema
    .createIndex('vouchers_party_currency_date')
    .on('vouchers')
    .columns(['party_id', 'currency', 'status', 'date'])
    .execute();

  await db.schema
    .createTable('voucher_lines')
    .addColumn('voucher_id', 'text', (c) => c.notNull().references('vouchers.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('quantity_milli', 'integer', (c) => c.notNull())
    .addColumn('unit_price_minor', 'integer', (c) => c.notNull())
    .addColumn('discount_bp', 'integer', (c) => c.notNull())
    .addColumn('tax_bp', 'integer', (c) => c.notNull())
    .addColumn('gross_minor', 'integer', (c) => c.notNull())
    .addColumn('discount_minor', 'integer', (c) => c.notNull())
    .addColumn('tax_minor', 'integer', (c) => c.notNull())
    .addColumn('total_minor', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('voucher_lines_pk', ['voucher_id', 'position'])
    .execute();

  await db.schema
    .createTable('voucher_prints')
    .addColumn('voucher_id', 'text', (c) => c.notNull().references('vouchers.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('html_sha256', 'text', (c) => c.notNull())
    .addColumn('pdf_sha256', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('voucher_prints_pk', ['voucher_id', 'revision', 'language', 'html_sha256'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['voucher_prints', 'voucher_lines', 'vouchers']) await db.schema.dropTable(table).execute();
}
