import { ulid } from 'ulid';
import { ORDERS_LISTED, type OrderAnswer, type ServerOrder } from '../src-shared/licensing/wire';
import { lockAccount } from './account-lock';
import { pricingOf, type Device, type LicensingContext } from './context';
import type { OrdersTable } from './db/schema';
import { newSecret } from './keys';
import { LicensingError } from './licensing-error';
import type { OrderEvent } from './providers/types';

// Orders of message packs: listing, creating one with a payment provider's checkout, and the
// provider's events that pay or cancel it.

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
