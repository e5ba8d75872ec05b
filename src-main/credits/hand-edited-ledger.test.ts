import { sql, type Kysely } from 'kysely';
import { describe, expect } from 'vitest';
import { CHAIN_START } from '../../src-shared/licensing/spend-chain';
import type { Database } from '../book/schema';
import { byHand } from '../../test-support/by-hand';
import { licensingOf, test as serverTest } from '../../test-support/server-test';
import { testCore, type TestCore } from '../../test-support/test-core';
import type { TestLicensing } from '../../test-support/licensing/test-server';
import { reserveCredits, returnCredits } from './ledger';
import { spendLink } from './spend-link';

// Someone with the book file and Daftar's source edits the credit tables by hand, in SQL.
// Each test: a desktop that knows a licensing server of the test's own (freshLicensing: the server's
// first device is the test's).
const test = serverTest.extend('desktop', async ({ freshLicensing }, { onCleanup }): Promise<TestCore> => {
  const t = await testCore({ licensing: licensingOf(freshLicensing) });
  onCleanup(() => t.close().catch(() => {})); // a book edited by hand may not close cleanly
  return t;
});

/** A spend row written with SQL at the end of the chain, linked exactly as Daftar links its own. */
async function appendByHand(
  t: TestCore,
  row: { id: string; amount: number; reason: 'message' | 'return'; ref: string },
) {
  await byHand(t, (db) => append(db, row));
}

async function append(
  db: Kysely<Database>,
  row: { id: string; amount: number; reason: 'message' | 'return'; ref: string },
) {
  const last = await sql<{ chain_seq: number; chain_hash: string }>`
    select chain_seq, chain_hash from credit_spends order by chain_seq desc limit 1`.execute(db);
  const seq = Number(last.rows[0]?.chain_seq ?? 0) + 1;
  const createdAt = new Date().toISOString();
  const returns = row.reason === 'return' ? row.ref : null;
  const link = { seq, id: row.id, amount: row.amount, createdAt, reason: row.reason, returns, link: 2 as const };
  const hash = spendLink(last.rows[0]?.chain_hash ?? CHAIN_START, link);
  await sql`insert into credit_spends (id, amount, reason, ref, created_at, synced_at, chain_seq, chain_hash, chain_link)
    values (${row.id}, ${row.amount}, ${row.reason}, ${row.ref}, ${createdAt}, null, ${seq}, ${hash}, 2)`.execute(db);
}

const serverStanding = (L: TestLicensing) =>
  L.ctx.store.db.selectFrom('devices').select(['standing', 'standing_reason']).executeTakeFirstOrThrow();

describe('a credit ledger edited by hand', () => {
  test('a return of a spend the book never made counts nothing, and the next sync is refused', async ({
    desktop: t,
    freshLicensing: L,
  }) => {
    expect(await t.ok('credits.sync', {})).toMatchObject({ balance: 5, lastError: null });
    await appendByHand(t, { id: 'minted', amount: -1_000_000, reason: 'return', ref: 'no-such-spend' });

    expect((await t.ok('credits.status', {})).balance).toBe(5);
    await expect(reserveCredits(t.core.book, t.core.grants, 6, 'outbox-6', new Date())).rejects.toMatchObject({
      code: 'no_credit',
    });
    expect(await t.ok('credits.sync', {})).toMatchObject({ balance: 5, lastError: 'bad_return' });
    expect(await serverStanding(L)).toEqual({ standing: 'out_of_sync', standing_reason: 'bad_return' });
  });

  test('a return counts only for an earlier message spend, once, for its amount', async ({
    desktop: t,
    freshLicensing: L,
  }) => {
    await t.ok('credits.sync', {});
    const db = t.core.book.db;
    const spend = await reserveCredits(t.core.book, t.core.grants, 2, 'outbox-1', new Date());
    expect((await t.ok('credits.status', {})).balance).toBe(3);

    // A message spend with a negative amount is no spend, and nothing to return.
    await appendByHand(t, { id: 'negative', amount: -4, reason: 'message', ref: 'outbox-2' });
    expect((await t.ok('credits.status', {})).balance).toBe(3);

    // The honest refund counts once. With the index that forbids a second return gone: a second
    // return, one for more than was spent, and one of the return itself count nothing.
    await returnCredits(t.core.book, spend, new Date());
    expect((await t.ok('credits.status', {})).balance).toBe(5);
    const honest = await db.selectFrom('credit_spends').select('id').where('ref', '=', spend).executeTakeFirstOrThrow();
    await byHand(t, (owner) => sql`drop index credit_spends_one_return`.execute(owner));
    await appendByHand(t, { id: 'again', amount: -2, reason: 'return', ref: spend });
    await appendByHand(t, { id: 'more', amount: -3, reason: 'return', ref: spend });
    await appendByHand(t, { id: 'of-return', amount: -2, reason: 'return', ref: honest.id });
    expect((await t.ok('credits.status', {})).balance).toBe(5);

    // The server takes the spend, then refuses the first return that breaks the rule.
    expect(await t.ok('credits.sync', {})).toMatchObject({ balance: 5, lastError: 'bad_return' });
    const taken = await L.ctx.store.db.selectFrom('spends').select(['id', 'amount']).execute();
    expect(taken.map((s) => [s.id, Number(s.amount)])).toEqual([[spend, 2]]);
  });

  test('counts each grant once, even when the table no longer refuses a copy', async ({ desktop: t }) => {
    expect((await t.ok('credits.sync', {})).balance).toBe(5);
    // The primary key dropped (the table built again without it), then the genuine grant copied in.
    await byHand(t, async (db) => {
      await sql`create table credit_grants_copy as select * from credit_grants`.execute(db);
      await sql`drop table credit_grants`.execute(db);
      await sql`alter table credit_grants_copy rename to credit_grants`.execute(db);
      await sql`insert into credit_grants select * from credit_grants`.execute(db);
    });
    expect(await t.ok('credits.status', {})).toMatchObject({ balance: 5, lastError: 'bad_grant' });
    expect(await t.ok('credits.sync', {})).toMatchObject({ balance: 5 });
  });
});
