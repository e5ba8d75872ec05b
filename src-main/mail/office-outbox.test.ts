import { createHash } from 'node:crypto';
import { expect } from 'vitest';
import { addParty, bulkInput, companyInput, invoiceInput, loopbackMailbox } from '../../test-support/fixtures';
import { type TestCore } from '../../test-support/test-core';
import { payCheckout } from '../../test-support/licensing/pay';
import { emailInvoices, test } from '../../test-support/office-sending';

// Two desktops of one office on one PostgreSQL book, each with its own data folder and outbox worker, sending together; desktops that leave or fail are in office-outbox-failover.test.ts.
// Each test: a fresh office book with desktop() to open it (the office fixture) and a loopback SMTP server (smtp).

test('two desktops’ outbox workers send each message of the office once, the PDF kept where both reach it', async ({
  office: { desktop },
  smtp,
}) => {
  const a = await desktop();
  await a.ok('company.save', companyInput());
  await a.ok('mailbox.save', loopbackMailbox(smtp.port));
  await a.ok('credits.sync', {}); // the 5-message trial
  const customer = await addParty(a, 'customer', 'شركة النور للتجارة', { emails: 'a@alnoor.ps' });
  const queued = await emailInvoices(a, customer.id, [1, 2, 3, 4, 5]);

  // The second desktop: the same book, its own data folder and secret store. The mailbox's password
  // and the credits' place at the licensing server are the book's: B sends with what A saved.
  const b = await desktop();
  // The message desktop A queued, previewed on desktop B: the very file, from the book.
  const kept = await b.ok('mailReport.attachment', { id: queued[0]! });
  const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  expect(sha(Buffer.from(kept.pdfBase64, 'base64'))).toBe(kept.sha256);

  await Promise.all([a.core.outbox.runOnce(), b.core.outbox.runOnce(), a.core.outbox.runOnce()]);
  const ids = smtp.messages.map((m) => m.mail.messageId);
  expect(ids).toHaveLength(5);
  expect(new Set(ids).size).toBe(5);
  // What went out is the very PDF desktop B was shown.
  const subjects = smtp.messages.map((m) => m.mail.subject);
  const firstSent = smtp.messages[subjects.indexOf('فاتورة 1')]!;
  expect(sha(firstSent.mail.attachments[0]!.content)).toBe(kept.sha256);
  const outbox = (await b.ok('mail.outbox', {})).items.filter((m) => queued.includes(m.id));
  expect(outbox.map((m) => m.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
}, 90_000);

test('runs a bulk on one desktop at a time; when that desktop stops, another takes it over, each message once', async ({
  office: { desktop },
  smtp,
}) => {
  const a = await desktop();
  await a.ok('company.save', companyInput());
  await a.ok('mailbox.save', loopbackMailbox(smtp.port));
  const { checkoutUrl } = await a.ok('credits.createOrder', { packs: 1, method: 'card' });
  await payCheckout(checkoutUrl);
  await a.ok('credits.sync', {});
  const customer = await addParty(a, 'customer', 'شركة النور للتجارة', { emails: 'a@alnoor.ps' });
  for (let n = 1; n <= 12; n++) await a.ok('vouchers.save', invoiceInput(customer.id, { number: n }));

  // Desktop B looks for bulks nobody runs every 200 ms, and so sees A's while A runs it.
  const b = await desktop({ bulkTakeOverMs: 200 });
  const bulk = await a.ok('bulk.start', {
    options: bulkInput({ range: { by: 'number', from: 1, to: 12 } }),
  });
  const queued = async (d: TestCore) => (await d.ok('mail.outbox', {})).items.length;
  await expect.poll(() => queued(a), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  await a.core.close(); // A stops between two documents, mid-bulk

  await expect.poll(async () => (await b.ok('bulk.get', { id: bulk.id })).status, { timeout: 60_000 }).toBe('done');
  for (let pass = 0; pass < 5 && smtp.messages.length < 12; pass++) await b.core.outbox.runOnce();
  const subjects = smtp.messages.map((m) => m.mail.subject);
  expect(subjects).toHaveLength(12);
  expect(new Set(subjects).size).toBe(12);
  expect(new Set(smtp.messages.map((m) => m.mail.messageId)).size).toBe(12);
}, 120_000);

test('keeps the provider’s sending limit for the office, not for each desktop: two workers send three in a minute of three', async ({
  office: { desktop },
  smtp,
}) => {
  const a = await desktop();
  await a.ok('company.save', companyInput());
  const limits = { recipientsPerMessage: null, messagesPerMinute: 3, recipientsPerDay: null };
  await a.ok('mailbox.save', loopbackMailbox(smtp.port, { limits }));
  await a.ok('credits.sync', {}); // the 5-message trial
  const customer = await addParty(a, 'customer', 'شركة النور للتجارة', { emails: 'a@alnoor.ps' });
  const b = await desktop();
  await emailInvoices(a, customer.id, [1, 2, 3, 4, 5]);
  // The office's one balance, spent on desktop A, shows on desktop B as it moves.
  const balanceOnB = () =>
    b.events.findLast((e) => e.name === 'credits.changed')?.payload as { balance: number | null } | undefined;
  await expect.poll(() => balanceOnB()?.balance, { timeout: 5000 }).toBe(0);
  await Promise.all([a.core.outbox.runOnce(), b.core.outbox.runOnce()]);
  expect(smtp.messages).toHaveLength(3);
  const outbox = (await b.ok('mail.outbox', {})).items;
  expect(outbox.filter((m) => m.status === 'sent')).toHaveLength(3);
  expect(outbox.filter((m) => m.status === 'queued').map((m) => m.lastError)).toEqual(['minute_limit', 'minute_limit']);
}, 90_000);
