import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { AppError } from '../../src-shared/errors';
import type { BookLocks } from './book-locks';
import type { KeptFiles } from './kept-files';
import type { Database } from './schema';

// What a book is, of either kind: the types every part of Daftar holds a book by. Opening one is
// open-book.ts (a file here) and office/office-book.ts (the office's PostgreSQL database).

/** The mark a file carries once its book moved to the office server (office/moved-record.ts). */
export interface MovedMark {
  /** When the move was checked and kept (ISO time). */
  at: string;
  /** Where the book went: host:port/database. */
  to: string;
}

export interface BookCommon {
  db: Kysely<Database>;
  /** Where its messages' PDFs and sent bytes are kept (kept-files.ts): files here, a table on the office book. */
  files: KeptFiles;
  /** The turns the office's desktops take (book-locks.ts); always this desktop's on a book here. */
  locks: BookLocks;
  /** A failure said in the user's terms when it is this kind of book's (the office server away), else null. */
  problemOf(error: unknown): AppError | null;
  /** The backup written before this open migrated the book, if any. */
  backupFile: string | null;
  /** A migration an earlier open started and never finished (a crash): the book was left as it was. */
  interruptedMigration: string | null;
  /** The backup this open put in the book's place (chosen with *Restore a backup*), if any. */
  restoredFrom: string | null;
  /** Resolves once every commit so far is on disk (see WalFlusher); answer for a change only after it. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** A book in a SQLite file on this computer. */
export interface LocalBook extends BookCommon {
  /** The kind of book: what it can do (files of its own, one desktop). `dialect` is for SQL only. */
  kind: 'here';
  dialect: 'sqlite';
  sqlite: SQLite.Database;
  file: string;
  /** Set when this file's book moved to the office server: the file is a read-only record (moved-record.ts). */
  moved: MovedMark | null;
}

/** A book in a PostgreSQL database on the office server, shared by the office's desktops. */
export interface OfficeBook extends BookCommon {
  /** The kind of book: shared by the office's desktops, which take turns by its locks. `dialect` is for SQL only. */
  kind: 'office';
  dialect: 'postgres';
  /** Where it is, for the status bar and the log: host, port and database, never the password. */
  server: { host: string; port: number; database: string; user: string };
}

export type Book = LocalBook | OfficeBook;

/** An office book's place in words of no language (the status bar shows it in Arabic and English): host:port/database. */
export const officeWhere = (server: { host: string; port: number; database: string }): string =>
  `${server.host}:${server.port}/${server.database}`;

/** Where the book is, in words for the log and app.info: its file, or the office server's database. */
export const bookWhere = (book: Book): string => (book.kind === 'here' ? book.file : officeWhere(book.server));

/** The book as a SQLite file, for what only a file has (backups, the fast demo filler); refused for an office book. */
export function localBook(book: Book): LocalBook {
  if (book.kind !== 'here')
    throw AppError.because('office_book', 'This is done on a book on this computer, not on the office server');
  return book;
}
