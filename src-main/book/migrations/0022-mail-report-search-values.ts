import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
// A phrase in most messages ("@company.com", "فاتورة") costs FTS5 a read of every trigram's whole
// list in the outbox's index (0012): hundreds of milliseconds on a million messages. Yet the texts
// searched repeat: an office writes to its few thousand customers, and its subjects differ mostly
// by a document's number. So each text is also kept once, with its digits written as 0:
// - outbox_search_texts: every subject and address list so written, once, with its own trigram
//   index; a search without digits finds the same messages in it as in the outbox's index (its
//   matches never meet a digit, and nothing else was changed), in a few hundred rows;
// - outbox_search_keys: every card, user and document type a message names, once, so a report
//   filtered by one of them is counted from the facts too;
// - outbox_search_facts gains the numbers of each message's three texts and three keys, kept by
//   its insert trigger (rewritten here) and an update trigger of their own, so the read worker
//   counts a report from its facts in memory.
// Values are never removed: one no message uses any more only matches nothing. SQLite only.

/** The digits written as 0 in the kept texts: Latin, Arabic-Indic and Eastern Arabic-Indic. */
export const SEARCH_TEXT_DIGITS = '0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹';

/** How a filter's card, user or document type is written in outbox_search_keys. */
export const SEARCH_KEY_PREFIX = { partyId: 'party:', userId: 'user:', docType: 'type:' } as const;

// 0021's expressions and its facts as it made them, copied here: a migration never follows later code.
const SEARCH_FACT_STATES_0021 = ['sent', 'bounced', 'failed', 'queued', 'sending', 'held', 'cancelled'];
const HOUR_MS = 3_600_000;
type Row = 'new' | 'outbox';
const STATE = (row: Row) =>
  sql.raw(`case when ${row}.status = 'sent' and ${row}.bounced > 0 then 1
    ${SEARCH_FACT_STATES_0021.map((state, code) => `when ${row}.status = '${state}' then ${code}`).join(' ')} else -1 end`);
const CHARGED = (row: Row) =>
  sql.raw(`case when ${row}.status in ('failed', 'cancelled') then 0 else ${row}.credits end`);
const AT = (row: Row) =>
  sql.raw(`(unixepoch(${row}.created_at) * 1000 + cast(substr(${row}.created_at, 21, 3) as integer))`);
const NEXT_VERSION = sql.raw('(select coalesce(max(version), 0) + 1 from outbox_search_facts)');
const HOUR_BOUNDS = sql`insert into outbox_search_hours (hour, first_rid, last_rid)
    values (${AT('new')} / ${sql.lit(HOUR_MS)}, new.rowid, new.rowid)
    on conflict (hour) do update set first_rid = min(first_rid, excluded.first_rid),
      last_rid = max(last_rid, excluded.last_rid);`;

type Table = 'outbox_search_texts' | 'outbox_search_keys';

/** A text with every digit written as 0, in SQL. */
const masked = (row: Row, field: string) =>
  [...SEARCH_TEXT_DIGITS.slice(1)].reduce((inner, digit) => `replace(${inner}, '${digit}', '0')`, `${row}.${field}`);

/** Each fact column that numbers one of a message's values: the table it is kept in, and the value in SQL. */
const NUMBERED: { column: string; table: Table; value: (row: Row) => string }[] = [
  { column: 'subject_text', table: 'outbox_search_texts', value: (row) => masked(row, 'subject') },
  { column: 'to_text', table: 'outbox_search_texts', value: (row) => masked(row, 'to_json') },
  { column: 'cc_text', table: 'outbox_search_texts', value: (row) => masked(row, 'cc_json') },
  {
    column: 'party_key',
    table: 'outbox_search_keys',
    value: (row) => `'${SEARCH_KEY_PREFIX.partyId}' || ${row}.party_id`,
  },
  {
    column: 'user_key',
    table: 'outbox_search_keys',
    value: (row) => `'${SEARCH_KEY_PREFIX.userId}' || ${row}.created_by`,
  },
  {
    column: 'type_key',
    table: 'outbox_search_keys',
    value: (row) => `'${SEARCH_KEY_PREFIX.docType}' || ${row}.doc_type`,
  },
];
const TABLES: Table[] = ['outbox_search_texts', 'outbox_search_keys'];
const keptIn = (table: Table) => NUMBERED.filter((n) => n.table === table);

/** The number of a row's value in its table. */
const numberOf = ({ table, value }: (typeof NUMBERED)[number], row: Row) =>
  `(select id from ${table} where value = ${value(row)})`;

// Without a conflict clause: an outer INSERT OR REPLACE would turn an OR IGNORE here into a
// replace, and a value's number must never change under the messages that use it.
const KEEP_VALUES = sql.raw(
  TABLES.map(
    (table) => `insert into ${table} (value)
    select value from (${keptIn(table)
      .map((n) => `select ${n.value('new')} as value`)
      .join(' union ')})
    where value not in (select value from ${table});`,
  ).join('\n'),
);

const NUMBER_COLUMNS = sql.raw(NUMBERED.map((n) => n.column).join(', '));
const NUMBERS_OF_NEW = sql.raw(NUMBERED.map((n) => `${n.column} = ${numberOf(n, 'new')}`).join(', '));

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') return;
  for (const table of TABLES)
    await sql`create table ${sql.raw(table)} (id integer primary key, value text not null unique)`.execute(db);
  await sql`create virtual table outbox_search_texts_index using fts5(
    value, content = 'outbox_search_texts', content_rowid = 'id', tokenize = 'trigram'
  )`.execute(db);
  for (const table of TABLES)
    await sql`insert into ${sql.raw(table)} (value)
      ${sql.raw(
        keptIn(table)
          .map((n) => `select ${n.value('outbox')} from outbox`)
          .join(' union '),
      )}`.execute(db);
  await sql`insert into outbox_search_texts_index (outbox_search_texts_index) values ('rebuild')`.execute(db);
  await sql`create trigger outbox_search_texts_insert after insert on outbox_search_texts begin
    insert into outbox_search_texts_index (rowid, value) values (new.id, new.value);
  end`.execute(db);

  for (const { column } of NUMBERED)
    await sql`alter table outbox_search_facts add column ${sql.raw(column)} integer not null default 0`.execute(db);
  await sql`update outbox_search_facts set ${sql.raw(NUMBERED.map((n) => `${n.column} = ${numberOf(n, 'outbox')}`).join(', '))}
    from outbox where outbox.rowid = outbox_search_facts.rid`.execute(db);

  await sql`drop trigger outbox_search_facts_insert`.execute(db);
  await sql`create trigger outbox_search_facts_insert after insert on outbox begin
    ${KEEP_VALUES}
    insert into outbox_search_facts (rid, at, state, recipients, credits, version, ${NUMBER_COLUMNS})
      values (new.rowid, ${AT('new')}, ${STATE('new')}, new.recipients, ${CHARGED('new')}, ${NEXT_VERSION},
        ${sql.raw(NUMBERED.map((n) => numberOf(n, 'new')).join(', '))})
      on conflict (rid) do update set at = excluded.at, state = excluded.state,
        recipients = excluded.recipients, credits = excluded.credits, version = excluded.version,
        ${sql.raw(NUMBERED.map((n) => `${n.column} = excluded.${n.column}`).join(', '))};
    ${HOUR_BOUNDS}
  end`.execute(db);
  // 0021's update trigger stays for status and counts (most writes); a change of what is numbered
  // keeps the new values and renumbers the message, as its own change.
  await sql`create trigger outbox_search_values_update
    after update of subject, to_json, cc_json, party_id, created_by, doc_type on outbox begin
    ${KEEP_VALUES}
    update outbox_search_facts set version = ${NEXT_VERSION}, ${NUMBERS_OF_NEW} where rid = new.rowid;
  end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') return;
  await sql`drop trigger outbox_search_values_update`.execute(db);
  await sql`drop table outbox_search_texts_index`.execute(db);
  for (const table of TABLES) await sql`drop table ${sql.raw(table)}`.execute(db);
  // The facts as 0021 made them, read again from the outbox.
  for (const name of ['outbox_search_facts_insert', 'outbox_search_facts_delete', 'outbox_search_facts_update'])
    await sql`drop trigger ${sql.raw(name)}`.execute(db);
  await sql`drop table outbox_search_hours`.execute(db);
  await sql`drop table outbox_search_facts`.execute(db);
  await factsOf0021(db);
}

/** 0021's up as it was: the facts and hours tables, filled from the outbox, and their three triggers. */
async function factsOf0021(db: Kysely<any>): Promise<void> {
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
    select at / ${sql.lit(HOUR_MS)}, min(rid), max(rid) from outbox_search_facts group by 1`.execute(db);
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
