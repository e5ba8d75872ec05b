import { sql, type Kysely } from 'kysely';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
// Reading the mailbox over IMAP (optional): its server, and whether to keep a copy of each sent
// message in its Sent folder. Bounces read from it, per recipient of a message, and how many
// recipients of each message bounced, counted by the mail report from its indexes (rebuilt here
// with that count). Where reading has got to, per folder and UIDVALIDITY. The exact bytes sent,
// kept (as a file) only while a Sent copy is owed.
const COUNTED = ['status', 'credits', 'recipients', 'bounced'];
const REPORT_INDEXES: [string, string[]][] = [
  ['outbox_report_time', ['created_at', ...COUNTED]],
  ['outbox_report_status', ['status', 'created_at', 'credits', 'recipients', 'bounced']],
  ['outbox_report_user', ['created_by', 'created_at', ...COUNTED]],
  ['outbox_report_type', ['doc_type', 'created_at', ...COUNTED]],
  ['outbox_report_party', ['party_id', 'created_at', ...COUNTED]],
];

export async function up(db: Kysely<any>): Promise<void> {
  const mailbox = (column: string, type: 'text' | 'integer', fallback: string | number) =>
    db.schema
      .alterTable('mailbox')
      .addColumn(column, type, (c) => c.notNull().defaultTo(fallback))
      .execute();
  await mailbox('imap_enabled', 'integer', 0);
  await mailbox('imap_host', 'text', '');
  await mailbox('imap_port', 'integer', 993);
  await mailbox('imap_security', 'text', 'tls');
  // Empty: the SMTP user name.
  await mailbox('imap_username', 'text', '');
  await mailbox('sent_copy', 'integer', 0);
  // Empty: the folder the server marks \Sent.
  await mailbox('sent_folder', 'text', '');
  // When reading was switched on: older mail is never read.
  await db.schema.alterTable('mailbox').addColumn('imap_since', 'text').execute();

  await db.schema
    .alterTable('outbox')
    .addColumn('bounced', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // pending: a Sent copy is owed (raw_file holds the bytes sent); done; null: none wanted.
  await db.schema.alterTable('outbox').addColumn('sent_copy', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('raw_file', 'text').execute();
  await sql`create index outbox_sent_copy on outbox (sent_copy) where sent_copy = 'pending'`.execute(db);
  await db.schema.createIndex('outbox_message_id').on('outbox').column('message_id').execute();
  for (const [name, columns] of REPORT_INDEXES) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on('outbox').columns(columns).execute();
  }

  await db.schema
    .createTable('outbox_bounces')
    .addColumn('outbox_id', 'text', (c) => c.notNull().references('outbox.id'))
    .addColumn('recipient', 'text', (c) => c.notNull())
    // bounced (given up: 5.x.x) or delayed (still trying: 4.x.x).
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('bounced', 'delayed')`))
    .addColumn('status_code', 'text', (c) => c.notNull())
    .addColumn('diagnostic', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('outbox_bounces_pk', ['outbox_id', 'recipient', 'kind'])
    .execute();
  await db.schema.createIndex('outbox_bounces_recipient').on('outbox_bounces').columns(['recipient']).execute();

  await db.schema
    .createTable('imap_cursor')
    .addColumn('folder', 'text', (c) => c.primaryKey())
    .addColumn('uid_validity', 'text', (c) => c.notNull())
    .addColumn('last_uid', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('imap_cursor').execute();
  await db.schema.dropTable('outbox_bounces').execute();
  for (const [name, columns] of REPORT_INDEXES) {
    await db.schema.dropIndex(name).execute();
    await db.schema
      .createIndex(name)
      .on('outbox')
      .columns(columns.filter((c) => c !== 'bounced'))
      .execute();
  }
  await db.schema.dropIndex('outbox_message_id').execute();
  await db.schema.dropIndex('outbox_sent_copy').execute();
  for (const column of ['raw_file', 'sent_copy', 'bounced'])
    await db.schema.alterTable('outbox').dropColumn(column).execute();
  for (const column of [
    'imap_since',
    'sent_folder',
    'sent_copy',
    'imap_username',
    'imap_security',
    'imap_port',
    'imap_host',
    'imap_enabled',
  ])
    await db.schema.alterTable('mailbox').dropColumn(column).execute();
}
