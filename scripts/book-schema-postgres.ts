import { execFileSync } from 'node:child_process';
import { openOfficeBook } from '../src-main/office/office-book';
import { connectionOf, freshPostgres } from '../test-support/fresh-postgres';

const HEADER = `-- The schema of an office book (PostgreSQL) as Daftar's migrations leave it: pg_dump --schema-only.
-- Generated from a freshly migrated office book by \`npm run docs:schema\` (scripts/gen-schema.ts): do not edit.
-- scripts/book-schema.test.ts fails when this file no longer matches the migrations.
`;

/** Lines of pg_dump's that differ from one run or one server to the next: its random restrict key and versions. */
const UNSTABLE = /^(\\restrict |\\unrestrict |-- Dumped (from|by) )/;

/**
 * docs/schema.postgres.sql: a fresh office book in its own database on the server at `url` (a
 * superuser's), migrated, dumped without owners and rights (their role names are the database's own).
 */
export async function renderPostgresSchema(url: string): Promise<string> {
  const database = await freshPostgres('schema', url);
  try {
    const book = await openOfficeBook(connectionOf(database.url));
    await book.close();
    const dump = execFileSync('pg_dump', ['--schema-only', '--no-owner', '--no-privileges', database.url], {
      encoding: 'utf8',
    });
    return (
      HEADER +
      dump
        .split('\n')
        .filter((line) => !UNSTABLE.test(line))
        .join('\n')
    );
  } finally {
    await database.drop();
  }
}
