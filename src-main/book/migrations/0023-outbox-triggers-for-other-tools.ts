import { sql, type Kysely, type RawBuilder } from 'kysely';
import { dialectOf } from '../dialect';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
// The book is one SQLite file that people open in other tools (DB Browser, Python, the sqlite3 CLI).
// Those built on SQLite before 3.46 (Debian 12's 3.40, Ubuntu 22.04's 3.37) parse every trigger
// when they open the file, with a parser stack of 100 entries, and refuse the whole file when one
// is deeper: 0022 wrote each text's digits as 0 with 29 nested replace() calls (about three entries
// each). Here the same triggers fold one digit system per step, each step a subquery reading the
// one before, so no expression nests more than ten calls. The SQL stays plain, not a function of
// ours registered on Daftar's connections: another tool then not only opens the book but can also
// write an outbox row and keep the search values right. For the same reason whole seconds come from
// strftime('%s'), not unixepoch(), which SQLite 3.37 lacks (the same number for the outbox's ISO
// instants). The values kept are exactly 0022's. SQLite only, as 0021 and 0022.

// 0021's and 0022's values and expressions, copied here: a migration never follows later code.
const SEARCH_TEXT_DIGITS = '0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹';
const SEARCH_KEY_PREFIX = { partyId: 'party:', userId: 'user:', docType: 'type:' } as const;
const SEARCH_FACT_STATES_0021 = ['sent', 'bounced', 'failed', 'queued', 'sending', 'held', 'cancelled'];
const SEARCH_FACT_HOUR = 3_600_000;
type Row = 'new' | 'outbox';
const STATE = (row: Row) =>
  sql.raw(`case when ${row}.status = 'sent' and ${row}.bounced > 0 then 1
    ${SEARCH_FACT_STATES_0021.map((state, code) => `when ${row}.status = '${state}' then ${code}`).join(' ')} else -1 end`);
const CHARGED = (row: Row) =>
  sql.raw(`case when ${row}.status in ('failed', 'cancelled') then 0 else ${row}.credits end`);
const AT_0021 = (row: Row) =>
  sql.raw(`(unixepoch(${row}.created_at) * 1000 + cast(substr(${row}.created_at, 21, 3) as integer))`);
const NEXT_VERSION = sql.raw('(select coalesce(max(version), 0) + 1 from outbox_search_facts)');

/** How a trigger writes a text with its digits as 0, and a time in milliseconds. */
interface Shape {
  masked: (row: Row, field: string) => string;
  at: (row: Row) => RawBuilder<unknown>;
}

const replaced = (digits: string, text: string) =>
  [...digits].reduce((inner, digit) => `replace(${inner}, '${digit}', '0')`, text);

// SEARCH_TEXT_DIGITS in three steps: Latin 1–9 (0 is already 0), Arabic-Indic, Eastern Arabic-Indic.
const [LATIN, ARABIC, EASTERN] = [
  SEARCH_TEXT_DIGITS.slice(1, 10),
  SEARCH_TEXT_DIGITS.slice(10, 20),
  SEARCH_TEXT_DIGITS.slice(20),
];

/** This migration's: each step a subquery reading the one before, at most ten calls deep. */
const STEPWISE: Shape = {
  masked: (row, field) =>
    `(select ${replaced(EASTERN, 'v')} from (select ${replaced(ARABIC, 'v')} as v from (select ${replaced(LATIN, `${row}.${field}`)} as v)))`,
  at: (row) =>
    sql.raw(
      `(cast(strftime('%s', ${row}.created_at) as integer) * 1000 + cast(substr(${row}.created_at, 21, 3) as integer))`,
    ),
};

/** 0022's, for going back: one expression of 29 calls, and unixepoch(). */
const NESTED: Shape = {
  masked: (row, field) => replaced(SEARCH_TEXT_DIGITS.slice(1), `${row}.${field}`),
  at: AT_0021,
};

type Table = 'outbox_search_texts' | 'outbox_search_keys';
const TABLES: Table[] = ['outbox_search_texts', 'outbox_search_keys'];

/** As 0022: each fact column that numbers a message's value, the table it is kept in, and the value. */
const numbered = ({ masked }: Shape): { column: string; table: Table; value: (row: Row) => string }[] => [
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

/** Drops and writes again, in the given shape, the three triggers that keep the facts and values. */
async function writeTriggers(db: Kysely<any>, shape: Shape): Promise<void> {
  const NUMBERED = numbered(shape);
  const numberOf = ({ table, value }: (typeof NUMBERED)[number]) =>
    `(select id from ${table} where value = ${value('new')})`;
  // Without a conflict clause, as 0022: an outer INSERT OR REPLACE would turn an OR IGNORE here into a replace.
  const KEEP_VALUES = sql.raw(
    TABLES.map(
      (table) => `insert into ${table} (value)
    select value from (${NUMBERED.filter((n) => n.table === table)
      .map((n) => `select ${n.value('new')} as value`)
      .join(' union ')})
    where value not in (select value from ${table});`,
    ).join('\n'),
  );
  const AT = shape.at('new');
  const HOUR_BOUNDS = sql`insert into outbox_search_hours (hour, first_rid, last_rid)
    values (${AT} / ${sql.lit(SEARCH_FACT_HOUR)}, new.rowid, new.rowid)
    on conflict (hour) do update set first_rid = min(first_rid, excluded.first_rid),
      last_rid = max(last_rid, excluded.last_rid);`;

  for (const name of ['outbox_search_facts_insert', 'outbox_search_facts_update', 'outbox_search_values_update'])
    await sql`drop trigger ${sql.raw(name)}`.execute(db);
  await sql`create trigger outbox_search_facts_insert after insert on outbox begin
    ${KEEP_VALUES}
    insert into outbox_search_facts (rid, at, state, recipients, credits, version, ${sql.raw(NUMBERED.map((n) => n.column).join(', '))})
      values (new.rowid, ${AT}, ${STATE('new')}, new.recipients, ${CHARGED('new')}, ${NEXT_VERSION},
        ${sql.raw(NUMBERED.map(numberOf).join(', '))})
      on conflict (rid) do update set at = excluded.at, state = excluded.state,
        recipients = excluded.recipients, credits = excluded.credits, version = excluded.version,
        ${sql.raw(NUMBERED.map((n) => `${n.column} = excluded.${n.column}`).join(', '))};
    ${HOUR_BOUNDS}
  end`.execute(db);
  // As 0021: status and counts, the most common writes, do not look the values up.
  await sql`create trigger outbox_search_facts_update after update of status, bounced, credits, recipients, created_at
    on outbox begin
    update outbox_search_facts set at = ${AT}, state = ${STATE('new')}, recipients = new.recipients,
      credits = ${CHARGED('new')}, version = ${NEXT_VERSION} where rid = new.rowid;
    ${HOUR_BOUNDS}
  end`.execute(db);
  await sql`create trigger outbox_search_values_update
    after update of subject, to_json, cc_json, party_id, created_by, doc_type on outbox begin
    ${KEEP_VALUES}
    update outbox_search_facts set version = ${NEXT_VERSION},
      ${sql.raw(NUMBERED.map((n) => `${n.column} = ${numberOf(n)}`).join(', '))} where rid = new.rowid;
  end`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') return;
  await writeTriggers(db, STEPWISE);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') return;
  await writeTriggers(db, NESTED);
}
