import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import { dialectOf } from '../book/dialect';
import type { Database } from '../book/schema';
import { CHAIN_START, type ChainedSpend } from '../../src-shared/licensing/spend-chain';
import { spendLink } from './spend-link';
import type { GrantCheck } from './grant-check';
import type { CreditGrantsTable, LicensingOrdersTable, LicensingStateTable } from '../book/schema/credits';

export type LicensingState = Selectable<LicensingStateTable>;

export const readState = (db: Kysely<Database>) =>
  db.selectFrom('licensing_state').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();

export async function writeState(db: Kysely<Database>, values: Updateable<LicensingStateTable>): Promise<void> {
  await db.updateTable('licensing_state').set(values).where('id', '=', 1).execute();
}

/**
 * Balance = grants that verify for this desktop − credits spent. The book is a file on the user's
 * own disk, so a row counts only as the rules say, whatever the table holds: every positive spend
 * counts; a return only as the refund of an earlier message spend, for its amount, once (the first
 * return of that spend in the chain). Anything else, a hand-made "return" of nothing above all,
 * counts nothing here and is refused by the server at the next sync.
 */
export async function ledgerBalance(
  db: Kysely<Database>,
  check: GrantCheck,
): Promise<{ granted: number; spent: number; grants: number; badGrants: number }> {
  const state = await readState(db);
  const rows = await db
    .selectFrom('credit_grants')
    .select(['id', 'account_id', 'device_id', 'amount', 'reason', 'seq', 'created_at', 'signature'])
    .execute();
  const counted = check.count(rows, { accountId: state.account_id, deviceId: state.device_id });
  const { rows: totals } = await sql<{ spent: number | string; returned: number | string }>`
    select
      (select coalesce(sum(amount), 0) from credit_spends where amount > 0) as spent,
      (select coalesce(sum(-r.amount), 0) from (
        select id, amount, ref, chain_seq, row_number() over (partition by ref order by chain_seq, id) as nth
        from credit_spends where reason = 'return') r
        where r.nth = 1 and r.amount < 0
          and exists (select 1 from credit_spends s
            where s.id = r.ref and s.reason = 'message' and s.amount = -r.amount and s.chain_seq < r.chain_seq)
      ) as returned
  `.execute(db);
  const spent = Number(totals[0]?.spent ?? 0) - Number(totals[0]?.returned ?? 0);
  return { granted: counted.granted, spent, grants: counted.grants, badGrants: counted.bad };
}

/** Add a spend at the end of the chain (callers are inside a transaction, so the end cannot move). */
export async function insertSpend(
  db: Kysely<Database>,
  row: { id: string; amount: number; reason: 'message' | 'return'; ref: string; created_at: string },
): Promise<void> {
  const last = await db
    .selectFrom('credit_spends')
    .select(['chain_seq', 'chain_hash'])
    .orderBy('chain_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const seq = Number(last?.chain_seq ?? 0) + 1;
  const chain_hash = spendLink(last?.chain_hash ?? CHAIN_START, {
    seq,
    id: row.id,
    amount: row.amount,
    createdAt: row.created_at,
    reason: row.reason,
    returns: row.reason === 'return' ? row.ref : null,
    link: 2,
  });
  // An office book's desktops may not write the ledger: its function adds the spend, by its rules (migration 0025).
  if (dialectOf(db) === 'postgres')
    await sql`select daftar_add_spend(${row.id}, ${row.amount}, ${row.reason}, ${row.ref}, ${row.created_at}, ${seq}, ${chain_hash})`.execute(
      db,
    );
  else
    await db
      .insertInto('credit_spends')
      .values({ ...row, synced_at: null, chain_seq: seq, chain_hash, chain_link: 2 })
      .execute();
}

export const findSpend = (db: Kysely<Database>, id: string) =>
  db.selectFrom('credit_spends').selectAll().where('id', '=', id).executeTakeFirst();
export const findReturnOf = (db: Kysely<Database>, spendId: string) =>
  db
    .selectFrom('credit_spends')
    .selectAll()
    .where('reason', '=', 'return')
    .where('ref', '=', spendId)
    .executeTakeFirst();

/** Spends the server has not acknowledged, in chain order, each with the link hash before it. */
export async function unsyncedSpends(db: Kysely<Database>): Promise<ChainedSpend[]> {
  const rows = await db
    .selectFrom('credit_spends as s')
    .leftJoin('credit_spends as p', (join) => join.on(sql<boolean>`p.chain_seq = s.chain_seq - 1`))
    .select([
      's.id',
      's.amount',
      's.reason',
      's.ref',
      's.created_at',
      's.chain_seq',
      's.chain_link',
      'p.chain_hash as prev_hash',
    ])
    .where('s.synced_at', 'is', null)
    .orderBy('s.chain_seq')
    .limit(5000)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    amount: Number(r.amount),
    createdAt: r.created_at,
    seq: Number(r.chain_seq),
    prevHash: r.prev_hash ?? CHAIN_START,
    reason: r.reason,
    returns: r.reason === 'return' ? r.ref : null,
    link: Number(r.chain_link) === 1 ? 1 : 2,
  }));
}

export async function markSynced(db: Kysely<Database>, ids: string[], at: string): Promise<void> {
  if (ids.length) await db.updateTable('credit_spends').set({ synced_at: at }).where('id', 'in', ids).execute();
}

export async function lastGrantSeq(db: Kysely<Database>, deviceId: string): Promise<number> {
  const row = await db
    .selectFrom('credit_grants')
    .select(sql<number | null>`max(seq)`.as('seq'))
    .where('device_id', '=', deviceId)
    .executeTakeFirstOrThrow();
  return Number(row.seq ?? 0);
}

export async function insertGrant(db: Kysely<Database>, row: CreditGrantsTable): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`select daftar_add_grant(${row.id}, ${row.account_id}, ${row.device_id}, ${row.amount}, ${row.reason}, ${row.seq}, ${row.created_at}, ${row.signature}, ${row.received_at})`.execute(
      db,
    );
    return;
  }
  await db
    .insertInto('credit_grants')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function replaceOrders(db: Kysely<Database>, orders: Insertable<LicensingOrdersTable>[]): Promise<void> {
  for (const order of orders) {
    await db
      .insertInto('licensing_orders')
      .values(order)
      .onConflict((oc) => oc.column('id').doUpdateSet({ state: order.state, updated_at: order.updated_at }))
      .execute();
  }
}

export const listOrders = (db: Kysely<Database>) =>
  db.selectFrom('licensing_orders').selectAll().orderBy('created_at', 'desc').limit(100).execute();
