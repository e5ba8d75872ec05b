import type { Kysely } from 'kysely';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
// The tax rate new invoice lines start with, in basis points (1600 = 16 %). Existing books
// start at 0, so no line changes until the company sets one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('company')
    .addColumn('default_tax_bp', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('company').dropColumn('default_tax_bp').execute();
}
