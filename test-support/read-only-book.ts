import pg from 'pg';
import { localBook } from '../src-main/book/book';
import type { TestCore } from './test-core';

/**
 * Makes the book refuse every write until the answer is called: SQLite's query_only, or on an
 * office book the database's default (a server turned read-only, as a standby is), with the
 * desktop's connections ended so its next ones are opened read-only.
 */
export async function readOnlyBook(t: TestCore): Promise<() => Promise<void>> {
  const book = t.core.book;
  if (book.dialect === 'sqlite') {
    localBook(book).sqlite.pragma('query_only = ON');
    return async () => void localBook(book).sqlite.pragma('query_only = OFF');
  }
  // The database's settings are its owner's to change (here the run's superuser).
  const admin = new pg.Client({ connectionString: t.handUrl ?? undefined, ...(t.handUrl ? {} : book.server) });
  await admin.connect();
  const database = admin.escapeIdentifier(book.server.database);
  await admin.query(`alter database ${database} set default_transaction_read_only = on`);
  await admin.query(
    'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
  );
  return async () => {
    await admin.query(`alter database ${database} reset default_transaction_read_only`);
    await admin.end();
  };
}
