import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database } from '../book/schema';
import type { GrantCheck } from './grant-check';
import type { CreditGrantsTable, LicensingOrdersTable, LicensingStateTable } from '../book/schema/credits';

export type LicensingState = Selectable<LicensingStateTable>;

export const readState = (db: Kysely<Database>) =>
  db.selectFrom('licensing_state').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();

export async function writeState(db: Kysely<Database>, values: Updateable<LicensingStateTable>): Promise<void> {
  await db.updateTable('licensing_state').set(values).where('id', '=', 1).execute();
}

/** Balance = grants that verify for this desktop − spends (returns are negative spends). */
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
  const s = await db
    .selectFrom('credit_spends')
    .select(sql<number>`coalesce(sum(amount), 0)`.as('total'))
    .executeTakeFirstOrThrow();
  return { granted: counted.granted, spent: Number(s.total), grants: counted.grants, badGrants: counted.bad };
}

export async function insertSpend(
  db: Kysely<Database>,
  row: { id: string; amount: number; reason: 'message' | 'return'; ref: string; created_at: string },
): Promise<void> {
  await db
    .insertInto('credit_spends')
    .values({ ...row, synced_at: null })
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

export const unsyncedSpends = (db: Kysely<Database>) =>
  db
    .selectFrom('credit_spends')
    .select(['id', 'amount', 'created_at'])
    .where('synced_at', 'is', null)
    .orderBy('created_at')
    .limit(5000)
    .execute();

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
