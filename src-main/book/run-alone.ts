import { sql } from 'kysely';
import type { Book } from './open-book';

/**
 * Runs `work` unless another desktop of the office is running the same `key` already, and answers
 * whether it ran. On an office book the claim is a PostgreSQL session advisory lock on a connection
 * held for the work's length: if the desktop dies, its connection ends and the lock with it, so
 * another desktop can take the work over. A book on this computer has one desktop: it always runs.
 */
export async function runAlone(book: Book, key: string, work: () => Promise<void>): Promise<boolean> {
  if (book.dialect === 'sqlite') {
    await work();
    return true;
  }
  return book.db.connection().execute(async (held) => {
    // Class 2: work that runs alone; voucher numbering takes class 1, so the two never meet.
    const { rows } = await sql<{
      got: boolean;
    }>`select pg_try_advisory_lock(2, hashtext(${key})) as got`.execute(held);
    if (!rows[0]?.got) return false;
    try {
      await work();
    } finally {
      await sql`select pg_advisory_unlock(2, hashtext(${key}))`.execute(held);
    }
    return true;
  });
}
