import type { Transaction } from 'kysely';
import { ulid } from 'ulid';
import type { DeviceStanding, SignedGrant } from '../src-shared/licensing/grant';
import type { ChainedSpend } from '../src-shared/licensing/spend-chain';
import type { SyncAnswer } from '../src-shared/licensing/wire';
import { lockAccount } from './account-lock';
import { balances, sum } from './balances';
import { pricingOf, type Device, type LicensingContext } from './context';
import type { LicensingDatabase } from './db/schema';
import { signGrant } from './keys';
import { listOrders } from './orders';
import { takeSpends } from './spend-chain-check';

// A desktop's sync: its spends in, its standing and a share of the account's credits out.

/** Where the device was left by its last sync that sent spends. */
async function standingOf(trx: Transaction<LicensingDatabase>, device: Device): Promise<DeviceStanding> {
  const row = await trx
    .selectFrom('devices')
    .select(['standing', 'standing_reason', 'standing_seq'])
    .where('id', '=', device.id)
    .executeTakeFirstOrThrow();
  if (row.standing === 'ok' || !row.standing_reason) return { state: 'ok' };
  return {
    state: 'out_of_sync',
    reason: row.standing_reason,
    atSeq: row.standing_seq === null ? null : Number(row.standing_seq),
  };
}

/** More spent on a device than was ever allotted to it: its book lost spends. */
async function overspent(
  trx: Transaction<LicensingDatabase>,
  device: Device,
): Promise<Extract<DeviceStanding, { state: 'out_of_sync' }> | null> {
  const { deviceBalance } = await balances(trx, device);
  return deviceBalance < 0 ? { state: 'out_of_sync', reason: 'overspend', atSeq: null } : null;
}

/**
 * A desktop's sync: record its spends (each id once), allot it a share of the account's
 * unallotted credits as a signed grant, and answer everything it has not seen yet.
 */
export async function sync(
  ctx: LicensingContext,
  device: Device,
  input: { spends: ChainedSpend[]; sinceSeq: number },
): Promise<SyncAnswer> {
  const now = ctx.now().toISOString();
  let rejected: { id: string; reason: string }[] = [];
  let standing: DeviceStanding = { state: 'ok' };
  await ctx.store.db.transaction().execute(async (trx) => {
    await lockAccount(ctx, trx, device.account_id);
    const taken = await takeSpends(trx, device, input.spends);
    rejected = taken.rejected;
    standing = taken.problem ?? (await overspent(trx, device)) ?? { state: 'ok' };
    // Back in step only by sending spends that follow on; an empty sync proves nothing.
    if (standing.state === 'ok' && input.spends.length === 0) standing = await standingOf(trx, device);
    await trx
      .updateTable('devices')
      .set(
        standing.state === 'ok'
          ? { standing: 'ok', standing_reason: null, standing_seq: null }
          : { standing: 'out_of_sync', standing_reason: standing.reason, standing_seq: standing.atSeq },
      )
      .where('id', '=', device.id)
      .execute();
    // A desktop whose spends do not add up gets nothing more until they do.
    if (standing.state !== 'ok') return;

    const credits = await sum(
      trx
        .selectFrom('credits')
        .select((eb) => eb.fn.sum('amount').as('total'))
        .where('account_id', '=', device.account_id)
        .executeTakeFirst(),
    );
    const allotted = await sum(
      trx
        .selectFrom('grants')
        .select((eb) => eb.fn.sum('amount').as('total'))
        .where('account_id', '=', device.account_id)
        .executeTakeFirst(),
    );
    const pool = credits - allotted;
    if (pool > 0) {
      const devices = Number(
        (
          await trx
            .selectFrom('devices')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('account_id', '=', device.account_id)
            .executeTakeFirstOrThrow()
        ).n,
      );
      const amount = Math.ceil(pool / devices);
      const seq =
        (await sum(
          trx
            .selectFrom('grants')
            .select((eb) => eb.fn.max('seq').as('total'))
            .where('device_id', '=', device.id)
            .executeTakeFirst(),
        )) + 1;
      const grant = {
        id: ulid(),
        accountId: device.account_id,
        deviceId: device.id,
        amount,
        reason: 'allotment' as const,
        seq,
        createdAt: now,
      };
      await trx
        .insertInto('grants')
        .values({
          id: grant.id,
          account_id: grant.accountId,
          device_id: grant.deviceId,
          amount,
          seq,
          created_at: now,
          signature: signGrant(ctx.key, grant),
        })
        .execute();
    }
  });

  const db = ctx.store.db;
  const grants: SignedGrant[] = (
    await db
      .selectFrom('grants')
      .selectAll()
      .where('device_id', '=', device.id)
      .where('seq', '>', input.sinceSeq)
      .orderBy('seq')
      .execute()
  ).map((g) => ({
    id: g.id,
    accountId: g.account_id,
    deviceId: g.device_id,
    amount: Number(g.amount),
    reason: 'allotment',
    seq: Number(g.seq),
    createdAt: g.created_at,
    signature: g.signature,
  }));
  return {
    grants,
    rejected,
    orders: await listOrders(ctx, device),
    pricing: pricingOf(ctx),
    ...(await balances(db, device)),
    standing,
    serverTime: now,
  };
}
