import { describe, expect } from 'vitest';
import type { BulkOptions } from '../../src-shared/api/bulk.api';
import type { CallInput } from '../../src-shared/api/contract';
import { addParty, bulkInput, invoiceInput, loopbackMailbox, paymentInput } from '../../test-support/fixtures';
import { buyCredits, licensingOf, test as serverTest } from '../../test-support/server-test';
import { testCore, type TestCore } from '../../test-support/test-core';

/** A test's core and the ids of its cards; a test that restarts the core puts the new one in `t`. */
interface BulkBook {
  t: TestCore;
  ids: Record<'a' | 'b' | 'c' | 's', string>;
}

/**
 * Each test: a core that mails (mailingCore, through the test's smtp server) with cards a, b, c
 * (an address gone bad in an older book) and s, and their documents of January and February.
 */
const test = serverTest.extend('bulkBook', async ({ mailingCore: t }, { onCleanup }): Promise<BulkBook> => {
  const a = await addParty(t, 'customer', 'أ', { emails: 'a1@x.ps,a2@x.ps' });
  const b = await addParty(t, 'customer', 'ب');
  const c = await addParty(t, 'customer', 'ج', { emails: 'c@x.ps' });
  // A card whose stored address became invalid (an older book): the bulk must skip it with the reason.
  await t.core.book.db.updateTable('parties').set({ emails: 'c@broken' }).where('id', '=', c.id).execute();
  const s = await addParty(t, 'supplier', 'مورد', { emails: 's@x.ps' });
  for (const day of ['05', '10', '15']) await t.ok('vouchers.save', invoiceInput(a.id, { date: `2026-01-${day}` }));
  const cancelled = await t.ok('vouchers.save', invoiceInput(a.id, { date: '2026-01-20' }));
  await t.ok('vouchers.cancel', { id: cancelled.id });
  await t.ok('vouchers.save', invoiceInput(b.id, { date: '2026-01-21' }));
  await t.ok('vouchers.save', invoiceInput(c.id, { date: '2026-01-22' }));
  await t.ok('vouchers.save', invoiceInput(s.id, { type: 'purchase_invoice', date: '2026-01-23' }));
  await t.ok('vouchers.save', paymentInput('receipt', a.id, 1000, '2026-01-24'));
  await t.ok('vouchers.save', invoiceInput(a.id, { date: '2026-02-01' }));
  const book: BulkBook = { t, ids: { a: a.id, b: b.id, c: c.id, s: s.id } };
  onCleanup(() => book.t.close()); // a restarted core (mailingCore closes the first)
  return book;
});

const opts = bulkInput;
const preview = (t: TestCore, o: Partial<BulkOptions>) =>
  t.ok('bulk.preview', { options: opts(o) } as CallInput<'bulk.preview'>);

describe('bulk.preview', () => {
  test('counts messages, recipients and cost by type and number range, with skips and their reasons', async ({
    bulkBook: { t },
  }) => {
    const p = await preview(t, {});
    expect(p).toMatchObject({
      total: 7,
      messages: 4,
      recipients: 8,
      cost: 8,
      balance: 5,
      skipped: { cancelled: 1, no_address: 1, invalid_address: 1, already_sent: 0 },
    });
    expect(p.documents.map((d) => d.skip)).toEqual([
      null,
      null,
      null,
      'cancelled',
      'no_address',
      'invalid_address',
      null,
    ]);
    expect((await preview(t, { range: { by: 'number', from: 2, to: 3 } })).messages).toBe(2);
  });

  test('covers all types, a date range, one party, parties of one kind, cancelled included, and a CC', async ({
    bulkBook: { t, ids },
  }) => {
    expect(
      await preview(t, { type: undefined, range: { by: 'date', from: '2026-01-01', to: '2026-01-31' } }),
    ).toMatchObject({ total: 8, messages: 5 + 0, skipped: { cancelled: 1, no_address: 1, invalid_address: 1 } });
    expect((await preview(t, { party: { mode: 'party', partyId: ids.a } })).messages).toBe(4);
    expect((await preview(t, { type: undefined, party: { mode: 'kind', kind: 'supplier' } })).messages).toBe(1);
    expect((await preview(t, { includeCancelled: true })).messages).toBe(5);
    expect((await preview(t, { cc: ['archive@daftar.ps'] })).cost).toBe(12);
  });

  test('skips documents already sent in their current revision', async ({ bulkBook: { t, ids } }) => {
    const list = await t.ok('vouchers.list', { type: 'sales_invoice', partyId: ids.a });
    await t.ok('mail.send', { target: { kind: 'voucher', id: list.items[0]!.id }, to: ['a1@x.ps'], subject: 'x' });
    expect(await preview(t, {})).toMatchObject({ messages: 3, skipped: { already_sent: 1 } });
    expect((await preview(t, { skipAlreadySent: false })).messages).toBe(4);
  });
});

describe('bulk.start', () => {
  test('refuses when the cost exceeds the balance, and sends only what the balance covers when asked', async ({
    bulkBook: { t },
  }) => {
    expect(await t.fail('bulk.start', { options: opts() })).toMatchObject({
      code: 'no_credit',
      details: { needed: 8, balance: 5 },
    });
    const bulk = await t.ok('bulk.start', { options: opts(), limitToBalance: true });
    await expect.poll(async () => (await t.ok('bulk.get', { id: bulk.id })).status, { timeout: 30_000 }).toBe('done');
    const done = await t.ok('bulk.get', { id: bulk.id });
    expect(done.number).toBe(1);
    // 2 messages × 2 recipients = 4 credits of 5; the other documents are left out.
    expect(done.tally).toMatchObject({ total: 6, skipped: 4 });
    expect(done.tally.sent + done.tally.waiting).toBe(2);
    expect((await t.ok('credits.status', {})).balance).toBe(1);
  }, 60_000);

  test('queues each document once, the worker sends them, and the ledger is charged once per recipient', async ({
    bulkBook: { t },
    smtp,
  }) => {
    await buyCredits(t);
    const before = (await t.ok('credits.status', {})).balance!;
    const bulk = await t.ok('bulk.start', { options: opts({ note: 'كشف شهري' }) });
    await expect.poll(async () => (await t.ok('bulk.get', { id: bulk.id })).status, { timeout: 30_000 }).toBe('done');
    await t.core.outbox.runOnce();
    const done = await t.ok('bulk.get', { id: bulk.id });
    expect(done.tally).toMatchObject({ total: 6, sent: 4, skipped: 2, failed: 0, waiting: 0 });
    expect(smtp.messages).toHaveLength(4);
    expect(smtp.messages.every((m) => m.rcptTo.length === 2 && m.mail.text!.startsWith('كشف شهري'))).toBe(true);
    expect(new Set(smtp.messages.map((m) => m.mail.messageId)).size).toBe(4);
    expect((await t.ok('credits.status', {})).balance).toBe(before - 8);
    expect(t.events.some((e) => e.name === 'bulk.progress')).toBe(true);
    // The mail report finds exactly this bulk's messages, and offers the bulk as a filter.
    const year = { from: '2026-01-01', to: '2026-12-31', search: '' };
    const report = await t.ok('mailReport.query', { filters: { ...year, bulkId: bulk.id } });
    expect(report.totals).toEqual({ messages: 4, recipients: 8, credits: 8, sent: 4, bounced: 0, failed: 0 });
    expect(new Set(report.items.map((i) => i.messageId))).toEqual(new Set(smtp.messages.map((m) => m.mail.messageId)));
    expect((await t.ok('mailReport.choices', {})).bulks.map((b) => b.id)).toContain(bulk.id);
  }, 60_000);

  test('pauses, resumes and cancels; cancelling returns the credits of what was not sent', async ({
    bulkBook: { t },
    smtp,
  }) => {
    await buyCredits(t);
    // Nowhere to send to: queued messages wait, so the cancel finds them all unsent.
    await t.ok('mailbox.save', loopbackMailbox(1, { username: '', password: '' }));
    const before = (await t.ok('credits.status', {})).balance!;
    const bulk = await t.ok('bulk.start', { options: opts() });
    const paused = await t.ok('bulk.pause', { id: bulk.id });
    expect(paused.status).toBe('paused');
    expect(paused.tally.waiting).toBeGreaterThan(0);
    expect((await t.ok('bulk.resume', { id: bulk.id })).status).toBe('running');
    const cancelled = await t.ok('bulk.cancel', { id: bulk.id });
    expect(cancelled.status).toBe('cancelled');
    // Nothing was sent: every credit came back.
    expect(cancelled.tally.sent).toBe(0);
    expect((await t.ok('credits.status', {})).balance).toBe(before);
    await t.core.outbox.runOnce();
    expect(smtp.messages).toHaveLength(0);
  }, 60_000);

  test('goes on after a restart where it stopped', async ({ bulkBook, smtp, printer, licensing }) => {
    let { t } = bulkBook;
    await buyCredits(t);
    const bulk = await t.ok('bulk.start', { options: opts() });
    await t.core.close(); // stops between documents
    const secrets = t.ports.secrets;
    t = await testCore({
      printer,
      onDisk: true,
      licensing: licensingOf(licensing),
      ...t.sameBook,
      bookFile: undefined,
    });
    bulkBook.t = t; // the fixture closes it after the test
    for (const [k, v] of secrets.values) await t.ports.secrets.set(k, v);
    await expect.poll(async () => (await t.ok('bulk.get', { id: bulk.id })).status, { timeout: 30_000 }).toBe('done');
    await t.core.outbox.runOnce();
    expect((await t.ok('bulk.get', { id: bulk.id })).tally).toMatchObject({ sent: 4, skipped: 2 });
    expect(smtp.messages).toHaveLength(4);
  }, 60_000);

  test('test-sends the first document to one address', async ({ bulkBook: { t }, smtp }) => {
    const { outboxId } = await t.ok('bulk.testSend', { options: opts(), to: 'me@daftar.ps' });
    await t.core.outbox.runOnce();
    expect(smtp.messages.map((m) => m.rcptTo)).toEqual([['me@daftar.ps']]);
    expect((await t.ok('mail.outbox', {})).items.find((r) => r.id === outboxId)).toMatchObject({
      status: 'sent',
      credits: 1,
    });
  }, 30_000);
});
