import type { Kysely } from 'kysely';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
// An office book's own secrets, which every desktop of the office uses: the mailbox's password or
// sign-in, and the book's place at the licensing server. Each is sealed with the office key, which
// the office's desktops hold and the database never sees. A book on this computer leaves it empty:
// its secrets are in the desktop's secret store.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('office_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('office_secrets').execute();
}
