import { payCheckout } from '../../test-support/licensing/pay';
import { generateKeyPairSync } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignedGrant } from '../../src-shared/licensing/grant';
import { startTestLicensing, type TestLicensing } from '../../test-support/licensing/test-server';
import { testCore, type TestCore } from '../../test-support/test-core';
import { silentLogger } from '../log';
import { GrantCheck } from './grant-check';
import { balance, reserveCredits, returnCredits } from './ledger';
import { INSTALL_ID_KEY, type LicensingConfig } from './sync';
import type { Insertable } from 'kysely';
import type { CreditGrantsTable } from '../book/schema/credits';
import { byHand } from '../../test-support/by-hand';
import { readOnlyBook } from '../../test-support/read-only-book';

let L: TestLicensing;
const cores: TestCore[] = [];
beforeEach(async () => {
  L = await startTestLicensing('sqlite');
});
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close().catch(() => {});
  await L.close();
});

async function appCore(url = L.server.url, publicKeyPem = L.publicKeyPem, over: Parameters<typeof testCore>[0] = {}) {
  const t = await testCore({ licensing: { url, publicKeyPem, timeoutMs: 800 }, ...over });
  cores.push(t);
  return t;
}

/** A licensing sync of its own on a test desktop's book and secrets, set up as a test needs. */
async function syncOf(t: TestCore, config: LicensingConfig) {
  const { LicensingSync } = await import('./sync');
  return new LicensingSync(
    {
      book: t.core.book,
      ports: { ...t.ports, secrets: t.core.secrets },
      events: { emit() {} },
      log: silentLogger,
      grants: t.core.grants,
    } as never,
    config,
  );
}

const payPacks = async (t: TestCore, packs: number) => {
  const { checkoutUrl } = await t.ok('credits.createOrder', { packs, method: 'card' });
  expect((await payCheckout(checkoutUrl)).status).toBe(200);
};

describe('the local ledger', () => {
  it('shows no balance until the first sync brings the trial, then 5', async () => {
    const t = await appCore();
    expect(await t.ok('credits.status', {})).toMatchObject({
      configured: true,
      registered: false,
      balance: null,
      lastSyncAt: null,
      online: null,
    });
    const status = await t.ok('credits.sync', {});
    expect(status).toMatchObject({
      registered: true,
      balance: 5,
      online: true,
      lastError: null,
      pricing: { packSize: 1000, packPriceCents: 1000, currency: 'USD' },
    });
    expect(t.events.filter((e) => e.name === 'credits.changed')).toHaveLength(1);
  });

  it('reserves one credit per recipient, refuses what the balance cannot cover, and returns once', async () => {
    const t = await appCore();
    await t.ok('credits.sync', {});
    const now = new Date();
    const first = await reserveCredits(t.core.book, t.core.grants, 3, 'outbox-1', now);
    expect(await balance(t.core.book, t.core.grants)).toBe(2);
    await expect(reserveCredits(t.core.book, t.core.grants, 3, 'outbox-2', now)).rejects.toMatchObject({
      code: 'no_credit',
      details: { needed: 3, balance: 2 },
    });
    expect(await balance(t.core.book, t.core.grants)).toBe(2);
    await returnCredits(t.core.book, first, now);
    await returnCredits(t.core.book, first, now);
    expect(await balance(t.core.book, t.core.grants)).toBe(5);
    // The server learns of the spend and its return with the next sync.
    expect(await t.ok('credits.sync', {})).toMatchObject({ balance: 5, unsyncedSpends: 0 });
    const server = await L.ctx.store.db.selectFrom('spends').select(['amount']).execute();
    expect(server.map((s) => s.amount).sort()).toEqual([-3, 3]);
  });

  it('verifies grants: a flipped bit or another key is refused', async () => {
    const { publicKey } = generateKeyPairSync('ed25519');
    const t = await appCore(L.server.url, publicKey.export({ type: 'spki', format: 'pem' }).toString());
    const status = await t.ok('credits.sync', {});
    expect(status).toMatchObject({ balance: 0, rejectedGrants: 1, lastError: 'bad_grant' });

    const good = await appCore();
    await good.ok('credits.sync', {});
    const row = await good.core.book.db.selectFrom('credit_grants').selectAll().executeTakeFirstOrThrow();
    const grant: SignedGrant = {
      id: String(row.id),
      accountId: String(row.account_id),
      deviceId: String(row.device_id),
      amount: Number(row.amount),
      reason: 'allotment',
      seq: Number(row.seq),
      createdAt: String(row.created_at),
      signature: String(row.signature),
    };
    const check = new GrantCheck(L.publicKeyPem, silentLogger);
    expect(check.verify(grant)).toBe(true);
    const sig = Buffer.from(grant.signature, 'base64');
    sig[10] = sig[10]! ^ 0x01;
    expect(check.verify({ ...grant, signature: sig.toString('base64') })).toBe(false);
    expect(check.verify({ ...grant, amount: grant.amount + 1 })).toBe(false);
  });

  it('counts only grants that verify for this desktop: rows added to the book by hand mint nothing', async () => {
    const t = await appCore();
    await t.ok('credits.sync', {});
    await payPacks(t, 1);
    const { accountKey } = await t.ok('credits.accountKey', {});
    const other = await appCore();
    await other.ok('credits.join', { accountKey: accountKey! });
    expect((await other.ok('credits.sync', {})).balance).toBeGreaterThan(0);
    const balanceBefore = (await t.ok('credits.status', {})).balance;

    const db = t.core.book.db;
    const insert = (row: Insertable<CreditGrantsTable>) =>
      byHand(t, (owner) => owner.insertInto('credit_grants').values(row).execute());
    // A copy of a real grant with a larger amount and the old signature.
    const own = await db.selectFrom('credit_grants').selectAll().orderBy('seq').limit(1).executeTakeFirstOrThrow();
    await insert({ ...own, id: 'forged-1', seq: 90, amount: 1_000_000 });
    // Another desktop's genuine grant, carried over from its book.
    const theirs = await other.core.book.db.selectFrom('credit_grants').selectAll().executeTakeFirstOrThrow();
    await insert({ ...theirs, seq: 91 });

    expect(await t.ok('credits.status', {})).toMatchObject({
      balance: balanceBefore,
      rejectedGrants: 2,
      lastError: 'bad_grant',
    });
    // Nor can they be spent.
    await expect(
      reserveCredits(t.core.book, t.core.grants, balanceBefore! + 1, 'outbox-x', new Date()),
    ).rejects.toMatchObject({ code: 'no_credit' });
  });

  it('a spend deleted from the book before it synced leaves a gap the server sees: no more credits for this desktop', async () => {
    const t = await appCore();
    await t.ok('credits.sync', {});
    await reserveCredits(t.core.book, t.core.grants, 2, 'outbox-1', new Date());
    await reserveCredits(t.core.book, t.core.grants, 1, 'outbox-2', new Date());
    await byHand(t, (db) => db.deleteFrom('credit_spends').where('ref', '=', 'outbox-1').execute());
    expect(await t.ok('credits.sync', {})).toMatchObject({ lastError: 'out_of_sync', unsyncedSpends: 1 });
    // A payment no longer reaches this desktop while its record is inconsistent.
    await payPacks(t, 1);
    expect(await t.ok('credits.sync', {})).toMatchObject({ lastError: 'out_of_sync', balance: 4 });
  });

  it('spends deleted after they synced show as overspend, and the server stops allotting', async () => {
    const t = await appCore();
    await t.ok('credits.sync', {});
    await reserveCredits(t.core.book, t.core.grants, 4, 'outbox-1', new Date());
    await reserveCredits(t.core.book, t.core.grants, 1, 'outbox-2', new Date());
    expect(await t.ok('credits.sync', {})).toMatchObject({ balance: 0, lastError: null });
    // The four-credit spend vanishes from the book, so four credits seem free again.
    await byHand(t, (db) => db.deleteFrom('credit_spends').where('ref', '=', 'outbox-1').execute());
    await reserveCredits(t.core.book, t.core.grants, 4, 'outbox-3', new Date());
    expect(await t.ok('credits.sync', {})).toMatchObject({ lastError: 'out_of_sync' });
    await payPacks(t, 1);
    expect((await t.ok('credits.sync', {})).balance).toBe(0);
  });

  it('gives the trial once: clearing the device id, or the whole book, brings no second one', async () => {
    const t = await appCore();
    expect((await t.ok('credits.sync', {})).balance).toBe(5);
    // The device id cleared in the book: the desktop joins its own account again.
    await t.core.book.db.updateTable('licensing_state').set({ device_id: null, account_id: null }).execute();
    expect((await t.ok('credits.sync', {})).balance).toBe(0);
    expect(await L.ctx.store.db.selectFrom('accounts').select('id').execute()).toHaveLength(1);
    // A fresh book on the same install, its account key lost too: a new account, no trial.
    const fresh = await appCore();
    const installId = t.ports.secrets.values.get(INSTALL_ID_KEY)!;
    expect(installId).toMatch(/^[\w-]{32,}$/);
    await fresh.ports.secrets.set(INSTALL_ID_KEY, installId);
    expect((await fresh.ok('credits.sync', {})).balance).toBe(0);
    expect(await L.ctx.store.db.selectFrom('accounts').select('id').execute()).toHaveLength(2);
  });

  it('buys packs: the order shows pending, and after payment the next sync brings the grant', async () => {
    const t = await appCore();
    await t.ok('credits.sync', {});
    const created = await t.ok('credits.createOrder', { packs: 2, method: 'paypal' });
    expect(created).toMatchObject({
      order: { packs: 2, messages: 2000, totalCents: 2000, state: 'pending' },
      opened: false,
    });
    expect((await t.ok('credits.orders', {})).orders).toMatchObject([{ state: 'pending' }]);
    // The purchase remembers who made it, and a sync does not forget it.
    const whoBought = () => t.core.book.db.selectFrom('licensing_orders').select('created_by').execute();
    expect(await whoBought()).toEqual([{ created_by: 'admin' }]);
    await payPacks(t, 1);
    expect(await t.ok('credits.sync', {})).toMatchObject({ balance: 1005 });
    expect((await t.ok('credits.orders', {})).orders.map((o) => o.state).sort()).toEqual(['paid', 'pending']);
    expect(await whoBought()).toEqual([{ created_by: 'admin' }, { created_by: 'admin' }]);
  });

  it('lets a second desktop join the account with its key, without a second trial', async () => {
    const first = await appCore();
    await first.ok('credits.sync', {});
    const { accountKey } = await first.ok('credits.accountKey', {});
    const second = await appCore();
    expect(await second.ok('credits.join', { accountKey: accountKey! })).toMatchObject({
      registered: true,
      balance: 0,
    });
    const third = await appCore();
    expect((await third.fail('credits.join', { accountKey: 'not-the-key-000' })).details.fields).toEqual([
      { path: 'accountKey', reason: 'unknown_account' },
    ]);
    // A desktop that already has credits of its own account cannot switch.
    expect(await first.fail('credits.join', { accountKey: accountKey! })).toMatchObject({
      code: 'conflict',
      details: { reason: 'has_credits' },
    });
  });
});

describe('sync when the server is away', () => {
  const listen = (server: Server | ReturnType<typeof createHttpServer>) =>
    new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)));

  it('reports unreachable, timeout and server errors, keeps working, and recovers', async () => {
    // Down: nothing listens.
    const closed = createServer();
    const closedPort = await listen(closed);
    await new Promise<void>((r) => closed.close(() => r()));
    const down = await appCore(`http://127.0.0.1:${closedPort}`);
    expect(await down.ok('credits.sync', {})).toMatchObject({ online: false, lastError: 'unreachable', balance: null });

    // Slow: accepts, never answers.
    const silent = createServer(() => {});
    const slow = await appCore(`http://127.0.0.1:${await listen(silent)}`);
    expect(await slow.ok('credits.sync', {})).toMatchObject({ online: false, lastError: 'timeout' });
    silent.close();

    // Broken: answers 500.
    const broken = createHttpServer((_req, res) => {
      res.writeHead(500);
      res.end('boom');
    });
    const failing = await appCore(`http://127.0.0.1:${await listen(broken)}`);
    expect(await failing.ok('credits.sync', {})).toMatchObject({ online: false, lastError: 'server_error' });
    broken.close();

    // The book still works offline, and an order says so clearly.
    expect(await down.ok('parties.list', { kind: 'customer' })).toMatchObject({ total: 0 });
    expect(await down.fail('credits.createOrder', { packs: 1, method: 'card' })).toMatchObject({ code: 'offline' });

    // Recovery: the same book, the server back.
    const recovered = await testCore({
      dataFolder: down.dataFolder,
      bookFile: undefined,
      onDisk: true,
      licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 800 },
    });
    cores.push(recovered);
    expect(await recovered.ok('credits.sync', {})).toMatchObject({ online: true, balance: 5, lastError: null });
  });

  it('backs off as long as the server asks when it answers 429, and says so', async () => {
    await L.close();
    L = await startTestLicensing('sqlite', [], {
      register: { perAddress: 10, windowSeconds: 60 },
      join: { perAddress: 10, windowSeconds: 60 },
      orders: { perAddress: 10, perAccount: 1, windowSeconds: 600 },
      sync: { perAddress: 10, perAccount: 1, windowSeconds: 600 },
    });
    const t = await appCore();
    expect(await t.ok('credits.sync', {})).toMatchObject({ online: true, balance: 5 });
    expect(await t.ok('credits.sync', {})).toMatchObject({ lastError: 'rate_limited', balance: 5 });
    const s = await syncOf(t, { url: L.server.url, publicKeyPem: L.publicKeyPem, intervalMs: 60_000 });
    await s.syncNow();
    // The server said ten minutes: no retry before, however short the usual back-off.
    expect(s.nextDelay()).toBeGreaterThanOrEqual(590_000);
    await t.ok('credits.createOrder', { packs: 1, method: 'card' });
    expect(await t.fail('credits.createOrder', { packs: 1, method: 'card' })).toMatchObject({
      code: 'offline',
      details: { reason: 'licensing_unavailable', why: 'rate_limited', retryAfterSeconds: expect.any(Number) },
    });
  });

  it('never sends the device token or account key to a licensing URL other than the one that issued them', async () => {
    const t = await appCore(L.server.url, L.publicKeyPem, { onDisk: true });
    await t.ok('credits.sync', {});
    const token = (await t.secret('licensing.deviceToken'))!;
    const accountKey = (await t.secret('licensing.accountKey'))!;
    const heard: string[] = [];
    const other = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        heard.push(`${req.url} ${req.headers.authorization ?? ''} ${body}`);
        res.writeHead(503);
        res.end('{}');
      });
    });
    const port = await new Promise<number>((r) =>
      other.listen(0, '127.0.0.1', () => r((other.address() as AddressInfo).port)),
    );
    try {
      const moved = await testCore({
        ...t.sameBook,
        bookFile: undefined,
        onDisk: true,
        licensing: { url: `http://127.0.0.1:${port}`, publicKeyPem: L.publicKeyPem, timeoutMs: 800 },
      });
      cores.push(moved);
      for (const [k, v] of t.ports.secrets.values) await moved.ports.secrets.set(k, v);
      await moved.ok('credits.sync', {});
      expect(heard.length).toBeGreaterThan(0);
      expect(heard.join('\n')).not.toContain(token);
      expect(heard.join('\n')).not.toContain(accountKey);
    } finally {
      other.close();
    }
  });

  it('a sync whose failure cannot even be written down (the book read-only) neither throws nor stops syncing', async () => {
    const t = await appCore('http://127.0.0.1:1');
    const s = await syncOf(t, {
      url: 'http://127.0.0.1:1',
      publicKeyPem: L.publicKeyPem,
      intervalMs: 60_000,
      timeoutMs: 500,
      auto: true,
    });
    const writable = await readOnlyBook(t);
    try {
      const status = await s.syncNow().catch((e: unknown) => ({ threw: String(e) }));
      expect(status).not.toHaveProperty('threw');
      expect((s as unknown as { timer: NodeJS.Timeout | null }).timer).not.toBeNull();
    } finally {
      await writable();
      await s.stop();
    }
  });

  it('backs off after failures with jitter, up to the regular interval', async () => {
    const t = await appCore('http://127.0.0.1:1');
    const { LicensingSync } = await import('./sync');
    const s = new LicensingSync({ book: t.core.book } as never, {
      url: 'http://127.0.0.1:1',
      publicKeyPem: '',
      intervalMs: 60_000,
    });
    expect(s.nextDelay()).toBe(60_000);
    (s as unknown as { failures: number }).failures = 1;
    expect(s.nextDelay()).toBeGreaterThanOrEqual(4_000);
    expect(s.nextDelay()).toBeLessThanOrEqual(6_000);
    (s as unknown as { failures: number }).failures = 20;
    expect(s.nextDelay()).toBeLessThanOrEqual(72_000);
  });
});

describe('random buy / spend / sync / restart sequences', () => {
  it.each([1, 2, 3, 4, 5])(
    'seed %i: after a final sync the local balance is the server’s, and nothing is overspent',
    async (seed) => {
      let state = seed * 7919;
      const rand = () => (state = (state * 48271) % 2147483647) / 2147483647;
      let t = await testCore({
        onDisk: true,
        licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
      });
      const { sameBook } = t;
      const reservations: string[] = [];
      for (let step = 0; step < 25; step++) {
        const r = rand();
        if (r < 0.15) await payPacks(t, 1 + Math.floor(rand() * 2));
        else if (r < 0.55) {
          const answer = await reserveCredits(
            t.core.book,
            t.core.grants,
            1 + Math.floor(rand() * 4),
            `m${step}`,
            new Date(),
          ).catch((e: { code?: string }) => {
            expect(e.code).toBe('no_credit');
            return null;
          });
          if (answer) reservations.push(answer);
        } else if (r < 0.65 && reservations.length)
          await returnCredits(t.core.book, reservations[Math.floor(rand() * reservations.length)]!, new Date());
        else if (r < 0.85) await t.ok('credits.sync', {});
        else {
          await t.core.close(); // a restart: same book, same secrets
          const secrets = t.ports.secrets;
          t = await testCore({
            ...sameBook,
            bookFile: undefined,
            onDisk: true,
            licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
          });
          for (const [k, v] of secrets.values) await t.ports.secrets.set(k, v);
        }
      }
      const final = await t.ok('credits.sync', {});
      const device = await L.ctx.store.db.selectFrom('devices').select('id').executeTakeFirstOrThrow();
      const granted = Number(
        (
          await L.ctx.store.db
            .selectFrom('grants')
            .select((eb) => eb.fn.sum('amount').as('n'))
            .where('device_id', '=', device.id)
            .executeTakeFirst()
        )?.n ?? 0,
      );
      const spent = Number(
        (
          await L.ctx.store.db
            .selectFrom('spends')
            .select((eb) => eb.fn.sum('amount').as('n'))
            .where('device_id', '=', device.id)
            .executeTakeFirst()
        )?.n ?? 0,
      );
      expect(final.balance).toBe(granted - spent);
      expect(spent).toBeLessThanOrEqual(granted);
      expect(final.unsyncedSpends).toBe(0);
      cores.push(t);
    },
  );
});
