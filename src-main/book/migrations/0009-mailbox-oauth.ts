import type { Kysely } from 'kysely';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
// The sender mailbox can sign in with OAuth2 (Microsoft 365, Google, or any OpenID provider)
// instead of a password. The refresh token lives in the secret store, never here.
export async function up(db: Kysely<any>): Promise<void> {
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
  for (const column of ['oauth_account', 'oauth_client_id', 'oauth_issuer', 'oauth_provider', 'sign_in'])
    await db.schema.alterTable('mailbox').dropColumn(column).execute();
}
