import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Device } from './context';
import type { LicensingDatabase } from './db/schema';

/** A sum query's total as a number (none, or no rows, is 0). */
export const sum = async (query: Promise<{ total: unknown } | undefined>) => Number((await query)?.total ?? 0);

/** A spend counts when it took credits, a return only when it names the spend it gave back (migration 0004). */
const counts = ({ or, eb }: ExpressionBuilder<LicensingDatabase, 'spends'>) =>
  or([eb('amount', '>', 0), eb('returns', 'is not', null)]);

/** What the account has left to spend, and what this device has left of what it was allotted. */
export async function balances(db: Kysely<LicensingDatabase>, device: Device) {
  const credits = await sum(
    db
      .selectFrom('credits')
      .select((eb) => eb.fn.sum('amount').as('total'))
      .where('account_id', '=', device.account_id)
      .executeTakeFirst(),
  );
  const spent = await sum(
    db
      .selectFrom('spends')
      .select((eb) => eb.fn.sum('amount').as('total'))
      .where('account_id', '=', device.account_id)
      .where(counts)
      .executeTakeFirst(),
  );
  const granted = await sum(
    db
      .selectFrom('grants')
      .select((eb) => eb.fn.sum('amount').as('total'))
      .where('device_id', '=', device.id)
      .executeTakeFirst(),
  );
  const deviceSpent = await sum(
    db
      .selectFrom('spends')
      .select((eb) => eb.fn.sum('amount').as('total'))
      .where('device_id', '=', device.id)
      .where(counts)
      .executeTakeFirst(),
  );
  return { accountBalance: credits - spent, deviceBalance: granted - deviceSpent };
}
