import { expect, it } from 'vitest';
import { parseAddressList } from '../../src-shared/email/addresses';
import { voucherTotals } from '../../src-shared/vouchers/totals';
import { VOUCHER_TYPES } from '../../src-shared/vouchers/types';
import { testCore } from '../../test-support/test-core';
import { fillDemoBook } from './demo-data';
import { localBook } from '../book/book';

it('fills a book with valid cards and every voucher type, totals by the shared rule', async () => {
  const t = await testCore();
  const result = fillDemoBook(t.core.book, { vouchers: 1500, customers: 60, seed: 7, until: new Date('2026-11-27') });
  expect(result.vouchers).toBe(1500);
  const db = localBook(t.core.book).sqlite;

  const types = (db.prepare('select distinct type from vouchers').all() as { type: string }[]).map((r) => r.type);
  expect(types.sort()).toEqual([...VOUCHER_TYPES].sort());
  const span = db.prepare('select min(date) as first, max(date) as last from vouchers').get() as {
    first: string;
    last: string;
  };
  expect(span.first < '2025-01-01' && span.last >= '2026-11-01').toBe(true);

  const customers = db.prepare(`select emails from parties where kind = 'customer'`).all() as { emails: string }[];
  const sizes = new Set(customers.map((c) => (c.emails ? c.emails.split(',').length : 0)));
  expect([...sizes].sort()).toEqual([0, 1, 2, 3]);
  for (const { emails } of customers) expect(parseAddressList(emails).ok).toBe(true);

  // Stored totals agree with the lines, as a save through the app would have them.
  const invoice = db.prepare(`select id, total_minor from vouchers where type = 'sales_invoice' limit 1`).get() as {
    id: string;
    total_minor: number;
  };
  const lines = (await t.ok('vouchers.get', { id: invoice.id })).lines;
  expect(voucherTotals(lines).totalMinor).toBe(invoice.total_minor);

  // The app reads it like any other book.
  const someone = db.prepare(`select party_id from vouchers where type = 'sales_invoice' limit 1`).get() as {
    party_id: string;
  };
  const statement = await t.ok('statements.accountStatement', {
    partyId: someone.party_id,
    from: '2020-01-01',
    to: '2026-12-31',
  });
  expect(statement.sections.length).toBeGreaterThan(0);
  await t.close();
});
