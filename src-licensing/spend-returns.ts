import type { Transaction } from 'kysely';
import type { ChainedSpend } from '../src-shared/licensing/spend-chain';
import type { LicensingDatabase } from './db/schema';

/**
 * What a link gives back, under the one rule for returns: an earlier message spend of the same
 * device, not given back yet, for exactly its amount. Answers null for a message, the spend's id
 * for a return that keeps the rule, and false for anything else (a negative "message", a return
 * of nothing, of another device's spend, of a return, for more or less, or a second time).
 * A link of the version before names no spend: the oldest unreturned one of its amount is taken.
 */
export async function whatItReturns(
  trx: Transaction<LicensingDatabase>,
  deviceId: string,
  spend: ChainedSpend,
): Promise<string | null | false> {
  if (spend.amount > 0) return spend.reason === 'message' && spend.returns === null ? null : false;
  if (spend.reason !== 'return') return false;
  let earlier = trx
    .selectFrom('spends as s')
    .select('s.id')
    .where('s.device_id', '=', deviceId)
    .where('s.amount', '=', -spend.amount)
    .where('s.seq', '<', spend.seq)
    .where('s.returns', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('spends as r').select('r.id').whereRef('r.returns', '=', 's.id'))),
    );
  earlier = spend.returns === null ? earlier.orderBy('s.seq').limit(1) : earlier.where('s.id', '=', spend.returns);
  return (await earlier.executeTakeFirst())?.id ?? false;
}
