import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CallInput } from '../../src-shared/api/contract';
import type { Voucher } from '../../src-shared/api/vouchers.api';
import { migrations } from '../book/migrations';
import { openBook } from '../book/open-book';
import { addParty, invoiceInput, paymentInput } from '../../test-support/fixtures';
import { testCore, type TestCore } from '../../test-support/test-core';

// The list's totals and deep pages come from the per-day counts (migration 0019). These tests hold
// them to what one plain read of the vouchers gives, through saves, edits that move a voucher to
// another day, and cancels; on a file and (npm run test:office) on PostgreSQL.

let t: TestCore;
beforeEach(async () => {
  t = await testCore();
});
afterEach(() => t.close());

type VoucherListInput = CallInput<'vouchers.list'>;

const key = (v: Pick<Voucher, 'type' | 'number'>) => `${v.type}:${v.number}`;

/** What the list must show: the vouchers filtered and ordered newest first, by hand. */
function expected(all: Voucher[], f: Partial<VoucherListInput>): string[] {
  return all
    .filter((v) => (!f.type || v.type === f.type) && (f.includeCancelled !== false || v.status === 'active'))
    .filter((v) => (!f.from || v.date >= f.from) && (!f.to || v.date <= f.to))
    .sort((a, b) => b.date.localeCompare(a.date) || b.number - a.number)
    .map(key);
}

/** A few weeks of an office: several vouchers a day of three types, some moved to another day, some cancelled. */
async function busyFortnight(): Promise<{ all: Voucher[]; customerId: string }> {
  const customer = await addParty(t, 'customer', 'شركة الأمل');
  const saved: Voucher[] = [];
  // Numbers apart per type (1…, 1001…, 2001…), so "newest first" has no ties between types on a day.
  for (let i = 0; i < 45; i++) {
    const date = `2026-03-${String(1 + ((i * 7) % 17)).padStart(2, '0')}`;
    const input =
      i % 3 === 0
        ? invoiceInput(customer.id, { date, number: 1 + i })
        : paymentInput(i % 3 === 1 ? 'receipt' : 'payment', customer.id, 100 + i, date, { number: 1000 * (i % 3) + i });
    saved.push(await t.ok('vouchers.save', input));
  }
  for (const i of [0, 4, 9, 20, 33]) {
    const v = saved[i]!;
    const base =
      v.type === 'sales_invoice'
        ? invoiceInput(customer.id, { number: v.number })
        : paymentInput(v.type as 'receipt' | 'payment', customer.id, 100, '', { number: v.number });
    saved[i] = await t.ok('vouchers.save', { ...base, id: v.id, expectedRevision: v.revision, date: '2026-04-02' });
  }
  for (const i of [3, 4, 11, 30, 44]) saved[i] = await t.ok('vouchers.cancel', { id: saved[i]!.id });
  return { all: saved, customerId: customer.id };
}

it('pages through every filter, and past the end, exactly as one plain read of the vouchers, with its total', async () => {
  const { all, customerId } = await busyFortnight();
  const filters: Partial<VoucherListInput>[] = [
    {},
    { type: 'sales_invoice' },
    { type: 'receipt', includeCancelled: false },
    { includeCancelled: false },
    { from: '2026-03-05', to: '2026-03-12' },
    { type: 'payment', from: '2026-03-10' },
    { to: '2026-03-03', includeCancelled: false },
    { from: '2026-05-01' },
    // Counted by the page itself (every voucher is the one customer's).
    { partyId: customerId, includeCancelled: false },
    { search: 'الأمل', type: 'receipt' },
  ];
  for (const f of filters) {
    const want = expected(all, f);
    for (const limit of [4, 7]) {
      const got: string[] = [];
      for (let offset = 0; offset < want.length + limit; offset += limit) {
        const page = await t.ok('vouchers.list', { ...f, limit, offset });
        expect(page.total, JSON.stringify(f)).toBe(want.length);
        got.push(...page.items.map(key));
      }
      expect(got, `${JSON.stringify(f)} by ${limit}`).toEqual(want);
    }
  }
});

it('keeps the per-day counts equal to the vouchers through saves, moves and cancels', async () => {
  await busyFortnight();
  const db = t.core.book.db;
  const counted = await sql<{ k: string }>`select type || ' ' || status || ' ' || date || ' ' || n as k
    from voucher_days where n <> 0`.execute(db);
  const byHand = await sql<{ k: string }>`select type || ' ' || status || ' ' || date || ' ' || count(*) as k
    from vouchers group by type, status, date`.execute(db);
  expect(counted.rows.map((r) => r.k).sort()).toEqual(byHand.rows.map((r) => r.k).sort());
  expect(counted.rows.length).toBeGreaterThan(20);
});

it('counts the vouchers a book held before the per-day counts existed (migration 0019)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'daftar-voucher-days-'));
  try {
    const file = join(dir, 'book.sqlite');
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0019'));
    const old = await openBook({ file, migrations: before });
    old.sqlite.exec(`insert into parties (id, kind, code, name, search_key, created_at, updated_at)
      values ('P1', 'customer', 'C1', 'x', 'x', '2026-01-01', '2026-01-01')`);
    const insert = old.sqlite.prepare(`insert into vouchers (id, type, number, date, party_id, currency, language,
      status, subtotal_minor, discount_minor, tax_minor, total_minor, created_at, updated_at)
      values (?, ?, ?, ?, 'P1', 'ILS', 'ar', ?, 0, 0, 0, 0, '2026-01-01', '2026-01-01')`);
    for (let i = 1; i <= 30; i++)
      insert.run(
        `V${i}`,
        i % 2 ? 'sales_invoice' : 'receipt',
        i,
        `2026-01-${10 + (i % 5)}`,
        i % 7 ? 'active' : 'cancelled',
      );
    await old.close();

    const book = await openBook({ file });
    const days = book.sqlite
      .prepare(`select type, status, date, n from voucher_days order by type, status, date`)
      .all();
    const byHand = book.sqlite
      .prepare(`select type, status, date, count(*) as n from vouchers group by type, status, date order by 1, 2, 3`)
      .all();
    expect(days).toEqual(byHand);
    expect(days.length).toBeGreaterThan(5);
    await book.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
