import type { Kysely } from 'kysely';
import type { Database } from '../book/schema';
import { AppError } from '../../src-shared/errors';
import type { Book } from '../book/book';
import { returnIn } from '../credits/ledger';
import { refuseOnRecord } from '../office/moved-record';
import type { Services } from '../registry';
import { queueSend, type SendInput } from './mail.service';
import * as repo from './outbox.repo';
import type { OutboxWorker } from './worker';

/**
 * The one way a message enters the outbox or leaves it unsent. A single send, each document
 * of a bulk, a bulk's test send and "send again" from the mail report all queue here, so every
 * one of them tells the windows (the outbox follows, and the core answers with the new
 * balance) and wakes the worker the same way, even while the queue is paused.
 */
export class MailQueue {
  constructor(
    private readonly services: Services,
    private readonly worker: OutboxWorker,
  ) {}

  /** Queue a message (its PDF, its credits, its row: see queueSend), announce it, wake the worker. */
  async enqueue(input: SendInput, createdBy: string): Promise<{ row: repo.OutboxRecord; cost: number }> {
    // Refused before its PDF is rendered and kept: the record of a moved book sends nothing.
    refuseOnRecord(this.services.book);
    const { id, cost } = await queueSend(this.services, input, createdBy);
    const row = (await repo.getOutbox(this.services.book.db, id))!;
    await this.announce(row);
    this.worker.kick();
    return { row, cost };
  }

  /** A message changed here (queued, retried, cancelled), or several did (null): the windows follow. */
  async announce(row: repo.OutboxRecord | null): Promise<void> {
    this.services.events.emit('mail.changed', {
      id: row?.id ?? null,
      status: row?.status ?? null,
      lastError: row?.last_error ?? null,
      sourceTitle: row?.source_title ?? null,
      queue: await this.worker.queueState(),
    });
  }
}

/**
 * Cancel a message that has not gone out (queued or held), in the caller's transaction: its
 * credits come back. Decided on the row as it is now, not as the caller read it: a message
 * the worker claimed meanwhile is not cancelled, and its credits stay spent.
 */
export async function cancelWaitingIn(
  book: Book,
  trx: Kysely<Database>,
  message: { id: string; spend_id: string | null },
  now: Date,
): Promise<void> {
  const cancelled = await repo.updateOutboxIf(trx, message.id, ['queued', 'held'], {
    status: 'cancelled',
    next_attempt_at: null,
    updated_at: now.toISOString(),
  });
  if (!cancelled) {
    const status = (await repo.getOutbox(trx, message.id))?.status ?? 'cancelled';
    throw AppError.because('not_cancellable', `A ${status} message cannot be cancelled`, { status });
  }
  if (message.spend_id) await returnIn(book, trx, message.spend_id, now);
}
