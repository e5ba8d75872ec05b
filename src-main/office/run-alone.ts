import { sql } from 'kysely';
import { LOCK_CLASS } from '../book/book-locks';
import type { Book } from '../book/open-book';

/**
 * Runs `work` unless another desktop of the office is running the same `key` already, and answers
 * whether it ran. On an office book the claim is a PostgreSQL session advisory lock on a connection
 * held for the work's length: if the desktop dies, its connection ends and the lock with it, so
 * another desktop can take the work over. A book on this computer has one desktop: it always runs.
 */
export async function runAlone(book: Book, key: string, work: () => Promise<void>): Promise<boolean> {
  if (book.kind === 'here') {
    await work();
    return true;
  }
  return book.db.connection().execute(async (held) => {
    const { rows } = await sql<{
      got: boolean;
    }>`select pg_try_advisory_lock(${LOCK_CLASS.runAlone}, hashtext(${key})) as got`.execute(held);
    if (!rows[0]?.got) return false;
    try {
      await work();
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_CLASS.runAlone}, hashtext(${key}))`.execute(held);
    }
    return true;
  });
}
