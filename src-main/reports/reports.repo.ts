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

/** Currencies the party has active vouchers in, up to a date. */
export async function partyCurrencies(db: Kysely<Database>, partyId: string, to: string): Promise<string[]> {
  const rows = await db
    .selectFrom('vouchers')
    .select('currency')
    .distinct()
    .where('party_id', '=', partyId)
    .where('status', '=', 'active')
    .where('date', '<=', to)
    .orderBy('currency')
    .execute();
  return rows.map((r) => r.currency);
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

/** Balance (debits − credits) of everything before `from`. */
export async function openingBalance(
  db: Kysely<Database>,
  partyId: string,
  currency: string,
  from: string,
): Promise<number> {
  const row = await db
    .selectFrom('vouchers')
    .select(sql<number | null>`sum(${SIGNED_TOTAL})`.as('balance'))
    .where('party_id', '=', partyId)
    .where('currency', '=', currency)
    .where('status', '=', 'active')
    .where('date', '<', from)
    .executeTakeFirst();
  return Number(row?.balance ?? 0);
}

export interface Movement {
  id: string;
  type: VoucherType;
  number: number;
  date: string;
  notes: string;
  body: string | null;
  signed: number;
}

export async function movements(
  db: Kysely<Database>,
  partyId: string,
  currency: string,
  from: string,
  to: string,
): Promise<Movement[]> {
  return db
    .selectFrom('vouchers')
    .select(['id', 'type', 'number', 'date', 'notes', 'body', SIGNED_TOTAL.as('signed')])
    .where('party_id', '=', partyId)
    .where('currency', '=', currency)
    .where('status', '=', 'active')
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}
