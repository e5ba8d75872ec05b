import { afterEach, expect } from 'vitest';
import { connectionOf, type FreshDatabase } from '../../test-support/fresh-postgres';
import type { TestLicensing } from '../../test-support/licensing/test-server';
import { test } from '../../test-support/server-test';
import { testCore, type TestCore } from '../../test-support/test-core';
import { reserveCredits } from './ledger';

// Two desktops of one office, each with its own secret store, on one PostgreSQL book (the officeDatabase fixture).
let desktops: TestCore[] = [];
afterEach(async () => {
  for (const d of desktops) await d.core.close();
  desktops = [];
});

const desktop = async (database: FreshDatabase, L: TestLicensing) => {
  const d = await testCore({
    office: connectionOf(database.url),
    licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
  });
  desktops.push(d);
  return d;
};

test('the desktops of an office book spend from one pool, never more than it holds, each spend once at the server', async ({
  officeDatabase,
  licensing: L,
}) => {
  const a = await desktop(officeDatabase, L);
  expect(await a.ok('credits.sync', {})).toMatchObject({ balance: 5 }); // the office's trial
  // Desktop B comes to the book's place at the licensing server: no second account, no second trial.
  const b = await desktop(officeDatabase, L);
  expect(await b.ok('credits.sync', {})).toMatchObject({ registered: true, balance: 5, lastError: null });
  expect(await L.ctx.store.db.selectFrom('accounts').select('id').execute()).toHaveLength(1);
  expect(await L.ctx.store.db.selectFrom('devices').select('id').execute()).toHaveLength(1);

  // Both desktops take credits at once, eight messages from a pool of five.
  const now = new Date();
  const tries = await Promise.allSettled(
    Array.from({ length: 8 }, (_, i) => {
      const d = i % 2 ? a : b;
      return reserveCredits(d.core.book, d.core.grants, 1, `message-${i}`, now);
    }),
  );
  expect(tries.filter((t) => t.status === 'fulfilled')).toHaveLength(5);
  for (const t of tries.filter((t) => t.status === 'rejected'))
    expect((t as PromiseRejectedResult).reason).toMatchObject({ code: 'no_credit' });
  expect(await a.ok('credits.status', {})).toMatchObject({ balance: 0 });

  // Both desktops sync together: the server takes each spend once, and the chain adds up.
  const [fromA, fromB] = await Promise.all([a.ok('credits.sync', {}), b.ok('credits.sync', {})]);
  for (const status of [fromA, fromB, await b.ok('credits.sync', {})])
    expect(status.lastError === null || status.lastError === 'spend_conflict').toBe(true);
  expect(await b.ok('credits.sync', {})).toMatchObject({ balance: 0, unsyncedSpends: 0, lastError: null });
  const spends = await L.ctx.store.db.selectFrom('spends').select(['amount']).execute();
  expect(spends.reduce((sum, s) => sum + Number(s.amount), 0)).toBe(5);
  const standing = await L.ctx.store.db.selectFrom('devices').select('standing').executeTakeFirstOrThrow();
  expect(standing.standing).toBe('ok');
}, 60_000);
