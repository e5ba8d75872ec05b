import { ulid } from 'ulid';
import type { JoinAnswer, RegisterAnswer } from '../src-shared/licensing/wire';
import { pricingOf, type Device, type LicensingContext } from './context';
import { newSecret, sha256 } from './keys';
import { LicensingError } from './licensing-error';

// Accounts and their desktops: registering, joining with the account key, and knowing a
// desktop again by its token.

/**
 * A new account with its first desktop. The trial comes once per install: a desktop that
 * registers again (its book wiped, its device id cleared) gets an account without one.
 */
export async function register(
  ctx: LicensingContext,
  companyName: string,
  deviceName: string,
  installId: string,
): Promise<RegisterAnswer> {
  const now = ctx.now().toISOString();
  const accountId = ulid();
  const deviceId = ulid();
  const accountKey = newSecret();
  const deviceToken = newSecret();
  await ctx.store.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('accounts')
      .values({ id: accountId, company_name: companyName, account_key_hash: sha256(accountKey), created_at: now })
      .execute();
    await trx
      .insertInto('devices')
      .values({
        id: deviceId,
        account_id: accountId,
        name: deviceName,
        token_hash: sha256(deviceToken),
        created_at: now,
      })
      .execute();
    // The trial: once per install and once per account, never per device.
    const firstFromInstall = await trx
      .insertInto('trial_installs')
      .values({ install_hash: sha256(`install:${installId}`), account_id: accountId, created_at: now })
      .onConflict((oc) => oc.column('install_hash').doNothing())
      .executeTakeFirst();
    if (Number(firstFromInstall.numInsertedOrUpdatedRows ?? 0) === 0) return;
    await trx
      .insertInto('credits')
      .values({
        id: ulid(),
        account_id: accountId,
        amount: pricingOf(ctx).trialMessages,
        reason: 'trial',
        order_id: null,
        created_at: now,
      })
      .execute();
  });
  return { accountId, accountKey, deviceId, deviceToken };
}

export async function join(ctx: LicensingContext, accountKey: string, deviceName: string): Promise<JoinAnswer> {
  const account = await ctx.store.db
    .selectFrom('accounts')
    .select('id')
    .where('account_key_hash', '=', sha256(accountKey))
    .executeTakeFirst();
  if (!account) throw new LicensingError(404, 'unknown_account', 'No account has this key');
  const deviceId = ulid();
  const deviceToken = newSecret();
  await ctx.store.db
    .insertInto('devices')
    .values({
      id: deviceId,
      account_id: account.id,
      name: deviceName,
      token_hash: sha256(deviceToken),
      created_at: ctx.now().toISOString(),
    })
    .execute();
  return { accountId: account.id, deviceId, deviceToken };
}

export async function authenticate(ctx: LicensingContext, token: string | undefined): Promise<Device> {
  if (!token) throw new LicensingError(401, 'unauthorized', 'A device token is required');
  const device = await ctx.store.db
    .selectFrom('devices')
    .select(['id', 'account_id', 'name'])
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!device) throw new LicensingError(401, 'unauthorized', 'Unknown device token');
  return device;
}
