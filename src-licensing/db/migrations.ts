import { sql, type Kysely, type Migration } from 'kysely';

// Frozen migrations, typed Kysely<any>; portable between SQLite and PostgreSQL.
const m0001: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('accounts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('company_name', 'text', (c) => c.notNull())
      .addColumn('account_key_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('credits')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('order_id', 'text', (c) => c.unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('grants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .addUniqueConstraint('grants_device_seq', ['device_id', 'seq'])
      .execute();
    await db.schema
      .createTable('spends')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('amount', 'bigint', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('orders')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('packs', 'integer', (c) => c.notNull())
      .addColumn('pack_size', 'integer', (c) => c.notNull())
      .addColumn('unit_price_cents', 'integer', (c) => c.notNull())
      .addColumn('total_cents', 'integer', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('checkout_token', 'text', (c) => c.notNull())
      .addColumn('provider_ref', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('webhook_events')
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('webhook_events_pk', ['provider', 'event_id'])
      .execute();
    await db.schema.createIndex('grants_account').on('grants').columns(['account_id', 'device_id', 'seq']).execute();
    await db.schema.createIndex('spends_account').on('spends').columns(['account_id', 'device_id']).execute();
    await db.schema.createIndex('orders_account').on('orders').columns(['account_id', 'created_at']).execute();
  },
};

// Spends arrive as a hash chain per device; the device remembers its head and standing.
const m0002: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('spends').addColumn('seq', 'bigint').execute();
    await db.schema.createIndex('spends_device_seq').on('spends').columns(['device_id', 'seq']).unique().execute();
    await db.schema
      .alterTable('devices')
      .addColumn('chain_seq', 'bigint', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable('devices')
      .addColumn('chain_hash', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema
      .alterTable('devices')
      .addColumn('standing', 'text', (c) => c.notNull().defaultTo('ok'))
      .execute();
    await db.schema.alterTable('devices').addColumn('standing_reason', 'text').execute();
    await db.schema.alterTable('devices').addColumn('standing_seq', 'bigint').execute();
  },
};

// The trial once per install.
const m0003: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('trial_installs')
      .addColumn('install_hash', 'text', (c) => c.primaryKey())
      .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  },
};

// A return names the spend it gives back, each once. Returns taken before are matched, in chain
// order, to an earlier unreturned spend of the same device and amount (a guess, marked so); one that
// matches none (a return of nothing) keeps null, and a balance counts only returns with a spend.
const m0004: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('spends').addColumn('returns', 'text').execute();
    await db.schema
      .alterTable('spends')
      .addColumn('returns_guessed', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    const devices = await db.selectFrom('spends').select('device_id').distinct().where('amount', '<', 0).execute();
    for (const { device_id } of devices) {
      const rows = await db
        .selectFrom('spends')
        .select(['id', 'amount'])
        .where('device_id', '=', device_id)
        .orderBy(sql`coalesce(seq, 0)`)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      // amount → its spends in order, and how many of them were given back (the oldest first)
      const open = new Map<number, { ids: string[]; returned: number }>();
      for (const row of rows) {
        const amount = Number(row.amount);
        if (amount > 0) {
          const same = open.get(amount);
          if (same) same.ids.push(row.id);
          else open.set(amount, { ids: [row.id], returned: 0 });
          continue;
        }
        const same = open.get(-amount);
        if (!same || same.returned === same.ids.length) continue;
        const returned = same.ids[same.returned++];
        await db
          .updateTable('spends')
          .set({ returns: returned, returns_guessed: 1 })
          .where('id', '=', row.id)
          .execute();
      }
    }
    await db.schema.createIndex('spends_returns').on('spends').column('returns').unique().execute();
  },
};

export const licensingMigrations: Record<string, Migration> = {
  '0001-init': m0001,
  '0002-spend-chain': m0002,
  '0003-trial-installs': m0003,
  '0004-spend-returns': m0004,
};
