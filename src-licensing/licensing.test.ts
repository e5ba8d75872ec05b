import { randomUUID, verify } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { grantMessage, type SignedGrant } from '../src-shared/licensing/grant';
import { CHAIN_START, spendLinkMessage } from '../src-shared/licensing/spend-chain';
import {
  errorAnswer,
  joinAnswer,
  orderAnswer,
  ordersAnswer,
  registerAnswer,
  syncAnswer,
} from '../src-shared/licensing/wire';
import { sha256 } from './keys';
import { SANDBOX_SIGNATURE_HEADER, signSandboxEvent } from './providers/sandbox';
import { signPayload } from './providers/signature';
import { stripeProvider } from './providers/stripe';
import { BACKENDS, startTestLicensing, type TestLicensing } from '../test-support/licensing/test-server';

let L: TestLicensing;
afterEach(() => L?.close());

const api = async (path: string, init: { method?: string; token?: string; body?: unknown } = {}) => {
  const res = await fetch(`${L.server.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  // The server's JSON, read loosely: each test asserts the fields it cares about.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: res.status, body: (await res.json()) as any };
};
const register = async (companyName = 'شركة دفتر', deviceName = 'المحاسبة') =>
  (await api('/v1/register', { body: { companyName, deviceName, installId: `install-${randomUUID()}` } })).body;
const syncDevice = async (token: string, spends: unknown[] = [], sinceSeq = 0) =>
  api('/v1/sync', { token, body: { spends, sinceSeq } });
/** Spends as a desktop of the version before sends them: chained, each with the hash of the one before. */
const chain = (spends: { id: string; amount: number; createdAt: string }[], from = { seq: 0, hash: CHAIN_START }) => {
  let { seq, hash } = from;
  return spends.map((s) => {
    const link = { ...s, seq: ++seq, prevHash: hash };
    hash = sha256(spendLinkMessage(hash, { ...link, reason: 'message', returns: null, link: 1 }));
    return link;
  });
};
const validGrant = (g: SignedGrant) =>
  verify(null, Buffer.from(grantMessage(g)), L.publicKeyPem, Buffer.from(g.signature, 'base64'));
const now = () => Math.floor(L.clock.now.getTime() / 1000);

async function payOrder(token: string, packs: number) {
  const { body } = await api('/v1/orders', { token, body: { packs, method: 'card' } });
  const page = await fetch(body.checkoutUrl);
  expect(await page.text()).toContain(`Total: ${(packs * 10).toFixed(2)} USD`);
  const checkoutToken = new URL(body.checkoutUrl).searchParams.get('token')!;
  const paid = await fetch(`${L.server.url}/sandbox/checkout/${body.order.id}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `token=${checkoutToken}`,
  });
  expect(await paid.text()).toContain('Payment received');
  return body.order.id as string;
}

const sandboxWebhook = (body: string, signature: string) =>
  fetch(`${L.server.url}/webhooks/sandbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signature },
    body,
  });

describe.each(BACKENDS)('licensing server on %s', (backend) => {
  it('registers a desktop with a 5-message trial, granted once and signed', async () => {
    L = await startTestLicensing(backend);
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

  it('stores tokens hashed and refuses unknown tokens and keys', async () => {
    L = await startTestLicensing(backend);
    const reg = await register();
    const stored = await L.ctx.store.db.selectFrom('devices').select('token_hash').execute();
    expect(JSON.stringify(stored)).not.toContain(reg.deviceToken);
    expect((await syncDevice('not-a-token')).status).toBe(401);
    expect((await api('/v1/orders')).status).toBe(401);
    expect((await api('/v1/join', { body: { accountKey: 'wrong-key-123456', deviceName: 'x' } })).status).toBe(404);
  });

  it('sells packs: order → sandbox checkout → signed webhook → grant of 1000 × packs', async () => {
    L = await startTestLicensing(backend);
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

  it('credits a webhook delivered five times once, and a late cancel never undoes a payment', async () => {
    L = await startTestLicensing(backend);
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

  it('credits an order only when the provider reports its exact amount and currency paid', async () => {
    L = await startTestLicensing(backend);
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

  it('credits nothing for a forged signature, an altered body or a stale timestamp', async () => {
    L = await startTestLicensing(backend);
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

  it('takes 100 concurrent uploads of the same spend once, and refuses the same id with other content', async () => {
    L = await startTestLicensing(backend);
    const reg = await register();
    await syncDevice(reg.deviceToken);
    const [spend] = chain([{ id: 'spend-1', amount: 2, createdAt: '2026-11-27T08:00:00.000Z' }]);
    const answers = await Promise.all(Array.from({ length: 100 }, () => syncDevice(reg.deviceToken, [spend], 1)));
    expect(answers.every((a) => a.status === 200 && a.body.standing.state === 'ok')).toBe(true);
    expect((await syncDevice(reg.deviceToken, [], 1)).body).toMatchObject({ accountBalance: 3, deviceBalance: 3 });
    const rewritten = await syncDevice(reg.deviceToken, [{ ...spend, amount: 1 }], 1);
    expect(rewritten.body.rejected).toEqual([{ id: 'spend-1', reason: 'rewrite' }]);
    expect(rewritten.body).toMatchObject({
      accountBalance: 3,
      standing: { state: 'out_of_sync', reason: 'rewrite', atSeq: 1 },
    });
  });

  it('sees a gap in a desktop’s spends, allots it nothing meanwhile, and takes it back once the chain is whole', async () => {
    L = await startTestLicensing(backend);
    const reg = await register();
    await syncDevice(reg.deviceToken);
    const spends = chain([1, 1, 1].map((amount, i) => ({ id: `s${i + 1}`, amount, createdAt: `t${i}` })));
    const gap = await syncDevice(reg.deviceToken, [spends[0], spends[2]], 1);
    expect(gap.body.standing).toEqual({ state: 'out_of_sync', reason: 'gap', atSeq: 2 });
    expect(gap.body.rejected).toEqual([{ id: 's3', reason: 'gap' }]);
    await payOrder(reg.deviceToken, 1);
    expect((await syncDevice(reg.deviceToken, [], 1)).body).toMatchObject({ grants: [], deviceBalance: 4 });
    // The desktop restores its book and sends the whole chain: back in step, and allotted again.
    const whole = await syncDevice(reg.deviceToken, spends, 1);
    expect(whole.body).toMatchObject({ standing: { state: 'ok' }, rejected: [], deviceBalance: 1002 });
  });

  it('sees an overspend: more spent than was ever allotted to the desktop', async () => {
    L = await startTestLicensing(backend);
    const reg = await register();
    await syncDevice(reg.deviceToken);
    const spends = chain([
      { id: 'a', amount: 4, createdAt: 't1' },
      { id: 'b', amount: 4, createdAt: 't2' },
    ]);
    const answer = await syncDevice(reg.deviceToken, spends, 1);
    expect(answer.body).toMatchObject({ deviceBalance: -3, standing: { state: 'out_of_sync', reason: 'overspend' } });
    const device = await L.ctx.store.db
      .selectFrom('devices')
      .select(['standing', 'standing_reason'])
      .executeTakeFirst();
    expect(device).toEqual({ standing: 'out_of_sync', standing_reason: 'overspend' });
  });

  it('keeps accounts apart: no other account’s orders, checkout or spends', async () => {
    L = await startTestLicensing(backend);
    const a = await register('A');
    const b = await register('B');
    const order = (await api('/v1/orders', { token: a.deviceToken, body: { packs: 1, method: 'card' } })).body;
    expect((await api('/v1/orders', { token: b.deviceToken })).body.orders).toEqual([]);
    expect((await fetch(`${L.server.url}/sandbox/checkout/${order.order.id}?token=wrong`)).status).toBe(404);
    await syncDevice(a.deviceToken, chain([{ id: 'shared-id', amount: 1, createdAt: 't' }]));
    const stolen = await syncDevice(b.deviceToken, chain([{ id: 'shared-id', amount: 1, createdAt: 't' }]));
    expect(stolen.body.rejected).toEqual([{ id: 'shared-id', reason: 'conflict' }]);
    expect(stolen.body.accountBalance).toBe(5);
  });

  it('splits an account’s credits among three desktops so together they never exceed it', async () => {
    L = await startTestLicensing(backend);
    const first = await register();
    const second = (await api('/v1/join', { body: { accountKey: first.accountKey, deviceName: 'two' } })).body;
    const third = (await api('/v1/join', { body: { accountKey: first.accountKey, deviceName: 'three' } })).body;
    await payOrder(first.deviceToken, 1); // 1005 credits in all
    const granted = async (token: string) => (await syncDevice(token)).body.deviceBalance as number;
    const shares = [
      await granted(first.deviceToken),
      await granted(second.deviceToken),
      await granted(third.deviceToken),
    ];
    expect(shares.every((s) => s > 0)).toBe(true);
    // Repeated syncs hand out the rest, never more than the account has.
    for (let round = 0; round < 5; round++) for (const d of [first, second, third]) await granted(d.deviceToken);
    const totals = await Promise.all([first, second, third].map((d) => granted(d.deviceToken)));
    expect(totals.reduce((x, y) => x + y, 0)).toBe(1005);
    expect((await syncDevice(first.deviceToken)).body.accountBalance).toBe(1005);
  });

  it('refuses bad input with 400 and a reason', async () => {
    L = await startTestLicensing(backend);
    const reg = await register();
    expect((await api('/v1/orders', { token: reg.deviceToken, body: { packs: 0, method: 'card' } })).status).toBe(400);
    expect((await api('/v1/orders', { token: reg.deviceToken, body: { packs: 1, method: 'cash' } })).status).toBe(400);
    const install = { installId: 'install-0123456789' };
    expect((await api('/v1/register', { body: { companyName: '', deviceName: 'x', ...install } })).body.code).toBe(
      'invalid_input',
    );
    // A desktop must say which install it is: the trial depends on it.
    expect((await api('/v1/register', { body: { companyName: 'A', deviceName: 'x' } })).status).toBe(400);
    expect((await syncDevice(reg.deviceToken, chain([{ id: 's', amount: 0, createdAt: 't' }]))).status).toBe(400);
    // Spends without their place in the chain are refused.
    expect((await syncDevice(reg.deviceToken, [{ id: 's', amount: 1, createdAt: 't' }])).status).toBe(400);
  });

  it('answers what the wire says, on each call a desktop makes', async () => {
    L = await startTestLicensing(backend);
    const reg = await register();
    expect(registerAnswer.parse(reg)).toEqual(reg);
    const joined = await api('/v1/join', { body: { accountKey: reg.accountKey, deviceName: 'الثاني' } });
    expect(joinAnswer.parse(joined.body)).toEqual(joined.body);
    const order = await api('/v1/orders', { token: reg.deviceToken, body: { packs: 2, method: 'card' } });
    expect(orderAnswer.parse(order.body)).toEqual(order.body);
    await payOrder(reg.deviceToken, 1);
    const spends = chain([{ id: 'spend-1', amount: 2, createdAt: new Date().toISOString() }]);
    for (const answer of [await syncDevice(reg.deviceToken, spends), await syncDevice(joined.body.deviceToken)]) {
      expect(answer.status).toBe(200);
      expect(syncAnswer.parse(answer.body)).toEqual(answer.body);
    }
    const listed = await api('/v1/orders', { token: reg.deviceToken });
    expect(ordersAnswer.parse(listed.body).orders).toHaveLength(2);
    // A gap: the answer still fits, with the desktop out of step.
    const gap = await syncDevice(
      reg.deviceToken,
      chain([{ id: 'spend-3', amount: 1, createdAt: 't' }], { seq: 5, hash: 'x' }),
    );
    expect(syncAnswer.parse(gap.body).standing).toMatchObject({ state: 'out_of_sync' });
    const refused = await api('/v1/join', { body: { accountKey: 'wrong-key-123456', deviceName: 'x' } });
    expect(errorAnswer.parse(refused.body)).toEqual(refused.body);
  });

  it('names each field of a request that does not fit the wire, and takes nothing of it', async () => {
    L = await startTestLicensing(backend);
    const reg = await register();
    const [spend] = chain([{ id: 'spend-1', amount: 1, createdAt: new Date().toISOString() }]);
    const badSync = await syncDevice(reg.deviceToken, [{ ...spend, amount: '1' }]);
    expect(badSync).toMatchObject({
      status: 400,
      body: { code: 'invalid_input', issues: [{ field: 'spends.0.amount', message: expect.any(String) }] },
    });
    expect(badSync.body.message).toContain('spends.0.amount');
    expect(await L.ctx.store.db.selectFrom('spends').selectAll().execute()).toEqual([]);

    const badOrder = await api('/v1/orders', { token: reg.deviceToken, body: { packs: 1 } });
    expect(badOrder).toMatchObject({ status: 400, body: { code: 'invalid_input', issues: [{ field: 'method' }] } });
    const badJoin = await api('/v1/join', { body: { accountKey: reg.accountKey, deviceName: 7 } });
    expect(badJoin).toMatchObject({ status: 400, body: { code: 'invalid_input', issues: [{ field: 'deviceName' }] } });
    const extra = await api('/v1/register', {
      body: { companyName: 'A', deviceName: 'B', installId: `install-${randomUUID()}`, admin: true },
    });
    expect(extra).toMatchObject({ status: 400, body: { code: 'invalid_input', issues: [{ field: 'admin' }] } });
    expect(await L.ctx.store.db.selectFrom('devices').selectAll().execute()).toHaveLength(1);
  });
});

describe.runIf(BACKENDS.includes('postgres'))('webhooks racing on PostgreSQL', () => {
  it('a "cancelled" event racing a "paid" one never cancels the paid order', async () => {
    L = await startTestLicensing('postgres');
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
  it('credits a verified checkout.session.completed and nothing for a bad signature', async () => {
    const secret = 'whsec_stripe_test';
    L = await startTestLicensing('sqlite', [
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
    ]);
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
