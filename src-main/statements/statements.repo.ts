import { sql, type Kysely } from 'kysely';
import { POSTING_SIGN } from '../../src-shared/vouchers/types';
import type { Database } from '../book/schema';
import type { VoucherType } from '../../src-shared/vouchers/types';

// The signed amount of a voucher on its party's account, from the one posting table. The types and
// signs are the code's own constants, written as literals: a bound sign has no type PostgreSQL can infer.
const SIGNED_TOTAL = sql<number>`(case vouchers.type ${sql.join(
  Object.entries(POSTING_SIGN).map(([type, sign]) => sql`when ${sql.lit(type)} then ${sql.lit(sign)}`),
  sql` `,
)} end) * vouchers.total_minor`;

/**
 * Each currency the party has active vouchers in up to `to` (or only `currency`), with its balance
 * before `from`: one pass over the party's vouchers, in place of one query per currency.
 */
export async function openingBalances(
  db: Kysely<Database>,
  partyId: string,
  from: string,
  to: string,
  currency?: string,
): Promise<Map<string, number>> {
  let query = db
    .selectFrom('vouchers')
    .select([
      'currency',
      sql<number>`sum(case when vouchers.date < ${from} then ${SIGNED_TOTAL} else 0 end)`.as('opening'),
    ])
    .where('party_id', '=', partyId)
    .where('status', '=', 'active')
    .where('date', '<=', to)
    .groupBy('currency')
    .orderBy('currency');
  if (currency) query = query.where('currency', '=', currency);
  return new Map((await query.execute()).map((r) => [r.currency, Number(r.opening)]));
}

/** Every party's balance (debits − credits) per currency, as "party currency" → minor units: to check a copied book. */
export async function allBalances(db: Kysely<Database>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('vouchers')
    .select(['party_id', 'currency', sql<number>`sum(${SIGNED_TOTAL})`.as('balance')])
    .where('status', '=', 'active')
    .groupBy(['party_id', 'currency'])
    .execute();
  return new Map(rows.map((r) => [`${r.party_id} ${r.currency}`, Number(r.balance)]));
}

export interface Movement {
  id: string;
  type: VoucherType;
  number: number;
  date: string;
  currency: string;
  notes: string;
  body: string | null;
  signed: number;
}

/** The party's active vouchers from `from` to `to`, in every currency (or only `currency`), in the order they happened. */
export async function movements(
  db: Kysely<Database>,
  partyId: string,
  from: string,
  to: string,
  currency?: string,
): Promise<Movement[]> {
  let query = db
    .selectFrom('vouchers')
    .select(['id', 'type', 'number', 'date', 'currency', 'notes', 'body', SIGNED_TOTAL.as('signed')])
    .where('party_id', '=', partyId)
    .where('status', '=', 'active')
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .orderBy('created_at')
    .orderBy('id');
  if (currency) query = query.where('currency', '=', currency);
  return query.execute();
}
