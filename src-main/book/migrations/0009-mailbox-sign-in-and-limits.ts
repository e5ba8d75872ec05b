import { sql, type Kysely } from 'kysely';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
// The sender mailbox can sign in with OAuth2 (Microsoft 365, Google, or any OpenID provider)
// instead of a password (the refresh token lives in the secret store, never here), and keeps
// to its provider's sending limits: a preset, and limits per message, per minute and per
// rolling day (null: none), counted from the messages sent, through an index on sent_at.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('mailbox')
    .addColumn('preset', 'text', (c) => c.notNull().defaultTo('other'))
    .execute();
  for (const column of ['limit_per_message', 'limit_per_minute', 'limit_per_day'])
    await db.schema.alterTable('mailbox').addColumn(column, 'integer').execute();
  await sql`create index outbox_sent_window on outbox (status, sent_at, recipients)`.execute(db);
  await db.schema
    .alterTable('mailbox')
    .addColumn('sign_in', 'text', (c) => c.notNull().defaultTo('password'))
    .execute();
  await db.schema
    .alterTable('mailbox')
    .addColumn('oauth_provider', 'text', (c) => c.notNull().defaultTo('microsoft'))
    .execute();
  await db.schema
    .alterTable('mailbox')
    .addColumn('oauth_issuer', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema
    .alterTable('mailbox')
    .addColumn('oauth_client_id', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  // Who signed in (shown as "signed in as …"); empty while no one has.
  await db.schema
    .alterTable('mailbox')
    .addColumn('oauth_account', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index outbox_sent_window`.execute(db);
  for (const column of [
    'oauth_account',
    'oauth_client_id',
    'oauth_issuer',
    'oauth_provider',
    'sign_in',
    'limit_per_day',
    'limit_per_minute',
    'limit_per_message',
    'preset',
  ])
    await db.schema.alterTable('mailbox').dropColumn(column).execute();
}
