import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';
import {
  AT,
  CHARGED,
  down as down0021,
  HOUR_BOUNDS,
  NEXT_VERSION,
  STATE,
  up as up0021,
  type Row,
} from './0021-mail-report-search-facts';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
// A phrase in most messages ("@company.com", "فاتورة") costs FTS5 a read of every trigram's whole
// list in the outbox's index (0012): hundreds of milliseconds on a million messages. Yet the texts
// searched repeat: an office writes to its few thousand customers, and its subjects differ mostly
// by a document's number. So each text is also kept once, with its digits written as 0:
// - outbox_search_texts: every subject and address list so written, once, with its own trigram
//   index; a search without digits finds the same messages in it as in the outbox's index (its
//   matches never meet a digit, and nothing else was changed), in a few hundred rows;
// - outbox_search_facts gains the number of each of a message's three texts, kept by the same
//   triggers (rewritten here), so the read worker counts a search from its facts in memory.
// Texts are never removed: one no message uses any more only matches nothing. SQLite only.

/** The digits written as 0 in the kept texts: Latin, Arabic-Indic and Eastern Arabic-Indic. */
export const SEARCH_TEXT_DIGITS = '0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹';

const FIELDS = ['subject', 'to_json', 'cc_json'] as const;
const COLUMNS = { subject: 'subject_text', to_json: 'to_text', cc_json: 'cc_text' } as const;

/** A text with every digit written as 0, in SQL. */
const masked = (row: Row, field: (typeof FIELDS)[number]) =>
  [...SEARCH_TEXT_DIGITS.slice(1)].reduce((inner, digit) => `replace(${inner}, '${digit}', '0')`, `${row}.${field}`);

/** The number of a row's kept text. */
const textOf = (row: Row, field: (typeof FIELDS)[number]) =>
  `(select id from outbox_search_texts where text = ${masked(row, field)})`;

// Without a conflict clause: an outer INSERT OR REPLACE would turn an OR IGNORE here into a
// replace, and a text's number must never change under the messages that use it.
const KEEP_TEXTS = sql.raw(`insert into outbox_search_texts (text)
    select text from (${FIELDS.map((field) => `select ${masked('new', field)} as text`).join(' union ')})
    where text not in (select text from outbox_search_texts);`);

const TEXT_COLUMNS = sql.raw(FIELDS.map((field) => COLUMNS[field]).join(', '));

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') return;
  await sql`create table outbox_search_texts (id integer primary key, text text not null unique)`.execute(db);
  await sql`create virtual table outbox_search_texts_index using fts5(
    text, content = 'outbox_search_texts', content_rowid = 'id', tokenize = 'trigram'
  )`.execute(db);
  await sql`insert into outbox_search_texts (text)
    ${sql.raw(FIELDS.map((field) => `select ${masked('outbox', field)} from outbox`).join(' union '))}`.execute(db);
  await sql`insert into outbox_search_texts_index (outbox_search_texts_index) values ('rebuild')`.execute(db);
  await sql`create trigger outbox_search_texts_insert after insert on outbox_search_texts begin
    insert into outbox_search_texts_index (rowid, text) values (new.id, new.text);
  end`.execute(db);

  for (const field of FIELDS)
    await sql`alter table outbox_search_facts add column ${sql.raw(COLUMNS[field])} integer not null default 0`.execute(
      db,
    );
  await sql`update outbox_search_facts set ${sql.raw(FIELDS.map((f) => `${COLUMNS[f]} = ${textOf('outbox', f)}`).join(', '))}
    from outbox where outbox.rowid = outbox_search_facts.rid`.execute(db);

  await sql`drop trigger outbox_search_facts_insert`.execute(db);
  await sql`drop trigger outbox_search_facts_update`.execute(db);
  await sql`create trigger outbox_search_facts_insert after insert on outbox begin
    ${KEEP_TEXTS}
    insert into outbox_search_facts (rid, at, state, recipients, credits, version, ${TEXT_COLUMNS})
      values (new.rowid, ${AT('new')}, ${STATE('new')}, new.recipients, ${CHARGED('new')}, ${NEXT_VERSION},
        ${sql.raw(FIELDS.map((f) => textOf('new', f)).join(', '))})
      on conflict (rid) do update set at = excluded.at, state = excluded.state,
        recipients = excluded.recipients, credits = excluded.credits, version = excluded.version,
        ${sql.raw(FIELDS.map((f) => `${COLUMNS[f]} = excluded.${COLUMNS[f]}`).join(', '))};
    ${HOUR_BOUNDS}
  end`.execute(db);
  await sql`create trigger outbox_search_facts_update
    after update of status, bounced, credits, recipients, created_at, subject, to_json, cc_json on outbox begin
    ${KEEP_TEXTS}
    update outbox_search_facts set at = ${AT('new')}, state = ${STATE('new')}, recipients = new.recipients,
      credits = ${CHARGED('new')}, version = ${NEXT_VERSION},
      ${sql.raw(FIELDS.map((f) => `${COLUMNS[f]} = ${textOf('new', f)}`).join(', '))}
      where rid = new.rowid;
    ${HOUR_BOUNDS}
  end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') return;
  await sql`drop table outbox_search_texts_index`.execute(db);
  await sql`drop table outbox_search_texts`.execute(db);
  // The facts as 0021 made them, read again from the outbox.
  await down0021(db);
  await up0021(db);
}
