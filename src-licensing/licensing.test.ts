import { describe, expect } from 'vitest';
import { type SignedGrant } from '../src-shared/licensing/grant';
import { signSandboxEvent } from './providers/sandbox';
import { BACKENDS } from '../test-support/licensing/test-server';
import { test } from '../test-support/licensing/wire-client';

// The licensing server: registering desktops and selling packs (spends, the wire and webhooks are in licensing-*.test.ts).
// Each test: a licensing server of its own (the wire fixture), on the describe's backend.

describe.each(BACKENDS)('licensing server on %s', (backend) => {
  test.override('licensingServer', [backend]);

  test('registers a desktop with a 5-message trial, granted once and signed', async ({
    wire: { api, register, syncDevice, validGrant },
  }) => {
    const reg = await register();
    expect(reg).toMatchObject({
      accountId: expect.any(String),
      accountKey: expect.any(String),
      deviceId: expect.any(String),
      deviceToken: expect.any(String),
    });
    const first = await syncDevice(reg.deviceToken);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      accountBalance: 5,
      deviceBalance: 5,
      pricing: { packSize: 1000, packPriceCents: 1000, currency: 'USD', trialMessages: 5 },
    });
    expect(first.body.grants).toHaveLength(1);
    expect(validGrant(first.body.grants[0])).toBe(true);
    // A second sync grants nothing new; a desktop joining the same account brings no second trial.
    expect((await syncDevice(reg.deviceToken, [], 1)).body.grants).toEqual([]);
    const joined = (await api('/v1/join', { body: { accountKey: reg.accountKey, deviceName: 'الاستقبال' } })).body;
    expect(joined.accountId).toBe(reg.accountId);
    expect((await syncDevice(joined.deviceToken)).body).toMatchObject({
      accountBalance: 5,
      deviceBalance: 0,
      grants: [],
    });
  });

  test('stores tokens hashed and refuses unknown tokens and keys', async ({
    wire: { L, api, register, syncDevice },
  }) => {
    const reg = await register();
    const stored = await L.ctx.store.db.selectFrom('devices').select('token_hash').execute();
    expect(JSON.stringify(stored)).not.toContain(reg.deviceToken);
    expect((await syncDevice('not-a-token')).status).toBe(401);
    expect((await api('/v1/orders')).status).toBe(401);
    expect((await api('/v1/join', { body: { accountKey: 'wrong-key-123456', deviceName: 'x' } })).status).toBe(404);
  });

  test('sells packs: order → sandbox checkout → signed webhook → grant of 1000 × packs', async ({
    wire: { api, register, syncDevice, payOrder },
  }) => {
    const reg = await register();
    await syncDevice(reg.deviceToken);
    const created = await api('/v1/orders', { token: reg.deviceToken, body: { packs: 2, method: 'paypal' } });
    expect(created.body.order).toMatchObject({
      packs: 2,
      messages: 2000,
      totalCents: 2000,
      currency: 'USD',
      state: 'pending',
      method: 'paypal',
    });
    await payOrder(reg.deviceToken, 3);
    const after = await syncDevice(reg.deviceToken, [], 1);
    expect(after.body).toMatchObject({ accountBalance: 3005, deviceBalance: 3005 });
    expect(after.body.grants.map((g: SignedGrant) => g.amount)).toEqual([3000]);
    expect(after.body.orders.map((o: { state: string; packs: number }) => [o.packs, o.state]).sort()).toEqual([
      [2, 'pending'],
      [3, 'paid'],
    ]);
  });

  test('credits a webhook delivered five times once, and a late cancel never undoes a payment', async ({
    wire: { L, api, register, syncDevice, now, sandboxWebhook },
  }) => {
    const reg = await register();
    const { body } = await api('/v1/orders', { token: reg.deviceToken, body: { packs: 1, method: 'card' } });
    const paid = { type: 'order.paid', orderId: body.order.id, amountCents: 1000, currency: 'USD' };
    const event = JSON.stringify({ id: 'evt_1', ...paid });
    for (let i = 0; i < 5; i++)
      expect((await sandboxWebhook(event, signSandboxEvent(L.sandboxSecret, event, now()))).status).toBe(200);
    // Another event id paying the same order still credits once.
    const again = JSON.stringify({ id: 'evt_2', ...paid });
    await sandboxWebhook(again, signSandboxEvent(L.sandboxSecret, again, now()));
    const cancel = JSON.stringify({ id: 'evt_3', type: 'order.cancelled', orderId: body.order.id });
    expect(
      (await (await sandboxWebhook(cancel, signSandboxEvent(L.sandboxSecret, cancel, now()))).json()).outcome,
    ).toBe('ignored');
    expect((await syncDevice(reg.deviceToken)).body).toMatchObject({ accountBalance: 1005 });
  });

  test('credits an order only when the provider reports its exact amount and currency paid', async ({
    wire: { L, api, register, syncDevice, now, sandboxWebhook },
  }) => {
    const reg = await register();
    const { body } = await api('/v1/orders', { token: reg.deviceToken, body: { packs: 5, method: 'card' } });
    const report = async (id: string, extra: object) => {
      const event = JSON.stringify({ id, type: 'order.paid', orderId: body.order.id, ...extra });
      return (await (await sandboxWebhook(event, signSandboxEvent(L.sandboxSecret, event, now()))).json()).outcome;
    };
    // A checkout where the buyer paid one cent, or in another currency, or no amount was said.
    expect(await report('evt_cent', { amountCents: 1, currency: 'USD' })).toBe('amount_mismatch');
    expect(await report('evt_eur', { amountCents: 5000, currency: 'EUR' })).toBe('amount_mismatch');
    expect(await report('evt_none', {})).toBe('amount_mismatch');
    expect((await syncDevice(reg.deviceToken)).body).toMatchObject({ accountBalance: 5 });
    expect((await api('/v1/orders', { token: reg.deviceToken })).body.orders[0].state).toBe('pending');
    expect(await report('evt_ok', { amountCents: 5000, currency: 'usd' })).toBe('applied');
    expect((await syncDevice(reg.deviceToken, [], 1)).body).toMatchObject({ accountBalance: 5005 });
  });

  test('credits nothing for a forged signature, an altered body or a stale timestamp', async ({
    wire: { L, api, register, syncDevice, now, sandboxWebhook },
  }) => {
    const reg = await register();
    const { body } = await api('/v1/orders', { token: reg.deviceToken, body: { packs: 5, method: 'card' } });
    const event = JSON.stringify({ id: 'evt_x', type: 'order.paid', orderId: body.order.id });
    const forged = await sandboxWebhook(event, signSandboxEvent('whsec_wrong', event, now()));
    const altered = await sandboxWebhook(
      event.replace('evt_x', 'evt_y'),
      signSandboxEvent(L.sandboxSecret, event, now()),
    );
    const stale = await sandboxWebhook(event, signSandboxEvent(L.sandboxSecret, event, now() - 3600));
    const missing = await fetch(`${L.server.url}/webhooks/sandbox`, { method: 'POST', body: event });
    expect([forged.status, altered.status, stale.status, missing.status]).toEqual([400, 400, 400, 400]);
    expect((await stale.json()).reason).toBe('stale');
    expect((await syncDevice(reg.deviceToken)).body).toMatchObject({ accountBalance: 5 });
    expect((await api('/v1/orders', { token: reg.deviceToken })).body.orders[0].state).toBe('pending');
  });
});
