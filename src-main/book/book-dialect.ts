import type SQLite from 'better-sqlite3';
import { SqliteDialect, SqliteDriver, type DatabaseConnection } from 'kysely';

/**
 * SQLite rolls a transaction back by itself on some errors, a full disk (SQLITE_FULL) among
 * them. Kysely's driver would then send its own ROLLBACK, which fails with "no transaction is
 * active" and hides the error that mattered. This driver rolls back only what is still open.
 */
class BookDriver extends SqliteDriver {
  constructor(private readonly sqlite: SQLite.Database) {
    super({ database: sqlite });
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.sqlite.inTransaction) await super.rollbackTransaction(connection);
  }
}

export class BookDialect extends SqliteDialect {
  constructor(private readonly sqlite: SQLite.Database) {
    super({ database: sqlite });
  }

  override createDriver() {
    return new BookDriver(this.sqlite);
  }
}
