import { afterEach, expect, it } from 'vitest';
import type { CallInput } from '../../src-shared/api/contract';
import { ReadWorker } from './reads';
import { ACCOUNT_KINDS, buildStatement } from '../statements/statement';
import { fillDemoBook } from '../demo/demo-data';
import { testCore, type TestCore } from '../../test-support/test-core';
import { localBook } from '../book/book';
import type { MailReportFilters } from '../../src-shared/api/mail-report-filters';
import { liveOutbox, SEARCHED } from '../../test-support/live-outbox';
import { runRead } from './read-queries';

let t: TestCore;
afterEach(async () => t?.close());

// Every voucher of every type, dated over the demo's two years.
const everything = {
  options: { range: { by: 'date', from: '2000-01-01', to: '2100-12-31' } },
} as CallInput<'bulk.preview'>;

it('a read worker killed mid-read answers that read with an error; the next read starts a new worker and works', async () => {
  t = await testCore({ onDisk: true });
  fillDemoBook(t.core.book, { vouchers: 20_000, seed: 7 });
  const whole = await t.ok('bulk.preview', everything);
  expect(whole.total).toBe(20_000);

  const reading = t.core.call('bulk.preview', everything);
  expect(t.core.reads).toBeInstanceOf(ReadWorker);
  await (t.core.reads as ReadWorker).kill();
  expect(await reading).toMatchObject({ ok: false, error: { details: { reason: 'read_interrupted' } } });

  // A new worker, the same answer.
  expect(await t.ok('bulk.preview', everything)).toEqual(whole);
});

it('the worker reads beside the writer: a voucher saved a moment ago is counted', async () => {
  t = await testCore({ onDisk: true });
  fillDemoBook(t.core.book, { vouchers: 500, seed: 8 });
  const before = await t.ok('bulk.preview', everything);
  const party = localBook(t.core.book)
    .sqlite.prepare(`select id from parties where kind = 'customer' limit 1`)
    .get() as {
    id: string;
  };
  const { invoiceInput } = await import('../../test-support/fixtures');
  await t.ok('vouchers.save', invoiceInput(party.id, { number: 999_999, date: '2026-01-01' }));
  expect((await t.ok('bulk.preview', everything)).total).toBe(before.total + 1);
});

it('a statement read on the worker equals the one read in process, and its refusals keep their code and details', async () => {
  t = await testCore({ onDisk: true });
  fillDemoBook(t.core.book, { vouchers: 3_000, seed: 9 });
  const busiest = localBook(t.core.book)
    .sqlite.prepare(
      `select party_id as id from vouchers where type = 'sales_invoice' group by party_id order by count(*) desc limit 1`,
    )
    .get() as { id: string };
  const input = { partyId: busiest.id, from: '2000-01-01', to: '2100-12-31' };
  const onWorker = await t.ok('statements.accountStatement', input);
  expect(onWorker.sections[0]!.rows.length).toBeGreaterThan(1);
  expect(onWorker).toEqual(await buildStatement(t.core.book.db, input, ACCOUNT_KINDS));

  expect(
    await t.fail('statements.accountStatement', { ...input, partyId: '01NOSUCHCARD0000000000000X' }),
  ).toMatchObject({
    code: 'not_found',
    details: { id: '01NOSUCHCARD0000000000000X' },
  });
  const employee = localBook(t.core.book)
    .sqlite.prepare(`select id from parties where kind = 'employee' limit 1`)
    .get() as {
    id: string;
  };
  expect(await t.fail('statements.accountStatement', { ...input, partyId: employee.id })).toMatchObject({
    code: 'invalid_input',
    details: { fields: [{ path: 'partyId', reason: 'party_kind_not_allowed' }] },
  });
});

it('a searched mail report on the worker, whose facts fill in memory between reads, equals the one read in process as the outbox moves on', async () => {
  t = await testCore({ onDisk: true });
  const book = localBook(t.core.book);
  liveOutbox(book, 2500);
  const inProcess = async (f: MailReportFilters) => {
    const read = await runRead(t.core.book.db, 'mailReport', { filters: f, limit: 30, offset: 10 });
    return { totals: read.totals, perDay: read.perDay, ids: read.rows.map((r) => r.id) };
  };
  const onWorker = async (f: MailReportFilters) => {
    expect(t.core.reads).toBeInstanceOf(ReadWorker);
    const read = await t.core.reads.run('mailReport', { filters: f, limit: 30, offset: 10 });
    return { totals: read.totals, perDay: read.perDay, ids: read.rows.map((r) => r.id) };
  };
  // The first report is counted by SQLite and asks for the facts; the next ones count them in memory.
  for (let round = 0; round < 3; round++)
    for (const f of SEARCHED)
      expect({ round, f, ...(await onWorker(f)) }).toEqual({ round, f, ...(await inProcess(f)) });
  expect((await onWorker(SEARCHED[0]!)).totals.messages).toBeGreaterThan(100);

  liveOutbox(book, 800, 23);
  book.sqlite.exec(`update outbox set status = 'sent', bounced = 1 where rowid % 5 = 0`);
  for (const f of SEARCHED) expect({ f, ...(await onWorker(f)) }).toEqual({ f, ...(await inProcess(f)) });
});
