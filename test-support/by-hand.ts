import type { Kysely } from 'kysely';
import { openOfficeBook } from '../src-main/office/office-book';
import { giveDesktopRights } from '../src-main/office/office-roles';
import type { Database } from '../src-main/book/schema';
import { connectionOf } from './fresh-postgres';
import type { TestCore } from './test-core';

/**
 * Work on a test's book behind the app's back, as someone editing it by hand: the file itself, or on
 * an office book a connection of the book's owner (a desktop's role may not touch the guarded tables).
 */
export async function byHand<T>(t: TestCore, work: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (!t.handUrl) return work(t.core.book.db);
  const owner = await openOfficeBook(connectionOf(t.handUrl));
  try {
    const done = await work(owner.db);
    // A table the edit made again is the owner's alone: its rights are given again, as the next update would.
    await giveDesktopRights(owner.db);
    return done;
  } finally {
    await owner.close();
  }
}
