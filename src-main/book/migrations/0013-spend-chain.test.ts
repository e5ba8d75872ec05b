import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CHAIN_START } from '../../../src-shared/licensing/spend-chain';
import { spendLink } from '../../credits/spend-link';
import { insertSpend, unsyncedSpends } from '../../credits/credits.repo';
import { openBook } from '../open-book';
import { migrations } from './index';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'daftar-0013-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('chains the spends a book already had, in order, and new spends follow on', async () => {
  const file = join(dir, 'book.sqlite');
  const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0013'));
  const old = await openBook({ file, migrations: before });
  const add = old.sqlite.prepare(
    `insert into credit_spends (id, amount, reason, ref, created_at, synced_at) values (?, ?, 'message', ?, ?, ?)`,
  );
  add.run('B', 2, 'o2', '2026-06-02T00:00:00.000Z', '2026-06-02T00:01:00.000Z');
  add.run('A', 3, 'o1', '2026-06-01T00:00:00.000Z', null);
  await old.close();

  const book = await openBook({ file });
  await insertSpend(book.db, {
    id: 'C',
    amount: 1,
    reason: 'message',
    ref: 'o3',
    created_at: '2026-06-03T00:00:00.000Z',
  });
  // Links made then carry neither reason nor what they return (link 1, kept by 0024); new ones do.
  const made = { reason: 'message', returns: null, link: 1 } as const;
  const h1 = spendLink(CHAIN_START, { seq: 1, id: 'A', amount: 3, createdAt: '2026-06-01T00:00:00.000Z', ...made });
  const h2 = spendLink(h1, { seq: 2, id: 'B', amount: 2, createdAt: '2026-06-02T00:00:00.000Z', ...made });
  expect(await unsyncedSpends(book.db)).toEqual([
    { id: 'A', amount: 3, createdAt: '2026-06-01T00:00:00.000Z', seq: 1, prevHash: CHAIN_START, ...made },
    { id: 'C', amount: 1, createdAt: '2026-06-03T00:00:00.000Z', seq: 3, prevHash: h2, ...made, link: 2 },
  ]);
  await book.close();
});
