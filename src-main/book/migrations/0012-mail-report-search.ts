import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect';

// Frozen: typed Kysely<any> so later schema changes never alter what this migration did.
// The mail report's text search (subjects and addresses) from an FTS5 trigram index instead of
// reading every row: any three characters or more are found anywhere in a word, Arabic or Latin,
// without case. The index reads its text from the outbox itself (external content, by rowid) and
// follows it by triggers. Daftar never VACUUMs the book, which could renumber those rowids.
// On PostgreSQL: a pg_trgm GIN index over the same three fields, lower-cased, which a LIKE uses.
export const POSTGRES_SEARCHED = sql.raw(`lower(subject || E'\\n' || to_json || E'\\n' || cc_json)`);

export async function up(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create index outbox_search on outbox using gin ((${POSTGRES_SEARCHED}) gin_trgm_ops)`.execute(db);
    return;
  }
  await sql`create virtual table outbox_search using fts5(
    subject, to_json, cc_json, content = 'outbox', content_rowid = 'rowid', tokenize = 'trigram'
  )`.execute(db);
  await sql`create trigger outbox_search_insert after insert on outbox begin
    insert into outbox_search (rowid, subject, to_json, cc_json) values (new.rowid, new.subject, new.to_json, new.cc_json);
  end`.execute(db);
  await sql`create trigger outbox_search_delete after delete on outbox begin
    insert into outbox_search (outbox_search, rowid, subject, to_json, cc_json)
      values ('delete', old.rowid, old.subject, old.to_json, old.cc_json);
  end`.execute(db);
  await sql`create trigger outbox_search_update after update of subject, to_json, cc_json on outbox begin
    insert into outbox_search (outbox_search, rowid, subject, to_json, cc_json)
      values ('delete', old.rowid, old.subject, old.to_json, old.cc_json);
    insert into outbox_search (rowid, subject, to_json, cc_json) values (new.rowid, new.subject, new.to_json, new.cc_json);
  end`.execute(db);
  await sql`insert into outbox_search (outbox_search) values ('rebuild')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`drop index outbox_search`.execute(db);
    return;
  }
  for (const name of ['outbox_search_insert', 'outbox_search_delete', 'outbox_search_update'])
    await sql`drop trigger ${sql.raw(name)}`.execute(db);
  await sql`drop table outbox_search`.execute(db);
}
