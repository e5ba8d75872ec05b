import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { licensingMigrations } from './migrations';
import type { LicensingDatabase } from './schema';

export interface LicensingDb {
  db: Kysely<LicensingDatabase>;
  kind: 'sqlite' | 'postgres';
  close(): Promise<void>;
}

/** SQLite file by default; PostgreSQL when a DATABASE_URL is given. Migrated on open. */
export async function openLicensingDb(options: { databaseUrl?: string; file?: string }): Promise<LicensingDb> {
  let db: Kysely<LicensingDatabase>;
  let kind: LicensingDb['kind'];
  if (options.databaseUrl) {
    // bigint columns come back as numbers: credit amounts are far below 2^53.
    pg.types.setTypeParser(20, (v) => Number(v));
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    // An idle connection the server ends (a restart, an administrator, a dropped test database) is
    // reported on the pool; unheard, it would end the whole server. The next query opens another.
    pool.on('error', (error) => console.error(`[licensing] an idle database connection was lost: ${error.message}`));
    db = new Kysely({ dialect: new PostgresDialect({ pool }) });
    kind = 'postgres';
  } else {
    const sqlite = new SQLite(options.file ?? ':memory:');
    if (options.file && options.file !== ':memory:') sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
    kind = 'sqlite';
  }
  const { error } = await new Migrator({
    db,
    provider: { getMigrations: async () => licensingMigrations },
  }).migrateToLatest();
  if (error) {
    await db.destroy();
    throw error;
  }
  return { db, kind, close: () => db.destroy() };
}
