import { AppError } from '../../src-shared/errors';
import { movedReadOnly } from './moved-record';
import type { Book, LocalBook } from '../book/book';

/**
 * Holds a book file still while it is copied to the office server: its connection refuses every
 * write (SQLite's query_only) until `release` is called, so no save from another window lands in
 * the file after its table was copied. Reads go on.
 */
export function holdWrites(local: LocalBook): { release: () => void } {
  local.sqlite.pragma('query_only = ON');
  return { release: () => local.sqlite.pragma('query_only = OFF') };
}

const writesHeld = (book: Book) =>
  book.kind === 'here' && book.sqlite.open && book.sqlite.pragma('query_only', { simple: true }) === 1;

/**
 * A write refused because the book is held for a move, or because the file is the record of a book
 * that moved (the same query_only, kept on for good), said as such; null for any other error.
 */
export function heldWriteProblem(book: Book, error: unknown): AppError | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code !== 'SQLITE_READONLY' || !writesHeld(book)) return null;
  if (book.kind === 'here' && book.moved) return movedReadOnly(book.moved);
  return AppError.because(
    'book_moving',
    'This book is being moved to the office server: nothing can be saved until the move ends',
  );
}
