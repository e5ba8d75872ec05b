import type { Transaction } from 'kysely';
import type { ChainedSpend } from '../src-shared/licensing/spend-chain';
import type { LicensingDatabase } from './db/schema';

type Trx = Transaction<LicensingDatabase>;
export interface Returned {
  returns: string | null;
  guessed: boolean;
}

/** This device's message spends of an amount that no return holds, oldest first. */
const unreturned = (trx: Trx, deviceId: string, amount: number) =>
  trx
    .selectFrom('spends as s')
    .select('s.id')
    .where('s.device_id', '=', deviceId)
    .where('s.amount', '=', amount)
    .where('s.returns', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('spends as r').select('r.id').whereRef('r.returns', '=', 's.id'))),
    )
    .orderBy('s.seq');

/**
 * What a link gives back, under the one rule for returns: an earlier message spend of the same
 * device, not given back yet, for exactly its amount. Answers { returns: null } for a message, the
 * spend for a return that keeps the rule, and false for anything else (a negative "message", a
 * return of nothing, of another device's spend, of a return, for more or less, or a second time).
 */
export async function whatItReturns(trx: Trx, deviceId: string, spend: ChainedSpend): Promise<Returned | false> {
  if (spend.amount > 0)
    return spend.reason === 'message' && spend.returns === null ? { returns: null, guessed: false } : false;
  if (spend.reason !== 'return') return false;
  const earlier = unreturned(trx, deviceId, -spend.amount).where('s.seq', '<', spend.seq);
  // A desktop of the version before names no spend: the oldest unreturned one of its amount is taken.
  if (spend.returns === null) {
    const oldest = await earlier.limit(1).executeTakeFirst();
    return oldest ? { returns: oldest.id, guessed: true } : false;
  }
  if (await earlier.where('s.id', '=', spend.returns).executeTakeFirst())
    return { returns: spend.returns, guessed: false };
  return (await moveGuess(trx, deviceId, spend)) ? { returns: spend.returns, guessed: false } : false;
}

/**
 * The spend a return names may be held by a return that named none (a guess): that one is moved to
 * another unreturned spend of the amount, which frees the named one. A spend held by a return that
 * named it, or with no other spend to move to, stays refused: each spend still comes back once.
 */
async function moveGuess(trx: Trx, deviceId: string, spend: ChainedSpend): Promise<boolean> {
  const named = await trx
    .selectFrom('spends')
    .select('id')
    .where('id', '=', spend.returns!)
    .where('device_id', '=', deviceId)
    .where('amount', '=', -spend.amount)
    .where('returns', 'is', null)
    .where('seq', '<', spend.seq)
    .executeTakeFirst();
  if (!named) return false;
  const holder = await trx
    .selectFrom('spends')
    .select(['id', 'seq'])
    .where('returns', '=', named.id)
    .where('returns_guessed', '=', 1)
    .executeTakeFirst();
  if (!holder) return false;
  // The guess moves only to a spend before it: a return never gives back what came after it.
  const other = await unreturned(trx, deviceId, -spend.amount)
    .where('s.seq', '<', holder.seq)
    .limit(1)
    .executeTakeFirst();
  if (!other) return false;
  await trx.updateTable('spends').set({ returns: other.id }).where('id', '=', holder.id).execute();
  return true;
}
