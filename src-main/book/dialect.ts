import { PostgresAdapter, type DialectAdapter } from 'kysely';

/** Where a book lives: a SQLite file on this computer, or a PostgreSQL database on the office server. */
export type BookDialectName = 'sqlite' | 'postgres';

/** Any Kysely connection or transaction, whatever its tables: what the dialect is read from. */
export interface Connection {
  getExecutor(): { readonly adapter: DialectAdapter };
}

/** The dialect a connection (or a transaction on it) speaks, from its adapter. */
export const dialectOf = (db: Connection): BookDialectName =>
  db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';

/** The one place SQL must differ between the dialects: pick this dialect's version. */
export const perDialect = <T>(db: Connection, versions: Record<BookDialectName, T>): T => versions[dialectOf(db)];
