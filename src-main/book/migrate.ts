import type SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteAdapter, type Migration } from 'kysely';
import { BookDialect } from './book-dialect';
import { copyFileSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/** SQLite can change its schema inside a transaction; Kysely assumes it cannot, and would not wrap the run. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
/** The book's dialect (a full disk is reported, not masked by a failed ROLLBACK), with transactional DDL. */
class MigratingDialect extends BookDialect {
  override createAdapter() {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * Run every pending migration in one transaction: a failure or a crash part-way leaves
 * the book exactly as it was. Answers the failed migration, or null.
 */
export async function migrate(
  sqlite: SQLite.Database,
  migrations: Record<string, Migration>,
): Promise<{ migration: string; error: string } | null> {
  // Its own Kysely on the same connection, not destroyed (that would close the connection).
  const db = new Kysely<unknown>({ dialect: new MigratingDialect(sqlite) });
  const { error, results } = await new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  }).migrateToLatest();
  if (!error) return null;
  // No failed step but an error: the commit of the whole run failed (a full disk, say), so the update up to the last one.
  const failed =
    results?.find((r) => r.status === 'Error')?.migrationName ?? Object.keys(migrations).sort().at(-1) ?? 'unknown';
  return { migration: failed, error: error instanceof Error ? error.message : String(error) };
}

/** A file beside the book while it is being migrated: found at the next open, it tells of a crash. */
const markerOf = (bookFile: string) => `${bookFile}.migrating`;

export function writeMarker(bookFile: string, migration: string): void {
  writeFileSync(markerOf(bookFile), migration);
}

export function removeMarker(bookFile: string): void {
  rmSync(markerOf(bookFile), { force: true });
}

export function readMarker(bookFile: string): string | null {
  const marker = markerOf(bookFile);
  if (!existsSync(marker)) return null;
  const migration = readFileSync(marker, 'utf8').trim() || 'unknown';
  removeMarker(bookFile);
  return migration;
}

/**
 * Put the backup taken before migrating back in the book's place (the connection is
 * closed): copied beside it first, then renamed over it, so a crash here leaves one or
 * the other whole. The old WAL and shared-memory files belong to the replaced book.
 */
export function restoreBackup(backupFile: string, bookFile: string): boolean {
  try {
    const staged = `${bookFile}.restoring`;
    copyFileSync(backupFile, staged);
    rmSync(`${bookFile}-wal`, { force: true });
    rmSync(`${bookFile}-shm`, { force: true });
    renameSync(staged, bookFile);
    return true;
  } catch {
    return false;
  }
}
