import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
// The vouchers counted per type, status and day, kept by triggers in the same transaction as every
// voucher write (as outbox_hours is for the outbox). A long list's total and the place of a deep
// page are then read from a few hundred day rows instead of walking hundreds of thousands of index
// entries, which PostgreSQL does several times slower than SQLite.
const add = sql`insert into voucher_days (type, status, date, n) values (new.type, new.status, new.date, 1)
    on conflict (type, status, date) do update set n = voucher_days.n + 1;`;
const remove = sql`update voucher_days set n = n - 1
    where type = old.type and status = old.status and date = old.date;`;

// PostgreSQL: the same counting in one trigger function (its triggers cannot hold statements).
const postgresFollow = sql`create function voucher_days_follow() returns trigger language plpgsql as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      ${remove}
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      ${add}
    end if;
    return null;
  end $$`;

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  // bigint on PostgreSQL as every other integer of the book (raw SQL passes by WideIntegersPlugin).
  await sql`create table voucher_days (
    type text not null,
    status text not null,
    date text not null,
    n ${sql.raw(postgres ? 'bigint' : 'integer')} not null,
    primary key (type, status, date)
  ) ${sql.raw(postgres ? '' : 'without rowid')}`.execute(db);
  // A list of all types over a few days (a month's vouchers) reads the days by date; n is in the
  // index so the counts come from it alone.
  await sql`create index voucher_days_by_date on voucher_days (date, type, status, n)`.execute(db);
  await sql`insert into voucher_days (type, status, date, n)
    select type, status, date, count(*) from vouchers group by type, status, date`.execute(db);
  if (postgres) {
    await postgresFollow.execute(db);
    await sql`create trigger voucher_days_follow after insert or delete or update of type, status, date
      on vouchers for each row execute function voucher_days_follow()`.execute(db);
    return;
  }
  await sql`create trigger voucher_days_insert after insert on vouchers begin ${add} end`.execute(db);
  await sql`create trigger voucher_days_delete after delete on vouchers begin ${remove} end`.execute(db);
  await sql`create trigger voucher_days_update after update of type, status, date on vouchers
    begin ${remove} ${add} end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`drop trigger voucher_days_follow on vouchers`.execute(db);
    await sql`drop function voucher_days_follow`.execute(db);
    await sql`drop table voucher_days`.execute(db);
    return;
  }
  for (const name of ['voucher_days_insert', 'voucher_days_delete', 'voucher_days_update'])
    await sql`drop trigger ${sql.raw(name)}`.execute(db);
  await sql`drop table voucher_days`.execute(db);
}
