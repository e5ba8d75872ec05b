import { sql, type Kysely } from 'kysely';
import { LOCK_CLASS, type BookLocks } from '../book/book-locks';
import type { Database } from '../book/schema';

/** A transaction-scoped advisory lock: held until the transaction it is taken in ends. */
const transactionLock = async (trx: Kysely<Database>, lockClass: number, key: string | null) => {
  if (key === null) await sql`select pg_advisory_xact_lock(${lockClass}, 0)`.execute(trx);
  else await sql`select pg_advisory_xact_lock(${lockClass}, hashtext(${key}))`.execute(trx);
};

/** The office's desktops take turns by PostgreSQL advisory locks, one class each (LOCK_CLASS). */
export function officeLocks(db: Kysely<Database>): BookLocks {
  return {
    numbering: (trx, voucherType) => transactionLock(trx, LOCK_CLASS.numbering, `daftar.voucher_number.${voucherType}`),
    ledger: (trx) => transactionLock(trx, LOCK_CLASS.ledger, null),
    sendingWindow: (trx) => transactionLock(trx, LOCK_CLASS.sendingWindow, null),
    // Held until the transaction ends; what the work reads and writes goes through other connections,
    // each write committed before the lock is let go, so the next desktop reads what this one stored.
    oauthRefresh: (work) =>
      db.transaction().execute(async (trx) => {
        await transactionLock(trx, LOCK_CLASS.oauthRefresh, null);
        return work();
      }),
    // A session lock on a connection held for the work's length: if the desktop dies, its connection
    // ends and the lock with it, so another desktop can take the work over.
    runAlone: (key, work) =>
      db.connection().execute(async (held) => {
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
      }),
  };
}
