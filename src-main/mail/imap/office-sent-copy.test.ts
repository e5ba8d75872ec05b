import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestLicensing, type TestLicensing } from '../../../test-support/licensing/test-server';
import { ChromiumPrinter } from '../../host/chromium-printer';
import { connectionOf, freshPostgres, type FreshDatabase } from '../../../test-support/fresh-postgres';
import { addParty, invoiceInput, postfixMailbox } from '../../../test-support/fixtures';
import { startMailServers, type MailServers } from '../../../test-support/mail-servers';
import { TEST_CA } from '../../../test-support/smtp-test-server';
import { RESOURCES_DIR, testCore, type TestCore } from '../../../test-support/test-core';

// Two desktops of one office book, Debian's Postfix and Dovecot: the desktop that sent a message is
// switched off before anyone read the mailbox, and the other one appends the Sent copy.
const printer = new ChromiumPrinter(RESOURCES_DIR);
let servers: MailServers;
let L: TestLicensing;
let database: FreshDatabase;

beforeAll(async () => {
  servers = await startMailServers(['office', 'customer']);
  L = await startTestLicensing('sqlite');
  database = await freshPostgres('office_sent_copy');
}, 60_000);
afterAll(async () => {
  await servers?.stop();
  await L?.close();
  await database?.drop();
  await printer.close();
});

const desktop = async (): Promise<TestCore> => {
  const t = await testCore({
    office: connectionOf(database.url),
    printer: { pdf: (h) => printer.pdf(h), close: async () => {} },
    smtpCa: [TEST_CA],
    smtpTimeoutMs: 5000,
    licensing: { url: L.server.url, publicKeyPem: L.publicKeyPem, timeoutMs: 2000 },
  });
  // The mail servers stamp real time: so does this desktop.
  t.ports.clock.time = new Date();
  return t;
};

it('appends the Sent copy of a message from another desktop of the office, once, the very bytes', async () => {
  const a = await desktop();
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

  const b = await desktop();
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
