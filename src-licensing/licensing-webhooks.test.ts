import pg from 'pg';
import { describe, expect } from 'vitest';
import { signSandboxEvent } from './providers/sandbox';
import { signPayload } from './providers/signature';
import { stripeProvider } from './providers/stripe';
import { BACKENDS } from '../test-support/licensing/test-server';
import { test } from '../test-support/licensing/wire-client';

// Payment webhooks: racing on PostgreSQL, and Stripe’s signature scheme with recorded payloads.
// Each test: a licensing server of its own (the wire fixture), on the describe's backend.

describe.runIf(BACKENDS.includes('postgres'))('webhooks racing on PostgreSQL', () => {
  test.override('licensingServer', ['postgres']);

  test('a "cancelled" event racing a "paid" one never cancels the paid order', async ({
    wire: { L, api, register, syncDevice, now, sandboxWebhook },
  }) => {
    const reg = await register();
    const { body } = await api('/v1/orders', { token: reg.deviceToken, body: { packs: 1, method: 'card' } });
    const deliver = (id: string, extra: object) => {
      const event = JSON.stringify({ id, orderId: body.order.id, ...extra });
      return sandboxWebhook(event, signSandboxEvent(L.sandboxSecret, event, now())).then((r) => r.json());
    };
    // Another session holds the account (a desktop syncing), so both events queue behind it.
    const pool = new pg.Pool({ connectionString: L.databaseUrl!, max: 2 });
    const holder = await pool.connect();
    const waiting = async (n: number) => {
      for (;;) {
        const { rows } = await pool.query(
          `select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`,
        );
        if (rows[0].n >= n) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    try {
      await holder.query('begin');
      await holder.query('select id from accounts where id = $1 for update', [reg.accountId]);
      const paid = deliver('evt_paid', { type: 'order.paid', amountCents: 1000, currency: 'USD' });
      await waiting(1);
      const cancelled = deliver('evt_cancel', { type: 'order.cancelled' });
      await waiting(2);
      await holder.query('commit');
      expect((await paid).outcome).toBe('applied');
      expect((await cancelled).outcome).toBe('ignored');
    } finally {
      holder.release();
      await pool.end();
    }
    expect((await api('/v1/orders', { token: reg.deviceToken })).body.orders[0].state).toBe('paid');
    expect((await syncDevice(reg.deviceToken)).body.accountBalance).toBe(1005);
  });
});

describe('Stripe webhooks (documented signature scheme, recorded payloads)', () => {
  const secret = 'whsec_stripe_test';
  test.override('licensingServer', [
    'sqlite',
    [
      stripeProvider({
        secretKey: 'sk_test',
        webhookSecret: secret,
        successUrl: 'https://daftar.example/paid',
        cancelUrl: 'https://daftar.example/cancel',
        // No network here: a stand-in for Stripe's API that answers as its docs say.
        fetch: async (_url, init) => {
          const form = new URLSearchParams(String(init?.body));
          return new Response(
            JSON.stringify({
              id: 'cs_test_1',
              url: `https://checkout.stripe.com/c/pay/cs_test_1#${form.get('metadata[order_id]')}`,
            }),
          );
        },
      }),
    ],
  ]);

  test('credits a verified checkout.session.completed and nothing for a bad signature', async ({
    wire: { L, api, register, syncDevice, now },
  }) => {
    const reg = await register();
    const { body } = await api('/v1/orders', { token: reg.deviceToken, body: { packs: 2, method: 'card' } });
    expect(body.checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.com\//);
    const completed = (id: string, amountTotal: number) =>
      JSON.stringify({
        id,
        object: 'event',
        type: 'checkout.session.completed',
        data: {
          object: {
            id: 'cs_test_1',
            object: 'checkout.session',
            payment_status: 'paid',
            amount_total: amountTotal,
            currency: 'usd',
            metadata: { order_id: body.order.id },
          },
        },
      });
    const post = (payload: string, signature: string) =>
      fetch(`${L.server.url}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'stripe-signature': signature },
        body: payload,
      });
    const payload = completed('evt_1Q', 2000);
    expect((await post(payload, signPayload('whsec_other', payload, now()))).status).toBe(400);
    const cheap = completed('evt_1R', 1);
    expect((await (await post(cheap, signPayload(secret, cheap, now()))).json()).outcome).toBe('amount_mismatch');
    expect((await (await post(payload, signPayload(secret, payload, now()))).json()).outcome).toBe('applied');
    expect((await syncDevice(reg.deviceToken)).body.accountBalance).toBe(2005);
  });
});
