import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import { ulid } from 'ulid';
import type { DeviceStanding, Pricing, SignedGrant } from '../src-shared/licensing/grant';
import type { ChainedSpend } from '../src-shared/licensing/spend-chain';
import {
  ORDERS_LISTED,
  type FieldIssue,
  type JoinAnswer,
  type OrderAnswer,
  type RegisterAnswer,
  type ServerOrder,
  type SyncAnswer,
} from '../src-shared/licensing/wire';
import type { LicensingDb } from './db/open';
import type { DevicesTable, LicensingDatabase, OrdersTable } from './db/schema';
import { newSecret, sha256, signGrant, type SigningKey } from './keys';
import type { OrderEvent, PaymentProvider } from './providers/types';
import { takeSpends } from './spend-chain-check';
import type { RateLimits } from './rate-limit';

export const PRICING: Pricing = {
  product: 'email',
  packSize: 1000,
  packPriceCents: 1000,
  currency: 'USD',
  trialMessages: 5,
};

export class LicensingError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait before asking again (sent as Retry-After). */
    readonly retryAfter?: number,
    /** With invalid_input: each field of the request that did not parse, and why. */
    readonly issues?: FieldIssue[],
  ) {
    super(message);
  }
}

export interface LicensingContext {
  store: LicensingDb;
  key: SigningKey;
  providers: PaymentProvider[];
  now(): Date;
  pricing?: Pricing;
  /** Requests per address and account; DEFAULT_LIMITS when absent. */
  limits?: RateLimits;
}

export type Device = Pick<DevicesTable, 'id' | 'account_id' | 'name'>;

const pricingOf = (ctx: LicensingContext) => ctx.pricing ?? PRICING;
const sum = async (query: Promise<{ total: unknown } | undefined>) => Number((await query)?.total ?? 0);

/** One account's writes at a time, so two desktops syncing together cannot both take the same pool. */
async function lockAccount(
  ctx: LicensingContext,
  trx: Transaction<LicensingDatabase>,
  accountId: string,
): Promise<void> {
  if (ctx.store.kind === 'postgres') await sql`select id from accounts where id = ${accountId} for update`.execute(trx);
  // SQLite: one connection, transactions already run one at a time.
}

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

/** A spend counts when it took credits, a return only when it names the spend it gave back (migration 0004). */
const counts = ({ or, eb }: ExpressionBuilder<LicensingDatabase, 'spends'>) =>
  or([eb('amount', '>', 0), eb('returns', 'is not', null)]);

async function balances(db: Kysely<LicensingDatabase>, device: Device) {
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

const toOrder = (o: OrdersTable): ServerOrder => ({
  id: o.id,
  packs: o.packs,
  messages: o.packs * o.pack_size,
  totalCents: o.total_cents,
  currency: o.currency,
  method: o.method,
  state: o.state,
  createdAt: o.created_at,
  updatedAt: o.updated_at,
});
export async function listOrders(ctx: LicensingContext, device: Device): Promise<ServerOrder[]> {
  const rows = await ctx.store.db
    .selectFrom('orders')
    .selectAll()
    .where('account_id', '=', device.account_id)
    .orderBy('created_at', 'desc')
    .limit(ORDERS_LISTED)
    .execute();
  return rows.map(toOrder);
}

export async function createOrder(
  ctx: LicensingContext,
  device: Device,
  packs: number,
  method: 'card' | 'paypal',
): Promise<OrderAnswer> {
  if (!Number.isInteger(packs) || packs < 1 || packs > 1000)
    throw new LicensingError(400, 'invalid_packs', 'packs must be a whole number from 1 to 1000');
  const provider = ctx.providers.find((p) => p.methods.includes(method));
  if (!provider)
    throw new LicensingError(400, 'method_unavailable', `Paying by ${method} is not configured on this server`);
  const pricing = pricingOf(ctx);
  const now = ctx.now().toISOString();
  const row: OrdersTable = {
    id: ulid(),
    account_id: device.account_id,
    device_id: device.id,
    packs,
    pack_size: pricing.packSize,
    unit_price_cents: pricing.packPriceCents,
    total_cents: packs * pricing.packPriceCents,
    currency: pricing.currency,
    provider: provider.name,
    method,
    state: 'pending',
    checkout_token: newSecret(),
    provider_ref: null,
    created_at: now,
    updated_at: now,
  };
  await ctx.store.db.insertInto('orders').values(row).execute();
  const checkout = await provider.checkoutUrl({
    orderId: row.id,
    checkoutToken: row.checkout_token,
    totalCents: row.total_cents,
    currency: row.currency,
    packs,
    description: `Daftar email service — ${pricing.packSize} messages`,
  });
  await ctx.store.db
    .updateTable('orders')
    .set({ provider_ref: checkout.providerRef })
    .where('id', '=', row.id)
    .execute();
  return { order: toOrder(row), checkoutUrl: checkout.url };
}

export const findOrder = (ctx: LicensingContext, id: string) =>
  ctx.store.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();

/** Whether the provider's report of what was paid is exactly the order's price. */
const paidInFull = (order: OrdersTable, paid: OrderEvent['paid']) =>
  paid?.amountCents === order.total_cents && paid.currency?.toUpperCase() === order.currency.toUpperCase();

/**
 * A verified provider event. Each event id counts once; an order is credited once however
 * many "paid" events arrive, only for its exact price, and a late "cancelled" never undoes
 * a payment. The order row is locked before it is read, so two events for one order run
 * one after the other, each seeing what the other did.
 */
export async function applyOrderEvent(
  ctx: LicensingContext,
  provider: string,
  event: OrderEvent,
): Promise<'applied' | 'duplicate' | 'ignored' | 'unknown_order' | 'amount_mismatch'> {
  const now = ctx.now().toISOString();
  return ctx.store.db.transaction().execute(async (trx) => {
    const fresh = await trx
      .insertInto('webhook_events')
      .values({ provider, event_id: event.eventId, received_at: now })
      .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
      .executeTakeFirst();
    if (Number(fresh.numInsertedOrUpdatedRows ?? 0) === 0) return 'duplicate';
    let find = trx.selectFrom('orders').selectAll().where('id', '=', event.orderId).where('provider', '=', provider);
    // SQLite runs one transaction at a time already; PostgreSQL needs the row lock.
    if (ctx.store.kind === 'postgres') find = find.forUpdate();
    const order = await find.executeTakeFirst();
    if (!order) return 'unknown_order';
    await lockAccount(ctx, trx, order.account_id);
    if (event.type === 'cancelled') {
      if (order.state !== 'pending') return 'ignored';
      await trx
        .updateTable('orders')
        .set({ state: 'cancelled', updated_at: now })
        .where('id', '=', order.id)
        .where('state', '=', 'pending')
        .execute();
      return 'applied';
    }
    if (order.state === 'paid') return 'ignored';
    if (!paidInFull(order, event.paid)) {
      console.error(
        `[licensing] order ${order.id}: ${provider} reported ${JSON.stringify(event.paid ?? null)} paid, the order is ${order.total_cents} ${order.currency}; not credited`,
      );
      return 'amount_mismatch';
    }
    await trx
      .updateTable('orders')
      .set({ state: 'paid', updated_at: now, provider_ref: event.providerRef ?? order.provider_ref })
      .where('id', '=', order.id)
      .execute();
    await trx
      .insertInto('credits')
      .values({
        id: ulid(),
        account_id: order.account_id,
        amount: order.packs * order.pack_size,
        reason: 'order',
        order_id: order.id,
        created_at: now,
      })
      .onConflict((oc) => oc.column('order_id').doNothing())
      .execute();
    return 'applied';
  });
}
