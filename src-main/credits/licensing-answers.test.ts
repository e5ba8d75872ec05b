import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTestLicensing, type TestLicensing } from '../../test-support/licensing/test-server';
import { payCheckout } from '../../test-support/licensing/pay';
import { testCore, type TestCore } from '../../test-support/test-core';
import { reserveCredits } from './ledger';

/** A JSON answer of the licensing server, as a test changes it on its way to the desktop. */
type Answer = Record<string, unknown> & { grants?: Record<string, unknown>[] };

let L: TestLicensing;
let relay: Server;
let relayUrl = '';
/** Changes the real server's answer to a path before the desktop reads it; null: passed on unchanged. */
let spoil: ((path: string, answer: Answer) => void) | null = null;
const cores: TestCore[] = [];

const bodyOf = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return chunks.length ? Buffer.concat(chunks).toString('utf8') : undefined;
};

beforeEach(async () => {
  L = await startTestLicensing('sqlite');
  spoil = null;
  // Between the desktop and the real licensing server: passes every request on, and the answer back,
  // changed where a test says so (a server of another version, or one that went wrong).
  relay = createServer((req, res) => {
    void (async () => {
      const upstream = await fetch(`${L.server.url}${req.url}`, {
        method: req.method,
        headers: {
          'content-type': 'application/json',
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        },
        body: await bodyOf(req),
      });
      let text = await upstream.text();
      if (spoil && upstream.ok) {
        const answer = JSON.parse(text) as Answer;
        spoil(new URL(req.url!, relayUrl).pathname, answer);
        text = JSON.stringify(answer);
      }
      res.writeHead(upstream.status, { 'content-type': 'application/json' });
      res.end(text);
    })().catch(() => {
      res.writeHead(502);
      res.end();
    });
  });
  await new Promise<void>((r) => relay.listen(0, '127.0.0.1', () => r()));
  relayUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}`;
});
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close().catch(() => {});
  await new Promise<void>((r) => relay.close(() => r()));
  await L.close();
});

async function appCore() {
  const t = await testCore({ licensing: { url: relayUrl, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 } });
  cores.push(t);
  return t;
}

/** What the book holds of the licensing server: grants, spends and their sync, orders, the last sync. */
async function bookOf(t: TestCore) {
  const db = t.core.book.db;
  return {
    grants: await db.selectFrom('credit_grants').select(['id', 'amount', 'seq']).orderBy('seq').execute(),
    spends: await db.selectFrom('credit_spends').selectAll().orderBy('id').execute(),
    orders: await db.selectFrom('licensing_orders').selectAll().orderBy('id').execute(),
    state: await db
      .selectFrom('licensing_state')
      .select(['account_id', 'device_id', 'last_sync_at', 'server_account_balance', 'pricing'])
      .executeTakeFirstOrThrow(),
  };
}

it('refuses a sync answer that does not fit the wire (a grant with a string amount, a missing field) as a server error, and changes nothing in the book', async () => {
  const t = await appCore();
  expect(await t.ok('credits.sync', {})).toMatchObject({ online: true, balance: 5, lastError: null });
  await reserveCredits(t.core.book, t.core.grants, 2, 'outbox-1', new Date());
  // A pack paid for: the next sync would bring a grant of 1000 and the order as paid.
  const { checkoutUrl } = await t.ok('credits.createOrder', { packs: 1, method: 'card' });
  expect((await payCheckout(checkoutUrl)).status).toBe(200);
  const before = await bookOf(t);
  expect(before.grants).toHaveLength(1);
  expect(before.orders).toMatchObject([{ state: 'pending' }]);

  const spoiled: ((answer: Answer) => void)[] = [
    (answer) => {
      for (const grant of answer.grants ?? []) grant.amount = String(grant.amount);
    },
    (answer) => {
      delete answer.standing;
    },
  ];
  for (const change of spoiled) {
    spoil = (path, answer) => {
      if (path === '/v1/sync') change(answer);
    };
    expect(await t.ok('credits.sync', {})).toMatchObject({
      online: false,
      lastError: 'server_error',
      balance: 3,
      unsyncedSpends: 2,
      rejectedGrants: 0,
    });
    expect(await bookOf(t)).toEqual(before);
  }

  // The server's true answer again: the grant, the spend and the paid order are taken.
  spoil = null;
  expect(await t.ok('credits.sync', {})).toMatchObject({
    online: true,
    lastError: null,
    balance: 1003,
    unsyncedSpends: 0,
  });
  expect((await bookOf(t)).orders).toMatchObject([{ state: 'paid' }]);
});

it('refuses an order answer without its checkout link as a server error, and keeps no order', async () => {
  const t = await appCore();
  await t.ok('credits.sync', {});
  spoil = (path, answer) => {
    if (path === '/v1/orders') delete answer.checkoutUrl;
  };
  expect(await t.fail('credits.createOrder', { packs: 1, method: 'card' })).toMatchObject({
    code: 'offline',
    details: { reason: 'licensing_unavailable', why: 'server_error' },
  });
  expect((await bookOf(t)).orders).toEqual([]);
});

it('refuses a registration answer without a device token: the desktop stays unregistered', async () => {
  const t = await appCore();
  spoil = (path, answer) => {
    if (path === '/v1/register') delete answer.deviceToken;
  };
  expect(await t.ok('credits.sync', {})).toMatchObject({
    registered: false,
    online: false,
    lastError: 'server_error',
    balance: null,
  });
  expect((await bookOf(t)).state).toMatchObject({ account_id: null, device_id: null, last_sync_at: null });
});
