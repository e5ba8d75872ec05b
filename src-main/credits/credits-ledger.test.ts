import { generateKeyPairSync } from 'node:crypto';
import { describe, expect } from 'vitest';
import type { SignedGrant } from '../../src-shared/licensing/grant';
import { silentLogger } from '../log';
import { GrantCheck } from './grant-check';
import { balance, reserveCredits, returnCredits } from './ledger';
import { INSTALL_ID_KEY } from './sync';
import type { Insertable } from 'kysely';
import type { CreditGrantsTable } from '../book/schema/credits';
import { byHand } from '../../test-support/by-hand';
import { payPacks, test } from '../../test-support/credits-sync';

// Each test: desktops (appCore) on a licensing server of its own (freshLicensing).
describe('the local ledger', () => {
  test('shows no balance until the first sync brings the trial, then 5', async ({ appCore }) => {
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

  test('reserves one credit per recipient, refuses what the balance cannot cover, and returns once', async ({
    appCore,
    freshLicensing: L,
  }) => {
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

  test('verifies grants: a flipped bit or another key is refused', async ({ appCore, freshLicensing: L }) => {
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

  test('counts only grants that verify for this desktop: rows added to the book by hand mint nothing', async ({
    appCore,
  }) => {
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

  test('a spend deleted from the book before it synced leaves a gap the server sees: no more credits for this desktop', async ({
    appCore,
  }) => {
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

  test('spends deleted after they synced show as overspend, and the server stops allotting', async ({ appCore }) => {
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

  test('gives the trial once: clearing the device id, or the whole book, brings no second one', async ({
    appCore,
    freshLicensing: L,
  }) => {
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

  test('buys packs: the order shows pending, and after payment the next sync brings the grant', async ({ appCore }) => {
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

  test('lets a second desktop join the account with its key, without a second trial', async ({ appCore }) => {
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
