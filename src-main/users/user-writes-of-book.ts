import type { Book } from '../book/book';
import { fileUserWrites } from './file-user-writes';
import { officeUserWrites } from './office-user-writes';
import type { UserWrites } from './user-writes';

/** A book's users are written here on a file, and only through the book's own functions on an office book. */
export const userWritesFor = (book: Book, now: () => Date): UserWrites =>
  book.kind === 'office' ? officeUserWrites(book.db) : fileUserWrites(book.db, now);
