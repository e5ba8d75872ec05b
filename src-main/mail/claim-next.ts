import { sql } from 'kysely';
import type { SendingLimits } from '../../src-shared/api/mailbox.api';
import { dialectOf } from '../book/dialect';
import type { Book } from '../book/open-book';
import * as repo from './outbox.repo';
import { nextSlot } from './sending-window';

export type Claimed =
  | { kind: 'claimed'; row: repo.OutboxRecord; attempt: number }
  /** The next message would pass a sending limit: everything waiting was put off until the window frees. */
  | { kind: 'deferred' }
  | { kind: 'none' };

/**
 * Takes the next message due for this desktop to send, if the mailbox's limits let it go now.
 * Choosing it, asking the window and claiming it are one transaction, and on an office book one
 * desktop at a time does this (the window is the office's: two desktops asking together would
 * both see room for one more). The row is claimed with FOR UPDATE SKIP LOCKED.
 */
export async function claimNext(book: Book, limits: SendingLimits, now: Date, desktopId: string): Promise<Claimed> {
  return book.db.transaction().execute(async (trx) => {
    // Class 4: the office's sending window (1 is voucher numbering, 2 work that runs alone, 3 the credits).
    if (dialectOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(4, 0)`.execute(trx);
    const row = await repo.nextDue(trx, now.toISOString());
    if (!row) return { kind: 'none' };
    const slot = await nextSlot(trx, limits, row.recipients, now);
    if (slot) {
      await repo.deferQueued(trx, slot.at.toISOString(), slot.reason);
      return { kind: 'deferred' };
    }
    const attempt = row.attempts + 1;
    if (!(await repo.claim(trx, row.id, attempt, now.toISOString(), desktopId))) return { kind: 'none' };
    return { kind: 'claimed', row, attempt };
  });
}
