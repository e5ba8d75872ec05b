import { expect } from 'vitest';
import type { Ports } from '../../ports';
import { connectionOf, type FreshDatabase } from '../../../test-support/fresh-postgres';
import { addParty, invoiceInput, postfixMailbox } from '../../../test-support/fixtures';
import type { TestLicensing } from '../../../test-support/licensing/test-server';
import { test } from '../../../test-support/server-test';
import { TEST_CA } from '../../../test-support/smtp-test-server';
import { testCore, type TestCore } from '../../../test-support/test-core';

// Two desktops of one office book (officeDatabase), Debian's Postfix and Dovecot (mailServers): the
// desktop that sent a message is switched off before anyone read the mailbox, and the other one appends the Sent copy.
const desktop = async (database: FreshDatabase, printer: Ports['printer'], L: TestLicensing): Promise<TestCore> => {
  const t = await testCore({
    office: connectionOf(database.url),
    printer,
    smtpCa: [TEST_CA],
    smtpTimeoutMs: 5000,
    licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
  });
  // The mail servers stamp real time: so does this desktop.
  t.ports.clock.time = new Date();
  return t;
};

test('appends the Sent copy of a message from another desktop of the office, once, the very bytes', async ({
  officeDatabase,
  printer,
  licensing,
  mailServers: servers,
}) => {
  const a = await desktop(officeDatabase, printer, licensing);
  await a.ok('mailbox.save', postfixMailbox(servers));
  await a.ok('credits.sync', {});
  const customer = await addParty(a, 'customer', 'شركة النور للتجارة', { emails: `customer@${servers.domain}` });
  const invoice = await a.ok('vouchers.save', invoiceInput(customer.id, { number: 8001 }));
  const target = { kind: 'voucher' as const, id: invoice.id };
  const prepared = await a.ok('mail.prepare', { target });
  const { id } = await a.ok('mail.send', { target, to: prepared.to, subject: prepared.subject });
  await a.core.outbox.runOnce();
  const sent = (await a.ok('mail.outbox', {})).items.find((r) => r.id === id)!;
  expect(sent.status).toBe('sent');
  // The bytes for the copy are in the book, where every desktop reaches them.
  const owed = await a.core.book.db
    .selectFrom('outbox')
    .select(['sent_copy', 'raw_file'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  expect(owed.sent_copy).toBe('pending');
  const kept = () =>
    a.core.book.db.selectFrom('kept_files').select('sha256').where('sha256', '=', owed.raw_file!).execute();
  expect(await kept()).toHaveLength(1);
  // Desktop A is switched off before it read the mailbox: the copy it owes is the office's to append.
  await a.close();

  const b = await desktop(officeDatabase, printer, licensing);
  await b.core.reader.readOnce();
  const copies = (await servers.sources('office', 'Sent')).filter((s) => s.includes(sent.messageId));
  expect(copies).toHaveLength(1);
  // The very message the customer's server took in (after the trace headers it added).
  const received = (await servers.sources('customer', 'INBOX')).find((s) => s.includes(sent.messageId))!;
  expect(received.subarray(received.length - copies[0]!.length).equals(copies[0]!)).toBe(true);

  // Marked done, its bytes gone from the book, and a second look appends nothing more.
  const row = await b.core.book.db
    .selectFrom('outbox')
    .select(['sent_copy', 'raw_file'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  expect(row).toEqual({ sent_copy: 'done', raw_file: null });
  expect(
    await b.core.book.db.selectFrom('kept_files').select('sha256').where('sha256', '=', owed.raw_file!).execute(),
  ).toEqual([]);
  await b.core.reader.readOnce();
  expect((await servers.sources('office', 'Sent')).filter((s) => s.includes(sent.messageId))).toHaveLength(1);
  await b.close();
}, 120_000);
