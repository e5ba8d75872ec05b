import { sql, type Transaction } from 'kysely';
import type { LicensingContext } from './context';
import type { LicensingDatabase } from './db/schema';

/** One account's writes at a time, so two desktops syncing together cannot both take the same pool. */
export async function lockAccount(
  ctx: LicensingContext,
  trx: Transaction<LicensingDatabase>,
  accountId: string,
): Promise<void> {
  if (ctx.store.kind === 'postgres') await sql`select id from accounts where id = ${accountId} for update`.execute(trx);
  // SQLite: one connection, transactions already run one at a time.
}
