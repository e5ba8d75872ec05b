import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
// The mail report's totals for a year without reading a year of index entries: the outbox
// counted per UTC hour and state, kept by triggers in the same transaction as every outbox
// write, so the counts can never drift from the rows. A state is the message's status, or
// 'bounced' for a sent message with a bounced recipient; credits are counted as charged (a
// failed or cancelled message gave its credits back).
const STATE = (row: 'new' | 'old') =>
  sql.raw(`case when ${row}.status = 'sent' and ${row}.bounced > 0 then 'bounced' else ${row}.status end`);
const CHARGED = (row: 'new' | 'old') =>
  sql.raw(`case when ${row}.status in ('failed', 'cancelled') then 0 else ${row}.credits end`);
const HOUR = (row: 'new' | 'old') => sql.raw(`substr(${row}.created_at, 1, 13)`);

const add = sql`insert into outbox_hours (hour, state, messages, recipients, credits)
    values (${HOUR('new')}, ${STATE('new')}, 1, new.recipients, ${CHARGED('new')})
    on conflict (hour, state) do update set messages = messages + 1,
      recipients = recipients + excluded.recipients, credits = credits + excluded.credits;`;
const remove = sql`update outbox_hours set messages = messages - 1,
      recipients = recipients - old.recipients, credits = credits - ${CHARGED('old')}
    where hour = ${HOUR('old')} and state = ${STATE('old')};`;

// PostgreSQL: the same counting in one trigger function (its triggers cannot hold statements).
const postgresFollow = sql`create function outbox_hours_follow() returns trigger language plpgsql as $$
  begin
    if tg_op in ('UPDATE', 'DELETE') then
      ${remove}
    end if;
    if tg_op in ('INSERT', 'UPDATE') then
      insert into outbox_hours as h (hour, state, messages, recipients, credits)
        values (${HOUR('new')}, ${STATE('new')}, 1, new.recipients, ${CHARGED('new')})
        on conflict (hour, state) do update set messages = h.messages + 1,
          recipients = h.recipients + excluded.recipients, credits = h.credits + excluded.credits;
    end if;
    return null;
  end $$`;

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = dialectOf(db) === 'postgres';
  await sql`create table outbox_hours (
    hour text not null,
    state text not null,
    messages integer not null,
    recipients integer not null,
    credits integer not null,
    primary key (hour, state)
  ) ${sql.raw(postgres ? '' : 'without rowid')}`.execute(db);
  await sql`insert into outbox_hours (hour, state, messages, recipients, credits)
    select substr(created_at, 1, 13), case when status = 'sent' and bounced > 0 then 'bounced' else status end,
      count(*), sum(recipients), sum(case when status in ('failed', 'cancelled') then 0 else credits end)
    from outbox group by 1, 2`.execute(db);
  if (postgres) {
    await postgresFollow.execute(db);
    await sql`create trigger outbox_hours_follow after insert or delete or update of status, bounced, credits, recipients, created_at
      on outbox for each row execute function outbox_hours_follow()`.execute(db);
    return;
  }
  await sql`create trigger outbox_hours_insert after insert on outbox begin ${add} end`.execute(db);
  await sql`create trigger outbox_hours_delete after delete on outbox begin ${remove} end`.execute(db);
  await sql`create trigger outbox_hours_update after update of status, bounced, credits, recipients, created_at on outbox
    begin ${remove} ${add} end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`drop trigger outbox_hours_follow on outbox`.execute(db);
    await sql`drop function outbox_hours_follow`.execute(db);
    await sql`drop table outbox_hours`.execute(db);
    return;
  }
  for (const name of ['outbox_hours_insert', 'outbox_hours_delete', 'outbox_hours_update'])
    await sql`drop trigger ${sql.raw(name)}`.execute(db);
  await sql`drop table outbox_hours`.execute(db);
}
