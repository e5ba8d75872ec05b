import SQLite from 'better-sqlite3';
import { Kysely, type Migration } from 'kysely';
import { BookDialect } from './book-dialect';
import { fileBookLocks } from './book-locks';
import { folderFiles } from './folder-files';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../../src-shared/errors';
import type { LocalBook } from './book';
import { applyStagedRestore, listBackups, quickCheck } from './backups';
import { migrate, readMarker, removeMarker, restoreBackup, writeMarker } from './migrate';
import { migrations as allMigrations } from './migrations';
import { readMovedMark } from '../office/moved-record';
import type { Database } from './schema';
import { addSqlFunctions } from './sql-functions';
import { WalFlusher } from './wal-flusher';

export interface OpenBookOptions {
  /** The book file, or ':memory:' for tests. */
  file: string;
  /** The data folder, where its messages' files are kept (outbox/); defaults to the book file's folder. */
  dataFolder?: string;
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
  addSqlFunctions(sqlite);
}

function executedMigrations(sqlite: SQLite.Database): string[] {
  const table = sqlite.prepare(`select name from sqlite_master where type = 'table' and name = ?`).get(MIGRATION_TABLE);
  if (!table) return [];
  return (sqlite.prepare(`select name from ${MIGRATION_TABLE} order by name`).all() as { name: string }[]).map(
    (r) => r.name,
  );
}

/**
 * Above this size the check at open would hold the start for seconds (a 2.9 GB book takes
 * ~24 s here), so it is left out; damage SQLite meets while reading is still caught.
 */
const QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024;

class DamagedBook extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/** Run the first reads; a book SQLite cannot read, or finds damaged, is refused with its backups listed. */
function readableOrDamaged<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (!(error instanceof DamagedBook) && code !== 'SQLITE_NOTADB' && code !== 'SQLITE_CORRUPT') throw error;
    const problems = error instanceof DamagedBook ? error.problems : [(error as Error).message];
    throw AppError.because('book_damaged', `The book ${file} is damaged: ${problems.join('; ')}`, {
      problems,
      backups: listBackups(file).map((b) => b.name),
    });
  }
}

/** The book and its journal files, readable by their owner only. */
function ownerOnly(file: string): void {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');

/**
 * Open (or create) the book: PRAGMAs, refuse a book written by a newer Daftar, back the
 * file up online, then run pending migrations.
 */
export async function openBook(options: OpenBookOptions): Promise<LocalBook> {
  const migrations = options.migrations ?? allMigrations;
  const now = options.now ?? (() => new Date());
  const inMemory = options.file === ':memory:';
  const restoredFrom = inMemory ? null : await applyStagedRestore(options.file, now());
  const sqlite = new SQLite(options.file);
  try {
    const executed = readableOrDamaged(options.file, () => {
      applyPragmas(sqlite, inMemory);
      const problems = inMemory || statSync(options.file).size > QUICK_CHECK_MAX_BYTES ? [] : quickCheck(sqlite);
      if (problems.length) throw new DamagedBook(problems);
      return executedMigrations(sqlite);
    });
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
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      backupFile = join(dir, `book-${stamp(now())}-before-${pending[0]}.sqlite`);
      await sqlite.backup(backupFile);
    }

    const interruptedMigration = inMemory ? null : readMarker(options.file);
    const db = new Kysely<Database>({ dialect: new BookDialect(sqlite) });
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
    if (!inMemory) ownerOnly(options.file);
    // A book that moved to the office server: its file is kept as a record, and its connection writes nothing.
    const moved = readMovedMark(sqlite);
    if (moved) sqlite.pragma('query_only = ON');
    const flusher = inMemory ? null : new WalFlusher(sqlite, `${options.file}-wal`);
    return {
      kind: 'here',
      dialect: 'sqlite',
      db,
      files: folderFiles(options.dataFolder ?? dirname(options.file)),
      locks: fileBookLocks,
      problemOf: () => null,
      sqlite,
      file: options.file,
      moved,
      backupFile,
      interruptedMigration,
      restoredFrom,
      flush: async () => flusher?.flush(),
      close: async () => {
        await flusher?.close();
        await db.destroy();
        // Kysely closes the connection only if a query ever went through it; a book used only
        // through `sqlite` stayed open, its last writes left in the -wal beside the file.
        if (sqlite.open) sqlite.close();
      },
    };
  } catch (error) {
    if (sqlite.open) sqlite.close();
    throw error;
  }
}
