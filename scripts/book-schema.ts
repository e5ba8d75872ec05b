import { openBook } from '../src-main/book/open-book';

/** The kinds of schema entries, in the order docs/schema.sql lists them. */
const KINDS = ['table', 'index', 'view', 'trigger'] as const;

const HEADER = `-- The schema of a SQLite book as Daftar's migrations leave it: every table, index, view and trigger.
-- Generated from a freshly migrated book by \`npm run docs:schema\` (scripts/gen-schema.ts): do not edit.
-- scripts/book-schema.test.ts fails when this file no longer matches the migrations.
`;

/** docs/schema.sql: a fresh in-memory book, migrated, with its sqlite_master entries by kind and name. */
export async function renderSqliteSchema(): Promise<string> {
  const book = await openBook({ file: ':memory:' });
  try {
    const entries = book.sqlite
      .prepare<[], { type: (typeof KINDS)[number]; name: string; sql: string }>(
        `select type, name, sql from sqlite_master where sql is not null`,
      )
      .all()
      .sort(
        (a, b) => KINDS.indexOf(a.type) - KINDS.indexOf(b.type) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
      );
    return `${HEADER}${entries.map((e) => `\n-- ${e.type} ${e.name}\n${e.sql};\n`).join('')}`;
  } finally {
    await book.close();
  }
}
