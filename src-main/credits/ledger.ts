import { ulid } from 'ulid';
import { AppError } from '../../src-shared/errors';
import type { Kysely } from 'kysely';
import type { Book } from '../book/book';
import type { Database } from '../book/schema';
import * as repo from './credits.repo';
import type { GrantCheck } from './grant-check';

// On an office book, one desktop at a time reads the balance and adds to the spend chain, until its
// transaction ends (book.locks.ledger): two desktops could otherwise both spend the last credit, or
// both take the next link of the chain.

export async function balance(book: Book, check: GrantCheck): Promise<number> {
  const { granted, spent } = await repo.ledgerBalance(book.db, check);
  return granted - spent;
}

/**
 * Reserve credits for a message (one per recipient) — called in the same transaction that
 * queues it. Refuses with no_credit when the balance is short; nothing is written then.
 */
export async function reserveCredits(
  book: Book,
  check: GrantCheck,
  amount: number,
  ref: string,
  now: Date,
): Promise<string> {
  return book.db.transaction().execute((trx) => reserveIn(book, trx, check, amount, ref, now));
}

/** The same, inside the caller's transaction (the outbox row and its credits are written together). */
export async function reserveIn(
  book: Book,
  db: Kysely<Database>,
  check: GrantCheck,
  amount: number,
  ref: string,
  now: Date,
): Promise<string> {
  if (!Number.isInteger(amount) || amount <= 0) throw AppError.invalidField('amount', 'too_small', { min: 1 });
  await book.locks.ledger(db);
  const { granted, spent } = await repo.ledgerBalance(db, check);
  const available = granted - spent;
  if (available < amount) {
    throw AppError.because('credits_short', `This message needs ${amount} credit(s); ${available} left`, {
      needed: amount,
      balance: available,
    });
  }
  const id = ulid();
  await repo.insertSpend(db, { id, amount, reason: 'message', ref, created_at: now.toISOString() });
  return id;
}

/** Give back a reservation whose message failed for good. Returning twice returns once. */
export async function returnCredits(book: Book, spendId: string, now: Date): Promise<void> {
  await book.db.transaction().execute((trx) => returnIn(book, trx, spendId, now));
}

export async function returnIn(book: Book, db: Kysely<Database>, spendId: string, now: Date): Promise<void> {
  await book.locks.ledger(db);
  const spend = await repo.findSpend(db, spendId);
  // Only a message's reservation is given back, and only what it took.
  if (!spend || spend.reason !== 'message' || Number(spend.amount) <= 0)
    throw new AppError('not_found', `No credit reservation ${spendId}`, { id: spendId });
  if (await repo.findReturnOf(db, spendId)) return;
  await repo.insertSpend(db, {
    id: ulid(),
    amount: -Number(spend.amount),
    reason: 'return',
    ref: spendId,
    created_at: now.toISOString(),
  });
}
