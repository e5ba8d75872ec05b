import { verify } from 'node:crypto';
import { ulid } from 'ulid';
import { AppError } from '../../src-shared/errors';
import { grantMessage, type SignedGrant } from '../../src-shared/licensing/grant';
import type { Book } from '../book/open-book';
import * as repo from './credits.repo';

/** A grant counts only if the licensing server's key signed exactly these fields. */
export function verifyGrant(grant: SignedGrant, publicKeyPem: string): boolean {
  try {
    return verify(null, Buffer.from(grantMessage(grant)), publicKeyPem, Buffer.from(grant.signature, 'base64'));
  } catch {
    return false;
  }
}

export async function balance(book: Book): Promise<number> {
  const { granted, spent } = await repo.ledgerBalance(book.db);
  return granted - spent;
}

/**
 * Reserve credits for a message (one per recipient) — called in the same transaction that
 * queues it. Refuses with no_credit when the balance is short; nothing is written then.
 */
export async function reserveCredits(book: Book, amount: number, ref: string, now: Date): Promise<string> {
  if (!Number.isInteger(amount) || amount <= 0) throw AppError.invalidField('amount', 'too_small', { min: 1 });
  const id = ulid();
  await book.db.transaction().execute(async (trx) => {
    const { granted, spent } = await repo.ledgerBalance(trx);
    const available = granted - spent;
    if (available < amount) {
      throw new AppError('no_credit', `This message needs ${amount} credit(s); ${available} left`, { needed: amount, balance: available });
    }
    await repo.insertSpend(trx, { id, amount, reason: 'message', ref, created_at: now.toISOString() });
  });
  return id;
}

/** Give back a reservation whose message failed for good. Returning twice returns once. */
export async function returnCredits(book: Book, spendId: string, now: Date): Promise<void> {
  await book.db.transaction().execute(async (trx) => {
    const spend = await repo.findSpend(trx, spendId);
    if (!spend || spend.reason !== 'message') throw new AppError('not_found', `No credit reservation ${spendId}`, { id: spendId });
    if (await repo.findReturnOf(trx, spendId)) return;
    await repo.insertSpend(trx, { id: ulid(), amount: -spend.amount, reason: 'return', ref: spendId, created_at: now.toISOString() });
  });
}
