import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type Migration } from 'kysely';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../src-shared/errors';
import { migrate, readMarker, removeMarker, restoreBackup, writeMarker } from './migrate';
import { migrations as allMigrations } from './migrations';
import type { Database } from './schema';
import { WalFlusher } from './wal-flusher';

export interface Book {
  db: Kysely<Database>;
  sqlite: SQLite.Database;
  file: string;
  /** The backup written before this open migrated the book, if any. */
  backupFile: string | null;
  /** A migration an earlier open started and never finished (a crash): the book was left as it was. */
  interruptedMigration: string | null;
  /** Resolves once every commit so far is on disk (see WalFlusher); answer for a change only after it. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenBookOptions {
  /** The book file, or ':memory:' for tests. */
  file: string;
  /** Where backups before a migration go; defaults to `backups/` beside the book. */
  backupDir?: string;
  migrations?: Record<string, Migration>;
  now?: () => Date;
}

const MIGRATION_TABLE = 'kysely_migration';

function applyPragmas(sqlite: SQLite.Database, inMemory: boolean): void {
  if (!inMemory) sqlite.pragma('journal_mode = WAL');
  // Commits are flushed by Book.flush() off the main thread, not inside each commit (WalFlusher).
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
}

function executedMigrations(sqlite: SQLite.Database): string[] {
  const table = sqlite.prepare(`select name from sqlite_master where type = 'table' and name = ?`).get(MIGRATION_TABLE);
  if (!table) return [];
  return (sqlite.prepare(`select name from ${MIGRATION_TABLE} order by name`).all() as { name: string }[]).map(
    (r) => r.name,
  );
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');

/**
 * Open (or create) the book: PRAGMAs, refuse a book written by a newer Daftar, back the
 * file up online, then run pending migrations.
 */
export async function openBook(options: OpenBookOptions): Promise<Book> {
  const migrations = options.migrations ?? allMigrations;
  const now = options.now ?? (() => new Date());
  const inMemory = options.file === ':memory:';
  const sqlite = new SQLite(options.file);
  try {
    applyPragmas(sqlite, inMemory);
    const executed = executedMigrations(sqlite);
    const unknown = executed.filter((name) => !Object.hasOwn(migrations, name));
    if (unknown.length > 0) {
      throw AppError.because(
        'book_too_new',
        `This book (${options.file}) was written by a newer version of Daftar (it has migration ${unknown.join(', ')}). Install the newer version to open it.`,
        { migrations: unknown },
      );
    }
    const pending = Object.keys(migrations).filter((name) => !executed.includes(name));

    let backupFile: string | null = null;
    if (!inMemory && executed.length > 0 && pending.length > 0) {
      const dir = options.backupDir ?? join(options.file, '..', 'backups');
      mkdirSync(dir, { recursive: true });
      backupFile = join(dir, `book-${stamp(now())}-before-${pending[0]}.sqlite`);
      await sqlite.backup(backupFile);
    }

    const interruptedMigration = inMemory ? null : readMarker(options.file);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    if (pending.length > 0) {
      if (!inMemory) writeMarker(options.file, pending[0]!);
      const failed = await migrate(sqlite, migrations);
      if (failed) {
        await db.destroy();
        const restored = backupFile ? restoreBackup(backupFile, options.file) : false;
        if (!inMemory) removeMarker(options.file);
        throw AppError.because(
          'migration_failed',
          `Updating the book failed at ${failed.migration} (${failed.error}); the book was left as it was${restored ? ` and the backup ${backupFile} put back` : ''}.`,
          { migration: failed.migration, backup: backupFile, restored },
        );
      }
      if (!inMemory) removeMarker(options.file);
    }
    const flusher = inMemory ? null : new WalFlusher(sqlite, `${options.file}-wal`);
    return {
      db,
      sqlite,
      file: options.file,
      backupFile,
      interruptedMigration,
      flush: async () => flusher?.flush(),
      close: async () => {
        await flusher?.close();
        await db.destroy();
      },
    };
  } catch (error) {
    if (sqlite.open) sqlite.close();
    throw error;
  }
}
