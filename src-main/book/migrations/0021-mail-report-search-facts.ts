import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
// A broad text search ("boss@" in one message of ten) finds tens of thousands of rowids in the
// trigram index (0012); its totals then needed each match's time and state, and the outbox's own
// rows are wide (bodies, JSON) and its indexes are keyed by time, not rowid. Two narrow tables, kept
// by triggers in the same transaction as every outbox write, answer by rowid instead:
// - outbox_search_facts: per message, its time, state, recipients and charged credits, and the
//   version of its last change (one more than any before), so a reader that keeps the facts in
//   memory reads only what changed since; a deleted message keeps its row as state -1;
// - outbox_search_hours: per UTC hour, the lowest and highest rowid created in it, so a search reads
//   only the rowids a report's days can hold (a bound, not a promise: rows may be gone or moved on).
// Named with the index they serve, so the office's table lists leave them aside with it. SQLite
// only: PostgreSQL's trigram index reads its rows within each query.

/** A state as a small number (a search's hours are grouped on it): outbox_hours' states, in this order. */
export const SEARCH_FACT_STATES = ['sent', 'bounced', 'failed', 'queued', 'sending', 'held', 'cancelled'] as const;

/** Milliseconds of a UTC hour: outbox_search_hours' key is the creation time divided by it. */
export const SEARCH_FACT_HOUR = 3_600_000;

type Row = 'new' | 'outbox';
const STATE = (row: Row) =>
  sql.raw(`case when ${row}.status = 'sent' and ${row}.bounced > 0 then 1
    ${SEARCH_FACT_STATES.map((state, code) => `when ${row}.status = '${state}' then ${code}`).join(' ')} else -1 end`);
const CHARGED = (row: Row) =>
  sql.raw(`case when ${row}.status in ('failed', 'cancelled') then 0 else ${row}.credits end`);
// created_at is an ISO instant with milliseconds ("2026-11-26T10:00:00.123Z"): whole seconds from
// unixepoch() and the milliseconds read off the text, so no floating point rounds them.
const AT = (row: Row) =>
  sql.raw(`(unixepoch(${row}.created_at) * 1000 + cast(substr(${row}.created_at, 21, 3) as integer))`);

// Read from the version index's last entry. Rows are never deleted, so versions only grow.
const NEXT_VERSION = sql.raw('(select coalesce(max(version), 0) + 1 from outbox_search_facts)');

const HOUR_BOUNDS = sql`insert into outbox_search_hours (hour, first_rid, last_rid)
    values (${AT('new')} / ${sql.lit(SEARCH_FACT_HOUR)}, new.rowid, new.rowid)
    on conflict (hour) do update set first_rid = min(first_rid, excluded.first_rid),
      last_rid = max(last_rid, excluded.last_rid);`;

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') return;
  await sql`create table outbox_search_facts (
    rid integer primary key,
    at integer not null,
    state integer not null,
    recipients integer not null,
    credits integer not null,
    version integer not null
  )`.execute(db);
  await sql`create index outbox_search_facts_version on outbox_search_facts (version)`.execute(db);
  await sql`create table outbox_search_hours (
    hour integer primary key,
    first_rid integer not null,
    last_rid integer not null
  )`.execute(db);
  await sql`insert into outbox_search_facts (rid, at, state, recipients, credits, version)
    select rowid, ${AT('outbox')}, ${STATE('outbox')}, recipients, ${CHARGED('outbox')}, rowid
    from outbox`.execute(db);
  await sql`insert into outbox_search_hours (hour, first_rid, last_rid)
    select at / ${sql.lit(SEARCH_FACT_HOUR)}, min(rid), max(rid) from outbox_search_facts group by 1`.execute(db);
  await sql`create trigger outbox_search_facts_insert after insert on outbox begin
    insert into outbox_search_facts (rid, at, state, recipients, credits, version)
      values (new.rowid, ${AT('new')}, ${STATE('new')}, new.recipients, ${CHARGED('new')}, ${NEXT_VERSION})
      on conflict (rid) do update set at = excluded.at, state = excluded.state,
        recipients = excluded.recipients, credits = excluded.credits, version = excluded.version;
    ${HOUR_BOUNDS}
  end`.execute(db);
  await sql`create trigger outbox_search_facts_delete after delete on outbox begin
    update outbox_search_facts set state = -1, version = ${NEXT_VERSION} where rid = old.rowid;
  end`.execute(db);
  await sql`create trigger outbox_search_facts_update after update of status, bounced, credits, recipients, created_at
    on outbox begin
    update outbox_search_facts set at = ${AT('new')}, state = ${STATE('new')}, recipients = new.recipients,
      credits = ${CHARGED('new')}, version = ${NEXT_VERSION} where rid = new.rowid;
    ${HOUR_BOUNDS}
  end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') return;
  for (const name of ['outbox_search_facts_insert', 'outbox_search_facts_delete', 'outbox_search_facts_update'])
    await sql`drop trigger ${sql.raw(name)}`.execute(db);
  await sql`drop table outbox_search_hours`.execute(db);
  await sql`drop table outbox_search_facts`.execute(db);
}
