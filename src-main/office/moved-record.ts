import SQLite from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { AppError } from '../../src-shared/errors';
import type { SecretStore } from '../ports';
import { BOOK_SECRETS } from '../secrets/secret-names';
import type { Book, LocalBook, MovedMark } from '../book/book';

/**
 * A book file that moved to the office server carries this in its own `settings` table (key → JSON),
 * so the file says so wherever it is opened (a copy, a backup of it, another data folder): a
 * marker beside it or in this desktop's store would be lost with a copy. No migration: the row is
 * one more key of a table every book has, and program properties read only the keys they know.
 */
export const MOVED_KEY = 'book.movedToOffice';

/** The mark the file carries, or null for a book that never moved. */
export function readMovedMark(sqlite: SQLite.Database): MovedMark | null {
  const row = sqlite.prepare(`select value from settings where key = ?`).get(MOVED_KEY) as
    { value: string } | undefined;
  if (!row) return null;
  const mark = JSON.parse(row.value) as Partial<MovedMark>;
  // A mark is never read as "not moved": whatever it holds, the file stays a record.
  return { at: typeof mark.at === 'string' ? mark.at : '', to: typeof mark.to === 'string' ? mark.to : '' };
}

/** The mark of a book file not open as a book (the rescue screen's), or null: unmarked, or unreadable (damaged). */
export function movedMarkOfFile(file: string): MovedMark | null {
  if (!existsSync(file)) return null;
  try {
    const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
    try {
      return readMovedMark(sqlite);
    } finally {
      sqlite.close();
    }
  } catch {
    return null;
  }
}

/**
 * Marks a file whose book was just copied to the office server, and leaves its connection refusing
 * every write (query_only). Done in one synchronous stretch: nothing else of this process writes
 * between the lift of the move's hold and its return.
 */
export function markMoved(local: LocalBook, mark: MovedMark): void {
  local.sqlite.pragma('query_only = OFF');
  try {
    local.sqlite
      .prepare(`insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value`)
      .run(MOVED_KEY, JSON.stringify(mark));
    // Into the file itself, not only its -wal: a copy of the file alone says it moved too.
    local.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    local.sqlite.pragma('query_only = ON');
  }
  local.moved = mark;
}

/** The mark of a book opened as a read-only record; null for a live book (and every office book). */
export const movedOf = (book: Book): MovedMark | null => (book.kind === 'here' ? book.moved : null);

export const movedReadOnly = (mark: MovedMark) =>
  AppError.because(
    'book_moved_read_only',
    `This book moved to the office server (${mark.to}) on ${mark.at}; the file here is a read-only record`,
    { movedAt: mark.at, to: mark.to },
  );

/** Refuses, before anything is done, work that writes other than through the book's connection (files, secrets, mail). */
export function refuseOnRecord(book: Book): void {
  const mark = movedOf(book);
  if (mark) throw movedReadOnly(mark);
}

/**
 * This desktop's secret store as a record's core sees it: the book's secrets (its mailbox, its
 * place at the licensing server) left with the book and none may be put back here from the record
 * (an OAuth sign-in, a mailbox saved); the desktop's own (its way to the office server) still can.
 */
export function recordSecrets(store: SecretStore, mark: MovedMark): SecretStore {
  const refused = (key: string) => {
    if (BOOK_SECRETS.includes(key)) throw movedReadOnly(mark);
  };
  return {
    get: (key) => store.get(key),
    set: async (key, value) => {
      refused(key);
      await store.set(key, value);
    },
    delete: async (key) => {
      refused(key);
      await store.delete(key);
    },
  };
}
