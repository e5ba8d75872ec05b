import type { SendingLimits } from '../../src-shared/api/mailbox.api';
import type { Book } from '../book/book';
import * as repo from './outbox.repo';
import { nextSlot } from './sending-window';

export type Claimed =
  | { kind: 'claimed'; row: repo.OutboxRecord; attempt: number }
  /** The next message would pass a sending limit: everything waiting was put off until the window frees. */
  | { kind: 'deferred' }
  | { kind: 'none' }
  /** An office book, and this desktop holds no presence lock: it may claim nothing (another desktop would send it too). */
  | { kind: 'absent' };

/**
 * Takes the next message due for this desktop to send, if the mailbox's limits let it go now.
 * Choosing it, asking the window and claiming it are one transaction, and on an office book one
 * desktop at a time does this (the window is the office's: two desktops asking together would
 * both see room for one more). The row is claimed with FOR UPDATE SKIP LOCKED.
 *
 * On an office book a desktop claims only while its presence lock is held: another desktop requeues
 * a "sending" message whose claimer is absent (twice, PRESENCE_GRACE_MS apart), so a claim made
 * without presence would be sent twice. The check is part of the claim's UPDATE itself, read from
 * the server's lock table at that moment, so no claim is written by an absent desktop; the look
 * before it only tells "absent" from "nothing due". Presence lost after the claim is the case the
 * grace is for (a message already on the wire), as before.
 */
export async function claimNext(book: Book, limits: SendingLimits, now: Date, desktopId: string): Promise<Claimed> {
  return book.db.transaction().execute(async (trx) => {
    await book.locks.sendingWindow(trx);
    if (!(await repo.isPresent(trx, desktopId))) return { kind: 'absent' };
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
